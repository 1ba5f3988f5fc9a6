"""An answer leaves the connection in one write: status line, headers and body together."""

import asyncio
from typing import Any, cast

from starlette.types import Receive, Scope, Send
from uvicorn.config import Config
from uvicorn.server import ServerState

from quiver.core.transport import HeaderLimits, http_protocol


class _RecordingTransport:
    """What the protocol uses of a socket's transport; it remembers each write."""

    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: Any) -> None:
        self.writes.append(bytes(data))

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 50000)}.get(
            name, default
        )

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


async def _app(scope: Scope, _receive: Receive, send: Send) -> None:
    body = b"" if scope["path"] == "/empty" else b'{"ok":true}'
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _exchange(requests: bytes) -> _RecordingTransport:
    config = Config(app=_app, log_config=None)
    config.load()
    protocol = http_protocol(HeaderLimits(max_bytes=32768, max_count=100, timeout_seconds=10))(
        config, ServerState(), {}
    )
    transport = _RecordingTransport()
    protocol.connection_made(cast(asyncio.Transport, transport))
    protocol.data_received(requests)
    for _ in range(20):
        await asyncio.sleep(0)
    protocol.connection_lost(None)
    return transport


async def test_an_answer_is_written_once_with_its_headers_and_body() -> None:
    transport = await _exchange(b"GET /x HTTP/1.1\r\nHost: t\r\n\r\n")
    (written,) = transport.writes
    assert written.startswith(b"HTTP/1.1 200 OK\r\n")
    assert written.endswith(b'\r\n\r\n{"ok":true}')


async def test_an_answer_without_a_body_is_still_written() -> None:
    for request in (
        b"HEAD /x HTTP/1.1\r\nHost: t\r\n\r\n",
        b"GET /empty HTTP/1.1\r\nHost: t\r\n\r\n",
    ):
        (written,) = (await _exchange(request)).writes
        assert written.startswith(b"HTTP/1.1 200 OK\r\n") and written.endswith(b"\r\n\r\n")


async def test_pipelined_answers_keep_their_order() -> None:
    transport = await _exchange(
        b"GET /x HTTP/1.1\r\nHost: t\r\n\r\nGET /empty HTTP/1.1\r\nHost: t\r\n\r\n"
    )
    joined = b"".join(transport.writes)
    assert joined.count(b"HTTP/1.1 200 OK") == 2
    assert joined.index(b'{"ok":true}') < joined.rindex(b"HTTP/1.1 200 OK")
