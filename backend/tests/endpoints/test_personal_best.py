"""Personal bests: per complete round and per face and distance of free practice, always
exact (a deleted arrow makes the best fall back), and announced live as they happen."""

from typing import Any

from httpx import AsyncClient

from backend.tests.endpoints.test_ws import (  # pylint: disable=unused-import
    live_app,
    live_url,
    next_event,
    watching,
)
from conftest import ArcherAccount, ArcherFactory, join, open_session, shoot

URL = "/api/v0/history/personal_best"
# Bray I: 30 arrows at a 40 cm face, 3 per end.
BRAY = "bray_i"


async def shoot_values(
    client: AsyncClient, archer: ArcherAccount, slot_id: str, values: list[str], per_post: int = 3
) -> list[str]:
    """Record ``values`` in posts of ``per_post`` arrows; the new shot ids."""
    ids: list[str] = []
    for start in range(0, len(values), per_post):
        chunk = [{"value": value} for value in values[start : start + per_post]]
        response = await shoot(client, archer, slot_id, *chunk)
        assert response.status_code == 201, response.text
        ids += [item["id"] for item in response.json()["items"]]
    return ids


async def join_round(
    client: AsyncClient, archer: ArcherAccount, session_id: str, round_code: str = BRAY
) -> dict[str, Any]:
    response = await client.post(
        f"/api/v0/session/{session_id}/slot",
        json={"round_code": round_code},
        headers=archer.headers,
    )
    assert response.status_code == 201, response.text
    slot: dict[str, Any] = response.json()
    return slot


async def bray(
    client: AsyncClient, archer: ArcherAccount, start: str, values: list[str]
) -> dict[str, Any]:
    session_id = await open_session(client, archer, start_time=start, is_indoor=True, distance=18)
    slot = await join_round(client, archer, session_id)
    slot["shot_ids"] = await shoot_values(client, archer, slot["id"], values)
    return slot


async def practice(
    client: AsyncClient, archer: ArcherAccount, start: str, values: list[str], **slot: Any
) -> dict[str, Any]:
    session_id = await open_session(client, archer, start_time=start)
    joined = await join(client, archer, session_id, **slot)
    joined["shot_ids"] = await shoot_values(client, archer, joined["id"], values, per_post=6)
    return joined


async def bests(client: AsyncClient, archer: ArcherAccount, **params: Any) -> Any:
    response = await client.get(URL, params=params, headers=archer.headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_personal_bests_of_an_archer_without_history_are_empty(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    assert await bests(client, archer) == {"min_practice_arrows": 30, "rounds": [], "practice": []}


async def test_round_personal_best_is_the_best_complete_round_with_its_session_and_date(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await bray(client, archer, "2026-01-05T18:00:00Z", ["8"] * 30)
    best = await bray(client, archer, "2026-02-05T18:00:00Z", ["9"] * 29 + ["X"])
    # Higher so far, but incomplete: an unfinished round is no personal best.
    await bray(client, archer, "2026-03-05T18:00:00Z", ["10"] * 27)
    body = await bests(client, archer)
    assert body["practice"] == []
    [entry] = body["rounds"]
    assert entry["round_code"] == BRAY and entry["round_name"]
    assert entry["completed_rounds"] == 2
    assert entry["best"] == {
        "slot_id": best["id"],
        "session_id": best["session_id"],
        "start_time": "2026-02-05T18:00:00+00:00",
        "arrows_shot": 30,
        "total_score": 271,
        "max_possible_score": 300,
        "mean_per_arrow": 9.033,
        "ten_count": 1,
        "x_count": 1,
    }


async def test_deleting_an_arrow_of_the_round_personal_best_falls_back_to_the_next_best(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    runner_up = await bray(client, archer, "2026-01-05T18:00:00Z", ["8"] * 30)
    best = await bray(client, archer, "2026-02-05T18:00:00Z", ["9"] * 30)
    assert (await bests(client, archer))["rounds"][0]["best"]["slot_id"] == best["id"]
    deleted = await client.delete(f"/api/v0/shot/{best['shot_ids'][5]}", headers=archer.headers)
    assert deleted.status_code == 204
    [entry] = (await bests(client, archer))["rounds"]
    assert entry["best"]["slot_id"] == runner_up["id"] and entry["completed_rounds"] == 1


async def test_equal_totals_give_the_personal_best_to_the_earliest_session(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await bray(client, archer, "2026-03-05T18:00:00Z", ["9"] * 30)
    earliest = await bray(client, archer, "2026-01-05T18:00:00Z", ["9"] * 30)
    [entry] = (await bests(client, archer))["rounds"]
    assert entry["best"]["slot_id"] == earliest["id"]


async def test_practice_personal_best_is_the_best_mean_of_a_slot_of_30_arrows_per_face_and_distance(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await practice(client, archer, "2026-01-05T10:00:00Z", ["7"] * 36)
    best = await practice(client, archer, "2026-01-06T10:00:00Z", ["8"] * 30)
    # Too few arrows to count, however good.
    await practice(client, archer, "2026-01-07T10:00:00Z", ["10"] * 24)
    other = await practice(
        client, archer, "2026-01-08T10:00:00Z", ["6"] * 30, distance=50, face_type="wa_80"
    )
    body = await bests(client, archer)
    assert body["rounds"] == []
    assert [
        (
            p["face_type"],
            p["distance"],
            p["distance_unit"],
            p["qualifying_slots"],
            p["best"]["slot_id"],
        )
        for p in body["practice"]
    ] == [("wa_122", 70, "m", 2, best["id"]), ("wa_80", 50, "m", 1, other["id"])]
    assert body["practice"][0]["best"]["mean_per_arrow"] == 8
    assert body["practice"][0]["best"]["total_score"] == 240


async def test_deleting_an_arrow_of_the_practice_personal_best_falls_back_to_the_next_best(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    runner_up = await practice(client, archer, "2026-01-05T10:00:00Z", ["7"] * 36)
    best = await practice(client, archer, "2026-01-06T10:00:00Z", ["8"] * 30)
    deleted = await client.delete(f"/api/v0/shot/{best['shot_ids'][0]}", headers=archer.headers)
    assert deleted.status_code == 204
    [entry] = (await bests(client, archer))["practice"]
    assert entry["best"]["slot_id"] == runner_up["id"] and entry["qualifying_slots"] == 1


async def test_personal_bests_respect_the_history_filter(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    early = await bray(client, archer, "2026-01-05T18:00:00Z", ["8"] * 30)
    await bray(client, archer, "2026-02-05T18:00:00Z", ["9"] * 30)
    body = await bests(client, archer, start_to="2026-02-01T00:00:00Z")
    assert body["rounds"][0]["best"]["slot_id"] == early["id"]
    assert (await bests(client, archer, is_indoor="false"))["rounds"] == []
    assert (await bests(client, archer, round_code="portsmouth"))["rounds"] == []


async def test_another_archers_slots_never_count(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    archer, rival = await archer_factory(), await archer_factory()
    await bray(client, rival, "2026-01-05T18:00:00Z", ["10"] * 30)
    await practice(client, rival, "2026-01-05T10:00:00Z", ["10"] * 30)
    assert await bests(client, archer) == {"min_practice_arrows": 30, "rounds": [], "practice": []}


async def test_personal_bests_need_a_token(client: AsyncClient) -> None:
    response = await client.get(URL)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


async def test_personal_bests_answer_304_while_unchanged(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await bray(client, archer, "2026-01-05T18:00:00Z", ["8"] * 30)
    first = await client.get(URL, headers=archer.headers)
    etag = first.headers["etag"]
    assert etag.startswith("W/")
    again = await client.get(URL, headers={**archer.headers, "If-None-Match": etag})
    assert again.status_code == 304


# --- announced live -----------------------------------------------------------------------------


async def test_completing_a_round_above_the_previous_best_announces_a_personal_best(
    client: AsyncClient, live_url: str, archer: ArcherAccount
) -> None:
    previous = await bray(client, archer, "2026-01-05T18:00:00Z", ["8"] * 30)
    session_id = await open_session(
        client, archer, start_time="2026-02-05T18:00:00Z", is_indoor=True, distance=18
    )
    slot = await join_round(client, archer, session_id)
    async with watching(client, live_url, archer, session_id) as websocket:
        await next_event(websocket, "session.snapshot")
        await shoot_values(client, archer, slot["id"], ["9"] * 27)
        for _ in range(9):
            await next_event(websocket, "shot.created")
        await shoot_values(client, archer, slot["id"], ["9"] * 3)
        await next_event(websocket, "shot.created")
        event = await next_event(websocket, "slot.personal_best")
    data = event["data"]
    assert (data["slot_id"], data["archer_id"], data["kind"], data["round_code"]) == (
        slot["id"],
        archer.id,
        "round",
        BRAY,
    )
    assert (data["face_type"], data["distance"], data["distance_unit"]) == (None, None, None)
    assert data["archer_name"] == "Robin Hood"
    assert data["best"]["total_score"] == 270 and data["best"]["slot_id"] == slot["id"]
    assert data["previous"]["total_score"] == 240
    assert data["previous"]["slot_id"] == previous["id"]


async def test_completing_a_round_below_the_best_announces_nothing(
    client: AsyncClient, live_url: str, archer: ArcherAccount
) -> None:
    await bray(client, archer, "2026-01-05T18:00:00Z", ["9"] * 30)
    session_id = await open_session(
        client, archer, start_time="2026-02-05T18:00:00Z", is_indoor=True, distance=18
    )
    slot = await join_round(client, archer, session_id)
    async with watching(client, live_url, archer, session_id) as websocket:
        await next_event(websocket, "session.snapshot")
        await shoot_values(client, archer, slot["id"], ["9"] * 30, per_post=10)
        for _ in range(3):
            await next_event(websocket, "shot.created")
        # A later change shows next: no personal best came in between.
        await client.patch(
            f"/api/v0/session/{session_id}", json={"location": "Hall"}, headers=archer.headers
        )
        await next_event(websocket, "session.updated")


async def test_free_practice_announces_a_personal_best_once_when_it_takes_the_lead(
    client: AsyncClient, live_url: str, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer, start_time="2026-02-05T10:00:00Z")
    slot = await join(client, archer, session_id)
    async with watching(client, live_url, archer, session_id) as websocket:
        await next_event(websocket, "session.snapshot")
        # 30 arrows: the first practice at this face and distance is a best (no previous).
        await shoot_values(client, archer, slot["id"], ["8"] * 30, per_post=6)
        for _ in range(5):
            await next_event(websocket, "shot.created")
        first = await next_event(websocket, "slot.personal_best")
        # Still ahead after the next end: not announced again.
        await shoot_values(client, archer, slot["id"], ["9"] * 6, per_post=6)
        await next_event(websocket, "shot.created")
        await client.patch(
            f"/api/v0/session/{session_id}", json={"location": "Field"}, headers=archer.headers
        )
        await next_event(websocket, "session.updated")
    data = first["data"]
    assert (data["kind"], data["round_code"], data["face_type"], data["distance"]) == (
        "practice",
        None,
        "wa_122",
        70,
    )
    assert data["distance_unit"] == "m" and data["previous"] is None
    assert data["best"]["arrows_shot"] == 30 and data["best"]["mean_per_arrow"] == 8
