"""SQL of models/realtime.py: which viewers' tokens still hold, and what a ticket names."""

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from quiver.core.db import Connection
from quiver.core.security import new_token
from quiver.models import archer as archer_model
from quiver.models import realtime as realtime_model
from quiver.models import session as session_model
from quiver.models import token as token_model


async def _archer_id(conn: Connection) -> UUID:
    row = await archer_model.insert_archer(
        conn,
        email=f"live-{uuid4().hex[:8]}@example.org",
        password_hash="h",
        first_name="T",
        last_name="T",
        bowstyle="recurve",
        draw_weight_lb=30,
        date_of_birth=None,
        gender=None,
    )
    archer_id: UUID = row["id"]
    return archer_id


async def _token_id(conn: Connection, archer_id: UUID) -> UUID:
    _, digest = new_token()
    stored = await token_model.insert_token(
        conn, archer_id, digest, datetime.now(UTC) + timedelta(hours=1)
    )
    token_id: UUID = stored["id"]
    return token_id


async def test_valid_token_ids_leave_out_revoked_expired_and_deleted_tokens(
    conn: Connection,
) -> None:
    archer_id, leaving_id = await _archer_id(conn), await _archer_id(conn)
    valid, revoked, expired = [await _token_id(conn, archer_id) for _ in range(3)]
    deleted = await _token_id(conn, leaving_id)
    await token_model.update_token_revoke(conn, revoked)
    await conn.execute(
        """UPDATE archer_token SET created_at = now() - interval '2 hours',
               expires_at = now() - interval '1 second' WHERE id = $1""",
        expired,
    )
    await conn.execute("DELETE FROM archer WHERE id = $1", leaving_id)
    checked = {valid, revoked, expired, deleted, uuid4()}
    assert await realtime_model.select_valid_token_ids(conn, checked) == [valid]
    assert await realtime_model.select_valid_token_ids(conn, set()) == []


async def test_a_used_ticket_names_its_token(conn: Connection) -> None:
    archer_id = await _archer_id(conn)
    token_id = await _token_id(conn, archer_id)
    session = await session_model.insert_session(
        conn,
        owner_archer_id=archer_id,
        is_opened=True,
        start_time=datetime.now(UTC),
        location="Sherwood",
        is_indoor=False,
        distance=18,
    )
    session_id: UUID = session["id"]
    _, digest = new_token()
    await realtime_model.insert_ws_ticket(
        conn, digest, token_id, session_id, datetime.now(UTC) + timedelta(seconds=30)
    )
    row = await realtime_model.delete_ws_ticket(conn, digest)
    assert row is not None
    assert (row["archer_id"], row["session_id"], row["token_id"]) == (
        archer_id,
        session_id,
        token_id,
    )
