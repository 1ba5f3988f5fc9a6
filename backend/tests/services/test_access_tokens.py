"""The scope check of personal access tokens: its cache, and what it refuses."""

from uuid import UUID

import pytest

from backend.tests.models.test_session import new_archer
from quiver.core.db import Connection
from quiver.core.errors import ApiError, UnauthorizedError
from quiver.core.security import new_token
from quiver.models import token as token_model
from quiver.services.access_tokens import ScopeCheck

# The contract's scopes of a few operations.
OPERATIONS = {
    "getMyArcher": frozenset({"profile:read"}),
    "getSlotStatistics": frozenset({"stats:read"}),
    "logOut": frozenset[str](),
}


async def _token(conn: Connection, archer_id: UUID, *scopes: str) -> tuple[UUID, bytes]:
    _, digest = new_token()
    row = await token_model.insert_personal_token(
        conn, archer_id, digest, name="T", scopes=list(scopes), hint="abcd", expires_in_days=1
    )
    token_id: UUID = row["id"]
    return token_id, digest


async def test_scopes_are_read_once_and_then_served_from_the_cache(conn: Connection) -> None:
    archer_id = await new_archer(conn)
    token_id, digest = await _token(conn, archer_id, "shots:write")
    scopes = ScopeCheck(OPERATIONS)
    assert await scopes.granted(conn, digest) == frozenset({"shots:write"})
    await token_model.update_personal_token_revoke(conn, archer_id, token_id)
    # Cached: the operation's own statement is what refuses a revoked token.
    assert await scopes.granted(conn, digest) == frozenset({"shots:write"})
    with pytest.raises(UnauthorizedError):
        await scopes.granted(conn, digest, fresh=True)


async def test_an_entry_is_read_again_once_it_is_old(conn: Connection) -> None:
    archer_id = await new_archer(conn)
    token_id, digest = await _token(conn, archer_id, "shots:write")
    scopes = ScopeCheck(OPERATIONS, refresh_seconds=0)
    await scopes.granted(conn, digest)
    await token_model.update_personal_token_revoke(conn, archer_id, token_id)
    with pytest.raises(UnauthorizedError):
        await scopes.granted(conn, digest)


async def test_the_cache_forgets_the_least_recently_used_token(conn: Connection) -> None:
    archer_id = await new_archer(conn)
    first_id, first = await _token(conn, archer_id, "shots:write")
    _, second = await _token(conn, archer_id, "stats:read")
    scopes = ScopeCheck(OPERATIONS, max_entries=1)
    await scopes.granted(conn, first)
    await scopes.granted(conn, second)
    await token_model.update_personal_token_revoke(conn, archer_id, first_id)
    with pytest.raises(UnauthorizedError):
        await scopes.granted(conn, first)


async def test_require_refuses_a_missing_scope_with_the_challenge(conn: Connection) -> None:
    archer_id = await new_archer(conn)
    _, digest = await _token(conn, archer_id, "shots:write", "stats:read")
    scopes = ScopeCheck(OPERATIONS)
    await scopes.require(conn, digest, "getSlotStatistics")
    with pytest.raises(ApiError) as refused:
        await scopes.require(conn, digest, "getMyArcher")
    assert refused.value.status == 403 and refused.value.code == "insufficient_scope"
    assert refused.value.headers == {
        "WWW-Authenticate": 'Bearer error="insufficient_scope", scope="profile:read"'
    }
    # An operation the contract does not list needs the scope no personal token holds.
    with pytest.raises(ApiError) as undeclared:
        await scopes.require(conn, digest, "undeclaredOperation")
    assert undeclared.value.headers["WWW-Authenticate"].endswith('scope="account"')


async def test_require_lets_a_login_token_through_and_needs_nothing_for_no_scope(
    conn: Connection,
) -> None:
    archer_id = await new_archer(conn)
    _, login = new_token()
    expires_at = await conn.fetchval("SELECT now() + interval '1 hour'")
    await token_model.insert_token(conn, archer_id, login, expires_at)
    scopes = ScopeCheck(OPERATIONS)
    await scopes.require(conn, login, "getMyArcher")
    # No scope needed: not even looked up, so an unknown token is left to the operation.
    await scopes.require(conn, new_token()[1], "logOut")
