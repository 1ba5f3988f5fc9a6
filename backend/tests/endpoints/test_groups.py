"""GET /api/v0/slot/{id}/group, /history/group, /arrow_set/{id}/ranking and /history/heatmap."""

from typing import Any
from uuid import uuid4

import numpy as np
import pytest
from httpx import AsyncClient

from conftest import ArcherAccount, ArcherFactory, join, open_session, shoot

HISTORY_GROUP = "/api/v0/history/group"
HEATMAP = "/api/v0/history/heatmap"
TOLERANCE = 1e-9


def slot_group_url(slot_id: str) -> str:
    return f"/api/v0/slot/{slot_id}/group"


def ranking_url(arrow_set_id: str) -> str:
    return f"/api/v0/arrow_set/{arrow_set_id}/ranking"


async def slot_with_arrows(
    client: AsyncClient,
    archer: ArcherAccount,
    ends: list[list[dict[str, Any]]],
    *,
    start_time: str = "2026-05-01T09:00:00Z",
    **slot: Any,
) -> str:
    """A new session of the archer's with their slot, and its ends of arrows: the slot id."""
    session_id = await open_session(client, archer, start_time=start_time)
    joined = await join(client, archer, session_id, **slot)
    for arrows in ends:
        response = await shoot(client, archer, joined["id"], *arrows)
        assert response.status_code == 201, response.text
    slot_id: str = joined["id"]
    return slot_id


def plotted(points: list[tuple[float, float]], **extra: Any) -> list[dict[str, Any]]:
    return [{"x_mm": x, "y_mm": y, **extra} for x, y in points]


def expected_measures(points: list[tuple[float, float]], scale: float = 1.0) -> dict[str, Any]:
    """The figures numpy gives for these points, each divided by ``scale`` (metres, for mrad)."""
    xy = np.array(points, dtype=float).T / scale
    mean_x, mean_y = xy.mean(axis=1)
    covariance = np.cov(xy, bias=True)
    values, vectors = np.linalg.eigh(covariance)
    angle = float(np.degrees(np.arctan2(vectors[1, 1], vectors[0, 1])))
    angle = angle + 180 if angle <= -90 else angle - 180 if angle > 90 else angle
    return {
        "mean_x": mean_x,
        "mean_y": mean_y,
        "sd_x": np.sqrt(covariance[0, 0]),
        "sd_y": np.sqrt(covariance[1, 1]),
        "radial_sd": np.sqrt(covariance[0, 0] + covariance[1, 1]),
        "mean_radius": np.mean(np.hypot(xy[0] - mean_x, xy[1] - mean_y)),
        "ellipse": {
            "centre_x": mean_x,
            "centre_y": mean_y,
            "semi_major": np.sqrt(values[1]),
            "semi_minor": np.sqrt(values[0]),
            "angle_deg": angle,
        },
    }


def assert_measures(actual: dict[str, Any], expected: dict[str, Any]) -> None:
    for key, value in expected.items():
        if isinstance(value, dict):
            assert_measures(actual[key], value)
        else:
            assert actual[key] == pytest.approx(value, abs=TOLERANCE), key


END_1 = [(30.0, 20.0), (-10.0, 45.0), (55.0, -15.0), (40.0, 5.0), (6.3, 5.3)]
END_2 = [(-20.0, -30.0), (12.0, 8.0), (0.0, 60.0)]


# --- getSlotGroup ---------------------------------------------------------------------------


async def test_slot_group_gives_each_end_and_the_whole_slot_in_mm_and_mrad(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    slot_id = await slot_with_arrows(
        client, archer, [plotted(END_1) + [{"value": "9"}], plotted(END_2)], distance=70
    )
    response = await client.get(slot_group_url(slot_id), headers=archer.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["slot_id"] == slot_id
    assert body["arrows_shot"] == 9
    assert body["end_count"] == 2
    overall = body["overall"]
    assert overall["plotted_arrows"] == 8
    assert_measures(overall["mm"], expected_measures(END_1 + END_2))
    assert_measures(overall["mrad"], expected_measures(END_1 + END_2, scale=70))
    first, second = body["ends"]
    assert (first["end_number"], first["arrows_shot"]) == (1, 6)
    assert first["group"]["plotted_arrows"] == 5
    assert_measures(first["group"]["mm"], expected_measures(END_1))
    assert (second["end_number"], second["arrows_shot"]) == (2, 3)
    assert_measures(second["group"]["mrad"], expected_measures(END_2, scale=70))


async def test_slot_group_of_one_plotted_arrow_has_no_ellipse(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    slot_id = await slot_with_arrows(client, archer, [plotted([(12.0, -4.0)])])
    body = (await client.get(slot_group_url(slot_id), headers=archer.headers)).json()
    measures = body["overall"]["mm"]
    assert (measures["mean_x"], measures["mean_y"]) == (12.0, -4.0)
    assert measures["radial_sd"] == 0 and measures["mean_radius"] == 0
    assert measures["ellipse"] is None


async def test_slot_group_leaves_out_arrows_entered_by_value(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    slot_id = await slot_with_arrows(client, archer, [[{"value": "10"}, {"value": "M"}]])
    body = (await client.get(slot_group_url(slot_id), headers=archer.headers)).json()
    assert body["arrows_shot"] == 2
    assert body["overall"] == {"plotted_arrows": 0, "mm": None, "mrad": None}
    assert body["ends"] == [
        {
            "end_number": 1,
            "arrows_shot": 2,
            "group": {"plotted_arrows": 0, "mm": None, "mrad": None},
        }
    ]


async def test_slot_group_of_an_empty_slot_is_empty(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    slot_id = await slot_with_arrows(client, archer, [])
    body = (await client.get(slot_group_url(slot_id), headers=archer.headers)).json()
    assert body == {
        "slot_id": slot_id,
        "arrows_shot": 0,
        "overall": {"plotted_arrows": 0, "mm": None, "mrad": None},
        "ends": [],
        "end_count": 0,
    }


async def test_slot_group_of_a_slot_outside_the_callers_sessions_is_not_found(
    client: AsyncClient, archer: ArcherAccount, archer_factory: ArcherFactory
) -> None:
    slot_id = await slot_with_arrows(client, archer, [plotted(END_1)])
    stranger = await archer_factory()
    for url in (slot_group_url(slot_id), slot_group_url(str(uuid4()))):
        response = await client.get(url, headers=stranger.headers)
        assert response.status_code == 404, response.text
        assert response.json()["code"] == "slot_not_found"


async def test_slot_group_answers_304_to_its_etag(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    slot_id = await slot_with_arrows(client, archer, [plotted(END_1)])
    first = await client.get(slot_group_url(slot_id), headers=archer.headers)
    again = await client.get(
        slot_group_url(slot_id),
        headers={**archer.headers, "If-None-Match": first.headers["etag"]},
    )
    assert again.status_code == 304


# --- getHistoryGroup ------------------------------------------------------------------------


async def test_history_group_in_mrad_compares_groups_shot_at_different_distances(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    # The same angular group at 30 m and at 70 m: offsets grow with the distance.
    angles = [(0.5, 0.2), (-0.4, 0.6), (0.1, -0.7)]
    await slot_with_arrows(
        client, archer, [plotted([(30 * x, 30 * y) for x, y in angles])], distance=30
    )
    await slot_with_arrows(
        client, archer, [plotted([(70 * x, 70 * y) for x, y in angles])], distance=70
    )
    response = await client.get(HISTORY_GROUP, headers=archer.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["slot_count"], body["arrows_shot"]) == (2, 6)
    assert_measures(body["overall"]["mrad"], expected_measures(angles + angles))
    assert len(body["ends"]) == 1
    assert body["ends"][0]["group"]["plotted_arrows"] == 6


async def test_history_group_converts_yards_to_metres_for_mrad(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await slot_with_arrows(
        client, archer, [plotted(END_1)], distance=50, distance_unit="yd", face_type="imperial_122"
    )
    body = (await client.get(HISTORY_GROUP, headers=archer.headers)).json()
    assert_measures(body["overall"]["mrad"], expected_measures(END_1, scale=50 * 0.9144))


async def test_history_group_per_end_number_gathers_every_slots_end(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    # Three arrows an end: each slot's first end, then each slot's second.
    extra = [(-3.0, 7.0), (1.0, 1.0)]
    await slot_with_arrows(client, archer, [plotted(END_1[:3]), plotted(END_2)], arrows_per_end=3)
    await slot_with_arrows(
        client, archer, [plotted(END_1[3:] + extra[:1]), plotted(extra[1:])], arrows_per_end=3
    )
    body = (await client.get(HISTORY_GROUP, headers=archer.headers)).json()
    first, second = body["ends"]
    assert (first["end_number"], first["arrows_shot"]) == (1, 6)
    assert_measures(first["group"]["mm"], expected_measures(END_1 + extra[:1]))
    assert (second["end_number"], second["arrows_shot"]) == (2, 4)
    assert_measures(second["group"]["mm"], expected_measures(END_2 + extra[1:]))
    assert_measures(body["overall"]["mm"], expected_measures(END_1 + END_2 + extra))


async def test_history_group_applies_the_history_filter(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await slot_with_arrows(client, archer, [plotted(END_1)], distance=70)
    await slot_with_arrows(
        client, archer, [plotted(END_2)], distance=30, start_time="2026-07-01T09:00:00Z"
    )
    at_30 = (
        await client.get(HISTORY_GROUP, params={"distance": 30}, headers=archer.headers)
    ).json()
    assert at_30["slot_count"] == 1
    assert_measures(at_30["overall"]["mm"], expected_measures(END_2))
    before_june = (
        await client.get(
            HISTORY_GROUP, params={"start_to": "2026-06-01T00:00:00Z"}, headers=archer.headers
        )
    ).json()
    assert_measures(before_june["overall"]["mm"], expected_measures(END_1))


async def test_history_group_never_counts_another_archers_arrows(
    client: AsyncClient, archer: ArcherAccount, archer_factory: ArcherFactory
) -> None:
    other = await archer_factory()
    await slot_with_arrows(client, other, [plotted(END_2)])
    # The caller shares a session with the other archer: still only their own arrows count.
    session_id = await open_session(client, archer)
    mine = await join(client, archer, session_id)
    theirs = await join(client, other, session_id, distance=70)
    assert (await shoot(client, archer, mine["id"], *plotted(END_1))).status_code == 201
    assert (await shoot(client, other, theirs["id"], *plotted(END_2))).status_code == 201
    body = (await client.get(HISTORY_GROUP, headers=archer.headers)).json()
    assert (body["slot_count"], body["arrows_shot"]) == (1, 5)
    assert_measures(body["overall"]["mm"], expected_measures(END_1))


async def test_history_group_of_an_empty_history_is_empty(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.get(HISTORY_GROUP, headers=archer.headers)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "slot_count": 0,
        "arrows_shot": 0,
        "overall": {"plotted_arrows": 0, "mm": None, "mrad": None},
        "ends": [],
    }


# --- getArrowSetRanking ---------------------------------------------------------------------


async def arrow_set(client: AsyncClient, archer: ArcherAccount, arrow_count: int = 12) -> str:
    response = await client.post(
        "/api/v0/arrow_set",
        headers=archer.headers,
        json={"name": "X10", "shaft_diameter_mm": 5.5, "arrow_count": arrow_count},
    )
    assert response.status_code == 201, response.text
    arrow_set_id: str = response.json()["id"]
    return arrow_set_id


async def test_ranking_orders_arrows_by_mean_score_then_offset_from_the_group(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    set_id = await arrow_set(client, archer)
    # Arrows 1 and 2 land in the gold, either side of the centre; arrow 3 flies low right.
    end = [
        {"x_mm": 10.0, "y_mm": 0.0, "arrow_number": 1},
        {"x_mm": -10.0, "y_mm": 0.0, "arrow_number": 2},
        {"x_mm": 200.0, "y_mm": -150.0, "arrow_number": 3},
        {"x_mm": 0.0, "y_mm": 20.0},
    ]
    await slot_with_arrows(
        client, archer, [end, [*end[:2], {"value": "7", "arrow_number": 4}]], arrow_set_id=set_id
    )
    response = await client.get(ranking_url(set_id), headers=archer.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["slot_count"], body["arrows_shot"], body["unnumbered_arrows"]) == (1, 7, 1)
    points = [(10.0, 0.0), (-10.0, 0.0), (200.0, -150.0), (0.0, 20.0), (10.0, 0.0), (-10.0, 0.0)]
    group_x, group_y = np.mean(points, axis=0)
    assert body["group_mean_point_of_impact"]["x_mm"] == pytest.approx(group_x)
    assert body["group_mean_point_of_impact"]["y_mrad"] == pytest.approx(group_y / 70)
    ranked = [(item["rank"], item["arrow_number"]) for item in body["items"]]
    # 1 and 2 both score 10, and 1 lies closer to the group's centre (which the stray 3 pulls
    # right); 4 (a 7, never plotted) beats 3 (a 6).
    assert ranked == [(1, 1), (2, 2), (3, 4), (4, 3)]
    by_number = {item["arrow_number"]: item for item in body["items"]}
    three = by_number[3]
    assert three["arrows_shot"] == 1 and three["plotted_arrows"] == 1
    assert three["offset_x_mm"] == pytest.approx(200.0 - group_x)
    assert three["offset_mm"] == pytest.approx(np.hypot(200.0 - group_x, -150.0 - group_y))
    assert three["offset_mrad"] == pytest.approx(three["offset_mm"] / 70)
    assert three["radial_sd_mm"] == 0
    assert by_number[1]["arrows_shot"] == 2 and by_number[1]["radial_sd_mm"] == 0
    four = by_number[4]
    assert (four["mean_score"], four["plotted_arrows"], four["offset_mm"]) == (7, 0, None)
    assert four["radial_sd_mm"] is None


async def test_ranking_applies_the_history_filter_to_the_sets_slots(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    set_id = await arrow_set(client, archer)
    await slot_with_arrows(
        client, archer, [[{"value": "9", "arrow_number": 1}]], arrow_set_id=set_id
    )
    await slot_with_arrows(
        client,
        archer,
        [[{"value": "5", "arrow_number": 2}]],
        arrow_set_id=set_id,
        start_time="2026-08-01T09:00:00Z",
    )
    # A slot with another set never counts.
    other_set = await arrow_set(client, archer)
    await slot_with_arrows(
        client, archer, [[{"value": "10", "arrow_number": 3}]], arrow_set_id=other_set
    )
    everything = (await client.get(ranking_url(set_id), headers=archer.headers)).json()
    assert [item["arrow_number"] for item in everything["items"]] == [1, 2]
    assert everything["group_mean_point_of_impact"] is None
    later = (
        await client.get(
            ranking_url(set_id),
            params={"start_from": "2026-07-01T00:00:00Z"},
            headers=archer.headers,
        )
    ).json()
    assert later["slot_count"] == 1
    assert [item["arrow_number"] for item in later["items"]] == [2]


async def test_ranking_of_another_archers_arrow_set_is_not_found(
    client: AsyncClient, archer: ArcherAccount, archer_factory: ArcherFactory
) -> None:
    set_id = await arrow_set(client, archer)
    await slot_with_arrows(
        client, archer, [[{"value": "9", "arrow_number": 1}]], arrow_set_id=set_id
    )
    stranger = await archer_factory()
    for url in (ranking_url(set_id), ranking_url(str(uuid4()))):
        response = await client.get(url, headers=stranger.headers)
        assert response.status_code == 404, response.text
        assert response.json()["code"] == "arrow_set_not_found"


async def test_ranking_of_an_unused_arrow_set_is_empty(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    set_id = await arrow_set(client, archer)
    response = await client.get(ranking_url(set_id), headers=archer.headers)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "arrow_set_id": set_id,
        "slot_count": 0,
        "arrows_shot": 0,
        "unnumbered_arrows": 0,
        "group_mean_point_of_impact": None,
        "items": [],
    }


# --- getHistoryHeatmap ----------------------------------------------------------------------


async def test_heatmap_folds_every_spot_of_a_triple_face_onto_one_grid(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    # The 40 cm vertical triple: spots 220 mm apart, rings 6 to 10 (200 mm): cells of 5 mm.
    arrows = plotted([(2.0, 222.0), (3.0, 1.0), (-6.0, -231.0), (-500.0, 0.0)])
    await slot_with_arrows(client, archer, [arrows], face_type="wa_40_triple_vertical", distance=18)
    response = await client.get(
        HEATMAP, params={"face_type": "wa_40_triple_vertical"}, headers=archer.headers
    )
    assert response.status_code == 200, response.text
    assert response.json() == {
        "face_type": "wa_40_triple_vertical",
        "spot_count": 3,
        "cell_mm": 5.0,
        "origin_x_mm": -120.0,
        "origin_y_mm": -120.0,
        "columns": 48,
        "rows": 48,
        "plotted_arrows": 4,
        "outside_grid": 1,
        "max_count": 2,
        "cells": [
            {"column": 22, "row": 21, "count": 1},
            {"column": 24, "row": 24, "count": 2},
        ],
    }


async def test_heatmap_counts_only_the_callers_arrows_on_that_face_in_the_filter(
    client: AsyncClient, archer: ArcherAccount, archer_factory: ArcherFactory
) -> None:
    await slot_with_arrows(client, archer, [plotted([(100.0, 100.0)]) + [{"value": "9"}]])
    await slot_with_arrows(client, archer, [plotted([(0.0, 0.0)])], face_type="wa_80")
    await slot_with_arrows(client, archer, [plotted([(0.0, 0.0)])], distance=30)
    other = await archer_factory()
    await slot_with_arrows(client, other, [plotted([(100.0, 100.0)])])
    response = await client.get(
        HEATMAP, params={"face_type": "wa_122", "distance": 70}, headers=archer.headers
    )
    body = response.json()
    # 122 cm: cells of 30.5 mm from -732 mm; (100, 100) is in column and row 27.
    assert (body["cell_mm"], body["origin_x_mm"]) == (30.5, -732.0)
    assert body["plotted_arrows"] == 1
    assert body["cells"] == [{"column": 27, "row": 27, "count": 1}]


async def test_heatmap_of_an_empty_history_has_no_cells(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.get(HEATMAP, params={"face_type": "wa_40"}, headers=archer.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["plotted_arrows"], body["outside_grid"], body["max_count"]) == (0, 0, 0)
    assert body["cells"] == []


async def test_heatmap_needs_a_face_type(client: AsyncClient, archer: ArcherAccount) -> None:
    response = await client.get(HEATMAP, headers=archer.headers)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "validation_failed"
