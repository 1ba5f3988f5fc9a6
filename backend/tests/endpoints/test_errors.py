"""Every error the app produces is the contract's problem+json, with a precise status."""

import asyncio
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from typing import Any

import asyncpg
import orjson
import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from starlette.types import Message

from conftest import ArcherAccount, make_settings, registration_payload
from quiver.app import create_app
from quiver.core.settings import Settings

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance", "code", "request_id"}


def assert_problem(response_json: dict[str, object], status: int, code: str) -> None:
    assert PROBLEM_KEYS <= set(response_json)
    assert response_json["status"] == status
    assert response_json["code"] == code


@pytest.fixture
async def bare_client(settings: Settings) -> AsyncIterator[tuple[FastAPI, AsyncClient]]:
    """A separate app (no lifespan) that a test may extend with routes of its own."""
    application = create_app(settings.model_copy(update={"api_max_concurrent_requests": 1}))
    async with AsyncClient(
        transport=ASGITransport(app=application, raise_app_exceptions=False),
        base_url="http://test",
    ) as http:
        yield application, http


async def test_unparsable_json_is_a_400(client: AsyncClient) -> None:
    response = await client.post(
        "/api/v0/archer", content=b'{"email": ', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert_problem(response.json(), 400, "malformed_json")


async def test_unknown_route_is_a_404(client: AsyncClient) -> None:
    response = await client.get("/api/v0/quiver")
    assert response.status_code == 404
    assert_problem(response.json(), 404, "not_found")


async def test_wrong_method_is_a_405_listing_every_allowed_method(client: AsyncClient) -> None:
    response = await client.put("/api/v0/archer/me", json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET, HEAD, PATCH"
    assert_problem(response.json(), 405, "method_not_allowed")


async def test_wrong_method_on_a_templated_path_lists_its_methods(client: AsyncClient) -> None:
    response = await client.post("/api/v0/face/wa_122", json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


async def test_a_body_that_is_not_json_is_a_415(client: AsyncClient) -> None:
    response = await client.post(
        "/api/v0/auth/login", content=b"email=a", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 415
    assert_problem(response.json(), 415, "unsupported_media_type")


async def test_a_body_over_the_limit_is_a_413(client: AsyncClient) -> None:
    response = await client.post(
        "/api/v0/archer",
        content=b'{"email": "' + b"a" * 2_000_000 + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert_problem(response.json(), 413, "payload_too_large")


async def test_a_chunked_body_over_the_limit_is_a_413(client: AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"email": "'
        for _ in range(20):
            yield b"a" * 100_000
        yield b'"}'

    response = await client.post(
        "/api/v0/archer", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert_problem(response.json(), 413, "payload_too_large")


async def test_unauthenticated_is_a_401_with_a_challenge(client: AsyncClient) -> None:
    response = await client.get("/api/v0/archer/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith('Bearer realm="quiver"')
    assert_problem(response.json(), 401, "unauthenticated")


async def test_validation_failure_is_a_422_with_json_pointers(client: AsyncClient) -> None:
    response = await client.post("/api/v0/archer", json=registration_payload(draw_weight_lb=-1))
    assert response.status_code == 422
    problem = response.json()
    assert_problem(problem, 422, "validation_failed")
    assert problem["errors"][0]["pointer"] == "/draw_weight_lb"


async def test_database_unavailable_is_a_503_with_retry_after(database_url: str) -> None:
    application = create_app(make_settings(database_url))
    # A pool that cannot reach any server, as when PostgreSQL is down.
    application.state.pool = await asyncpg.create_pool(
        "postgresql://postgres@127.0.0.1:1/quiver", min_size=0
    )
    async with AsyncClient(
        transport=ASGITransport(app=application, raise_app_exceptions=False),
        base_url="http://test",
    ) as http:
        response = await http.get("/api/v0/archer/me", headers={"Authorization": "Bearer x"})
    await application.state.pool.close()
    assert response.status_code == 503
    assert response.headers["retry-after"] == "2"
    assert_problem(response.json(), 503, "database_unavailable")


async def test_an_unexpected_error_is_a_500_that_leaks_nothing(
    bare_client: tuple[FastAPI, AsyncClient],
) -> None:
    application, http = bare_client

    async def explode() -> None:
        raise RuntimeError("secret internals: password=hunter2")

    application.add_api_route("/api/v0/explode", explode)
    response = await http.get("/api/v0/explode", headers={"X-Request-ID": "trace-me-42"})
    assert response.status_code == 500
    problem = response.json()
    assert_problem(problem, 500, "internal_error")
    assert problem["request_id"] == "trace-me-42"
    assert "trace-me-42" in problem["detail"]
    assert "hunter2" not in response.text and "RuntimeError" not in response.text
    assert response.headers["x-request-id"] == "trace-me-42"


async def test_requests_beyond_the_concurrency_limit_get_a_503(
    bare_client: tuple[FastAPI, AsyncClient],
) -> None:
    application, http = bare_client
    release = asyncio.Event()

    async def slow() -> dict[str, str]:
        await release.wait()
        return {}

    application.add_api_route("/api/v0/slow", slow)
    first = asyncio.create_task(http.get("/api/v0/slow"))
    await asyncio.sleep(0.05)
    rejected = await http.get("/api/v0/face")
    release.set()
    assert (await first).status_code == 200
    assert rejected.status_code == 503
    assert rejected.headers["retry-after"] == "1"
    assert_problem(rejected.json(), 503, "overloaded")
    assert (await http.get("/api/v0/face")).status_code == 200


async def test_a_constraint_violation_a_service_missed_is_a_409_not_a_500(
    bare_client: tuple[FastAPI, AsyncClient],
) -> None:
    application, http = bare_client

    async def duplicate() -> None:
        raise asyncpg.UniqueViolationError("duplicate key value violates unique constraint")

    async def out_of_range() -> None:
        raise asyncpg.CheckViolationError("new row violates check constraint")

    application.add_api_route("/api/v0/duplicate", duplicate)
    application.add_api_route("/api/v0/out_of_range", out_of_range)
    assert_problem((await http.get("/api/v0/duplicate")).json(), 409, "conflict")
    assert_problem((await http.get("/api/v0/out_of_range")).json(), 422, "constraint_violation")


async def test_the_request_id_is_echoed_or_generated(client: AsyncClient) -> None:
    echoed = await client.get("/api/v0/face", headers={"X-Request-ID": "abc-123"})
    assert echoed.headers["x-request-id"] == "abc-123"
    generated = await client.get("/api/v0/face", headers={"X-Request-ID": "bad id with spaces"})
    assert generated.headers["x-request-id"] not in ("", "bad id with spaces")


async def test_each_request_logs_one_line_with_request_id_principal_and_resource(
    client: AsyncClient, archer: ArcherAccount, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="quiver"):
        await client.get("/api/v0/archer/me", headers={**archer.headers, "X-Request-ID": "log-1"})
        await client.get("/api/v0/face/wa_40", headers={"X-Request-ID": "log-2"})
    lines = [record for record in caplog.records if record.name == "quiver.access"]
    assert len(lines) == 2
    me, face = (record.getMessage() for record in lines)
    assert "GET /api/v0/archer/me 200" in me and f"principal={archer.id}" in me
    assert "resource=face_type=wa_40" in face
    assert [getattr(record, "request_id") for record in lines] == ["log-1", "log-2"]


def _asgi_request(method: str, path: str, headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    """The scope of a request as the server hands it to the app."""
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }


async def test_a_body_still_arriving_holds_no_concurrency_slot(
    bare_client: tuple[FastAPI, AsyncClient],
) -> None:
    _, http = bare_client
    reading, release = asyncio.Event(), asyncio.Event()

    async def slow_body() -> AsyncIterator[bytes]:
        reading.set()
        yield b'{"email": '
        await release.wait()
        yield b'"a@example.org"}'

    upload = asyncio.create_task(
        http.post(
            "/api/v0/auth/login", content=slow_body(), headers={"Content-Type": "application/json"}
        )
    )
    await reading.wait()
    other = await http.get("/api/v0/face")
    release.set()
    assert (await upload).status_code == 422
    assert other.status_code == 200


async def test_a_body_that_does_not_arrive_in_time_is_a_408_that_closes_the_connection(
    settings: Settings,
) -> None:
    application = create_app(settings.model_copy(update={"body_timeout_seconds": 0.05}))
    release = asyncio.Event()

    async def stalled_body() -> AsyncGenerator[bytes]:
        yield b"{"
        await release.wait()

    body = stalled_body()
    async with AsyncClient(
        transport=ASGITransport(app=application, raise_app_exceptions=False),
        base_url="http://test",
    ) as http:
        async with asyncio.timeout(10):
            response = await http.post(
                "/api/v0/auth/login", content=body, headers={"Content-Type": "application/json"}
            )
    await body.aclose()
    assert response.status_code == 408
    assert response.headers["connection"] == "close"
    assert_problem(response.json(), 408, "request_timeout")


async def test_head_on_a_get_operation_answers_its_headers_without_a_body(
    client: AsyncClient,
) -> None:
    get = await client.get("/api/v0/face/wa_122")
    head = await client.head("/api/v0/face/wa_122")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers["content-type"] == get.headers["content-type"]
    assert (await client.head("/openapi.json")).status_code == 200
    not_readable = await client.head("/api/v0/auth/login")
    assert not_readable.status_code == 405 and not_readable.content == b""
    assert not_readable.headers["allow"] == "POST"


async def test_an_unexpected_error_is_answered_without_reaching_the_server(
    settings: Settings,
) -> None:
    application = create_app(settings)

    async def explode() -> None:
        raise RuntimeError("secret internals")

    application.add_api_route("/api/v0/explode", explode)
    # The server closes the connection when an error reaches it, after Starlette's 500.
    async with AsyncClient(
        transport=ASGITransport(app=application, raise_app_exceptions=True),
        base_url="http://test",
    ) as http:
        response = await http.get("/api/v0/explode")
    assert response.status_code == 500
    assert_problem(response.json(), 500, "internal_error")


async def test_a_client_gone_during_upload_is_an_info_line_and_no_error(
    bare_client: tuple[FastAPI, AsyncClient], caplog: pytest.LogCaptureFixture
) -> None:
    application, _ = bare_client
    events: list[Message] = [
        {"type": "http.request", "body": b"{", "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return events.pop(0)

    async def send(message: Message) -> None:
        sent.append(message)

    scope = _asgi_request(
        "POST",
        "/api/v0/archer",
        [(b"content-type", b"application/json"), (b"content-length", b"100000")],
    )
    with caplog.at_level(logging.INFO, logger="quiver"):
        await application(scope, receive, send)
    assert not sent
    assert [record.levelno for record in caplog.records if record.levelno >= logging.ERROR] == []
    (line,) = [record for record in caplog.records if record.name == "quiver.access"]
    assert line.levelno == logging.INFO and "POST /api/v0/archer 499 " in line.getMessage()


async def test_a_request_cut_off_by_the_shutdown_is_a_503(
    bare_client: tuple[FastAPI, AsyncClient],
) -> None:
    application, _ = bare_client
    entered = asyncio.Event()

    async def hang() -> None:
        entered.set()
        await asyncio.Event().wait()

    application.add_api_route("/api/v0/hang", hang)
    sent: list[Message] = []

    async def receive() -> Message:
        await asyncio.Event().wait()
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    # As uvicorn does to what still runs when its shutdown grace period ends.
    request = asyncio.create_task(
        application(_asgi_request("GET", "/api/v0/hang", []), receive, send)
    )
    await entered.wait()
    request.cancel()
    with pytest.raises(asyncio.CancelledError):
        await request
    assert len(sent) == 2
    start, body = sent[0], sent[1]
    assert start["status"] == 503
    assert (b"connection", b"close") in start["headers"]
    assert_problem(orjson.loads(body["body"]), 503, "shutting_down")


def _raising(error: Exception) -> Callable[[], Awaitable[None]]:
    """An endpoint that fails with ``error``."""

    async def fail() -> None:
        raise error

    return fail


async def test_a_connection_broken_mid_request_is_a_503_not_a_500(
    bare_client: tuple[FastAPI, AsyncClient],
) -> None:
    application, http = bare_client
    # What asyncpg raises for requests in flight when the server dies, among others.
    failures: dict[str, Exception] = {
        "state": asyncpg.InternalClientError("cannot switch to state 13; protocol is in state 2"),
        "gone": asyncpg.ConnectionDoesNotExistError("connection was closed in the middle"),
        "crash": asyncpg.CrashShutdownError("terminating connection due to crash"),
        "recovery": asyncpg.CannotConnectNowError("the database system is in recovery mode"),
    }
    for name, failure in failures.items():
        application.add_api_route(f"/api/v0/{name}", _raising(failure))
    for name in failures:
        response = await http.get(f"/api/v0/{name}")
        assert response.status_code == 503, name
        assert response.headers["retry-after"] == "2"
        assert_problem(response.json(), 503, "database_unavailable")


async def test_a_lock_wait_that_timed_out_is_a_503_database_busy(
    bare_client: tuple[FastAPI, AsyncClient],
) -> None:
    application, http = bare_client

    async def locked() -> None:
        raise asyncpg.LockNotAvailableError("canceling statement due to lock timeout")

    application.add_api_route("/api/v0/locked", locked)
    response = await http.get("/api/v0/locked")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "2"
    assert_problem(response.json(), 503, "database_busy")
