"""SQL of models/session.py against the real schema."""

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import asyncpg
import pytest

from quiver.core.db import Connection
from quiver.models import archer as archer_model
from quiver.models import session as session_model

START = datetime(2025, 8, 20, 9, tzinfo=UTC)
SESSION: dict[str, Any] = {
    "is_opened": True,
    "start_time": START,
    "location": "Range A",
    "is_indoor": False,
    "distance": 70.0,
}


async def new_archer(conn: Connection, password_hash: str | None = "$argon2id$stub") -> UUID:
    row = await archer_model.insert_archer(
        conn,
        email=f"{uuid4().hex}@example.org",
        password_hash=password_hash,
        first_name="Howard",
        last_name="Hill",
        bowstyle="longbow",
        draw_weight_lb=70.0,
        date_of_birth=None,
        gender=None,
    )
    archer_id: UUID = row["id"]
    return archer_id


async def new_session(conn: Connection, owner: UUID, **overrides: Any) -> asyncpg.Record:
    return await session_model.insert_session(
        conn, owner_archer_id=owner, **{**SESSION, **overrides}
    )


async def add_slot(conn: Connection, session_id: UUID, archer_id: UUID, lane: int = 1) -> None:
    await conn.execute(
        """INSERT INTO slot (session_id, archer_id, lane, letter, distance, distance_unit,
               face_type, arrows_per_end)
           VALUES ($1, $2, $3, 'A', 70, 'm', 'wa_122', 6)""",
        session_id,
        archer_id,
        lane,
    )


async def test_insert_session_of_an_open_session_has_no_closed_at(conn: Connection) -> None:
    row = await new_session(conn, await new_archer(conn))
    assert row["is_opened"] is True and row["closed_at"] is None
    assert row["created_at"] == row["updated_at"]


async def test_insert_session_of_a_closed_session_stamps_closed_at(conn: Connection) -> None:
    row = await new_session(conn, await new_archer(conn), is_opened=False)
    assert row["closed_at"] == row["created_at"]


@pytest.mark.parametrize(
    ("column", "value"), [("location", " "), ("location", "x" * 201), ("distance", 0.0)]
)
async def test_the_schema_rejects_what_the_contract_rejects(
    conn: Connection, column: str, value: object
) -> None:
    with pytest.raises(asyncpg.CheckViolationError):
        await new_session(conn, await new_archer(conn), **{column: value})


async def test_select_visible_session_shows_it_to_owner_and_participants_only(
    conn: Connection,
) -> None:
    owner, participant, stranger = [await new_archer(conn) for _ in range(3)]
    session = await new_session(conn, owner)
    await add_slot(conn, session["id"], participant)
    for viewer, visible in ((owner, True), (participant, True), (stranger, False)):
        row = await session_model.select_visible_session(conn, session["id"], viewer)
        assert (row is not None) is visible
        locked = await session_model.select_visible_session_for_update(conn, session["id"], viewer)
        assert (locked is not None) is visible


async def test_select_session_for_update_finds_any_session(conn: Connection) -> None:
    session = await new_session(conn, await new_archer(conn))
    row = await session_model.select_session_for_update(conn, session["id"])
    assert row is not None and row["id"] == session["id"]
    assert await session_model.select_session_for_update(conn, uuid4()) is None


async def page(conn: Connection, viewer: UUID, **filters: Any) -> list[UUID]:
    arguments: dict[str, Any] = {
        "is_opened": None,
        "start_from": None,
        "start_to": None,
        "after": None,
        "limit": 100,
    }
    arguments.update(filters)
    rows = await session_model.select_sessions_page(conn, viewer, **arguments)
    return [row["id"] for row in rows]


async def test_select_sessions_page_lists_owned_and_joined_sessions_newest_first(
    conn: Connection,
) -> None:
    me, other = await new_archer(conn), await new_archer(conn)
    mine = await new_session(conn, me)
    joined = await new_session(conn, other, start_time=START + timedelta(days=1))
    await new_session(conn, other)
    await add_slot(conn, joined["id"], me)
    assert await page(conn, me) == [joined["id"], mine["id"]]


async def test_select_sessions_page_applies_filters_and_resumes_after_a_position(
    conn: Connection,
) -> None:
    me = await new_archer(conn)
    rows = [await new_session(conn, me, start_time=START + timedelta(hours=n)) for n in range(4)]
    await new_session(conn, me, start_time=START + timedelta(hours=9), is_opened=False)
    newest_first = [row["id"] for row in reversed(rows)]
    assert await page(conn, me, is_opened=True) == newest_first
    assert await page(conn, me, is_opened=True, limit=2) == newest_first[:2]
    after = (rows[2]["start_time"], rows[2]["id"])
    assert await page(conn, me, is_opened=True, after=after) == newest_first[2:]
    window = {"start_from": START + timedelta(hours=1), "start_to": START + timedelta(hours=3)}
    assert await page(conn, me, **window) == newest_first[1:3]


async def test_select_sessions_page_breaks_start_time_ties_by_id(conn: Connection) -> None:
    me = await new_archer(conn)
    rows = [await new_session(conn, me) for _ in range(3)]
    ids = sorted((row["id"] for row in rows), reverse=True)
    assert await page(conn, me) == ids
    assert await page(conn, me, after=(START, ids[0])) == ids[1:]


async def test_update_session_closing_keeps_the_first_closed_at_and_opening_clears_it(
    conn: Connection,
) -> None:
    session = await new_session(conn, await new_archer(conn), is_opened=False)
    fields = {**SESSION, "is_opened": False, "location": "Hall"}
    closed = await session_model.update_session(conn, session["id"], **fields)
    assert closed is not None
    assert (closed["location"], closed["closed_at"]) == ("Hall", session["closed_at"])
    opened = await session_model.update_session(conn, session["id"], **SESSION)
    assert opened is not None and opened["closed_at"] is None


async def test_update_session_that_does_not_exist_returns_none(conn: Connection) -> None:
    assert await session_model.update_session(conn, uuid4(), **SESSION) is None


async def test_delete_session_cascades_to_its_slots(conn: Connection) -> None:
    owner = await new_archer(conn)
    session = await new_session(conn, owner)
    await add_slot(conn, session["id"], owner)
    assert await session_model.delete_session(conn, session["id"]) is True
    assert await conn.fetchval("SELECT count(*) FROM slot") == 0
    assert await session_model.delete_session(conn, session["id"]) is False
