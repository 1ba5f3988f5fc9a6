"""Dates at the edge of what the contract allows: refused before anything is stored."""

from typing import Any

import pytest
from httpx import AsyncClient

from conftest import ArcherAccount, join, open_session, registration_payload, shoot

# Valid RFC 3339, but outside the contract's years: once normalised to UTC, PostgreSQL would
# store a year Python cannot represent, or an infinity.
EDGE_INSTANTS = [
    "0001-01-01T00:00:00+14:00",
    "0001-01-01T00:00:00Z",
    "1899-12-31T23:59:59Z",
    "2200-01-01T00:00:00Z",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31T23:59:59.999999Z",
]


def assert_out_of_range(response: Any, pointer: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "validation_failed"
    assert problem["errors"] == [{"pointer": pointer, "detail": problem["errors"][0]["detail"]}]
    assert "1900" in problem["errors"][0]["detail"]


@pytest.mark.parametrize("instant", EDGE_INSTANTS)
async def test_an_edge_start_time_creates_no_session(
    client: AsyncClient, archer: ArcherAccount, instant: str
) -> None:
    response = await client.post(
        "/api/v0/session",
        headers=archer.headers,
        json={
            "is_opened": True,
            "start_time": instant,
            "location": "Edge",
            "is_indoor": False,
            "distance": 70,
        },
    )
    assert_out_of_range(response, "/start_time")
    listed = await client.get("/api/v0/session", headers=archer.headers)
    assert listed.status_code == 200 and listed.json()["items"] == []


@pytest.mark.parametrize("instant", EDGE_INSTANTS)
async def test_an_edge_start_time_leaves_the_session_as_it_was(
    client: AsyncClient, archer: ArcherAccount, instant: str
) -> None:
    session_id = await open_session(client, archer)
    response = await client.patch(
        f"/api/v0/session/{session_id}", headers=archer.headers, json={"start_time": instant}
    )
    assert_out_of_range(response, "/start_time")
    session = await client.get(f"/api/v0/session/{session_id}", headers=archer.headers)
    assert session.status_code == 200
    assert session.json()["start_time"].startswith("2026-11-26T10:00:00")


@pytest.mark.parametrize("instant", EDGE_INSTANTS)
async def test_an_edge_shot_at_stores_no_arrow(
    client: AsyncClient, archer: ArcherAccount, instant: str
) -> None:
    slot = await join(client, archer, await open_session(client, archer))
    response = await shoot(
        client, archer, slot["id"], {"x_mm": 0, "y_mm": 0}, {"value": "9", "shot_at": instant}
    )
    assert_out_of_range(response, "/arrows/1/shot_at")
    listed = await client.get(f"/api/v0/slot/{slot['id']}/shot", headers=archer.headers)
    assert listed.status_code == 200 and listed.json()["items"] == []


@pytest.mark.parametrize("instant", EDGE_INSTANTS)
async def test_an_edge_shot_at_leaves_the_arrow_as_it_was(
    client: AsyncClient, archer: ArcherAccount, instant: str
) -> None:
    slot = await join(client, archer, await open_session(client, archer))
    created = await shoot(client, archer, slot["id"], {"value": "9"})
    shot = created.json()["items"][0]
    response = await client.patch(
        f"/api/v0/shot/{shot['id']}",
        headers=archer.headers,
        json={"value": "8", "shot_at": instant},
    )
    assert_out_of_range(response, "/shot_at")
    listed = await client.get(f"/api/v0/slot/{slot['id']}/shot", headers=archer.headers)
    assert listed.json()["items"] == [shot]


@pytest.mark.parametrize("parameter", ["start_from", "start_to"])
async def test_an_edge_listing_filter_is_refused(
    client: AsyncClient, archer: ArcherAccount, parameter: str
) -> None:
    response = await client.get(
        "/api/v0/session", headers=archer.headers, params={parameter: EDGE_INSTANTS[0]}
    )
    assert_out_of_range(response, f"#/query/{parameter}")


@pytest.mark.parametrize("birth", ["0001-01-01", "1899-12-31", "2100-01-01", "9999-12-31"])
async def test_an_edge_date_of_birth_is_refused(
    client: AsyncClient, archer: ArcherAccount, birth: str
) -> None:
    registered = await client.post("/api/v0/archer", json=registration_payload(date_of_birth=birth))
    assert_out_of_range(registered, "/date_of_birth")
    changed = await client.patch(
        "/api/v0/archer/me", headers=archer.headers, json={"date_of_birth": birth}
    )
    assert_out_of_range(changed, "/date_of_birth")


async def test_the_first_and_last_instants_allowed_are_stored_and_read_back_in_utc(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    earliest = await open_session(client, archer, start_time="1900-01-01T00:00:00+14:00")
    latest = await open_session(client, archer, start_time="2199-12-31T23:59:59.999999-14:00")
    read = [
        (await client.get(f"/api/v0/session/{session_id}", headers=archer.headers)).json()
        for session_id in (earliest, latest)
    ]
    assert [session["start_time"] for session in read] == [
        "1899-12-31T10:00:00Z",
        "2200-01-01T13:59:59.999999Z",
    ]
    slot = await join(client, archer, latest)
    shots = await shoot(
        client,
        archer,
        slot["id"],
        {"value": "9", "shot_at": "1900-01-01T00:00:00+14:00"},
        {"value": "9", "shot_at": "2199-12-31T23:59:59-14:00"},
    )
    assert shots.status_code == 201, shots.text
    listed = await client.get(f"/api/v0/slot/{slot['id']}/shot", headers=archer.headers)
    assert [shot["shot_at"] for shot in listed.json()["items"]] == [
        "1899-12-31T10:00:00+00:00",
        "2200-01-01T13:59:59+00:00",
    ]
