"""GET /api/v0/slot/{slot_id}/statistics and /api/v0/session/{session_id}/leaderboard."""

import math
from typing import Any

import pytest
from httpx import AsyncClient

from conftest import ArcherAccount, ArcherFactory, join, open_session, shoot


async def test_statistics_of_an_empty_slot_have_no_averages(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    slot = await join(client, archer, await open_session(client, archer))
    response = await client.get(f"/api/v0/slot/{slot['id']}/statistics", headers=archer.headers)
    assert response.status_code == 200
    stats = response.json()
    assert stats["arrows_shot"] == stats["total_score"] == stats["max_possible_score"] == 0
    assert stats["percentage"] is None and stats["mean_per_arrow"] is None
    assert stats["ends"] == [] and stats["histogram"] == []
    assert stats["mean_point_of_impact"] is None and stats["group_spread"] is None


async def test_statistics_count_score_ends_histogram_and_group(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    slot = await join(client, archer, await open_session(client, archer))
    group = [(10, 0), (-10, 0), (0, 20), (0, -20)]
    await shoot(client, archer, slot["id"], *[{"x_mm": x, "y_mm": y} for x, y in group])
    await shoot(client, archer, slot["id"], {"value": "M"}, {"value": "7"}, {"value": "9"})
    response = await client.get(f"/api/v0/slot/{slot['id']}/statistics", headers=archer.headers)
    stats = response.json()
    assert (stats["arrows_shot"], stats["total_score"], stats["max_possible_score"]) == (7, 56, 70)
    assert stats["percentage"] == pytest.approx(80.0)
    assert stats["mean_per_arrow"] == pytest.approx(8.0)
    assert (stats["x_count"], stats["ten_count"], stats["miss_count"]) == (4, 4, 1)
    assert stats["ends"] == [
        {"end_number": 1, "arrows": 6, "total": 47, "running_total": 47},
        {"end_number": 2, "arrows": 1, "total": 9, "running_total": 56},
    ]
    assert stats["histogram"] == [
        {"value_label": "X", "count": 4},
        {"value_label": "9", "count": 1},
        {"value_label": "7", "count": 1},
        {"value_label": "M", "count": 1},
    ]
    assert stats["mean_point_of_impact"] == {"x_mm": 0, "y_mm": 0}
    spread = stats["group_spread"]
    assert spread["plotted_arrows"] == 4
    assert spread["radial_sd_mm"] == pytest.approx(math.sqrt(250))
    assert spread["radial_sd_mrad"] == pytest.approx(math.sqrt(250) / 70)


async def test_group_figures_on_a_triple_face_are_relative_to_each_arrows_spot(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer, is_indoor=True, distance=18)
    slot = await join(
        client, archer, session_id, distance=18, face_type="wa_40_triple_vertical", arrows_per_end=3
    )
    face = (await client.get("/api/v0/face/wa_40_triple_vertical")).json()
    arrows = [{"x_mm": spot["x_mm"] + 5, "y_mm": spot["y_mm"] - 5} for spot in face["spots"]]
    await shoot(client, archer, slot["id"], *arrows)
    stats = (
        await client.get(f"/api/v0/slot/{slot['id']}/statistics", headers=archer.headers)
    ).json()
    assert stats["mean_point_of_impact"] == {"x_mm": pytest.approx(5), "y_mm": pytest.approx(-5)}
    assert stats["group_spread"]["radial_sd_mm"] == pytest.approx(0, abs=1e-9)


async def test_the_leaderboard_ranks_by_total_then_tens_then_xs(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner = await archer_factory()
    session_id = await open_session(client, owner)
    scores: dict[str, list[str]] = {
        "ten_nine": ["10", "9"],
        "x_nine": ["X", "9"],
        "twenty": ["10", "10"],
        "also_ten_nine": ["9", "10"],
    }
    slots: dict[str, Any] = {}
    for name, values in scores.items():
        account = await archer_factory(first_name=name)
        slots[name] = await join(client, account, session_id)
        await shoot(client, account, slots[name]["id"], *[{"value": v} for v in values])
    response = await client.get(f"/api/v0/session/{session_id}/leaderboard", headers=owner.headers)
    assert response.status_code == 200
    board = response.json()
    ranks = {entry["slot_id"]: entry["rank"] for entry in board["items"]}
    assert ranks[slots["twenty"]["id"]] == 1
    assert ranks[slots["x_nine"]["id"]] == 2
    assert ranks[slots["ten_nine"]["id"]] == ranks[slots["also_ten_nine"]["id"]] == 3
    assert [entry["rank"] for entry in board["items"]] == [1, 2, 3, 3]
    top = board["items"][0]
    assert (top["total_score"], top["ten_count"], top["x_count"], top["arrows_shot"]) == (
        20,
        2,
        0,
        2,
    )
    assert top["archer_name"] == "twenty Hood"


async def test_statistics_of_an_unknown_slot_are_not_found(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.get(
        "/api/v0/slot/00000000-0000-4000-8000-000000000000/statistics", headers=archer.headers
    )
    assert response.status_code == 404
    assert response.json()["code"] == "slot_not_found"
