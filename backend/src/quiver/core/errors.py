"""Domain errors and their one mapping to RFC 9457 problem+json responses."""

import re
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

import asyncpg
import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import Send

from quiver.core.logger import LoggerFactory, request_id_var

logger = LoggerFactory().get_logger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"
DATABASE_RETRY_AFTER_SECONDS = "2"
_HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


class ApiError(Exception):
    """An error the API reports to the client with a precise status and a stable code."""

    def __init__(
        self,
        status: HTTPStatus,
        code: str,
        detail: str,
        *,
        headers: Mapping[str, str] | None = None,
        errors: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = dict(headers or {})
        self.errors = list(errors)


class NotFoundError(ApiError):
    """The resource does not exist, or the caller may not know that it does."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(HTTPStatus.NOT_FOUND, code, detail)


class ConflictError(ApiError):
    """The request conflicts with the stored state."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(HTTPStatus.CONFLICT, code, detail)


class UnprocessableError(ApiError):
    """The request is well-formed but breaks a business rule."""

    def __init__(self, code: str, detail: str, *, pointer: str | None = None) -> None:
        errors = [(pointer, detail)] if pointer is not None else []
        super().__init__(HTTPStatus.UNPROCESSABLE_ENTITY, code, detail, errors=errors)


class UnauthorizedError(ApiError):
    """Missing or invalid credentials."""

    def __init__(self, detail: str, *, error: str | None = "invalid_token") -> None:
        # No error code when the request carried no credentials (RFC 6750, section 3.1).
        challenge = 'Bearer realm="quiver"' + ("" if error is None else f', error="{error}"')
        super().__init__(
            HTTPStatus.UNAUTHORIZED,
            "unauthenticated",
            detail,
            headers={"WWW-Authenticate": challenge},
        )


def problem_body(
    status: HTTPStatus,
    code: str,
    detail: str,
    instance: str,
    errors: Sequence[tuple[str, str]] = (),
    *,
    request_id: str | None = None,
) -> bytes:
    """Serialise one problem document; the shape is the contract's ``Problem`` schema."""
    body: dict[str, Any] = {
        "type": f"/problems/{code}",
        "title": status.phrase,
        "status": int(status),
        "detail": detail,
        "instance": instance,
        "code": code,
        "request_id": request_id or request_id_var.get(),
    }
    if errors:
        body["errors"] = [{"pointer": pointer, "detail": msg} for pointer, msg in errors]
    return orjson.dumps(body)


async def send_problem(
    send: Send,
    instance: str,
    status: HTTPStatus,
    code: str,
    detail: str,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Answer a problem+json at the ASGI level, where no ``Request`` or handler exists."""
    body = problem_body(status, code, detail, instance)
    raw_headers = [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
        *((name.lower().encode(), value.encode()) for name, value in (headers or {}).items()),
    ]
    await send({"type": "http.response.start", "status": int(status), "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})


def internal_error_detail() -> str:
    """The detail of a 500: nothing of the error itself, only the id to quote."""
    return f"An unexpected error occurred; quote request id {request_id_var.get()}."


def problem_response(
    request: Request,
    status: HTTPStatus,
    code: str,
    detail: str,
    *,
    headers: Mapping[str, str] | None = None,
    errors: Sequence[tuple[str, str]] = (),
) -> Response:
    """A problem+json response for ``request``."""
    body = problem_body(status, code, detail, request.url.path, errors)
    # Set here too because a 500 is answered outside the middleware that adds it.
    all_headers = {"X-Request-ID": request_id_var.get(), **(headers or {})}
    return Response(body, int(status), headers=all_headers, media_type=PROBLEM_MEDIA_TYPE)


def _pointer(loc: Sequence[int | str]) -> str:
    """Turn a Pydantic error location into a JSON pointer (RFC 6901)."""
    where, *path = loc
    if where == "body":
        # Union (oneOf) errors name the model tried, e.g. ("arrows", 0, "PlottedArrow", "x_mm").
        path = [part for part in path if not (isinstance(part, str) and part[:1].isupper())]
        if not path:
            return ""
    escaped = "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in path)
    if where == "body":
        return "/" + escaped
    return f"#/{where}/{escaped}"


def _validation_response(request: Request, exc: RequestValidationError) -> Response:
    issues = list(exc.errors())
    if any(issue.get("type") == "json_invalid" for issue in issues):
        return problem_response(
            request, HTTPStatus.BAD_REQUEST, "malformed_json", "The request body is not valid JSON."
        )
    errors = [(_pointer(issue["loc"]), str(issue["msg"])) for issue in issues]
    fields = ", ".join(pointer for pointer, _ in errors)
    return problem_response(
        request,
        HTTPStatus.UNPROCESSABLE_ENTITY,
        "validation_failed",
        f"The request is invalid: {fields}.",
        errors=errors,
    )


def allowed_methods_by_path(contract: Mapping[str, Any]) -> list[tuple[re.Pattern[str], str]]:
    """The ``Allow`` header value of every path template of the contract."""
    table = []
    for template, operations in contract["paths"].items():
        methods = {method.upper() for method in operations if method in _HTTP_METHODS}
        if "GET" in methods:
            methods.add("HEAD")
        pattern = re.compile("^" + re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template)) + "$")
        table.append((pattern, ", ".join(sorted(methods))))
    return table


def _allowed_methods(request: Request) -> str:
    """Every method the contract defines for this path (the app serves exactly those)."""
    table: list[tuple[re.Pattern[str], str]] = request.app.state.allowed_methods
    return next((allow for pattern, allow in table if pattern.match(request.url.path)), "")


def _api_error_response(request: Request, exc: ApiError) -> Response:
    return problem_response(
        request, exc.status, exc.code, exc.detail, headers=exc.headers, errors=exc.errors
    )


def _http_exception_response(request: Request, exc: StarletteHTTPException) -> Response:
    if isinstance(exc.__cause__, ApiError):
        # FastAPI wraps any error raised while reading the body (e.g. our size limit) in a 400.
        return _api_error_response(request, exc.__cause__)
    status = HTTPStatus(exc.status_code)
    if status == HTTPStatus.METHOD_NOT_ALLOWED:
        allowed = _allowed_methods(request)
        return problem_response(
            request,
            status,
            "method_not_allowed",
            f"{request.method} is not allowed here; use {allowed}.",
            headers={"Allow": allowed},
        )
    if status == HTTPStatus.NOT_FOUND:
        return problem_response(request, status, "not_found", f"No resource at {request.url.path}.")
    code = status.phrase.lower().replace(" ", "_").replace("-", "_")
    return problem_response(request, status, code, str(exc.detail), headers=exc.headers)


# Errors that say the database cannot serve the request now, whatever the request: it is
# down, restarting, out of connections, or the connection broke mid-request (asyncpg then
# raises an InternalClientError such as "cannot switch to state ..."). All are a 503.
DATABASE_UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (
    OSError,
    TimeoutError,
    asyncpg.InterfaceError,
    asyncpg.InternalClientError,
    asyncpg.PostgresConnectionError,
    asyncpg.OperatorInterventionError,
    asyncpg.InsufficientResourcesError,
)


def _database_unavailable(request: Request, exc: Exception) -> Response:
    logger.error("database unavailable: %s", type(exc).__name__)
    return problem_response(
        request,
        HTTPStatus.SERVICE_UNAVAILABLE,
        "database_unavailable",
        "The database is unavailable; retry shortly.",
        headers={"Retry-After": DATABASE_RETRY_AFTER_SECONDS},
    )


def _database_busy(request: Request, exc: Exception) -> Response:
    """A statement waited for a lock longer than the lock timeout; it was rolled back."""
    logger.warning("lock wait timed out: %s", exc)
    return problem_response(
        request,
        HTTPStatus.SERVICE_UNAVAILABLE,
        "database_busy",
        "The data is locked by other work; nothing was changed, retry shortly.",
        headers={"Retry-After": DATABASE_RETRY_AFTER_SECONDS},
    )


def _integrity_response(request: Request, exc: Exception) -> Response:
    """A constraint the service did not anticipate still never becomes a 500."""
    logger.warning("constraint violation escaped its service: %s", exc)
    if isinstance(exc, (asyncpg.UniqueViolationError, asyncpg.ExclusionViolationError)):
        return problem_response(
            request, HTTPStatus.CONFLICT, "conflict", "The resource conflicts with another one."
        )
    return problem_response(
        request,
        HTTPStatus.UNPROCESSABLE_ENTITY,
        "constraint_violation",
        "The request breaks a rule of the stored data.",
    )


def install_error_handlers(app: FastAPI) -> None:
    """Map every error the app can raise to the contract's problem+json shape."""

    async def on_api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _api_error_response(request, exc)

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return _validation_response(request, exc)

    async def on_http_exception(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        return _http_exception_response(request, exc)

    async def on_database_unavailable(request: Request, exc: Exception) -> Response:
        return _database_unavailable(request, exc)

    async def on_database_busy(request: Request, exc: Exception) -> Response:
        return _database_busy(request, exc)

    async def on_integrity_error(request: Request, exc: Exception) -> Response:
        return _integrity_response(request, exc)

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        # Only for an error outside RequestContextMiddleware, which answers the app's own
        # (Starlette runs this handler and then re-raises to the server).
        logger.exception("unexpected error", exc_info=exc)
        return problem_response(
            request,
            HTTPStatus.INTERNAL_SERVER_ERROR,
            "internal_error",
            internal_error_detail(),
        )

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_exception)
    for unavailable in DATABASE_UNAVAILABLE_ERRORS:
        app.add_exception_handler(unavailable, on_database_unavailable)
    app.add_exception_handler(asyncpg.LockNotAvailableError, on_database_busy)
    for integrity in (asyncpg.IntegrityConstraintViolationError, asyncpg.DataError):
        app.add_exception_handler(integrity, on_integrity_error)
    app.add_exception_handler(Exception, on_unexpected)
