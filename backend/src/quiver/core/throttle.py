"""The dependency that applies the sign-in limits (``services.sign_in_limits``) to a request.

A router calls it first, before anything costly: over a limit it raises the 429; otherwise
``RateLimitMiddleware`` puts the RateLimit headers on the operation's response, whatever
that response is (an idempotent replay too).
"""

from typing import Annotated

from fastapi import Depends, Request

from quiver.core.db import AppSettings, DbPool
from quiver.core.ratelimit import client_address, note_sign_in_headers
from quiver.services import sign_in_limits


class SignInLimits:
    """The sign-in limits of one request."""

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
