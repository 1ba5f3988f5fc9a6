"""GET /api/v0/slot/{slot_id}/handicap and /api/v0/history/handicap."""

import importlib
import math
import random
from typing import Any

import pytest
from asyncpg import Pool
from httpx import AsyncClient

from conftest import ArcherAccount, ArcherFactory, join, open_session, shoot

# archeryutils has no type information: imported by name, as the service does.
_HC: Any = importlib.import_module("archeryutils.handicaps")

PROFILE = {"date_of_birth": "1990-05-01", "gender": "male"}


def _values(arrows: int, score: int) -> list[dict[str, Any]]:
    """Arrows by value adding up to ``score``: as even as possible."""
    base, extra = divmod(score, arrows)
    return [{"value": str(base + 1 if i < extra else base)} for i in range(arrows)]


async def _shoot_all(
    client: AsyncClient,
    archer: ArcherAccount,
    slot_id: str,
    arrows: list[dict[str, Any]],
    per_end: int = 6,
) -> list[str]:
    ids: list[str] = []
    for start in range(0, len(arrows), per_end):
        response = await shoot(client, archer, slot_id, *arrows[start : start + per_end])
        assert response.status_code == 201, response.text
        ids.extend(item["id"] for item in response.json()["items"])
    return ids


async def _round_slot(
    client: AsyncClient,
    archer: ArcherAccount,
    round_code: str,
    arrows: int,
    score: int,
    start_time: str = "2026-06-14T09:00:00Z",
) -> tuple[str, list[str]]:
    session_id = await open_session(client, archer, start_time=start_time)
    joined = await client.post(
        f"/api/v0/session/{session_id}/slot",
        json={"round_code": round_code},
        headers=archer.headers,
    )
    assert joined.status_code == 201, joined.text
    slot = joined.json()
    values = _values(arrows, score)
    return slot["id"], await _shoot_all(client, archer, slot["id"], values, slot["arrows_per_end"])


async def _handicap(client: AsyncClient, archer: ArcherAccount, slot_id: str) -> Any:
    response = await client.get(f"/api/v0/slot/{slot_id}/handicap", headers=archer.headers)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("round_code", "arrows", "score", "handicap", "code"),
    [
        ("wa720_70", 72, 600, 30, "MB"),
        ("portsmouth", 60, 560, 38, "I-B2"),
        ("bray_i", 30, 270, 34, "I-B1"),
    ],
)
async def test_a_completed_round_has_its_handicap_and_classification(
    client: AsyncClient,
    archer_factory: ArcherFactory,
    round_code: str,
    arrows: int,
    score: int,
    handicap: int,
    code: str,
) -> None:
    archer = await archer_factory(**PROFILE)
    slot_id, _ = await _round_slot(client, archer, round_code, arrows, score)
    body = await _handicap(client, archer, slot_id)
    assert (body["round_code"], body["is_estimate"], body["arrows"], body["score"]) == (
        round_code,
        False,
        arrows,
        score,
    )
    assert body["handicap"] == handicap and body["handicap_unavailable"] is None
    assert body["classification"]["code"] == code
    assert body["classification"]["bowstyle"] == "recurve"
    assert body["classification"]["gender"] == "open"
    assert body["classification"]["age_category"] == "adult"
    assert body["classification_unavailable"] is None and body["missing_profile_fields"] == []
    assert body["date"] == "2026-06-14"


async def test_an_incomplete_profile_gets_the_handicap_and_the_fields_to_fill_in(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    slot_id, _ = await _round_slot(client, archer, "wa720_70", 72, 600)
    body = await _handicap(client, archer, slot_id)
    assert body["handicap"] == 30
    assert body["classification"] is None
    assert body["classification_unavailable"] == "profile_incomplete"
    assert body["missing_profile_fields"] == ["date_of_birth", "gender"]
    # Filling in the profile makes the cached result stale: the classification appears.
    updated = await client.patch("/api/v0/archer/me", json=PROFILE, headers=archer.headers)
    assert updated.status_code == 200, updated.text
    body = await _handicap(client, archer, slot_id)
    assert body["classification"]["code"] == "MB" and body["missing_profile_fields"] == []
    # A female archer is classified in the female category.
    await client.patch("/api/v0/archer/me", json={"gender": "female"}, headers=archer.headers)
    assert (await _handicap(client, archer, slot_id))["classification"]["gender"] == "female"


async def test_changing_an_arrow_changes_the_handicap(
    client: AsyncClient, archer_factory: ArcherFactory, pool: Pool
) -> None:
    archer = await archer_factory(**PROFILE)
    slot_id, shot_ids = await _round_slot(client, archer, "wa720_70", 72, 600)
    assert (await _handicap(client, archer, slot_id))["handicap"] == 30
    cached = await pool.fetchval("SELECT handicap FROM slot_handicap WHERE slot_id = $1", slot_id)
    assert cached == 30
    changed = await client.patch(
        f"/api/v0/shot/{shot_ids[0]}", json={"value": "M"}, headers=archer.headers
    )
    assert changed.status_code == 200, changed.text
    body = await _handicap(client, archer, slot_id)
    assert body["score"] < 600 and body["handicap"] > 30


async def test_another_archers_slot_is_not_found(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner = await archer_factory(**PROFILE)
    slot_id, _ = await _round_slot(client, owner, "bray_i", 30, 270)
    # A stranger, and even a fellow archer of the same session, see neither.
    fellow = await archer_factory()
    session_id = (await client.get(f"/api/v0/slot/{slot_id}", headers=owner.headers)).json()[
        "session_id"
    ]
    await join(client, fellow, session_id)
    for other in (fellow, await archer_factory()):
        response = await client.get(f"/api/v0/slot/{slot_id}/handicap", headers=other.headers)
        assert response.status_code == 404 and response.json()["code"] == "slot_not_found"
        history = await client.get("/api/v0/history/handicap", headers=other.headers)
        assert history.json()["items"] == []


async def test_no_token_is_unauthorized(client: AsyncClient, archer: ArcherAccount) -> None:
    slot = await join(client, archer, await open_session(client, archer))
    response = await client.get(f"/api/v0/slot/{slot['id']}/handicap")
    assert response.status_code == 401


def _group(handicap: float, n: int, seed: int) -> list[dict[str, Any]]:
    sigma = float(_HC.handicap_scheme("AGB").sigma_r(handicap, 70.0)) * 1000 / math.sqrt(2)
    rng = random.Random(seed)
    return [
        {"x_mm": round(rng.gauss(0, sigma), 1), "y_mm": round(rng.gauss(0, sigma), 1)}
        for _ in range(n)
    ]


async def test_free_practice_gets_an_estimate_from_its_group(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    slot = await join(client, archer, await open_session(client, archer))
    await _shoot_all(client, archer, slot["id"], _group(30, 11, seed=5))
    body = await _handicap(client, archer, slot["id"])
    assert body["is_estimate"] and body["handicap"] is None
    assert (body["handicap_unavailable"], body["arrows"]) == ("too_few_arrows", 11)
    await _shoot_all(client, archer, slot["id"], _group(30, 109, seed=6))
    body = await _handicap(client, archer, slot["id"])
    assert body["is_estimate"] and body["arrows"] == 120 and body["score"] is None
    assert abs(body["handicap"] - 30) <= 3
    assert body["classification"] is None
    assert body["classification_unavailable"] == "estimated_handicap"


async def test_the_progression_is_empty_without_completed_rounds(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.get("/api/v0/history/handicap", headers=archer.headers)
    assert response.status_code == 200
    assert response.json() == {"items": [], "next_cursor": None}


async def test_the_progression_lists_completed_rounds_oldest_first_a_page_at_a_time(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    archer = await archer_factory(**PROFILE)
    late, _ = await _round_slot(client, archer, "bray_i", 30, 270, "2026-11-08T18:00:00Z")
    early, _ = await _round_slot(client, archer, "bray_i", 30, 240, "2026-10-01T18:00:00Z")
    # Unfinished practice is listed only with include_estimates.
    practice = await join(client, archer, await open_session(client, archer))
    await _shoot_all(client, archer, practice["id"], _group(40, 12, seed=9))

    first = await client.get("/api/v0/history/handicap?limit=1", headers=archer.headers)
    assert first.status_code == 200, first.text
    page = first.json()
    assert [p["slot_id"] for p in page["items"]] == [early]
    assert page["items"][0]["date"] == "2026-10-01"
    assert page["items"][0]["classification"]["code"].startswith("I-")
    second = await client.get(
        "/api/v0/history/handicap",
        params={"limit": 1, "cursor": page["next_cursor"]},
        headers=archer.headers,
    )
    assert [p["slot_id"] for p in second.json()["items"]] == [late]
    assert second.json()["next_cursor"] is None
    assert second.json()["items"][0]["handicap"] == 34

    with_estimates = await client.get(
        "/api/v0/history/handicap?include_estimates=true", headers=archer.headers
    )
    points = with_estimates.json()["items"]
    assert [p["is_estimate"] for p in points] == [False, False, True]
    assert points[2]["slot_id"] == practice["id"] and points[2]["arrows"] == 12
    assert points[2]["score"] is None and points[2]["classification"] is None


async def test_the_progression_takes_the_history_filter(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await _round_slot(client, archer, "bray_i", 30, 270, "2026-10-01T18:00:00Z")
    portsmouth, _ = await _round_slot(client, archer, "portsmouth", 60, 560, "2026-11-01T18:00:00Z")
    by_round = await client.get(
        "/api/v0/history/handicap?round_code=portsmouth", headers=archer.headers
    )
    assert [p["slot_id"] for p in by_round.json()["items"]] == [portsmouth]
    by_date = await client.get(
        "/api/v0/history/handicap",
        params={"start_from": "2026-10-15T00:00:00Z"},
        headers=archer.headers,
    )
    assert [p["slot_id"] for p in by_date.json()["items"]] == [portsmouth]


async def test_a_cursor_for_other_filters_is_refused(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    for start in ("2026-10-01T18:00:00Z", "2026-10-02T18:00:00Z"):
        await _round_slot(client, archer, "bray_i", 30, 270, start)
    page = (await client.get("/api/v0/history/handicap?limit=1", headers=archer.headers)).json()
    refused = await client.get(
        "/api/v0/history/handicap",
        params={"limit": 1, "cursor": page["next_cursor"], "include_estimates": "true"},
        headers=archer.headers,
    )
    assert refused.status_code == 422 and refused.json()["code"] == "invalid_cursor"
