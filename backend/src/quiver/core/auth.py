"""The authentication dependency shared by every non-public operation."""

from typing import Annotated

from fastapi import Depends, Request

from quiver.core.db import Conn
from quiver.core.security import Passwords, Principal
from quiver.services.auth import authenticate


async def require_archer(request: Request, conn: Conn) -> Principal:
    """Authenticate the request and remember the principal for the access log."""
    principal = await authenticate(conn, request.headers.get("authorization"))
    request.state.principal = str(principal.archer_id)
    return principal


async def get_passwords(request: Request) -> Passwords:
    """The password hasher created by the app's lifespan."""
    passwords: Passwords = request.app.state.passwords
    return passwords


CurrentArcher = Annotated[Principal, Depends(require_archer)]
PasswordHasher = Annotated[Passwords, Depends(get_passwords)]
