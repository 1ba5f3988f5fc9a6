"""Per-request wiring: request id, body and concurrency limits, media type, HEAD, access log."""

import asyncio
import itertools
import re
import secrets
import time
from http import HTTPStatus

from prometheus_client import Counter, Histogram
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from quiver.core.errors import ApiError, internal_error_detail, send_problem
from quiver.core.logger import LoggerFactory, event_ids_var, request_id_var
from quiver.core.metrics import Metrics

logger = LoggerFactory().get_logger(__name__)
access_logger = LoggerFactory().get_logger("quiver.access")

_VALID_REQUEST_ID = re.compile(r"^[!-~]{1,128}$")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
OVERLOAD_RETRY_AFTER_SECONDS = "1"
SHUTDOWN_RETRY_AFTER_SECONDS = "5"
# nginx's status for a client that went away before its answer: logged, never sent, and
# never counted as a server error.
CLIENT_CLOSED_REQUEST = 499


class _ClientGone(Exception):
    """The client disconnected before its request body arrived in full."""


def _is_json(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


def _replay(body: bytes, receive: Receive) -> Receive:
    """Hand the app the buffered body in one message, then the connection's own events."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if delivered:
            return await receive()
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def send_shutting_down(send: Send, instance: str) -> None:
    """The answer to a request that the server's shutdown cuts off before it is answered."""
    await send_problem(
        send,
        instance,
        HTTPStatus.SERVICE_UNAVAILABLE,
        "shutting_down",
        "The server is shutting down; retry shortly.",
        {"Retry-After": SHUTDOWN_RETRY_AFTER_SECONDS, "Connection": "close"},
    )


class RequestContextMiddleware:
    """Runs outside routing for every HTTP request of the app.

    A request holds one of the ``max_concurrent_requests`` slots only once its whole body has
    arrived (within ``body_timeout_seconds``): a slow client then ties up its own connection
    and nothing else. No error leaves this middleware: the server would close the connection.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_concurrent_requests: int,
        max_body_bytes: int,
        body_timeout_seconds: float,
        metrics: Metrics,
    ) -> None:
        self._app = app
        self._metrics = metrics
        # The labelled children by (operation, method, status): a few dozen at most, and a
        # dict lookup instead of prometheus_client's locked ``labels()`` on every request.
        self._children: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}
        self._max_concurrent = max_concurrent_requests
        # Hand-written rather than FastAPI's max_body_size: that one answers 413 in plain
        # text from outside every exception handler, and the contract promises problem+json.
        self._max_body_bytes = max_body_bytes
        self._body_timeout = body_timeout_seconds
        self._in_flight = 0
        # Request ids: unique across processes by a random prefix, then a counter (a tenth of
        # the cost of a random UUID per request; they are identifiers, not secrets).
        self._request_id_prefix = secrets.token_hex(8)
        self._request_numbers = itertools.count()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        incoming = headers.get("x-request-id", "")
        request_id = (
            incoming
            if _VALID_REQUEST_ID.match(incoming)
            else (f"{self._request_id_prefix}{next(self._request_numbers):016x}")
        )
        # Left set on purpose: the outermost error middleware logs and answers after we return.
        request_id_var.set(request_id)
        event_ids: list[str] = []
        event_ids_var.set(event_ids)
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        # HEAD runs the GET operation and sends its headers alone: FastAPI's routes, unlike
        # Starlette's, answer HEAD with 405, while the contract allows HEAD wherever GET is.
        head = scope["method"] == "HEAD" and scope["path"].startswith("/api/")
        app_scope = {**scope, "method": "GET"} if head else scope
        status = 500
        response_started = False

        async def send_with_request_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                response_headers = MutableHeaders(scope=message)
                if "x-request-id" not in response_headers:
                    response_headers.append("X-Request-ID", request_id)
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            app_receive = await self._admit(scope, headers, receive)
            self._in_flight += 1
            try:
                await self._app(app_scope, app_receive, send_with_request_id)
            finally:
                self._in_flight -= 1
        except (_ClientGone, ClientDisconnect):
            if not response_started:
                status = CLIENT_CLOSED_REQUEST
        except ApiError as exc:
            # Only the checks of _admit raise here: the app's own errors have their handler.
            self._metrics.rejections.labels(exc.code).inc()
            await send_problem(
                send_with_request_id, scope["path"], exc.status, exc.code, exc.detail, exc.headers
            )
        except asyncio.CancelledError:
            # The server cuts off what is still running at the end of its shutdown grace period.
            if not response_started:
                await send_shutting_down(send_with_request_id, scope["path"])
            raise
        except Exception:  # pylint: disable=broad-exception-caught
            # Answered here rather than by Starlette's ServerErrorMiddleware, which re-raises
            # to the server and so costs the client its keep-alive connection.
            logger.exception("unexpected error")
            if not response_started:
                await send_problem(
                    send_with_request_id,
                    scope["path"],
                    HTTPStatus.INTERNAL_SERVER_ERROR,
                    "internal_error",
                    internal_error_detail(),
                )
        finally:
            self._log(scope["method"], app_scope, status, started, event_ids)

    async def _admit(self, scope: Scope, headers: Headers, receive: Receive) -> Receive:
        """Check the request, wait for its whole body, take a slot; the app's ``receive``."""
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self._max_body_bytes:
            raise self._too_large()
        # FastAPI's strict content type answers 422; the contract promises 415.
        has_body = (length is not None and length != "0") or "transfer-encoding" in headers
        if (
            scope["method"] in _BODY_METHODS
            and scope["path"].startswith("/api/")
            and has_body
            and not _is_json(headers.get("content-type", ""))
        ):
            raise ApiError(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Send the request body as application/json.",
            )
        if has_body:
            receive = _replay(await self._receive_body(receive), receive)
        if self._in_flight >= self._max_concurrent:
            raise ApiError(
                HTTPStatus.SERVICE_UNAVAILABLE,
                "overloaded",
                "Too many requests are in flight; retry shortly.",
                headers={"Retry-After": OVERLOAD_RETRY_AFTER_SECONDS},
            )
        return receive

    async def _receive_body(self, receive: Receive) -> bytes:
        """The whole body, within the size limit (chunked ones too) and the body timeout."""
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self._body_timeout):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        raise _ClientGone
                    chunk: bytes = message.get("body", b"")
                    size += len(chunk)
                    if size > self._max_body_bytes:
                        raise self._too_large()
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        return b"".join(chunks)
        except TimeoutError:
            raise ApiError(
                HTTPStatus.REQUEST_TIMEOUT,
                "request_timeout",
                f"The request body did not arrive within {self._body_timeout:g} seconds.",
                # The connection is stuck mid-body: it can carry no further request.
                headers={"Connection": "close"},
            ) from None

    def _too_large(self) -> ApiError:
        detail = f"The request body exceeds {self._max_body_bytes} bytes."
        return ApiError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", detail)

    def _log(
        self, method: str, scope: Scope, status: int, started: float, event_ids: list[str]
    ) -> None:
        """The access-log line and the request metrics, labelled by the operation's id."""
        elapsed = time.perf_counter() - started
        route = scope.get("route")
        # Bounded labels: the contract's operationIds, else the route's template (docs, app).
        operation = str(
            getattr(route, "operation_id", None) or getattr(route, "path", None) or "unmatched"
        )
        key = (operation, method, status)
        children = self._children.get(key)
        if children is None:
            children = self._children[key] = (
                self._metrics.requests.labels(operation, method, str(status)),
                self._metrics.request_duration.labels(operation),
            )
        children[0].inc()
        children[1].observe(elapsed)
        principal = scope.get("state", {}).get("principal", "-")
        access_logger.info(
            "%s %s %d %.1fms principal=%s resource=%s events=%s",
            method,
            scope["path"],
            status,
            elapsed * 1000,
            principal,
            ",".join(f"{key}={value}" for key, value in scope.get("path_params", {}).items())
            or "-",
            ",".join(event_ids) or "-",
            # Fields of their own in JSON logs (QUIVER_LOG_FORMAT=json).
            extra={
                "method": method,
                "path": scope["path"],
                "status": status,
                "duration_ms": round(elapsed * 1000, 3),
                "principal": principal,
                "operation": operation,
                "events": event_ids,
            },
        )
