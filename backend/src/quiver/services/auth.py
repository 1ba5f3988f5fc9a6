"""Logging in and out with opaque bearer tokens."""

from datetime import UTC, datetime, timedelta
from uuid import UUID

from quiver.core.db import Connection, Pool
from quiver.core.errors import UnauthorizedError
from quiver.core.security import Passwords, Principal, new_token
from quiver.models import archer as archer_model
from quiver.models import token as token_model
from quiver.schemas.api import AccessToken, LoginRequest


async def log_in(
    pool: Pool, passwords: Passwords, credentials: LoginRequest, ttl_seconds: int
) -> AccessToken:
    """Issue a token; unknown email and wrong password fail identically, in the same time.

    Each statement borrows a connection for itself alone: none is held while the password is
    hashed, which takes far longer than any query.
    """
    row = await archer_model.select_archer_credentials(pool, credentials.email)
    # Verified in both cases (an unknown email against the decoy hash), so the time taken does
    # not tell whether the email is registered.
    verified = await passwords.verify(
        None if row is None else row["password_hash"], credentials.password
    )
    if row is None or not verified:
        raise UnauthorizedError("The email or password is wrong.", error="invalid_credentials")
    return await issue_token(pool, row["id"], ttl_seconds)


async def issue_token(pool: Pool, archer_id: UUID, ttl_seconds: int) -> AccessToken:
    """A new login token of the archer, however the archer proved who they are."""
    token, digest = new_token()
    expires_at = datetime.now(UTC) + timedelta(seconds=ttl_seconds)
    stored = await token_model.insert_token(pool, archer_id, digest, expires_at)
    return AccessToken(
        access_token=token,
        token_type="bearer",
        expires_at=stored["expires_at"],
        archer_id=stored["archer_id"],
    )


INVALID_TOKEN = "The token is invalid, expired or revoked."


def bearer_token(authorization: str | None) -> str:
    """The token in an ``Authorization: Bearer`` header, not yet checked."""
    if not authorization:
        # No credentials at all: the challenge carries no error code (RFC 6750, section 3.1).
        raise UnauthorizedError("This operation needs a bearer token.", error=None)
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise UnauthorizedError("Use `Authorization: Bearer <token>`.", error="invalid_request")
    return token.strip()


async def authenticate_digest(conn: Connection, token_hash: bytes) -> Principal:
    """The principal whose token has this digest."""
    row = await token_model.select_active_token(conn, token_hash)
    if row is None:
        raise UnauthorizedError(INVALID_TOKEN)
    return Principal(archer_id=row["archer_id"], token_id=row["id"])


async def log_out(conn: Connection, principal: Principal) -> None:
    """Revoke the token the request was made with."""
    await token_model.update_token_revoke(conn, principal.token_id)
