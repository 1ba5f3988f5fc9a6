"""Serving the committed contract and its interactive documentation, offline."""

import importlib
from pathlib import Path
from typing import Any

import orjson
import yaml
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request
from starlette.responses import Response

DOCS_ASSETS = "/docs/assets"


def load_contract(path: Path) -> dict[str, Any]:
    """Parse the hand-written OpenAPI document."""
    with path.open(encoding="utf-8") as handle:
        contract: dict[str, Any] = yaml.safe_load(handle)
    return contract


def serve_contract(app: FastAPI, contract: dict[str, Any]) -> None:
    """Serve ``contract`` itself at /openapi.json, and Swagger UI with local assets at /docs."""
    contract_json = orjson.dumps(contract)
    docs_html = get_swagger_ui_html(
        openapi_url="/openapi.json",
        title=f"{contract['info']['title']} {contract['info']['version']}",
        swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
    ).body

    async def openapi_json(_: Request) -> Response:
        return Response(contract_json, media_type="application/json")

    async def docs(_: Request) -> Response:
        return Response(docs_html, media_type="text/html")

    app.router.add_route("/openapi.json", openapi_json, methods=["GET"], include_in_schema=False)
    app.router.add_route("/docs", docs, methods=["GET"], include_in_schema=False)
    # swagger-ui-bundle ships Swagger UI's files but no type information.
    assets = Path(getattr(importlib.import_module("swagger_ui_bundle"), "swagger_ui_path"))
    app.mount(DOCS_ASSETS, StaticFiles(directory=assets), name="docs-assets")
