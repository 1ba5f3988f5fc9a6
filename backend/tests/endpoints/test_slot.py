"""Slots: joinSession, listSlots, getSlot, leaveSlot and rejoinSlot."""

import asyncio
from dataclasses import dataclass
from typing import Any
from uuid import uuid4

import pytest
from httpx import AsyncClient, Response

from conftest import ArcherAccount, ArcherFactory, join, open_session, shoot
from quiver.core.db import Pool

FREE: dict[str, Any] = {"distance": 18, "face_type": "wa_40", "arrows_per_end": 3}


async def post_join(
    client: AsyncClient, account: ArcherAccount, session_id: str, body: dict[str, Any]
) -> Response:
    return await client.post(
        f"/api/v0/session/{session_id}/slot", headers=account.headers, json=body
    )


async def place_of(
    client: AsyncClient, account: ArcherAccount, session_id: str, **body: Any
) -> Any:
    slot = await join(client, account, session_id, **{**FREE, **body})
    return (slot["lane"], slot["letter"])


async def join_round(
    client: AsyncClient, account: ArcherAccount, session_id: str, round_code: str
) -> dict[str, Any]:
    response = await post_join(client, account, session_id, {"round_code": round_code})
    assert response.status_code == 201, response.text
    slot: dict[str, Any] = response.json()
    return slot


async def set_next_seq(pool: Pool, slot_id: str, next_seq: int) -> None:
    """Move a slot along its round without recording arrows (progress only reads next_seq)."""
    async with pool.acquire() as conn:
        await conn.execute("UPDATE slot SET next_seq = $2 WHERE id = $1", slot_id, next_seq)


@dataclass(frozen=True)
class Range:
    """A session with its owner, an archer in it (the slot's), another archer in it, a stranger."""

    owner: ArcherAccount
    shooter: ArcherAccount
    neighbour: ArcherAccount
    stranger: ArcherAccount
    session_id: str
    slot_id: str

    def who(self, role: str) -> ArcherAccount:
        account: ArcherAccount = getattr(self, role)
        return account


@pytest.fixture
async def range_(client: AsyncClient, archer_factory: ArcherFactory) -> Range:
    owner, shooter, neighbour, stranger = [await archer_factory() for _ in range(4)]
    session_id = await open_session(client, owner)
    slot = await join(client, shooter, session_id, **FREE)
    await join(client, neighbour, session_id, **FREE)
    return Range(owner, shooter, neighbour, stranger, session_id, slot["id"])


# --- joinSession --------------------------------------------------------------------------------


async def test_join_session_gives_the_first_place_and_reports_the_slot(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner = await archer_factory()
    shooter = await archer_factory(first_name="Maid", last_name="Marian")
    session_id = await open_session(client, owner)
    response = await post_join(client, shooter, session_id, FREE)
    assert response.status_code == 201
    slot = response.json()
    assert (slot["session_id"], slot["archer_id"], slot["archer_name"]) == (
        session_id,
        shooter.id,
        "Maid Marian",
    )
    assert (slot["lane"], slot["letter"], slot["distance"], slot["distance_unit"]) == (
        1,
        "A",
        18,
        "m",
    )
    assert (slot["face_type"], slot["arrows_per_end"], slot["round_code"]) == ("wa_40", 3, None)
    assert (slot["arrow_set_id"], slot["bow_id"], slot["arrow_diameter_mm"]) == (None, None, 5.5)
    assert (slot["is_active"], slot["left_at"]) == (True, None)
    assert slot["progress"] == {
        "arrows_shot": 0,
        "ends_shot": 0,
        "total_score": 0,
        "max_possible_score": 0,
        "round_arrows": None,
        "round_max_score": None,
        "arrows_remaining": None,
        "current_pass": None,
        "is_complete": False,
    }


async def test_join_an_indoor_session_defaults_the_arrow_diameter_to_9_3_mm(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer, is_indoor=True)
    slot = await join(client, archer, session_id, **FREE)
    assert slot["arrow_diameter_mm"] == 9.3


async def test_join_session_fills_a_lane_a_to_d_before_opening_the_next(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner = await archer_factory()
    session_id = await open_session(client, owner)
    places = [await place_of(client, await archer_factory(), session_id) for _ in range(5)]
    assert places == [(1, "A"), (1, "B"), (1, "C"), (1, "D"), (2, "A")]


async def test_join_session_at_another_distance_or_unit_gets_its_own_lane(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner = await archer_factory()
    session_id = await open_session(client, owner)
    assert await place_of(client, await archer_factory(), session_id) == (1, "A")
    assert await place_of(client, await archer_factory(), session_id, distance=30) == (2, "A")
    yards = await place_of(client, await archer_factory(), session_id, distance_unit="yd")
    assert yards == (3, "A")
    assert await place_of(client, await archer_factory(), session_id, distance=30) == (2, "B")
    assert await place_of(client, await archer_factory(), session_id) == (1, "B")


async def test_join_session_takes_a_place_a_leaver_freed(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner, leaver = await archer_factory(), await archer_factory()
    session_id = await open_session(client, owner)
    slot = await join(client, leaver, session_id, **FREE)
    await join(client, await archer_factory(), session_id, **FREE)
    await client.post(f"/api/v0/slot/{slot['id']}/leave", headers=leaver.headers)
    assert await place_of(client, await archer_factory(), session_id) == (1, "A")


async def test_join_session_never_reuses_an_emptied_lane_number_for_a_new_lane(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner, leaver = await archer_factory(), await archer_factory()
    session_id = await open_session(client, owner)
    slot = await join(client, leaver, session_id, **FREE)
    await client.post(f"/api/v0/slot/{slot['id']}/leave", headers=leaver.headers)
    assert await place_of(client, await archer_factory(), session_id, distance=30) == (2, "A")


async def test_join_session_with_a_round_starts_at_its_first_pass(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    response = await post_join(client, archer, session_id, {"round_code": "wa1440_90"})
    assert response.status_code == 201
    slot = response.json()
    assert (slot["round_code"], slot["distance"], slot["distance_unit"]) == ("wa1440_90", 90, "m")
    assert (slot["face_type"], slot["arrows_per_end"]) == ("wa_122", 6)
    progress = slot["progress"]
    assert (progress["round_arrows"], progress["round_max_score"]) == (144, 1440)
    assert (progress["arrows_remaining"], progress["current_pass"]) == (144, 1)
    assert progress["is_complete"] is False


async def test_join_session_with_an_imperial_round_is_placed_in_yards(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    slot = await join_round(client, archer, session_id, "portsmouth")
    assert (slot["distance"], slot["distance_unit"], slot["face_type"]) == (20, "yd", "wa_60")
    assert slot["arrows_per_end"] == 3


async def test_join_session_with_an_unknown_round_is_not_found(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    response = await post_join(client, archer, session_id, {"round_code": "no_such_round"})
    assert response.status_code == 404
    assert response.json()["code"] == "round_not_found"


async def test_join_a_closed_session_conflicts(client: AsyncClient, archer: ArcherAccount) -> None:
    session_id = await open_session(client, archer, is_opened=False)
    response = await post_join(client, archer, session_id, FREE)
    assert response.status_code == 409
    assert response.json()["code"] == "session_closed"


async def test_to_an_outsider_a_closed_session_does_not_exist(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    """A closed session answers an outsider's join exactly as a random id does."""
    owner, outsider = await archer_factory(), await archer_factory()
    closed = await open_session(client, owner, is_opened=False)
    answers = [
        await post_join(client, outsider, session_id, FREE) for session_id in (closed, str(uuid4()))
    ]
    assert [answer.status_code for answer in answers] == [404, 404]
    closed_problem, random_problem = (
        {
            key: value
            for key, value in answer.json().items()
            if key not in ("instance", "request_id")
        }
        for answer in answers
    )
    assert closed_problem == random_problem


async def test_join_a_session_twice_conflicts_even_after_leaving(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    slot = await join(client, archer, session_id, **FREE)
    again = await post_join(client, archer, session_id, {**FREE, "distance": 30})
    assert again.status_code == 409
    assert again.json()["code"] == "already_joined"
    await client.post(f"/api/v0/slot/{slot['id']}/leave", headers=archer.headers)
    after_leaving = await post_join(client, archer, session_id, FREE)
    assert after_leaving.status_code == 409
    assert after_leaving.json()["code"] == "already_joined"


async def test_join_a_session_that_does_not_exist_is_not_found(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await post_join(client, archer, str(uuid4()), FREE)
    assert response.status_code == 404
    assert response.json()["code"] == "session_not_found"


async def insert_equipment(pool: Pool, archer: ArcherAccount) -> tuple[str, str]:
    """An arrow set (5.7 mm shafts) and a bow of the archer, written straight to the tables."""
    async with pool.acquire() as conn:
        arrow_set_id = await conn.fetchval(
            """INSERT INTO arrow_set (archer_id, name, shaft_diameter_mm, arrow_count)
               VALUES ($1, 'X10', 5.7, 12) RETURNING id::text""",
            archer.id,
        )
        bow_id = await conn.fetchval(
            """INSERT INTO bow (archer_id, name, bowstyle, draw_weight_lb)
               VALUES ($1, 'Formula', 'recurve', 38) RETURNING id::text""",
            archer.id,
        )
    return arrow_set_id, bow_id


async def test_join_session_with_own_equipment_scores_with_the_arrow_sets_diameter(
    client: AsyncClient, archer: ArcherAccount, pool: Pool
) -> None:
    arrow_set_id, bow_id = await insert_equipment(pool, archer)
    session_id = await open_session(client, archer, is_indoor=True)
    slot = await join(client, archer, session_id, **FREE, arrow_set_id=arrow_set_id, bow_id=bow_id)
    assert (slot["arrow_set_id"], slot["bow_id"]) == (arrow_set_id, bow_id)
    assert slot["arrow_diameter_mm"] == 5.7


@pytest.mark.parametrize(("field", "code"), [("arrow_set_id", 0), ("bow_id", 1)])
async def test_join_session_with_another_archers_equipment_is_not_found(
    client: AsyncClient, archer_factory: ArcherFactory, pool: Pool, field: str, code: int
) -> None:
    archer, other = await archer_factory(), await archer_factory()
    theirs = await insert_equipment(pool, other)
    session_id = await open_session(client, archer)
    for equipment_id in (theirs[code], str(uuid4())):
        response = await post_join(client, archer, session_id, {**FREE, field: equipment_id})
        assert response.status_code == 404
        assert response.json()["code"] == ("arrow_set_not_found", "bow_not_found")[code]
    listed = await client.get(f"/api/v0/session/{session_id}/slot", headers=archer.headers)
    assert listed.json()["items"] == []


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({**FREE, "arrows_per_end": 2}, "/arrows_per_end"),
        ({**FREE, "arrows_per_end": 11}, "/arrows_per_end"),
        ({**FREE, "distance": 0}, "/distance"),
        ({**FREE, "distance": 151}, "/distance"),
        ({**FREE, "distance_unit": "ft"}, "/distance_unit"),
        ({**FREE, "face_type": "wa_999"}, "/face_type"),
        ({**FREE, "arrow_set_id": "not-a-uuid"}, "/arrow_set_id"),
        ({**FREE, "round_code": "wa18"}, "/round_code"),
        ({"round_code": "WA18"}, "/round_code"),
        ({}, "/round_code"),
    ],
)
async def test_join_session_rejects_an_invalid_request(
    client: AsyncClient, archer: ArcherAccount, body: dict[str, Any], pointer: str
) -> None:
    session_id = await open_session(client, archer)
    response = await post_join(client, archer, session_id, body)
    assert response.status_code == 422
    assert pointer in [error["pointer"] for error in response.json()["errors"]]


async def test_join_session_retried_with_the_same_key_replays_the_slot(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    headers = {**archer.headers, "Idempotency-Key": "join-1"}
    url = f"/api/v0/session/{session_id}/slot"
    first = await client.post(url, headers=headers, json=FREE)
    again = await client.post(url, headers=headers, json=FREE)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"


async def test_join_another_session_with_a_used_key_is_rejected(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    headers = {**archer.headers, "Idempotency-Key": "join-1"}
    for expected in (201, 422):
        session_id = await open_session(client, archer)
        response = await client.post(
            f"/api/v0/session/{session_id}/slot", headers=headers, json=FREE
        )
        assert response.status_code == expected
    assert response.json()["code"] == "idempotency_key_reused"


async def test_fifty_archers_joining_at_once_get_fifty_distinct_places_lane_by_lane(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner = await archer_factory()
    session_id = await open_session(client, owner)
    archers = [await archer_factory() for _ in range(50)]
    responses = await asyncio.gather(
        *(post_join(client, archer, session_id, FREE) for archer in archers)
    )
    assert [response.status_code for response in responses] == [201] * 50
    places = sorted((response.json()["lane"], response.json()["letter"]) for response in responses)
    assert len(set(places)) == 50
    # Lanes fill A to D before the next opens: 12 full lanes and two archers on the 13th.
    assert places == [(lane, letter) for lane in range(1, 14) for letter in "ABCD"][:50]


async def test_join_session_without_a_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.post(f"/api/v0/session/{uuid4()}/slot", json=FREE)
    assert response.status_code == 401


# --- listSlots ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "shooter", "neighbour"])
async def test_list_slots_is_visible_to_the_owner_and_participants(
    client: AsyncClient, range_: Range, role: str
) -> None:
    response = await client.get(
        f"/api/v0/session/{range_.session_id}/slot", headers=range_.who(role).headers
    )
    assert response.status_code == 200
    assert [(slot["lane"], slot["letter"]) for slot in response.json()["items"]] == [
        (1, "A"),
        (1, "B"),
    ]


async def test_list_slots_by_a_stranger_is_not_found(client: AsyncClient, range_: Range) -> None:
    response = await client.get(
        f"/api/v0/session/{range_.session_id}/slot", headers=range_.stranger.headers
    )
    assert response.status_code == 404
    assert response.json()["code"] == "session_not_found"


async def test_list_slots_orders_by_lane_and_letter_and_keeps_left_slots(
    client: AsyncClient, range_: Range, archer_factory: ArcherFactory
) -> None:
    far = await join(client, await archer_factory(), range_.session_id, **{**FREE, "distance": 30})
    near = await join(client, await archer_factory(), range_.session_id, **FREE)
    await client.post(f"/api/v0/slot/{range_.slot_id}/leave", headers=range_.shooter.headers)
    response = await client.get(
        f"/api/v0/session/{range_.session_id}/slot", headers=range_.owner.headers
    )
    items = response.json()["items"]
    assert [(slot["lane"], slot["letter"], slot["is_active"]) for slot in items] == [
        (1, "A", False),
        (1, "B", True),
        (1, "C", True),
        (2, "A", True),
    ]
    assert [items[2]["id"], items[3]["id"]] == [near["id"], far["id"]]


async def test_list_slots_of_a_session_that_does_not_exist_is_not_found(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.get(f"/api/v0/session/{uuid4()}/slot", headers=archer.headers)
    assert response.status_code == 404
    assert response.json()["code"] == "session_not_found"


async def test_list_slots_without_a_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.get(f"/api/v0/session/{uuid4()}/slot")
    assert response.status_code == 401


# --- getSlot ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "shooter", "neighbour"])
async def test_get_slot_is_visible_to_the_owner_and_participants(
    client: AsyncClient, range_: Range, role: str
) -> None:
    response = await client.get(f"/api/v0/slot/{range_.slot_id}", headers=range_.who(role).headers)
    assert response.status_code == 200
    assert response.json()["id"] == range_.slot_id


async def test_get_slot_by_a_stranger_is_not_found(client: AsyncClient, range_: Range) -> None:
    response = await client.get(f"/api/v0/slot/{range_.slot_id}", headers=range_.stranger.headers)
    assert response.status_code == 404
    assert response.json()["code"] == "slot_not_found"


async def test_get_slot_that_does_not_exist_is_not_found(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.get(f"/api/v0/slot/{uuid4()}", headers=archer.headers)
    assert response.status_code == 404
    assert response.json()["code"] == "slot_not_found"


async def test_get_slot_reports_the_progress_of_its_arrows(
    client: AsyncClient, range_: Range
) -> None:
    end = [{"value": "X"}, {"value": "9"}, {"value": "M"}]
    assert (await shoot(client, range_.shooter, range_.slot_id, *end)).status_code == 201
    assert (await shoot(client, range_.shooter, range_.slot_id, {"value": "7"})).status_code == 201
    response = await client.get(f"/api/v0/slot/{range_.slot_id}", headers=range_.owner.headers)
    progress = response.json()["progress"]
    assert (progress["arrows_shot"], progress["ends_shot"]) == (4, 2)
    assert (progress["total_score"], progress["max_possible_score"]) == (26, 40)
    assert (progress["is_complete"], progress["arrows_remaining"]) == (False, None)


@pytest.mark.parametrize(
    ("next_seq", "expected"),
    [
        (35, (1, 90, "wa_122", 109, False)),
        (36, (2, 70, "wa_122", 108, False)),
        (72, (3, 50, "wa_80", 72, False)),
        (143, (4, 30, "wa_80", 1, False)),
        (144, (None, 30, "wa_80", 0, True)),
    ],
)
async def test_get_slot_of_a_round_reports_the_pass_of_the_next_arrow(
    client: AsyncClient, archer: ArcherAccount, pool: Pool, next_seq: int, expected: tuple[Any, ...]
) -> None:
    session_id = await open_session(client, archer)
    slot = await join_round(client, archer, session_id, "wa1440_90")
    await set_next_seq(pool, slot["id"], next_seq)
    response = await client.get(f"/api/v0/slot/{slot['id']}", headers=archer.headers)
    body = response.json()
    progress = body["progress"]
    assert (
        progress["current_pass"],
        body["distance"],
        body["face_type"],
        progress["arrows_remaining"],
        progress["is_complete"],
    ) == expected


async def test_get_slot_without_a_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.get(f"/api/v0/slot/{uuid4()}")
    assert response.status_code == 401


# --- leaveSlot ----------------------------------------------------------------------------------


async def test_leave_slot_frees_the_place_and_keeps_the_slot(
    client: AsyncClient, range_: Range
) -> None:
    response = await client.post(
        f"/api/v0/slot/{range_.slot_id}/leave", headers=range_.shooter.headers
    )
    assert response.status_code == 200
    slot = response.json()
    assert slot["is_active"] is False and slot["left_at"] is not None
    assert (slot["lane"], slot["letter"]) == (1, "A")


async def test_leave_slot_twice_conflicts(client: AsyncClient, range_: Range) -> None:
    url = f"/api/v0/slot/{range_.slot_id}/leave"
    await client.post(url, headers=range_.shooter.headers)
    response = await client.post(url, headers=range_.shooter.headers)
    assert response.status_code == 409
    assert response.json()["code"] == "slot_inactive"


@pytest.mark.parametrize("action", ["leave", "rejoin"])
@pytest.mark.parametrize("role", ["owner", "neighbour"])
async def test_leave_or_rejoin_someone_elses_slot_is_forbidden(
    client: AsyncClient, range_: Range, action: str, role: str
) -> None:
    if action == "rejoin":
        await client.post(f"/api/v0/slot/{range_.slot_id}/leave", headers=range_.shooter.headers)
    response = await client.post(
        f"/api/v0/slot/{range_.slot_id}/{action}", headers=range_.who(role).headers
    )
    assert response.status_code == 403
    assert response.json()["code"] == "not_slot_archer"


@pytest.mark.parametrize("action", ["leave", "rejoin"])
async def test_leave_or_rejoin_by_a_stranger_is_not_found(
    client: AsyncClient, range_: Range, action: str
) -> None:
    response = await client.post(
        f"/api/v0/slot/{range_.slot_id}/{action}", headers=range_.stranger.headers
    )
    assert response.status_code == 404
    assert response.json()["code"] == "slot_not_found"


@pytest.mark.parametrize("action", ["leave", "rejoin"])
async def test_leave_or_rejoin_a_slot_that_does_not_exist_is_not_found(
    client: AsyncClient, archer: ArcherAccount, action: str
) -> None:
    response = await client.post(f"/api/v0/slot/{uuid4()}/{action}", headers=archer.headers)
    assert response.status_code == 404
    assert response.json()["code"] == "slot_not_found"


@pytest.mark.parametrize("action", ["leave", "rejoin"])
async def test_leave_or_rejoin_without_a_token_is_unauthorized(
    client: AsyncClient, action: str
) -> None:
    response = await client.post(f"/api/v0/slot/{uuid4()}/{action}")
    assert response.status_code == 401


# --- rejoinSlot ---------------------------------------------------------------------------------


async def test_rejoin_slot_takes_back_its_place_when_free(
    client: AsyncClient, range_: Range
) -> None:
    left = await client.post(f"/api/v0/slot/{range_.slot_id}/leave", headers=range_.shooter.headers)
    response = await client.post(
        f"/api/v0/slot/{range_.slot_id}/rejoin", headers=range_.shooter.headers
    )
    assert response.status_code == 200
    slot = response.json()
    assert (slot["lane"], slot["letter"], slot["is_active"], slot["left_at"]) == (
        1,
        "A",
        True,
        None,
    )
    assert slot["joined_at"] > left.json()["joined_at"]


async def test_rejoin_slot_whose_place_was_taken_gets_the_next_free_one(
    client: AsyncClient, range_: Range, archer_factory: ArcherFactory
) -> None:
    await client.post(f"/api/v0/slot/{range_.slot_id}/leave", headers=range_.shooter.headers)
    assert await place_of(client, await archer_factory(), range_.session_id) == (1, "A")
    response = await client.post(
        f"/api/v0/slot/{range_.slot_id}/rejoin", headers=range_.shooter.headers
    )
    assert (response.json()["lane"], response.json()["letter"]) == (1, "C")


async def test_rejoin_a_round_slot_goes_to_a_lane_at_its_current_distance(
    client: AsyncClient, archer_factory: ArcherFactory, pool: Pool
) -> None:
    owner, shooter = await archer_factory(), await archer_factory()
    session_id = await open_session(client, owner)
    slot = await join_round(client, shooter, session_id, "wa1440_90")
    await join(client, await archer_factory(), session_id, **{**FREE, "distance": 90})
    await client.post(f"/api/v0/slot/{slot['id']}/leave", headers=shooter.headers)
    await set_next_seq(pool, slot["id"], 36)
    response = await client.post(f"/api/v0/slot/{slot['id']}/rejoin", headers=shooter.headers)
    assert response.status_code == 200
    back = response.json()
    # Lane 1 is still at 90 m; the second pass is shot at 70 m.
    assert (back["lane"], back["letter"], back["distance"]) == (2, "A", 70)


async def test_rejoin_an_active_slot_conflicts(client: AsyncClient, range_: Range) -> None:
    response = await client.post(
        f"/api/v0/slot/{range_.slot_id}/rejoin", headers=range_.shooter.headers
    )
    assert response.status_code == 409
    assert response.json()["code"] == "slot_active"


async def test_rejoin_a_closed_session_conflicts(client: AsyncClient, range_: Range) -> None:
    await client.post(f"/api/v0/slot/{range_.slot_id}/leave", headers=range_.shooter.headers)
    await client.patch(
        f"/api/v0/session/{range_.session_id}",
        headers=range_.owner.headers,
        json={"is_opened": False},
    )
    response = await client.post(
        f"/api/v0/slot/{range_.slot_id}/rejoin", headers=range_.shooter.headers
    )
    assert response.status_code == 409
    assert response.json()["code"] == "session_closed"
