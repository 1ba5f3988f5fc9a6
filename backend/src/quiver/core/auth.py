"""The authentication dependency shared by every non-public operation."""

from typing import Annotated

from fastapi import Depends, Request

from quiver.core.db import Conn
from quiver.core.security import Passwords, Principal
from quiver.services.auth import authenticate, bearer_digest


async def require_archer(request: Request, conn: Conn) -> Principal:
    """Authenticate the request and remember the principal for the access log."""
    principal = await authenticate(conn, request.headers.get("authorization"))
    note_principal(request, principal.archer_id)
    return principal


async def caller_token(request: Request) -> bytes:
    """The digest of the request's bearer token, for operations whose one statement checks it.

    Hot read and write paths authenticate inside their own SQL, saving a round trip and a
    pooled connection held across two statements; they call ``note_principal`` afterwards.
    """
    return bearer_digest(request.headers.get("authorization"))


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
