#!/usr/bin/env bash
# Validate the WebSocket contract (and the REST schemas it references) with the AsyncAPI CLI
# pinned in openapi/package.json; any warning fails. Its usage analytics and update check stay
# off: it reads a throw-away config that disables them, and never phones home.
set -euo pipefail
cd "$(dirname "$0")/../openapi"
config=$(mktemp)
trap 'rm -f "$config"' EXIT
echo '{"analyticsEnabled":"false","infoMessageShown":"true","userID":"quiver"}' >"$config"
export ASYNCAPI_METRICS_CONFIG_PATH="$config" ASYNCAPI_SKIP_NEW_VERSION_CHECK=true
output=$(npx --no-install asyncapi validate v0/asyncapi.yaml --fail-severity warn 2>&1) || {
  echo "$output"
  exit 1
}
echo "openapi/v0/asyncapi.yaml: valid"
