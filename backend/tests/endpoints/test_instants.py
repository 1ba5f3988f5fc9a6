"""Date-times as RFC 3339 writes them: query parameters take nothing else, and any offset RFC
3339 allows is the same instant wherever it is written (PostgreSQL parses written offsets only up
to ±15:59, and the arrow writer hands it text)."""

from datetime import datetime

import pytest
from httpx import AsyncClient

from conftest import ArcherAccount, join, open_session, shoot

# RFC 3339 allows offsets up to ±23:59; real time zones stop at +14:00 and -12:00.
OFFSETS = ["+16:52", "-23:59", "+23:59", "-16:00"]


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("start_to", "0.5"),
        ("start_to", "0"),
        ("start_to", "1700000000"),
        ("start_from", "0"),
        ("start_from", "2025-08-20T09:30Z"),
        ("start_from", "2025-08-20 09:30:00Z"),
        ("start_to", "2025-08-20T09:30:00"),
        ("start_to", "2025-08-20"),
    ],
)
async def test_a_date_time_filter_takes_only_rfc_3339(
    client: AsyncClient, archer: ArcherAccount, parameter: str, value: str
) -> None:
    response = await client.get(
        "/api/v0/session", headers=archer.headers, params={parameter: value}
    )
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "validation_failed"
    assert [error["pointer"] for error in problem["errors"]] == [f"#/query/{parameter}"]
    assert "RFC 3339" in problem["errors"][0]["detail"]


async def test_a_filter_with_any_offset_selects_by_the_instant(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    # 10:00Z, when open_session's sessions start, written at +16:52 and -23:59 (start_to
    # excludes the instant itself).
    session_id = await open_session(client, archer)
    for start_from, start_to, expected in [
        ("2026-11-27T02:52:00+16:52", None, [session_id]),
        ("2026-11-27T02:52:01+16:52", None, []),
        (None, "2026-11-25T10:01:01-23:59", [session_id]),
        (None, "2026-11-25T10:01:00.000001-23:59", [session_id]),
        (None, "2026-11-25T10:01:00-23:59", []),
    ]:
        params = {"start_from": start_from} if start_from else {"start_to": start_to}
        listed = await client.get("/api/v0/session", headers=archer.headers, params=params)
        assert listed.status_code == 200, listed.text
        assert [item["id"] for item in listed.json()["items"]] == expected, params


@pytest.mark.parametrize("offset", OFFSETS)
async def test_an_arrow_shot_at_any_offset_is_stored_as_that_instant(
    client: AsyncClient, archer: ArcherAccount, offset: str
) -> None:
    slot = await join(client, archer, await open_session(client, archer))
    written = f"2026-11-26T12:00:00{offset}"
    response = await shoot(client, archer, slot["id"], {"value": "9", "shot_at": written})
    assert response.status_code == 201, response.text
    stored = response.json()["items"][0]
    assert datetime.fromisoformat(stored["shot_at"]) == datetime.fromisoformat(written)
    listed = await client.get(f"/api/v0/slot/{slot['id']}/shot", headers=archer.headers)
    assert listed.json()["items"] == [stored]


@pytest.mark.parametrize("offset", OFFSETS)
async def test_an_arrow_moved_to_any_offset_is_stored_as_that_instant(
    client: AsyncClient, archer: ArcherAccount, offset: str
) -> None:
    slot = await join(client, archer, await open_session(client, archer))
    shot = (await shoot(client, archer, slot["id"], {"value": "9"})).json()["items"][0]
    written = f"2026-11-26T12:00:00{offset}"
    response = await client.patch(
        f"/api/v0/shot/{shot['id']}",
        headers=archer.headers,
        json={"value": "9", "shot_at": written},
    )
    assert response.status_code == 200, response.text
    read = await client.get(f"/api/v0/shot/{shot['id']}", headers=archer.headers)
    assert datetime.fromisoformat(read.json()["shot_at"]) == datetime.fromisoformat(written)


@pytest.mark.parametrize("offset", OFFSETS)
async def test_a_session_at_any_offset_starts_at_that_instant(
    client: AsyncClient, archer: ArcherAccount, offset: str
) -> None:
    written = f"2026-11-26T12:00:00{offset}"
    session_id = await open_session(client, archer, start_time=written)
    moved = f"2026-11-27T12:00:00{offset}"
    changed = await client.patch(
        f"/api/v0/session/{session_id}", headers=archer.headers, json={"start_time": moved}
    )
    assert changed.status_code == 200, changed.text
    read = await client.get(f"/api/v0/session/{session_id}", headers=archer.headers)
    assert datetime.fromisoformat(read.json()["start_time"]) == datetime.fromisoformat(moved)


async def test_the_edges_of_the_years_at_the_widest_offsets_are_stored(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    """1900-01-01T00:00+23:59 is 1899-12-31T00:01Z, and 2199-12-31T23:59:59-23:59 is
    2200-01-01T23:58:59Z: inside what the database keeps."""
    earliest, latest = "1900-01-01T00:00:00+23:59", "2199-12-31T23:59:59-23:59"
    slot = await join(client, archer, await open_session(client, archer, start_time=earliest))
    response = await shoot(
        client,
        archer,
        slot["id"],
        {"value": "9", "shot_at": earliest},
        {"value": "9", "shot_at": latest},
    )
    assert response.status_code == 201, response.text
    assert [shot["shot_at"] for shot in response.json()["items"]] == [
        "1899-12-31T00:01:00+00:00",
        "2200-01-01T23:58:59+00:00",
    ]
