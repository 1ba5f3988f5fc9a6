"""Every header the server sends is declared in the contract, where generated clients see it.

The first half walks the contract, so an operation added later is checked without anyone
listing it here (``scripts/contract_headers.py`` adds the shared declarations). The second
half sends real requests through the app and compares each response's headers with those its
operation declares for its status, both ways: a header the server sends is declared, and a
header declared required is sent.
"""

from collections.abc import Iterator
from typing import Any
from uuid import uuid4

import asyncpg
import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Response

from conftest import PASSWORD, make_settings, registration_payload
from quiver.app import create_app
from quiver.core.contract import load_contract
from quiver.core.settings import Settings

CONTRACT = load_contract(Settings().contract_path)
HTTP_METHODS = {"get", "put", "post", "delete", "patch"}
# The headers whose presence this file compares with the contract (lower case).
TRACKED = {
    "x-request-id",
    "ratelimit",
    "ratelimit-policy",
    "retry-after",
    "etag",
    "location",
    "idempotent-replayed",
    "www-authenticate",
}
NEW_BOW = {"name": "Hoyt Formula X", "bowstyle": "recurve", "draw_weight_lb": 36.5}
# 201s that create nothing a client can read: a ticket is only used, once, on the WebSocket.
NOTHING_TO_LOCATE = {"createWsTicket"}


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """A component reference followed to its definition (references within the contract)."""
    while "$ref" in node:
        *_, kind, name = node["$ref"].split("/")
        node = CONTRACT["components"][kind][name]
    return node


def operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every (method, path, operation) of the contract."""
    for path, item in CONTRACT["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield method.upper(), path, operation


def responses(operation: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (status, resolved response) of an operation."""
    for status, response in operation["responses"].items():
        yield str(status), resolve(response)


def declared_headers(response: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The headers a resolved response declares, by lower-case name."""
    return {name.lower(): resolve(header) for name, header in response.get("headers", {}).items()}


def parameter_names(path: str, operation: dict[str, Any]) -> set[str]:
    """The names of the operation's parameters, those of its path included."""
    listed = [*CONTRACT["paths"][path].get("parameters", []), *operation.get("parameters", [])]
    return {resolve(parameter)["name"] for parameter in listed}


OPERATIONS = list(operations())
IDS = [f"{method} {path}" for method, path, _ in OPERATIONS]


# --- the contract ---------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_operation_takes_an_optional_request_id(
    method: str, path: str, operation: dict[str, Any]
) -> None:
    del method
    listed = [resolve(p) for p in operation.get("parameters", [])]
    request_id = [p for p in listed if p["name"] == "X-Request-ID"]
    assert [(p["in"], p.get("required", False)) for p in request_id] == [("header", False)], path


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_response_declares_x_request_id(
    method: str, path: str, operation: dict[str, Any]
) -> None:
    for status, response in responses(operation):
        header = declared_headers(response).get("x-request-id")
        assert header is not None, f"{method} {path} {status}"
        assert header["required"] is True


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_api_response_declares_the_rate_limit_headers(
    method: str, path: str, operation: dict[str, Any]
) -> None:
    if not path.startswith("/api/"):
        return
    for status, response in responses(operation):
        missing = {"ratelimit", "ratelimit-policy"} - set(declared_headers(response))
        assert not missing, f"{method} {path} {status} lacks {missing}"


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_operation_declares_its_503_and_429_with_retry_after(
    method: str, path: str, operation: dict[str, Any]
) -> None:
    # Any request may find the server overloaded or stopping; only /api ones are rate limited.
    expected = ["429", "503"] if path.startswith("/api/") else ["503"]
    declared = dict(responses(operation))
    for status in expected:
        assert status in declared, f"{method} {path} lacks {status}"
        assert "retry-after" in declared_headers(declared[status]), f"{method} {path} {status}"


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_201_declares_location(method: str, path: str, operation: dict[str, Any]) -> None:
    locatable = operation["operationId"] not in NOTHING_TO_LOCATE
    for status, response in responses(operation):
        if status == "201":
            assert ("location" in declared_headers(response)) is locatable, f"{method} {path}"


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_success_of_an_idempotent_operation_declares_idempotent_replayed(
    method: str, path: str, operation: dict[str, Any]
) -> None:
    if "Idempotency-Key" not in parameter_names(path, operation):
        return
    successes = [(status, r) for status, r in responses(operation) if status.startswith("2")]
    assert successes
    for status, response in successes:
        assert "idempotent-replayed" in declared_headers(response), f"{method} {path} {status}"


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_401_and_403_declares_www_authenticate(
    method: str, path: str, operation: dict[str, Any]
) -> None:
    for status, response in responses(operation):
        if status in ("401", "403"):
            assert "www-authenticate" in declared_headers(response), f"{method} {path} {status}"


def test_the_declaration_script_has_nothing_left_to_add() -> None:
    # Imported here: scripts/ is no package the app depends on.
    from scripts.contract_headers import CONTRACT as PATH  # pylint: disable=import-outside-toplevel
    from scripts.contract_headers import declare  # pylint: disable=import-outside-toplevel

    text = PATH.read_text()
    assert declare(text) == text


# --- the server -----------------------------------------------------------------------------


class HeaderAudit:
    """Checks responses against the contract and remembers which tracked headers it saw."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def check(self, method: str, path: str, response: Response) -> Response:
        """Assert the response's headers agree with its operation's declaration."""
        operation = CONTRACT["paths"][path][method.lower()]
        declared = operation["responses"]
        status = str(response.status_code)
        assert status in declared, f"{method} {path} answered an undeclared {status}"
        headers = declared_headers(resolve(declared[status]))
        sent = {name.lower() for name in response.headers}
        undeclared = (sent & TRACKED) - set(headers)
        assert not undeclared, f"{method} {path} {status} sends undeclared {undeclared}"
        required = {name for name, header in headers.items() if header.get("required")}
        assert required <= sent, f"{method} {path} {status} lacks {required - sent}"
        self.seen |= sent & TRACKED
        return response


@pytest.fixture
def audit() -> HeaderAudit:
    return HeaderAudit()


async def test_the_headers_the_server_sends_are_the_declared_ones(
    client: AsyncClient, audit: HeaderAudit
) -> None:
    check = audit.check
    registration = registration_payload()
    check("POST", "/api/v0/archer", await client.post("/api/v0/archer", json=registration))
    login = check(
        "POST",
        "/api/v0/auth/login",
        await client.post(
            "/api/v0/auth/login", json={"email": registration["email"], "password": PASSWORD}
        ),
    )
    auth = {"Authorization": f"Bearer {login.json()['access_token']}"}
    check("GET", "/api/v0/archer/me", await client.get("/api/v0/archer/me"))

    create = {**auth, "Idempotency-Key": uuid4().hex, "X-Request-ID": "audit-1"}
    first = check(
        "POST", "/api/v0/bow", await client.post("/api/v0/bow", headers=create, json=NEW_BOW)
    )
    replay = check(
        "POST", "/api/v0/bow", await client.post("/api/v0/bow", headers=create, json=NEW_BOW)
    )
    assert replay.headers["idempotent-replayed"] == "true"
    assert first.headers["x-request-id"] == replay.headers["x-request-id"] == "audit-1"

    one = "/api/v0/bow/{bow_id}"
    url = f"/api/v0/bow/{first.json()['id']}"
    got = check("GET", one, await client.get(url, headers=auth))
    check("GET", one, await client.get(url, headers={**auth, "If-None-Match": got.headers["etag"]}))
    check("GET", one, await client.get(f"/api/v0/bow/{uuid4()}", headers=auth))
    check("PATCH", one, await client.patch(url, headers={**auth, "If-Match": '"stale"'}, json={}))
    check("GET", "/api/v0/bow", await client.get("/api/v0/bow", headers=auth))
    check("GET", "/api/v0/bow", await client.get("/api/v0/bow?limit=0", headers=auth))
    check("GET", "/health/live", await client.get("/health/live"))
    check("GET", "/health/ready", await client.get("/health/ready"))
    assert audit.seen == TRACKED - {"retry-after"}


async def test_a_429_carries_the_declared_headers(database_url: str, audit: HeaderAudit) -> None:
    application = create_app(make_settings(database_url, rate_limit_requests_per_minute=1))
    async with application.router.lifespan_context(application), _client(application) as http:
        audit.check("GET", "/api/v0/face", await http.get("/api/v0/face"))
        limited = audit.check("GET", "/api/v0/face", await http.get("/api/v0/face"))
    assert limited.status_code == 429
    assert {"retry-after", "ratelimit", "ratelimit-policy", "x-request-id"} <= audit.seen


async def test_a_503_carries_the_declared_headers(database_url: str, audit: HeaderAudit) -> None:
    application = create_app(make_settings(database_url))
    async with application.router.lifespan_context(application):
        working = application.state.pool
        # A pool that cannot reach any server, as when PostgreSQL is down.
        application.state.pool = await asyncpg.create_pool(
            "postgresql://postgres@127.0.0.1:1/quiver", min_size=0
        )
        try:
            async with _client(application) as http:
                response = await http.get(
                    "/api/v0/archer/me", headers={"Authorization": "Bearer x"}
                )
                audit.check("GET", "/api/v0/archer/me", response)
        finally:
            await application.state.pool.close()
            application.state.pool = working
    assert response.status_code == 503
    assert {"retry-after", "x-request-id"} <= audit.seen


def _client(application: FastAPI) -> AsyncClient:
    transport = ASGITransport(app=application, raise_app_exceptions=False)
    return AsyncClient(transport=transport, base_url="http://test")
