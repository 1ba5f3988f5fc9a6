"""Shooting distances are realistic, 1 to 150 in their unit, wherever one appears: a distance of
1e-20 m made group spreads 1e21 mrad, and 5e-324 m overflowed them into a 422 forever."""

import math
from typing import Any

import pytest
from httpx import AsyncClient

from conftest import ArcherAccount, join, open_session, shoot
from quiver.core.contract import load_contract
from quiver.core.settings import Settings
from quiver.services.rounds import ROUNDS

TINY = [5e-324, 1e-200, 1e-20, 0.5, 0.999]
TOO_FAR = [150.001, 1e300]


def _session(distance: float) -> dict[str, Any]:
    return {
        "is_opened": True,
        "start_time": "2026-11-26T10:00:00Z",
        "location": "Range",
        "is_indoor": False,
        "distance": distance,
    }


def assert_refused_distance(response: Any) -> None:
    assert response.status_code == 422, response.text
    # A slot body is one of two shapes: the other's complaints come along.
    assert "/distance" in [error["pointer"] for error in response.json()["errors"]]


@pytest.mark.parametrize("distance", TINY + TOO_FAR)
async def test_a_slot_at_an_unrealistic_distance_is_refused(
    client: AsyncClient, archer: ArcherAccount, distance: float
) -> None:
    session_id = await open_session(client, archer)
    for unit in ("m", "yd"):
        response = await client.post(
            f"/api/v0/session/{session_id}/slot",
            headers=archer.headers,
            json={
                "distance": distance,
                "distance_unit": unit,
                "face_type": "wa_122",
                "arrows_per_end": 6,
            },
        )
        assert_refused_distance(response)


@pytest.mark.parametrize("distance", TINY + TOO_FAR)
async def test_a_session_at_an_unrealistic_distance_is_refused(
    client: AsyncClient, archer: ArcherAccount, distance: float
) -> None:
    created = await client.post("/api/v0/session", headers=archer.headers, json=_session(distance))
    assert_refused_distance(created)
    session_id = await open_session(client, archer)
    changed = await client.patch(
        f"/api/v0/session/{session_id}", headers=archer.headers, json={"distance": distance}
    )
    assert_refused_distance(changed)


@pytest.mark.parametrize(("distance", "unit", "metres"), [(1, "yd", 0.9144), (150, "m", 150)])
async def test_statistics_at_the_bounds_are_finite_milliradians(
    client: AsyncClient, archer: ArcherAccount, distance: float, unit: str, metres: float
) -> None:
    session_id = await open_session(client, archer, distance=distance)
    slot = await join(client, archer, session_id, distance=distance, distance_unit=unit)
    shots = await shoot(
        client, archer, slot["id"], {"x_mm": 10, "y_mm": 0}, {"x_mm": -10, "y_mm": 0}
    )
    assert shots.status_code == 201
    response = await client.get(f"/api/v0/slot/{slot['id']}/statistics", headers=archer.headers)
    assert response.status_code == 200, response.text
    spread = response.json()["group_spread"]
    assert spread["radial_sd_mrad"] == pytest.approx(spread["radial_sd_mm"] / metres)
    assert math.isfinite(spread["radial_sd_mrad"])


def test_every_standard_rounds_distances_fit_the_contracts_bounds() -> None:
    schemas = load_contract(Settings().contract_path)["components"]["schemas"]
    bounds = {
        name: (schemas[name]["minimum"], schemas[name]["maximum"])
        for name in ("SlotDistance", "SessionDistance")
    }
    assert bounds == {"SlotDistance": (1, 150), "SessionDistance": (1, 150)}
    assert schemas["RoundPass"]["properties"]["distance"] == {
        "$ref": "#/components/schemas/SlotDistance"
    }
    low, high = bounds["SlotDistance"]
    outside = [
        (code, shooting_pass.distance, shooting_pass.distance_unit.value)
        for code, standard in ROUNDS.items()
        for shooting_pass in standard.passes
        if not low <= shooting_pass.distance <= high
    ]
    assert ROUNDS and outside == []
    # Indoors at 18 m and 20 yd, outdoors up to 90 m and 100 yd: all within.
    distances = {(p.distance, p.distance_unit.value) for r in ROUNDS.values() for p in r.passes}
    assert {(18, "m"), (20, "yd"), (90, "m"), (100, "yd")} <= distances
