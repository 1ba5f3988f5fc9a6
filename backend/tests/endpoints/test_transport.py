"""What reaches the server from the app: never an error, never a missing answer.

uvicorn answers those itself, in plain text, and closes the connection. The real-socket side
(header limits, deadlines, keep-alive) is in tests/e2e/test_transport.py.
"""

import asyncio
import logging
from typing import Any

import orjson
import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from quiver.core.transport import ProblemGuard

SCOPE: dict[str, Any] = {"type": "http", "method": "GET", "path": "/api/v0/face", "headers": []}


async def _serve(app: ASGIApp) -> list[Message]:
    """What ``app`` behind the guard sends for one request."""
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    await ProblemGuard(app)(dict(SCOPE), receive, send)
    return sent


def _problem(sent: list[Message], status: int, code: str) -> None:
    assert len(sent) == 2
    start, body = sent[0], sent[1]
    assert start["status"] == status
    assert (b"content-type", b"application/problem+json") in start["headers"]
    problem = orjson.loads(body["body"])
    assert problem["status"] == status and problem["code"] == code


async def test_a_request_cut_off_by_the_shutdown_before_any_answer_gets_a_503() -> None:
    async def app(_scope: Scope, _receive: Receive, _send: Send) -> None:
        raise asyncio.CancelledError

    _problem(await _serve(app), 503, "shutting_down")


async def test_an_app_that_returns_without_answering_gets_a_500_problem() -> None:
    async def app(_scope: Scope, _receive: Receive, _send: Send) -> None:
        return None

    _problem(await _serve(app), 500, "internal_error")


async def test_an_error_before_any_answer_is_a_500_problem_not_an_exception(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def app(_scope: Scope, _receive: Receive, _send: Send) -> None:
        raise RuntimeError("secret internals")

    with caplog.at_level(logging.ERROR, logger="quiver"):
        sent = await _serve(app)
    _problem(sent, 500, "internal_error")
    assert b"secret" not in sent[1]["body"]
    (record,) = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert record.exc_info is not None


async def test_an_error_after_a_complete_answer_goes_no_further() -> None:
    async def app(_scope: Scope, _receive: Receive, send: Send) -> None:
        # As Starlette's ServerErrorMiddleware does: answer 500, then re-raise.
        await send({"type": "http.response.start", "status": 500, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})
        raise RuntimeError("already answered")

    assert [message["type"] for message in await _serve(app)] == [
        "http.response.start",
        "http.response.body",
    ]


async def test_a_client_gone_before_the_answer_gets_no_answer() -> None:
    async def app(_scope: Scope, receive: Receive, _send: Send) -> None:
        await receive()
        await receive()

    sent: list[Message] = []
    events: list[Message] = [
        {"type": "http.request", "body": b"{", "more_body": True},
        {"type": "http.disconnect"},
    ]

    async def receive() -> Message:
        return events.pop(0)

    async def send(message: Message) -> None:
        sent.append(message)

    await ProblemGuard(app)(dict(SCOPE), receive, send)
    assert not sent
