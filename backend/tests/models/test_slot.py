"""SQL of models/slot.py against the real schema, and the guarantees the schema gives."""

from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import asyncpg
import pytest

from backend.tests.models.test_session import new_archer
from quiver.core.db import Connection
from quiver.models import session as session_model
from quiver.models import slot as slot_model

PLACE: dict[str, Any] = {
    "lane": 1,
    "letter": "A",
    "distance": 70.0,
    "distance_unit": "m",
    "face_type": "wa_122",
    "arrows_per_end": 6,
    "round_code": None,
    "arrow_set_id": None,
    "bow_id": None,
}


async def new_session(conn: Connection, owner: UUID) -> UUID:
    row = await session_model.insert_session(
        conn,
        owner_archer_id=owner,
        is_opened=True,
        start_time=datetime(2025, 8, 20, 9, tzinfo=UTC),
        location="Range A",
        is_indoor=False,
        distance=70.0,
    )
    session_id: UUID = row["id"]
    return session_id


async def new_slot(
    conn: Connection, session_id: UUID, archer_id: UUID | None = None, **place: Any
) -> asyncpg.Record:
    return await slot_model.insert_slot(
        conn,
        session_id=session_id,
        archer_id=archer_id or await new_archer(conn),
        **{**PLACE, **place},
    )


@pytest.fixture
async def session_id(conn: Connection) -> UUID:
    return await new_session(conn, await new_archer(conn))


async def test_insert_slot_returns_an_active_slot_at_its_first_arrow(
    conn: Connection, session_id: UUID
) -> None:
    row = await new_slot(conn, session_id)
    assert (row["lane"], row["letter"], row["next_seq"]) == (1, "A", 0)
    assert row["is_active"] is True and row["left_at"] is None


async def test_the_database_rejects_a_second_active_slot_at_the_same_place(
    conn: Connection, session_id: UUID
) -> None:
    await new_slot(conn, session_id)
    with pytest.raises(asyncpg.UniqueViolationError) as raised:
        await new_slot(conn, session_id)
    assert raised.value.as_dict()["constraint_name"] == "slot_place_key"


async def test_a_place_left_can_be_taken_again(conn: Connection, session_id: UUID) -> None:
    first = await new_slot(conn, session_id)
    assert await slot_model.update_slot_leave(conn, first["id"]) is not None
    second = await new_slot(conn, session_id)
    assert (second["lane"], second["letter"]) == (1, "A")


async def test_the_database_rejects_a_second_slot_of_one_archer(
    conn: Connection, session_id: UUID
) -> None:
    archer_id = await new_archer(conn)
    await new_slot(conn, session_id, archer_id)
    with pytest.raises(asyncpg.UniqueViolationError) as raised:
        await new_slot(conn, session_id, archer_id, letter="B")
    assert raised.value.as_dict()["constraint_name"] == "slot_session_archer_key"


@pytest.mark.parametrize(
    ("change", "constraint"),
    [
        ({"distance": 50.0}, "slot_lane_distance_excl"),
        ({"distance_unit": "yd"}, "slot_lane_unit_excl"),
    ],
)
async def test_the_database_keeps_a_lane_at_one_distance(
    conn: Connection, session_id: UUID, change: dict[str, Any], constraint: str
) -> None:
    await new_slot(conn, session_id)
    with pytest.raises(asyncpg.ExclusionViolationError) as raised:
        await new_slot(conn, session_id, letter="B", **change)
    assert raised.value.as_dict()["constraint_name"] == constraint


async def test_the_database_rejects_another_archers_arrow_set(
    conn: Connection, session_id: UUID
) -> None:
    other = await new_archer(conn)
    arrow_set_id = await conn.fetchval(
        """INSERT INTO arrow_set (archer_id, name, shaft_diameter_mm, arrow_count)
           VALUES ($1, 'X10', 5.7, 12) RETURNING id""",
        other,
    )
    with pytest.raises(asyncpg.ForeignKeyViolationError) as raised:
        async with conn.transaction():  # a savepoint, so the test can go on
            await new_slot(conn, session_id, arrow_set_id=arrow_set_id)
    assert raised.value.as_dict()["constraint_name"] == "slot_arrow_set_fkey"
    mine = await new_slot(conn, session_id, other, arrow_set_id=arrow_set_id)
    assert mine["arrow_set_id"] == arrow_set_id


async def test_select_visible_slot_and_its_view_show_it_to_owner_and_participants_only(
    conn: Connection,
) -> None:
    owner, shooter, neighbour, stranger = [await new_archer(conn) for _ in range(4)]
    session_id = await new_session(conn, owner)
    slot = await new_slot(conn, session_id, shooter)
    await new_slot(conn, session_id, neighbour, letter="B")
    for viewer, visible in ((owner, True), (shooter, True), (neighbour, True), (stranger, False)):
        row = await slot_model.select_visible_slot(conn, slot["id"], viewer)
        assert (row is not None) is visible
        view = await slot_model.select_visible_slot_view(conn, slot["id"], viewer)
        assert (view is not None) is visible


async def test_select_visible_slot_view_joins_name_diameter_and_progress(
    conn: Connection, session_id: UUID
) -> None:
    slot = await new_slot(conn, session_id)
    view = await slot_model.select_visible_slot_view(conn, slot["id"], slot["archer_id"])
    assert view is not None
    assert (view["archer_name"], view["shaft_diameter_mm"], view["is_indoor"]) == (
        "Howard Hill",
        None,
        False,
    )
    progress = [view[key] for key in ("arrows_shot", "ends_shot", "total_score")]
    assert progress + [view["max_possible_score"]] == [0, 0, 0, 0]


async def test_select_session_slot_views_orders_by_lane_then_letter(
    conn: Connection, session_id: UUID
) -> None:
    await new_slot(conn, session_id, lane=2, distance=30.0)
    await new_slot(conn, session_id, letter="B")
    await new_slot(conn, session_id)
    rows = await slot_model.select_session_slot_views(conn, session_id)
    assert [(row["lane"], row["letter"]) for row in rows] == [(1, "A"), (1, "B"), (2, "A")]


async def test_select_session_slot_views_pages_after_a_place_then_id(
    conn: Connection, session_id: UUID
) -> None:
    left = await new_slot(conn, session_id)
    await slot_model.update_slot_leave(conn, left["id"])
    # Another archer takes the place the first one left: the id orders the two.
    taken = await new_slot(conn, session_id)
    await new_slot(conn, session_id, letter="B")
    same_place = sorted([left["id"], taken["id"]])
    after = (1, "A", same_place[0])
    rows = await slot_model.select_session_slot_views(conn, session_id, after=after, limit=1)
    assert [row["id"] for row in rows] == [same_place[1]]
    rows = await slot_model.select_session_slot_views(conn, session_id, after=after)
    assert [(row["lane"], row["letter"]) for row in rows] == [(1, "A"), (1, "B")]


async def test_select_session_places_includes_left_slots(
    conn: Connection, session_id: UUID
) -> None:
    slot = await new_slot(conn, session_id)
    await slot_model.update_slot_leave(conn, slot["id"])
    rows = await slot_model.select_session_places(conn, session_id)
    assert [(row["lane"], row["letter"], row["is_active"]) for row in rows] == [(1, "A", False)]


async def test_select_slot_id_of_archer_finds_active_and_left_slots(
    conn: Connection, session_id: UUID
) -> None:
    slot = await new_slot(conn, session_id)
    await slot_model.update_slot_leave(conn, slot["id"])
    found = await slot_model.select_slot_id_of_archer(conn, session_id, slot["archer_id"])
    assert found == slot["id"]
    assert await slot_model.select_slot_id_of_archer(conn, session_id, uuid4()) is None


async def test_update_slot_leave_only_leaves_an_active_slot(
    conn: Connection, session_id: UUID
) -> None:
    slot = await new_slot(conn, session_id)
    left = await slot_model.update_slot_leave(conn, slot["id"])
    assert left is not None and left["is_active"] is False and left["left_at"] is not None
    assert await slot_model.update_slot_leave(conn, slot["id"]) is None


async def test_update_slot_rejoin_moves_the_slot_and_reactivates_it(
    conn: Connection, session_id: UUID
) -> None:
    slot = await new_slot(conn, session_id)
    await slot_model.update_slot_leave(conn, slot["id"])
    locked = await slot_model.select_slot_for_update(conn, slot["id"])
    assert locked is not None and locked["is_active"] is False
    back = await slot_model.update_slot_rejoin(
        conn,
        slot["id"],
        lane=3,
        letter="C",
        distance=50.0,
        distance_unit="m",
        face_type="wa_80",
        arrows_per_end=6,
    )
    assert back is not None
    assert (back["lane"], back["letter"], back["distance"], back["is_active"]) == (3, "C", 50, True)
    assert back["left_at"] is None


async def test_update_slot_rejoin_to_a_taken_place_is_rejected(
    conn: Connection, session_id: UUID
) -> None:
    slot = await new_slot(conn, session_id)
    await slot_model.update_slot_leave(conn, slot["id"])
    await new_slot(conn, session_id)
    with pytest.raises(asyncpg.UniqueViolationError):
        await slot_model.update_slot_rejoin(
            conn, slot["id"], **{key: PLACE[key] for key in list(PLACE)[:6]}
        )
