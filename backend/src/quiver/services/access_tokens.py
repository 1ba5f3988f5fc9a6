"""Personal access tokens: creating, listing and revoking them, and checking their scopes.

A personal token is an ``archer_token`` row like a login token, so every statement that
authenticates a bearer token accepts it unchanged; what it may do is limited by its scopes,
which every operation declares in the contract (``core.contract.operation_scopes``). Its secret
is returned once and stored only as a digest, like a login token's.
"""

import secrets
import time
from collections import OrderedDict
from collections.abc import Collection, Mapping
from http import HTTPStatus
from uuid import UUID

import asyncpg
from pydantic import AwareDatetime, BaseModel, ConfigDict

from quiver.core.db import Connection, Executor
from quiver.core.errors import (
    ApiError,
    ConflictError,
    NotFoundError,
    UnauthorizedError,
    UnprocessableError,
)
from quiver.core.keyset import cursor_position, split_page
from quiver.core.security import TOKEN_BYTES, token_digest
from quiver.models import token as token_model
from quiver.schemas.api import (
    AccessTokenCreate,
    PersonalAccessToken,
    PersonalAccessTokenCreated,
    PersonalAccessTokenPage,
    TokenScope,
)
from quiver.services.auth import INVALID_TOKEN
from quiver.services.idempotency import run_idempotently

# Recognisable by secret scanners; login tokens carry no prefix.
PERSONAL_TOKEN_PREFIX = "qvr_pat_"
_HINT_LENGTH = 4
_LISTING = {"listing": "listAccessTokens"}
_UNDECLARED = frozenset({"account"})


def _new_secret() -> tuple[str, bytes, str]:
    """A fresh personal token, the digest stored in its place, and its last characters."""
    token = PERSONAL_TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_digest(token), token[-_HINT_LENGTH:]


def _to_wire(row: asyncpg.Record) -> PersonalAccessToken:
    return PersonalAccessToken(
        id=row["id"],
        name=row["name"],
        scopes=[TokenScope(scope) for scope in row["scopes"]],
        token_hint=f"{PERSONAL_TOKEN_PREFIX}...{row['hint']}",
        created_at=row["created_at"],
        expires_at=row["expires_at"],
        last_used_at=row["last_used_at"],
    )


def _with_secret(row: asyncpg.Record, token: str) -> PersonalAccessTokenCreated:
    return PersonalAccessTokenCreated(**_to_wire(row).model_dump(), token=token)


def _canonical_scopes(scopes: Collection[TokenScope]) -> list[str]:
    """The scopes in the contract's order; each may appear once (``uniqueItems``)."""
    if len(set(scopes)) != len(scopes):
        raise UnprocessableError(
            "validation_failed", "Each scope may appear only once.", pointer="/scopes"
        )
    return [scope.value for scope in TokenScope if scope in scopes]


def _not_found() -> NotFoundError:
    return NotFoundError("access_token_not_found", "The access token does not exist.")


async def create_access_token(
    conn: Connection, archer_id: UUID, payload: AccessTokenCreate, idempotency_key: str | None
) -> tuple[PersonalAccessTokenCreated, bool]:
    """A new personal token with its secret, and whether this answers a retried key.

    The secret is never stored, not even in the idempotency record (which keeps the token
    without it): a retry gives the token it names a new secret, which replaces the first.
    """
    scopes = _canonical_scopes(payload.scopes)
    issued: list[PersonalAccessTokenCreated] = []

    async def create() -> PersonalAccessToken:
        token, digest, hint = _new_secret()
        row = await token_model.insert_personal_token(
            conn,
            archer_id,
            digest,
            name=payload.name,
            scopes=scopes,
            hint=hint,
            expires_in_days=payload.expires_in_days,
        )
        issued.append(_with_secret(row, token))
        return _to_wire(row)

    stored = await run_idempotently(
        conn,
        scope=archer_id,
        key=idempotency_key,
        operation="createAccessToken",
        payload=payload,
        status=HTTPStatus.CREATED,
        action=create,
    )
    if issued:
        return issued[0], False
    replayed = PersonalAccessToken.model_validate_json(bytes(stored.body))
    token, digest, hint = _new_secret()
    row = await token_model.update_personal_token_secret(conn, archer_id, replayed.id, digest, hint)
    if row is None:
        raise ConflictError(
            "access_token_revoked",
            "The token this Idempotency-Key created is revoked; use a new key for a new token.",
        )
    return _with_secret(row, token), True


class TokenPosition(BaseModel):
    """Where a page of tokens ends: newest first, by creation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    created_at: AwareDatetime
    id: UUID


def _position(row: asyncpg.Record) -> TokenPosition:
    return TokenPosition(created_at=row["created_at"], id=row["id"])


async def list_access_tokens(
    conn: Connection, archer_id: UUID, *, limit: int, cursor: str | None
) -> PersonalAccessTokenPage:
    """One page of the archer's usable personal tokens, newest first."""
    after = cursor_position(cursor, _LISTING, TokenPosition)
    rows = await token_model.select_personal_tokens_page(
        conn,
        archer_id,
        after=None if after is None else (after.created_at, after.id),
        limit=limit + 1,
    )
    page, next_cursor = split_page(rows, limit, _position, _LISTING)
    return PersonalAccessTokenPage(items=[_to_wire(row) for row in page], next_cursor=next_cursor)


async def get_access_token(
    conn: Connection, archer_id: UUID, token_id: UUID
) -> PersonalAccessToken:
    """One of the archer's usable personal tokens."""
    row = await token_model.select_personal_token(conn, archer_id, token_id)
    if row is None:
        raise _not_found()
    return _to_wire(row)


async def revoke_access_token(conn: Connection, archer_id: UUID, token_id: UUID) -> None:
    """Revoke one of the archer's usable personal tokens."""
    if not await token_model.update_personal_token_revoke(conn, archer_id, token_id):
        raise _not_found()


def insufficient_scope(required: Collection[str]) -> ApiError:
    """The 403 for a token without the operation's scope, with the RFC 6750 challenge."""
    needed = " ".join(sorted(required))
    return ApiError(
        HTTPStatus.FORBIDDEN,
        "insufficient_scope",
        f"This token lacks the scope this operation needs: {needed}.",
        headers={"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{needed}"'},
    )


class ScopeCheck:
    """What each operation needs (the contract's scopes, by operationId) and what each token
    a process has seen holds (its scopes by digest, in a bounded LRU map).

    Scopes never change after a token is created, so they are safe to keep; whether the token
    still authenticates is checked by the operation's own statement. An entry is read again
    from the database once it is ``refresh_seconds`` old, which also stamps the token's
    ``last_used_at``: one statement per token and minute, not one per request.
    (A few lines of OrderedDict, rather than a caching library, because the entry's age
    decides the refresh and the stamp, and this is the only cache of its kind.)
    """

    def __init__(
        self,
        operation_scopes: Mapping[str, frozenset[str]],
        *,
        max_entries: int = 4096,
        refresh_seconds: float = 60.0,
    ) -> None:
        self._operation_scopes = operation_scopes
        self._entries: OrderedDict[bytes, tuple[frozenset[str] | None, float]] = OrderedDict()
        self._max_entries = max_entries
        self._refresh_seconds = refresh_seconds

    async def granted(
        self, db: Executor, digest: bytes, *, fresh: bool = False
    ) -> frozenset[str] | None:
        """The scopes of the token with this digest; None when it holds every scope (a login
        token). ``fresh`` reads them from the database whatever the cache holds.

        Raises:
            UnauthorizedError: no usable token has this digest.
        """
        now = time.monotonic()
        entry = self._entries.get(digest)
        if entry is not None and not fresh and now - entry[1] < self._refresh_seconds:
            self._entries.move_to_end(digest)
            return entry[0]
        row = await token_model.select_token_scopes_touch(db, digest)
        if row is None:
            self._entries.pop(digest, None)
            raise UnauthorizedError(INVALID_TOKEN)
        scopes = None if row["scopes"] is None else frozenset(row["scopes"])
        self._entries[digest] = (scopes, now)
        self._entries.move_to_end(digest)
        if len(self._entries) > self._max_entries:
            self._entries.popitem(last=False)
        return scopes

    async def require(self, db: Executor, digest: bytes, operation_id: str) -> None:
        """Let the request through only if the token holds the operation's scopes.

        An operation the contract does not list (none should be) needs ``account``, which no
        personal token holds.

        Raises:
            UnauthorizedError: the token does not authenticate (any more).
            ApiError: 403 ``insufficient_scope``, for a token that does.
        """
        required = self._operation_scopes.get(operation_id, _UNDECLARED)
        if not required:
            return
        scopes = await self.granted(db, digest)
        if scopes is None or required <= scopes:
            return
        # Refusals are rare: a revoked or expired token gets its 401, not a 403, even while
        # its scopes are still cached.
        await self.granted(db, digest, fresh=True)
        raise insufficient_scope(required)
