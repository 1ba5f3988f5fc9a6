"""The app implements exactly the contract: one route per operation, no route beyond it.

WebSocket routes are outside the OpenAPI contract; the AsyncAPI contract covers them.
"""

from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.routing import iter_route_contexts
from starlette.routing import WebSocketRoute

from conftest import make_settings
from quiver.app import create_app
from quiver.core.contract import load_contract
from quiver.core.settings import Settings

HTTP_METHODS = {"get", "put", "post", "delete", "patch", "options", "head", "trace"}
# Served beside the API and deliberately outside the contract.
INFRASTRUCTURE_PATHS = {"/openapi.json", "/docs", "/docs/assets"}


def _body_schemas(contract: dict[str, Any], schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The object schemas a request body may be: itself, or each member of its oneOf."""
    if "$ref" in schema:
        return [contract["components"]["schemas"][schema["$ref"].split("/")[-1]]]
    return [member for option in schema["oneOf"] for member in _body_schemas(contract, option)]


def contract_operations(contract: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (method.upper(), path, operation["operationId"])
        for path, operations in contract["paths"].items()
        for method, operation in operations.items()
        if method in HTTP_METHODS
    ]


ASYNCAPI = Path(__file__).resolve().parents[2] / "openapi" / "v0" / "asyncapi.yaml"


@pytest.fixture(scope="module")
def app_routes() -> list[tuple[str, str, str | None]]:
    app = create_app(make_settings("postgresql://unused/unused"))
    routes = []
    for route in iter_route_contexts(app.routes):
        if isinstance(route.original_route, WebSocketRoute):
            continue
        for method in sorted(route.methods or {"*"}):
            operation_id = getattr(route.original_route, "operation_id", None)
            routes.append((method, str(route.path), operation_id))
    return routes


def test_every_operation_has_exactly_one_route_with_its_operation_id(
    app_routes: list[tuple[str, str, str | None]],
) -> None:
    contract = load_contract(Settings().contract_path)
    for operation in contract_operations(contract):
        assert app_routes.count(operation) == 1, f"{operation} is not implemented exactly once"


def test_no_route_exists_that_the_contract_lacks(
    app_routes: list[tuple[str, str, str | None]],
) -> None:
    contract = load_contract(Settings().contract_path)
    expected = set(contract_operations(contract))
    extra = [
        route
        for route in app_routes
        if route not in expected and route[1] not in INFRASTRUCTURE_PATHS
    ]
    assert extra == []


def test_every_operation_is_documented_for_integrators() -> None:
    contract = load_contract(Settings().contract_path)
    for path, operations in contract["paths"].items():
        for method, operation in operations.items():
            if method not in HTTP_METHODS:
                continue
            where = f"{method.upper()} {path}"
            assert operation.get("summary"), f"{where} has no summary"
            responses = operation["responses"]
            assert "default" in responses, f"{where} has no default error response"
            assert any(code.startswith("2") for code in responses), f"{where} has no success"
            assert any(code.startswith("4") for code in responses), f"{where} has no 4xx"
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is not None:
                for schema in _body_schemas(contract, body["schema"]):
                    assert schema.get("additionalProperties") is False, f"{where} body is open"


def test_every_asyncapi_channel_has_a_websocket_route_and_every_websocket_route_a_channel() -> None:
    app = create_app(make_settings("postgresql://unused/unused"))
    websocket_paths = sorted(
        str(route.path)
        for route in iter_route_contexts(app.routes)
        if isinstance(route.original_route, WebSocketRoute)
    )
    with ASYNCAPI.open(encoding="utf-8") as handle:
        channels = yaml.safe_load(handle)["channels"]
    assert websocket_paths == sorted(channel["address"] for channel in channels.values())
