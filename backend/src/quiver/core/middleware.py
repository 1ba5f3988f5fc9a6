"""Per-request wiring: request id, concurrency and body limits, media type, access log."""

import re
import time
from http import HTTPStatus
from uuid import uuid4

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from quiver.core.errors import PROBLEM_MEDIA_TYPE, ApiError, problem_body
from quiver.core.logger import LoggerFactory, request_id_var

logger = LoggerFactory().get_logger("quiver.access")

_VALID_REQUEST_ID = re.compile(r"^[!-~]{1,128}$")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
OVERLOAD_RETRY_AFTER_SECONDS = "1"


def _is_json(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


class RequestContextMiddleware:
    """Runs outside routing for every HTTP request of the app."""

    def __init__(self, app: ASGIApp, *, max_concurrent_requests: int, max_body_bytes: int) -> None:
        self._app = app
        self._max_concurrent = max_concurrent_requests
        # Hand-written rather than FastAPI's max_body_size: that one answers 413 in plain
        # text from outside every exception handler, and the contract promises problem+json.
        self._max_body_bytes = max_body_bytes
        self._in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        incoming = headers.get("x-request-id", "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid4().hex
        # Left set on purpose: the outermost error middleware logs and answers after we return.
        request_id_var.set(request_id)
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        async def send_with_request_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                response_headers = MutableHeaders(scope=message)
                if "x-request-id" not in response_headers:
                    response_headers.append("X-Request-ID", request_id)
            await send(message)

        try:
            rejection = self._reject(scope, headers)
            if rejection is not None:
                await self._send_problem(scope, send_with_request_id, *rejection)
                return
            self._in_flight += 1
            try:
                await self._app(scope, self._limit_body(receive), send_with_request_id)
            finally:
                self._in_flight -= 1
        finally:
            self._log(scope, status, started)

    def _reject(
        self, scope: Scope, headers: Headers
    ) -> tuple[HTTPStatus, str, str, dict[str, str]] | None:
        """The problem to answer without running the app, if any."""
        if self._in_flight >= self._max_concurrent:
            return (
                HTTPStatus.SERVICE_UNAVAILABLE,
                "overloaded",
                "Too many requests are in flight; retry shortly.",
                {"Retry-After": OVERLOAD_RETRY_AFTER_SECONDS},
            )
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self._max_body_bytes:
            return self._too_large()
        # FastAPI's strict content type answers 422; the contract promises 415.
        has_body = (length is not None and length != "0") or "transfer-encoding" in headers
        if (
            scope["method"] in _BODY_METHODS
            and scope["path"].startswith("/api/")
            and has_body
            and not _is_json(headers.get("content-type", ""))
        ):
            return (
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Send the request body as application/json.",
                {},
            )
        return None

    def _too_large(self) -> tuple[HTTPStatus, str, str, dict[str, str]]:
        detail = f"The request body exceeds {self._max_body_bytes} bytes."
        return HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", detail, {}

    def _limit_body(self, receive: Receive) -> Receive:
        """Enforce the limit on bodies that announce no length (chunked)."""
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self._max_body_bytes:
                    status, code, detail, _ = self._too_large()
                    raise ApiError(status, code, detail)
            return message

        return limited

    @staticmethod
    async def _send_problem(
        scope: Scope,
        send: Send,
        status: HTTPStatus,
        code: str,
        detail: str,
        extra_headers: dict[str, str],
    ) -> None:
        body = problem_body(status, code, detail, scope["path"])
        raw_headers = [
            (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
            (b"content-length", str(len(body)).encode()),
            *((name.lower().encode(), value.encode()) for name, value in extra_headers.items()),
        ]
        await send({"type": "http.response.start", "status": int(status), "headers": raw_headers})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _log(scope: Scope, status: int, started: float) -> None:
        state = scope.get("state", {})
        logger.info(
            "%s %s %d %.1fms principal=%s resource=%s",
            scope["method"],
            scope["path"],
            status,
            (time.perf_counter() - started) * 1000,
            state.get("principal", "-"),
            ",".join(f"{key}={value}" for key, value in scope.get("path_params", {}).items())
            or "-",
        )
