"""The request dependencies that routers share: who is calling, the ``Idempotency-Key`` header,
and the sign-in limits.

They read the request and hand the rest to services (``services.auth``,
``services.access_tokens``, ``services.sign_in_limits``), so routers stay thin and services
never see a request.
"""

from typing import Annotated
from uuid import UUID

from fastapi import Depends, Query, Request
from pydantic import StringConstraints, TypeAdapter

from quiver.core.db import AppSettings, Conn, DbPool, Executor
from quiver.core.ratelimit import client_address, note_sign_in_headers
from quiver.core.security import Passwords, Principal, token_digest
from quiver.core.validation import Instant, validate_parameter
from quiver.models.history_filter import HistoryFilter
from quiver.schemas.api import DistanceUnit, FaceType
from quiver.services import sign_in_limits
from quiver.services.access_tokens import PERSONAL_TOKEN_PREFIX, ScopeCheck
from quiver.services.auth import authenticate_digest, bearer_token


async def require_archer(request: Request, conn: Conn) -> Principal:
    """Authenticate the request and remember the principal for the access log."""
    token = bearer_token(request.headers.get("authorization"))
    digest = token_digest(token)
    if token.startswith(PERSONAL_TOKEN_PREFIX):
        await _require_scope(request, conn, digest)
    principal = await authenticate_digest(conn, digest)
    note_principal(request, principal.archer_id)
    return principal


async def caller_token(request: Request) -> bytes:
    """The digest of the request's bearer token, for operations whose one statement checks it.

    Hot read and write paths authenticate inside their own SQL, saving a round trip and a
    pooled connection held across two statements; they call ``note_principal`` afterwards.
    """
    token = bearer_token(request.headers.get("authorization"))
    digest = token_digest(token)
    if token.startswith(PERSONAL_TOKEN_PREFIX):
        await _require_scope(request, request.app.state.pool, digest)
    return digest


async def _require_scope(request: Request, db: Executor, digest: bytes) -> None:
    """A personal access token must hold the scope the contract gives this operation.

    Checked before the operation looks anything up, so a token without the scope learns
    nothing about the resource. Login tokens hold every scope and never get here: their
    requests cost only the prefix test.
    """
    scope_check: ScopeCheck = request.app.state.scope_check
    await scope_check.require(db, digest, request.scope["route"].operation_id)


def note_principal(request: Request, archer_id: object) -> None:
    """Record the authenticated archer for the access log."""
    request.state.principal = str(archer_id)


async def get_passwords(request: Request) -> Passwords:
    """The password hasher created by the app's lifespan."""
    passwords: Passwords = request.app.state.passwords
    return passwords


CurrentArcher = Annotated[Principal, Depends(require_archer)]
CallerToken = Annotated[bytes, Depends(caller_token)]
PasswordHasher = Annotated[Passwords, Depends(get_passwords)]

_KEY: TypeAdapter[str | None] = TypeAdapter(
    Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=r"^[!-~]+$")] | None
)


async def idempotency_key(request: Request) -> str | None:
    """The request's ``Idempotency-Key``, if any: 1 to 255 printable ASCII characters.

    What a key does is ``services.idempotency``'s business.
    """
    return validate_parameter(
        _KEY, request.headers.get("idempotency-key"), "header", "Idempotency-Key"
    )


IdempotencyKey = Annotated[str | None, Depends(idempotency_key)]


class SignInLimits:
    """The sign-in limits (``services.sign_in_limits``) of one request.

    A router calls it first, before anything costly: over a limit it raises the 429; otherwise
    ``RateLimitMiddleware`` puts the RateLimit headers on the operation's response, whatever
    that response is (an idempotent replay too).
    """

    def __init__(self, request: Request, pool: DbPool, settings: AppSettings) -> None:
        self._scope = request.scope
        self._address = client_address(request.scope)
        self._pool = pool
        self._settings = settings

    async def login(self, email: str) -> None:
        """Count a login attempt for ``email``."""
        headers = await sign_in_limits.check_login(self._pool, self._settings, self._address, email)
        note_sign_in_headers(self._scope, headers)

    async def registration(self, email: str) -> None:
        """Count a registration attempt for ``email``."""
        headers = await sign_in_limits.check_registration(
            self._pool, self._settings, self._address, email
        )
        note_sign_in_headers(self._scope, headers)

    async def oidc_login(self) -> None:
        """Count a sign-in attempt with an ID token, before the token is checked."""
        headers = await sign_in_limits.check_oidc_login(self._pool, self._settings, self._address)
        note_sign_in_headers(self._scope, headers)


SignInThrottle = Annotated[SignInLimits, Depends()]


def history_filter(  # pylint: disable=too-many-arguments,too-many-positional-arguments
    start_from: Instant | None = None,
    start_to: Instant | None = None,
    round_code: Annotated[
        str | None, Query(min_length=1, max_length=64, pattern="^[a-z0-9][a-z0-9_]*$")
    ] = None,
    face_type: FaceType | None = None,
    distance: Annotated[float | None, Query(ge=1, le=150)] = None,
    distance_unit: DistanceUnit | None = None,
    is_indoor: bool | None = None,
    bow_id: UUID | None = None,
    arrow_set_id: UUID | None = None,
) -> HistoryFilter:
    """The contract's history filter parameters (components/parameters/History*)."""
    return HistoryFilter(
        start_from=start_from,
        start_to=start_to,
        round_code=round_code,
        face_type=None if face_type is None else face_type.value,
        distance=distance,
        distance_unit=None if distance_unit is None else distance_unit.value,
        is_indoor=is_indoor,
        bow_id=bow_id,
        arrow_set_id=arrow_set_id,
    )


HistoryQuery = Annotated[HistoryFilter, Depends(history_filter)]
