"""The HTTP/1.1 connection under the app: bounded request headers, and no plain-text answers.

uvicorn's httptools protocol puts no limit on the size or the number of request headers
(httptools grows an oversized value in memory until it ends) and no deadline on their arrival,
and uvicorn answers in plain text whatever it answers itself. ``http_protocol`` bounds the
headers; ``ProblemGuard`` turns what would reach uvicorn's own answers into problem+json.
"""

import asyncio
import contextvars
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, ClassVar, cast
from uuid import uuid4

import httptools
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol
from uvicorn.server import ServerState

from quiver.core.errors import PROBLEM_MEDIA_TYPE, internal_error_detail, problem_body, send_problem
from quiver.core.logger import LoggerFactory, request_id_var
from quiver.core.middleware import send_shutting_down

logger = LoggerFactory().get_logger(__name__)
access_logger = LoggerFactory().get_logger("quiver.access")

# After a rejection the connection reads and drops what the client still sends, this long,
# before it closes: closing with unread data resets the connection, and the client could lose
# the answer already sent (the "lingering close" of Apache and nginx).
LINGER_SECONDS = 2.0
# An instance is only informative: a rejected request line can be as long as the header limit.
_MAX_INSTANCE_CHARS = 256


@dataclass(frozen=True)
class HeaderLimits:
    """What one request's line and headers may take."""

    max_bytes: int
    max_count: int
    timeout_seconds: float


class _TooManyHeaders(Exception):
    """Raised from the parser's header callback to stop the parser."""


class _BatchedWrites:
    """The transport as a response sees it: writes made in one turn of the event loop go out
    in one ``write`` at the end of the turn.

    uvicorn writes a response's status line and headers, then its body: two system calls, and
    two TCP segments, for an answer that fits in one. Every other call goes straight through.
    """

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes) -> None:
        """Queue ``data`` for the end of this turn."""
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(data)

    def flush(self) -> None:
        """Write what is queued, now."""
        if self._pending:
            data = b"".join(self._pending)
            self._pending.clear()
            if not self._transport.is_closing():
                self._transport.write(data)

    def close(self) -> None:
        """Write what is queued, then close."""
        self.flush()
        self._transport.close()

    def is_closing(self) -> bool:
        """Whether the connection is closing."""
        return self._transport.is_closing()


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with limits on the request line and headers.

    Bytes reach the parser only while the headers fit in ``max_bytes``, so no more than that
    is ever buffered for them. The headers must arrive within ``timeout_seconds`` of the
    connection's start, or of a later request's first byte (idle keep-alive connections are
    closed by uvicorn's keep-alive timeout). Overstepping either answers problem+json and
    closes the connection.
    """

    limits: ClassVar[HeaderLimits]

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        # Of the request being received: its line and headers so far, and its header fields.
        self._header_bytes = 0
        self._header_count = 0
        self._in_headers = True
        self._in_message = False
        self._rejected = False
        self._header_timer: asyncio.TimerHandle | None = None
        self._linger_timer: asyncio.TimerHandle | None = None
        self._responses: _BatchedWrites | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # A stream transport, as for uvicorn's own protocol (whose annotation narrows it).
        super().connection_made(cast(asyncio.Transport, transport))
        self._responses = _BatchedWrites(self.transport, self.loop)
        self._header_timer = self.loop.call_later(
            self.limits.timeout_seconds, self._on_header_timeout
        )

    def connection_lost(self, exc: Exception | None) -> None:
        for timer in (self._header_timer, self._linger_timer):
            if timer is not None:
                timer.cancel()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._rejected:
            return
        self._unset_keepalive_if_required()
        rest = memoryview(data)
        while rest and not self.transport.is_closing():
            if self._in_headers:
                room = self.limits.max_bytes - self._header_bytes
                if room <= 0:
                    self._reject(
                        HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                        "request_header_fields_too_large",
                        f"The request line and headers exceed {self.limits.max_bytes} bytes.",
                    )
                    return
                # If the headers end within this piece, the rest is fed whole in the next turn.
                piece, rest = rest[:room], rest[room:]
                self._header_bytes += len(piece)
            else:
                piece, rest = rest, rest[len(rest) :]
            if not self._feed(piece):
                return

    def _feed(self, data: memoryview) -> bool:
        """Parse ``data`` as uvicorn does; False when the connection takes no more of it."""
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            if isinstance(exc.__context__, _TooManyHeaders):
                self._reject(
                    HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "request_header_fields_too_large",
                    f"The request has more than {self.limits.max_count} header fields.",
                )
            else:
                self._reject(
                    HTTPStatus.BAD_REQUEST, "bad_request", "The request is not valid HTTP/1.1."
                )
            return False
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()
            return False
        return True

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_message = True
        self._header_count = 0
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(
                self.limits.timeout_seconds, self._on_header_timeout
            )

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        if self._header_count > self.limits.max_count:
            raise _TooManyHeaders
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None
        self._in_headers = False
        super().on_headers_complete()
        if self.cycle is not None and self._responses is not None:
            # The cycle uses write, close and is_closing: the ones _BatchedWrites has.
            self.cycle.transport = cast(asyncio.Transport, self._responses)

    def handle_websocket_upgrade(self) -> None:
        self._flush_responses()
        super().handle_websocket_upgrade()

    def shutdown(self) -> None:
        self._flush_responses()
        super().shutdown()

    def _flush_responses(self) -> None:
        """Write what an answer still has queued, before the connection itself writes or ends."""
        if self._responses is not None:
            self._responses.flush()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        # What follows on the connection is the next request's line and headers.
        self._in_headers = True
        self._in_message = False
        self._header_bytes = 0

    def _on_header_timeout(self) -> None:
        self._header_timer = None
        if self.transport.is_closing():
            return
        if not self._in_message:
            # Not a byte of a request arrived: there is no one to answer.
            self.transport.close()
            return
        self._reject(
            HTTPStatus.REQUEST_TIMEOUT,
            "request_timeout",
            f"The request headers did not arrive within {self.limits.timeout_seconds:g} seconds.",
        )

    def _reject(self, status: HTTPStatus, code: str, detail: str) -> None:
        """Answer a problem before any app runs, and end the connection."""
        self._rejected = True
        self._flush_responses()
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None
        if self.cycle is not None and not self.cycle.response_complete:
            # A pipelined earlier request is still being answered: it is the last one.
            self.cycle.keep_alive = False
            return
        request_id = uuid4().hex
        instance = self._instance()
        body = problem_body(status, code, detail, instance, request_id=request_id)
        headers = [
            *self.server_state.default_headers,
            (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"x-request-id", request_id.encode()),
            (b"connection", b"close"),
        ]
        head = b"".join(name + b": " + value + b"\r\n" for name, value in headers)
        self.transport.write(STATUS_LINE[status] + head + b"\r\n" + body)
        # In a context of its own: the protocol's callbacks share the loop's.
        contextvars.copy_context().run(_log_rejection, request_id, instance, status, code)
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self._linger_timer = self.loop.call_later(LINGER_SECONDS, self.transport.close)

    def _instance(self) -> str:
        """The path of the request being received, as far as it is known."""
        if self._in_message:
            try:
                path = httptools.parse_url(self.url).path
            except httptools.HttpParserInvalidURLError:
                return "/"
            if path:
                return path.decode("ascii", "replace")[:_MAX_INSTANCE_CHARS]
        return "/"


def _log_rejection(request_id: str, instance: str, status: HTTPStatus, code: str) -> None:
    request_id_var.set(request_id)
    access_logger.info("- %s %d %s", instance, status, code)


def http_protocol(limits: HeaderLimits) -> type[BoundedHttpToolsProtocol]:
    """The protocol class to give ``uvicorn.Config(http=...)``: uvicorn passes it no options."""

    class Configured(BoundedHttpToolsProtocol):
        """``BoundedHttpToolsProtocol`` with ``limits``."""

    Configured.limits = limits
    return Configured


class ProblemGuard:
    """The outermost ASGI layer: no error reaches the server, no answer is plain text.

    uvicorn answers in plain text, and closes the connection, when an error escapes the app,
    when the app returns without answering, and when its shutdown cancels a request.
    """

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        started = disconnected = False

        async def watched_receive() -> Message:
            nonlocal disconnected
            message = await receive()
            disconnected = disconnected or message["type"] == "http.disconnect"
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self._app(scope, watched_receive, watched_send)
        except asyncio.CancelledError:
            # uvicorn cancels what still runs when the shutdown grace period ends, and awaits
            # none of it: the app has answered 503 where it could.
            logger.warning("cut off by the shutdown: %s %s", scope["method"], scope["path"])
            if not started:
                await send_shutting_down(send, scope["path"])
            return
        except Exception:  # pylint: disable=broad-exception-caught
            if started:
                # Starlette's error handler has logged it, with its traceback. If the answer is
                # cut short, uvicorn closes the connection: the only way to tell the client.
                return
            logger.exception("error outside the app's handlers")
            await self._internal_error(scope, send)
            return
        if not started and not disconnected:
            logger.error("no answer from the app: %s %s", scope["method"], scope["path"])
            await self._internal_error(scope, send)

    @staticmethod
    async def _internal_error(scope: Scope, send: Send) -> None:
        await send_problem(
            send,
            scope["path"],
            HTTPStatus.INTERNAL_SERVER_ERROR,
            "internal_error",
            internal_error_detail(),
        )
