"""The authentication dependency shared by every non-public operation."""

from typing import Annotated

from fastapi import Depends, Request

from quiver.core.db import Conn, Executor
from quiver.core.security import Passwords, Principal, token_digest
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
