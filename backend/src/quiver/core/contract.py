"""Serving the committed contract and its interactive documentation, offline."""

import base64
import hashlib
import importlib
import re
from pathlib import Path
from typing import Any

import orjson
import yaml
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request
from starlette.responses import Response

from quiver.core.web_security import content_security_policy

DOCS_ASSETS = "/docs/assets"
# A script element without attributes (those with ``src`` load a file and need no hash).
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)


def load_contract(path: Path) -> dict[str, Any]:
    """Parse the hand-written OpenAPI document."""
    with path.open(encoding="utf-8") as handle:
        contract: dict[str, Any] = yaml.safe_load(handle)
    return contract


def operation_scopes(
    contract: dict[str, Any], scheme: str = "bearer_auth"
) -> dict[str, frozenset[str]]:
    """The scopes each operation's ``scheme`` requirement names, by operationId.

    The contract is the only list of them: the authentication dependency enforces what this
    returns. Operations without such a requirement (the public ones) are absent.
    """
    scopes: dict[str, frozenset[str]] = {}
    for operations in contract["paths"].values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            for requirement in operation.get("security", contract.get("security", [])):
                if scheme in requirement:
                    scopes[operation["operationId"]] = frozenset(requirement[scheme])
    return scopes


def inline_script_hashes(html: bytes) -> list[str]:
    """The CSP sources (``'sha256-...'``) that allow each inline script of ``html``."""
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(script).digest()).decode()}'"
        for script in _INLINE_SCRIPT.findall(html)
    ]


def serve_contract(app: FastAPI, contract: dict[str, Any]) -> None:
    """Serve ``contract`` itself at /openapi.json, and Swagger UI with local assets at /docs."""
    contract_json = orjson.dumps(contract)
    docs_html = bytes(
        get_swagger_ui_html(
            openapi_url="/openapi.json",
            title=f"{contract['info']['title']} {contract['info']['version']}",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
        ).body
    )

    async def openapi_json(_: Request) -> Response:
        return Response(contract_json, media_type="application/json")

    # Swagger UI starts from one inline script: allowed by its hash, and nothing else inline.
    docs_policy = content_security_policy(scripts=inline_script_hashes(docs_html))

    async def docs(_: Request) -> Response:
        return Response(
            docs_html, media_type="text/html", headers={"Content-Security-Policy": docs_policy}
        )

    app.router.add_route("/openapi.json", openapi_json, methods=["GET"], include_in_schema=False)
    app.router.add_route("/docs", docs, methods=["GET"], include_in_schema=False)
    # swagger-ui-bundle ships Swagger UI's files but no type information.
    assets = Path(getattr(importlib.import_module("swagger_ui_bundle"), "swagger_ui_path"))
    app.mount(DOCS_ASSETS, StaticFiles(directory=assets), name="docs-assets")
