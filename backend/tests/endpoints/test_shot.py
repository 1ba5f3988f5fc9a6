"""Recording, listing, moving and deleting arrows, with server-side scoring."""

import asyncio
from typing import Any
from uuid import uuid4

import pytest
from httpx import AsyncClient

from conftest import ArcherAccount, ArcherFactory, join, open_session, shoot
from quiver.models import shot as shot_model


@pytest.fixture
async def slot(client: AsyncClient, archer: ArcherAccount) -> dict[str, Any]:
    return await join(client, archer, await open_session(client, archer))


async def test_a_plotted_arrow_is_scored_by_the_line_cutter_rule(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    response = await shoot(
        client, archer, slot["id"], {"x_mm": 63.7, "y_mm": 0}, {"x_mm": 0, "y_mm": -63.8}
    )
    assert response.status_code == 201
    first, second = response.json()["items"]
    assert (first["value"], first["value_label"], first["arrow_diameter_mm"]) == (10, "10", 5.5)
    assert (second["value"], second["value_label"]) == (9, "9")
    assert first["is_plotted"] and first["distance_mm"] == pytest.approx(63.7)


async def test_indoor_sessions_score_with_the_indoor_arrow_diameter(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer, is_indoor=True, distance=18)
    indoor = await join(
        client, archer, session_id, distance=18, face_type="wa_40", arrows_per_end=3
    )
    response = await shoot(
        client, archer, indoor["id"], {"x_mm": 24.65, "y_mm": 0}, {"x_mm": 24.66, "y_mm": 0}
    )
    values = [shot["value"] for shot in response.json()["items"]]
    assert values == [10, 9]
    assert response.json()["items"][0]["arrow_diameter_mm"] == 9.3


async def test_the_x_is_flagged_and_a_miss_scores_zero(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    response = await shoot(
        client, archer, slot["id"], {"x_mm": 30, "y_mm": 10}, {"x_mm": 700, "y_mm": 0}
    )
    x, miss = response.json()["items"]
    assert (x["value"], x["is_x"], x["value_label"]) == (10, True, "X")
    assert (miss["value"], miss["value_label"], miss["spot_index"]) == (0, "M", None)


async def test_a_whole_end_is_numbered_and_the_next_request_starts_the_next_end(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    end = [{"x_mm": float(i * 10), "y_mm": 0} for i in range(6)]
    first = await shoot(client, archer, slot["id"], *end)
    second = await shoot(client, archer, slot["id"], {"value": "7"})
    placed = [(s["end_number"], s["position"]) for s in first.json()["items"]]
    assert placed == [(1, p) for p in range(1, 7)]
    assert (second.json()["items"][0]["end_number"], second.json()["items"][0]["position"]) == (
        2,
        1,
    )


async def test_a_value_only_arrow_is_checked_against_the_face(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer, distance=50)
    six_ring = await join(client, archer, session_id, distance=50, face_type="wa_80_6_ring")
    accepted = await shoot(
        client, archer, six_ring["id"], {"value": "X"}, {"value": "5"}, {"value": "M"}
    )
    assert [s["value"] for s in accepted.json()["items"]] == [10, 5, 0]
    rejected = await shoot(client, archer, six_ring["id"], {"value": "9"}, {"value": "3"})
    assert rejected.status_code == 422
    problem = rejected.json()
    assert problem["code"] == "invalid_arrow_value"
    assert problem["errors"][0]["pointer"] == "/arrows/1"
    listed = await client.get(f"/api/v0/slot/{six_ring['id']}/shot", headers=archer.headers)
    assert len(listed.json()["items"]) == 3, "a rejected end stores none of its arrows"


async def test_a_client_cannot_dictate_the_score(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    response = await shoot(client, archer, slot["id"], {"x_mm": 500, "y_mm": 0, "value": "10"})
    assert response.status_code == 422


async def test_arrows_use_the_arrow_sets_diameter_and_numbers(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    created = await client.post(
        "/api/v0/arrow_set",
        json={"name": "X10", "shaft_diameter_mm": 9.0, "arrow_count": 6},
        headers=archer.headers,
    )
    assert created.status_code == 201, created.text
    session_id = await open_session(client, archer)
    slot = await join(client, archer, session_id, arrow_set_id=created.json()["id"])
    scored = await shoot(client, archer, slot["id"], {"x_mm": 65.5, "y_mm": 0, "arrow_number": 6})
    shot = scored.json()["items"][0]
    assert (shot["value"], shot["arrow_diameter_mm"], shot["arrow_number"]) == (10, 9.0, 6)
    unknown = await shoot(client, archer, slot["id"], {"value": "8", "arrow_number": 7})
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_arrow_number"


async def test_arrow_numbers_need_an_arrow_set(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    response = await shoot(client, archer, slot["id"], {"value": "8", "arrow_number": 1})
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/arrows/0/arrow_number"


async def test_shots_cannot_be_added_to_a_closed_session(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    closed = await client.patch(
        f"/api/v0/session/{slot['session_id']}", json={"is_opened": False}, headers=archer.headers
    )
    assert closed.status_code == 200
    response = await shoot(client, archer, slot["id"], {"value": "9"})
    assert response.status_code == 409
    assert response.json()["code"] == "session_closed"


async def test_only_the_shooter_or_the_owner_writes_a_slots_arrows(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner, shooter, neighbour, stranger = [await archer_factory() for _ in range(4)]
    session_id = await open_session(client, owner)
    slot = await join(client, shooter, session_id)
    await join(client, neighbour, session_id)
    assert (await shoot(client, shooter, slot["id"], {"value": "9"})).status_code == 201
    assert (await shoot(client, owner, slot["id"], {"value": "8"})).status_code == 201
    forbidden = await shoot(client, neighbour, slot["id"], {"value": "10"})
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "not_shooter"
    hidden = await shoot(client, stranger, slot["id"], {"value": "10"})
    assert hidden.status_code == 404 and hidden.json()["code"] == "slot_not_found"


async def test_strangers_cannot_read_any_arrow_of_a_session(
    client: AsyncClient, archer: ArcherAccount, archer_factory: ArcherFactory, slot: dict[str, Any]
) -> None:
    shot_id = (await shoot(client, archer, slot["id"], {"value": "9"})).json()["items"][0]["id"]
    stranger = await archer_factory()
    for path in (
        f"/api/v0/slot/{slot['id']}/shot",
        f"/api/v0/shot/{shot_id}",
        f"/api/v0/slot/{slot['id']}/statistics",
        f"/api/v0/session/{slot['session_id']}/leaderboard",
    ):
        response = await client.get(path, headers=stranger.headers)
        assert response.status_code == 404, path
    assert (
        await client.patch(f"/api/v0/shot/{shot_id}", json={"value": "1"}, headers=stranger.headers)
    ).status_code == 404
    assert (
        await client.delete(f"/api/v0/shot/{shot_id}", headers=stranger.headers)
    ).status_code == 404


async def test_shot_operations_need_a_token(client: AsyncClient, slot: dict[str, Any]) -> None:
    shot_id = str(uuid4())
    for method, path in (
        ("POST", f"/api/v0/slot/{slot['id']}/shot"),
        ("GET", f"/api/v0/slot/{slot['id']}/shot"),
        ("GET", f"/api/v0/shot/{shot_id}"),
        ("PATCH", f"/api/v0/shot/{shot_id}"),
        ("DELETE", f"/api/v0/shot/{shot_id}"),
        ("GET", f"/api/v0/slot/{slot['id']}/statistics"),
    ):
        response = await client.request(
            method, path, json={"value": "9"} if method in ("POST", "PATCH") else None
        )
        assert response.status_code == 401, (method, path)


async def test_recorded_arrows_read_back_exactly_as_they_were_answered(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    url = f"/api/v0/slot/{slot['id']}/shot"
    arrows = [
        {"x_mm": 12.0, "y_mm": -3.25, "shot_at": "2026-11-26T11:00:00.120000+02:00"},
        {"value": "X", "shot_at": "2026-11-26T09:00:00Z"},
        {"x_mm": 0.1, "y_mm": 1e-7},
        {"value": "M"},
    ]
    created = await client.post(url, json={"arrows": arrows}, headers=archer.headers)
    assert created.status_code == 201
    listed = await client.get(url, headers=archer.headers)
    assert created.json()["items"] == listed.json()["items"]
    first, second = created.json()["items"][:2]
    assert (first["shot_at"], second["shot_at"]) == (
        "2026-11-26T09:00:00.12+00:00",
        "2026-11-26T09:00:00+00:00",
    )


async def test_recording_checks_the_path_and_the_idempotency_key(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    body = {"arrows": [{"value": "9"}]}
    bad_slot = await client.post("/api/v0/slot/not-a-uuid/shot", json=body, headers=archer.headers)
    assert bad_slot.status_code == 422
    assert [e["pointer"] for e in bad_slot.json()["errors"]] == ["#/path/slot_id"]
    url = f"/api/v0/slot/{slot['id']}/shot"
    for key in ("", "has space", "k" * 256):
        bad_key = await client.post(
            url, json=body, headers=archer.headers | {"Idempotency-Key": key}
        )
        assert bad_key.status_code == 422, key
        assert [e["pointer"] for e in bad_key.json()["errors"]] == ["#/header/Idempotency-Key"]
    listed = await client.get(url, headers=archer.headers)
    assert listed.json()["items"] == []


async def test_recording_checks_the_token_before_the_body_and_the_body_before_the_path(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    bad_body = {"arrows": [{"value": "9", "score": 10}]}
    no_token = await client.post("/api/v0/slot/not-a-uuid/shot", json=bad_body)
    assert no_token.status_code == 401
    response = await client.post(
        "/api/v0/slot/not-a-uuid/shot", json=bad_body, headers=archer.headers
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"].startswith("/arrows/0")


async def test_listing_pages_through_the_arrows_in_shooting_order(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    for _ in range(3):
        await shoot(client, archer, slot["id"], *[{"value": str(v)} for v in range(10, 4, -1)])
    seen: list[tuple[int, int]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 5} | ({"cursor": cursor} if cursor else {})
        page = await client.get(
            f"/api/v0/slot/{slot['id']}/shot", params=params, headers=archer.headers
        )
        assert page.status_code == 200
        seen += [(s["end_number"], s["position"]) for s in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            break
    assert seen == [(end, pos) for end in (1, 2, 3) for pos in range(1, 7)]


async def test_a_cursor_from_another_slot_or_garbled_is_rejected(
    client: AsyncClient, archer: ArcherAccount, archer_factory: ArcherFactory, slot: dict[str, Any]
) -> None:
    await shoot(client, archer, slot["id"], {"value": "9"}, {"value": "8"})
    page = await client.get(
        f"/api/v0/slot/{slot['id']}/shot", params={"limit": 1}, headers=archer.headers
    )
    cursor = page.json()["next_cursor"]
    other = await join(client, await archer_factory(), slot["session_id"], distance=70)
    for bad_cursor, slot_id in ((cursor, other["id"]), ("not-a-cursor", slot["id"])):
        response = await client.get(
            f"/api/v0/slot/{slot_id}/shot", params={"cursor": bad_cursor}, headers=archer.headers
        )
        assert response.status_code == 422
        assert response.json()["code"] == "invalid_cursor"


async def test_moving_an_arrow_rescores_it_in_place(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    shot = (await shoot(client, archer, slot["id"], {"x_mm": 300, "y_mm": 0})).json()["items"][0]
    moved = await client.patch(
        f"/api/v0/shot/{shot['id']}", json={"x_mm": 0, "y_mm": 10}, headers=archer.headers
    )
    assert moved.status_code == 200
    body = moved.json()
    assert (body["value"], body["is_x"], body["end_number"], body["position"]) == (10, True, 1, 1)
    assert body["updated_at"] >= shot["updated_at"]
    fetched = await client.get(f"/api/v0/shot/{shot['id']}", headers=archer.headers)
    assert fetched.json() == body


async def test_deleting_the_last_arrow_frees_its_place(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    first, last = (await shoot(client, archer, slot["id"], {"value": "9"}, {"value": "2"})).json()[
        "items"
    ]
    assert (
        await client.delete(f"/api/v0/shot/{last['id']}", headers=archer.headers)
    ).status_code == 204
    again = (await shoot(client, archer, slot["id"], {"value": "8"})).json()["items"][0]
    assert again["position"] == 2
    assert (
        await client.delete(f"/api/v0/shot/{first['id']}", headers=archer.headers)
    ).status_code == 204
    after = (await shoot(client, archer, slot["id"], {"value": "7"})).json()["items"][0]
    assert after["position"] == 3, "a gap stays a gap"
    missing = await client.get(f"/api/v0/shot/{first['id']}", headers=archer.headers)
    assert missing.status_code == 404


async def test_a_retry_with_the_same_idempotency_key_creates_nothing(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    headers = {**archer.headers, "Idempotency-Key": "end-1-attempt"}
    body = {"arrows": [{"value": "9"}, {"value": "X"}]}
    url = f"/api/v0/slot/{slot['id']}/shot"
    first = await client.post(url, json=body, headers=headers)
    retry = await client.post(url, json=body, headers=headers)
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry.headers["idempotent-replayed"] == "true"
    listed = await client.get(url, headers=archer.headers)
    assert len(listed.json()["items"]) == 2
    changed = await client.post(url, json={"arrows": [{"value": "1"}]}, headers=headers)
    assert changed.status_code == 422 and changed.json()["code"] == "idempotency_key_reused"


async def test_concurrent_posts_to_one_slot_all_land_in_distinct_places(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    responses = await asyncio.gather(
        *(shoot(client, archer, slot["id"], {"value": "8"}, {"value": "9"}) for _ in range(25))
    )
    assert [response.status_code for response in responses] == [201] * 25
    listed = await client.get(
        f"/api/v0/slot/{slot['id']}/shot", params={"limit": 1000}, headers=archer.headers
    )
    places = [(s["end_number"], s["position"]) for s in listed.json()["items"]]
    assert len(places) == len(set(places)) == 50


async def test_concurrent_writes_go_together_and_each_is_checked_on_its_own(
    client: AsyncClient, archer_factory: ArcherFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = await archer_factory()
    session_id = await open_session(client, owner)
    archers = [await archer_factory() for _ in range(8)]
    slots = [await join(client, archer, session_id) for archer in archers]
    for archer, slot in zip(archers, slots):
        await shoot(client, archer, slot["id"], {"value": "9"})
    batch_sizes: list[int] = []
    insert_shots = shot_model.insert_shots

    async def recording(db: Any, writes: Any, announcement: Any) -> Any:
        batch_sizes.append(len(writes))
        return await insert_shots(db, writes, announcement)

    monkeypatch.setattr(shot_model, "insert_shots", recording)
    stranger = await archer_factory()
    senders = [*(archer.headers for archer in archers), stranger.headers, owner.headers]
    targets = [*slots, slots[0], slots[1]]
    responses = await asyncio.gather(
        *(
            client.post(
                f"/api/v0/slot/{slot['id']}/shot", json={"arrows": [{"value": "X"}]}, headers=sender
            )
            for sender, slot in zip(senders, targets)
        )
    )
    assert [response.status_code for response in responses] == [201] * 8 + [404, 201]
    assert max(batch_sizes) > 1, batch_sizes
    for index, (archer, slot) in enumerate(zip(archers, slots)):
        listed = await client.get(f"/api/v0/slot/{slot['id']}/shot", headers=archer.headers)
        labels = [shot["value_label"] for shot in listed.json()["items"]]
        assert labels == (["9", "X", "X"] if index == 1 else ["9", "X"]), index


async def test_concurrent_posts_with_distinct_keys_store_every_arrow_once(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    url = f"/api/v0/slot/{slot['id']}/shot"

    async def post(key: str) -> int:
        response = await client.post(
            url,
            json={"arrows": [{"value": "8"}]},
            headers={**archer.headers, "Idempotency-Key": key},
        )
        return response.status_code

    keys = [f"k-{i}" for i in range(30)]
    assert await asyncio.gather(*(post(key) for key in keys)) == [201] * 30
    assert await asyncio.gather(*(post(key) for key in keys)) == [201] * 30
    listed = await client.get(url, params={"limit": 1000}, headers=archer.headers)
    seqs = [(s["end_number"], s["position"]) for s in listed.json()["items"]]
    assert len(seqs) == 30 and len(set(seqs)) == 30


async def test_a_round_slot_changes_face_between_passes_and_stops_at_the_end(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer, is_indoor=True, distance=18)
    response = await client.post(
        f"/api/v0/session/{session_id}/slot", json={"round_code": "wa18"}, headers=archer.headers
    )
    assert response.status_code == 201, response.text
    slot_id = response.json()["id"]
    for _ in range(6):
        assert (await shoot(client, archer, slot_id, *[{"value": "9"}] * 10)).status_code == 201
    done = await shoot(client, archer, slot_id, {"value": "9"})
    assert done.status_code == 409 and done.json()["code"] == "round_complete"
    last = await client.get(
        f"/api/v0/slot/{slot_id}/shot", params={"limit": 1000}, headers=archer.headers
    )
    assert (last.json()["items"][-1]["end_number"], last.json()["items"][-1]["position"]) == (20, 3)


async def test_a_changed_arrow_set_diameter_applies_to_the_next_arrow(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    created = await client.post(
        "/api/v0/arrow_set",
        json={"name": "Thin", "shaft_diameter_mm": 4.0, "arrow_count": 12},
        headers=archer.headers,
    )
    slot = await join(
        client, archer, await open_session(client, archer), arrow_set_id=created.json()["id"]
    )
    first = await shoot(client, archer, slot["id"], {"x_mm": 63.5, "y_mm": 0})
    assert first.json()["items"][0]["value"] == 9, "63.5 mm needs more than a 4 mm shaft"
    await client.patch(
        f"/api/v0/arrow_set/{created.json()['id']}",
        json={"shaft_diameter_mm": 9.0},
        headers=archer.headers,
    )
    second = await shoot(client, archer, slot["id"], {"x_mm": 63.5, "y_mm": 0})
    assert (second.json()["items"][0]["value"], second.json()["items"][0]["arrow_diameter_mm"]) == (
        10,
        9.0,
    )


async def test_rules_still_hold_for_a_slot_written_before(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner, neighbour, stranger = [await archer_factory() for _ in range(3)]
    slot = await join(client, owner, await open_session(client, owner))
    await join(client, neighbour, slot["session_id"])
    assert (await shoot(client, owner, slot["id"], {"value": "9"})).status_code == 201
    assert (await shoot(client, neighbour, slot["id"], {"value": "9"})).status_code == 403
    hidden = await shoot(client, stranger, slot["id"], {"value": "X"}, {"value": "3"})
    assert hidden.status_code == 404, "a stranger learns nothing, not even the face's values"
    await client.post("/api/v0/auth/logout", headers=owner.headers)
    assert (await shoot(client, owner, slot["id"], {"value": "9"})).status_code == 401


async def test_a_slot_written_before_stops_when_its_session_closes(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    assert (await shoot(client, archer, slot["id"], {"value": "9"})).status_code == 201
    await client.patch(
        f"/api/v0/session/{slot['session_id']}", json={"is_opened": False}, headers=archer.headers
    )
    closed = await shoot(client, archer, slot["id"], {"value": "9"})
    assert closed.status_code == 409 and closed.json()["code"] == "session_closed"
