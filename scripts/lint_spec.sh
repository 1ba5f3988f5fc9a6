#!/usr/bin/env bash
# Lint the contract with Redocly; any warning fails, as does any error.
set -euo pipefail
cd "$(dirname "$0")/../openapi"
output=$(npx --no-install redocly lint --config ../redocly.yaml --format stylish 2>&1) || {
  echo "$output"
  exit 1
}
if grep -qiE '[0-9]+ warnings?' <<<"$output"; then
  echo "$output"
  echo "Redocly reported warnings; fix them or turn the rule off in redocly.yaml with a reason."
  exit 1
fi
echo "openapi/v0/openapi.yaml: lint clean"
