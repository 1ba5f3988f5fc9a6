"""What browsers are told: CORS for the configured origins, and security headers on every
response (content type sniffing, referrer, Content-Security-Policy, caching of authenticated
answers)."""

from collections.abc import Sequence
from http import HTTPStatus
from uuid import uuid4

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from quiver.core.errors import PROBLEM_MEDIA_TYPE, problem_body

# What a cross-origin client may send and read: every method and request header of the
# contract, and every response header it documents.
CORS_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
CORS_REQUEST_HEADERS = (
    "Authorization",
    "Content-Type",
    "Idempotency-Key",
    "If-Match",
    "If-None-Match",
    "X-Request-ID",
)
CORS_EXPOSED_HEADERS = (
    "X-Request-ID",
    "ETag",
    "Location",
    "Retry-After",
    "RateLimit",
    "RateLimit-Policy",
    "Idempotent-Replayed",
    "WWW-Authenticate",
    "Deprecation",
    "Sunset",
    "Link",
    "Content-Disposition",
)
CORS_MAX_AGE_SECONDS = 600

# The browser's default, kept explicit: a cross-origin request names only our origin (never a
# path; ours carry nothing secret anyway), and Google's sign-in frame, which checks that origin
# against the client's authorised JavaScript origins, keeps working.
REFERRER_POLICY = "strict-origin-when-cross-origin"
# JSON and problem documents load nothing and are framed by no one.
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
# Google Identity Services' documented sources: its script, its stylesheet, its frames and its
# calls (developers.google.com/identity/gsi/web/guides/get-google-api-clientid, CSP section).
GOOGLE_SIGN_IN = "https://accounts.google.com/gsi/"


def content_security_policy(*, scripts: Sequence[str] = (), google_sign_in: bool = False) -> str:
    """The policy of a page served by the app: everything from its own origin only (the
    WebSocket included), data: images, no inline script but the hashed ``scripts``, nothing
    framed or framing; Google's sign-in sources when it is on."""
    google = (GOOGLE_SIGN_IN,) if google_sign_in else ()
    directives = {
        "default-src": ("'self'",),
        "script-src": ("'self'", *scripts, *(f"{source}client" for source in google)),
        "style-src": ("'self'", *(f"{source}style" for source in google)),
        "img-src": ("'self'", "data:"),
        "font-src": ("'self'",),
        "connect-src": ("'self'", *google),
        "frame-src": google or ("'none'",),
        "worker-src": ("'self'",),
        "manifest-src": ("'self'",),
        "object-src": ("'none'",),
        "base-uri": ("'self'",),
        "form-action": ("'self'",),
        "frame-ancestors": ("'none'",),
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


class SecurityHeadersMiddleware:
    """Adds to every HTTP response the headers it does not set itself: ``nosniff``, the
    referrer policy, a Content-Security-Policy (``API_POLICY`` under /api/ and /health/, else
    ``app_policy``), and ``Cache-Control: no-store`` when the request carried credentials.

    Outermost, so that every answer has them, those of the other middleware included.
    """

    def __init__(self, app: ASGIApp, *, app_policy: str) -> None:
        self._app = app
        common = [
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", REFERRER_POLICY.encode()),
        ]
        # (API or not, authenticated or not) -> the headers to add; built once.
        self._added = {
            (api, authenticated): [
                *common,
                (b"content-security-policy", (API_POLICY if api else app_policy).encode()),
                *([(b"cache-control", b"no-store")] if authenticated else []),
            ]
            for api in (False, True)
            for authenticated in (False, True)
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        api = scope["path"].startswith(("/api/", "/health/"))
        authenticated = any(name == b"authorization" for name, _ in scope["headers"])
        added = self._added[api, authenticated]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # ASGI header names are lower-case.
                headers = list(message.get("headers", ()))
                present = {name for name, _ in headers}
                headers.extend(header for header in added if header[0] not in present)
                message["headers"] = headers
            await send(message)

        await self._app(scope, receive, send_with_headers)


class Cors(CORSMiddleware):
    """Starlette's CORS middleware; a preflight it refuses is answered as problem+json (403
    ``cors_not_allowed``) rather than in plain text, like every other error of the API."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "OPTIONS":
            headers = Headers(scope=scope)
            if "origin" in headers and "access-control-request-method" in headers:
                response = self.preflight_response(request_headers=headers)
                if response.status_code != HTTPStatus.OK:
                    response = _refused_preflight(scope["path"], response)
                await response(scope, receive, send)
                return
        await super().__call__(scope, receive, send)


def _refused_preflight(path: str, refusal: Response) -> Response:
    """Starlette's refusal ("Disallowed CORS origin, headers") as a problem document."""
    what = bytes(refusal.body).decode().removeprefix("Disallowed CORS ")
    # Answered before the request-context middleware: the request id is made here.
    request_id = uuid4().hex
    body = problem_body(
        HTTPStatus.FORBIDDEN,
        "cors_not_allowed",
        f"This cross-origin request is not allowed: its {what} (see QUIVER_CORS_ORIGINS).",
        path,
        request_id=request_id,
    )
    return Response(
        body,
        HTTPStatus.FORBIDDEN,
        headers={"Vary": refusal.headers["vary"], "X-Request-ID": request_id},
        media_type=PROBLEM_MEDIA_TYPE,
    )


def protect_browsers(app: Starlette, *, cors_origins: Sequence[str], google_sign_in: bool) -> None:
    """Add CORS for ``cors_origins`` (none: no CORS headers at all), then the security
    headers, as the app's outermost middleware. A preflight is answered before the request
    context (no slot, no access-log line): it runs no operation."""
    if cors_origins:
        app.add_middleware(
            Cors,
            allow_origins=cors_origins,
            allow_methods=CORS_METHODS,
            allow_headers=CORS_REQUEST_HEADERS,
            expose_headers=CORS_EXPOSED_HEADERS,
            max_age=CORS_MAX_AGE_SECONDS,
        )
    app.add_middleware(
        SecurityHeadersMiddleware,
        app_policy=content_security_policy(google_sign_in=google_sign_in),
    )
