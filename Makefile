# Quiver: the two commands are `make run` and `make test`; everything else is a step of theirs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
CHROMIUM := /usr/bin/chromium
PGBOUNCER := /usr/sbin/pgbouncer
NATS_SERVER := /usr/sbin/nats-server
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true
export XDG_RUNTIME_DIR ?= /tmp/quiver-runtime

PY_SOURCES := backend/src backend/tests tests scripts conftest.py

.PHONY: help install run migrate test generate check-generated format format-check lint \
	typecheck lint-spec check-compat release-contract test-python test-frontend build-frontend bench-bundle \
	test-e2e bench faults \
	clean

help:
	@echo "make run              install, start the embedded database, migrate and serve"
	@echo "make test             install and run every check"
	@echo "make generate         regenerate models and types from openapi/"
	@echo "make check-generated  fail when generated code is stale"

# --- installation (stamp files make repeated runs instant) -------------------------------
$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

openapi/node_modules/.installed: openapi/package.json openapi/package-lock.json
	cd openapi && npm ci --no-audit --no-fund
	@touch $@

# The browser tests drive Debian's Chromium; Playwright's own browser downloads are not used.
$(CHROMIUM):
	@if [ "$$(id -u)" != 0 ]; then \
		echo "The browser tests need Debian's chromium: run 'sudo apt-get install -y chromium'." >&2; exit 1; fi
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

# The PgBouncer and NATS tests run Debian's servers (tests/e2e/test_pgbouncer.py, test_nats.py).
$(PGBOUNCER) $(NATS_SERVER):
	@if [ "$$(id -u)" != 0 ]; then \
		echo "The tests need Debian's $(notdir $@): run 'sudo apt-get install -y $(notdir $@)'." >&2; exit 1; fi
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(notdir $@)

install: $(VENV)/.installed frontend/node_modules/.installed openapi/node_modules/.installed $(CHROMIUM) \
	$(PGBOUNCER) $(NATS_SERVER)

# --- the built app -------------------------------------------------------------------------
# Everything the build reads, and nothing it writes (the generated types come from the
# contract files listed here): the app is rebuilt exactly when one of these changes.
# Folders are listed too, so that deleting or renaming a file also counts as a change.
FRONTEND_INPUTS := $(shell find frontend/src frontend/public frontend/scripts \
		-not -name '*.generated.ts' -not -name '*.test.ts') \
	$(wildcard frontend/*.html frontend/*.ts frontend/*.json frontend/.env*) \
	openapi/v0/openapi.yaml openapi/v0/asyncapi.yaml
FRONTEND_BUILT := frontend/dist/.built

# Types are checked by `make test` (test-frontend), not on the way to serving.
$(FRONTEND_BUILT): frontend/node_modules/.installed $(FRONTEND_INPUTS)
	cd frontend && npm run --silent generate:types && npx vite build --logLevel warn
	@touch $@

# --- the two commands ----------------------------------------------------------------------
# Serving needs the Python environment and the built app: not the spec linters, not a browser.
run: $(VENV)/.installed $(FRONTEND_BUILT)
	$(BIN)/quiver serve

test: install format-check lint typecheck check-generated lint-spec check-compat test-frontend test-python \
	build-frontend bench-bundle test-e2e

# --- steps ----------------------------------------------------------------------------------
migrate: $(VENV)/.installed
	$(BIN)/quiver migrate

# REST models from openapi.yaml, WebSocket message models from asyncapi.yaml (the "events"
# profile in pyproject.toml); the frontend's types.generated.ts and ws.generated.ts likewise;
# the Python SDK in clients/python/ (openapi-python-client, settings in clients/python-codegen/).
generate: $(VENV)/.installed frontend/node_modules/.installed
	$(BIN)/datamodel-codegen
	$(BIN)/datamodel-codegen --profile events
	cd frontend && npm run --silent generate:types
	$(BIN)/python scripts/generate_python_client.py

check-generated: $(VENV)/.installed
	$(BIN)/datamodel-codegen --check
	$(BIN)/datamodel-codegen --profile events --check
	$(BIN)/python scripts/generate_python_client.py --check

format:
	$(BIN)/isort $(PY_SOURCES)
	$(BIN)/black $(PY_SOURCES)

format-check: $(VENV)/.installed
	$(BIN)/isort --check-only --diff $(PY_SOURCES)
	$(BIN)/black --check $(PY_SOURCES)

lint: $(VENV)/.installed
	$(BIN)/pylint -j 2 backend/src scripts
	$(BIN)/pylint -j 2 --disable=protected-access,duplicate-code backend/tests tests conftest.py
	$(BIN)/lint-imports --no-cache

typecheck: $(VENV)/.installed
	$(BIN)/mypy

# The breaking-change gate: the working contracts against their latest release in
# openapi/v0/released/, and CHANGELOG.md (docs/compatibility.md). COMPAT_ROOT: another checkout.
COMPAT_ROOT ?= .
check-compat: $(VENV)/.installed
	$(BIN)/python -m scripts.compat.check_compat --root $(COMPAT_ROOT)

# Release the working contracts as VERSION: snapshot, info.version, CHANGELOG (docs/compatibility.md),
# then the generated code and the SDK version in uv.lock.
release-contract: $(VENV)/.installed
	@test -n "$(VERSION)" || { echo "usage: make release-contract VERSION=x.y.z" >&2; exit 1; }
	$(BIN)/python -m scripts.compat.release $(VERSION)
	$(MAKE) generate
	$(UV) lock

lint-spec: openapi/node_modules/.installed
	scripts/lint_spec.sh
	scripts/lint_asyncapi.sh

build-frontend: $(FRONTEND_BUILT)

# Sizes of what a phone downloads; fails over the initial route's budget.
bench-bundle: $(FRONTEND_BUILT)
	cd frontend && npm run --silent bench:bundle

# The app in Chromium against `quiver serve` with its own database (frontend/e2e/README.md).
test-e2e: $(VENV)/.installed $(FRONTEND_BUILT) $(CHROMIUM)
	cd frontend && npm run --silent test:e2e

test-frontend: frontend/node_modules/.installed
	cd frontend && npm run --silent typecheck && npm test --silent

test-python: $(VENV)/.installed openapi/node_modules/.installed
	$(BIN)/pytest -n 2 -q

# Benchmarks, not tests: every scripts/bench/*_bench.py; the HTTP one needs wrk (README,
# Benchmarks).
bench: $(VENV)/.installed bench-bundle
	$(BIN)/python scripts/bench/http_bench.py
	$(BIN)/python scripts/bench/ws_bench.py
	$(BIN)/python scripts/bench/login_bench.py
	$(BIN)/python scripts/bench/ratelimit_bench.py
	$(BIN)/python scripts/bench/stats_bench.py
	$(BIN)/python scripts/bench/notify_bench.py
	$(BIN)/python scripts/bench/lag_bench.py
	$(BIN)/python scripts/bench/progress_bench.py --explain

# Every fault at full length (README, Fault harness); its short run is in test-python.
faults: $(VENV)/.installed
	$(BIN)/python -m scripts.faults

clean:
	rm -rf $(TOOLS) $(VENV) frontend/node_modules openapi/node_modules frontend/dist \
		frontend/e2e-artifacts .quiver
