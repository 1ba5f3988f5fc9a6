"""Password hashing (Argon2id) and opaque bearer tokens."""

import asyncio
import hashlib
import secrets
from dataclasses import dataclass
from uuid import UUID

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from starlette.concurrency import run_in_threadpool

from quiver.core.settings import Settings

TOKEN_BYTES = 32


@dataclass(frozen=True)
class Principal:
    """The authenticated caller of a request."""

    archer_id: UUID
    token_id: UUID


class Passwords:
    """Argon2id hashing, run off the event loop because each hash takes tens of milliseconds.

    At most ``password_hash_concurrency`` hashes run at once (one per core by default): more
    would only slow every one of them down, so logins queue among themselves instead of
    taking the CPU from every other request.
    """

    def __init__(self, settings: Settings) -> None:
        self._hasher = PasswordHasher(
            time_cost=settings.argon2_time_cost,
            memory_cost=settings.argon2_memory_cost_kib,
            parallelism=settings.argon2_parallelism,
            type=Type.ID,
        )
        # Verifying against this for unknown emails makes them cost the same as wrong passwords.
        self._decoy_hash = self._hasher.hash(secrets.token_hex(16))
        self._slots = asyncio.Semaphore(settings.password_hash_concurrency)

    async def hash(self, password: str) -> str:
        """Hash a new password."""
        async with self._slots:
            return await run_in_threadpool(self._hasher.hash, password)

    async def verify(self, password_hash: str | None, password: str) -> bool:
        """Check a password; ``None`` (no such account) takes as long and fails."""
        try:
            async with self._slots:
                matches = await run_in_threadpool(
                    self._hasher.verify, password_hash or self._decoy_hash, password
                )
        except (VerificationError, InvalidHashError):
            return False
        return matches and password_hash is not None


def new_token() -> tuple[str, bytes]:
    """A fresh opaque token and the digest that is stored in its place."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_digest(token)


def token_digest(token: str) -> bytes:
    """The stored form of a token. Tokens are random, so a fast hash is enough."""
    return hashlib.sha256(token.encode()).digest()
