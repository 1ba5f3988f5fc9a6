# Quiver: the two commands are `make run` and `make test`; everything else is a step of theirs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true
export XDG_RUNTIME_DIR ?= /tmp/quiver-runtime

PY_SOURCES := backend/src backend/tests tests scripts conftest.py

.PHONY: help install run migrate test generate check-generated format format-check lint \
	typecheck lint-spec test-python test-frontend build-frontend bench clean

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

install: $(VENV)/.installed frontend/node_modules/.installed openapi/node_modules/.installed

# --- the two commands ----------------------------------------------------------------------
run: install build-frontend
	$(BIN)/quiver serve

test: install format-check lint typecheck check-generated lint-spec test-frontend test-python

# --- steps ----------------------------------------------------------------------------------
migrate: $(VENV)/.installed
	$(BIN)/quiver migrate

# REST models from openapi.yaml, WebSocket message models from asyncapi.yaml (the "events"
# profile in pyproject.toml); the frontend's types.generated.ts and ws.generated.ts likewise.
generate: $(VENV)/.installed frontend/node_modules/.installed
	$(BIN)/datamodel-codegen
	$(BIN)/datamodel-codegen --profile events
	cd frontend && npm run --silent generate:types

check-generated: $(VENV)/.installed
	$(BIN)/datamodel-codegen --check
	$(BIN)/datamodel-codegen --profile events --check

format:
	$(BIN)/isort $(PY_SOURCES)
	$(BIN)/black $(PY_SOURCES)

format-check: $(VENV)/.installed
	$(BIN)/isort --check-only --diff $(PY_SOURCES)
	$(BIN)/black --check $(PY_SOURCES)

lint: $(VENV)/.installed
	$(BIN)/pylint backend/src scripts
	$(BIN)/pylint --disable=protected-access,duplicate-code backend/tests tests conftest.py

typecheck: $(VENV)/.installed
	$(BIN)/mypy

lint-spec: openapi/node_modules/.installed
	scripts/lint_spec.sh
	scripts/lint_asyncapi.sh

build-frontend: frontend/node_modules/.installed
	cd frontend && npm run --silent build

test-frontend: frontend/node_modules/.installed
	cd frontend && npm run --silent typecheck && npm test --silent

test-python: $(VENV)/.installed openapi/node_modules/.installed
	$(BIN)/pytest -n 2 -q

bench: $(VENV)/.installed
	$(BIN)/python scripts/bench/record_arrow.py

clean:
	rm -rf $(TOOLS) $(VENV) frontend/node_modules openapi/node_modules frontend/dist .quiver
