"""A session's exports: the CSV of its arrows and its printable score sheet."""

import csv
import io
from datetime import datetime
from typing import Any

from httpx import AsyncClient

from conftest import ArcherAccount, ArcherFactory, join, open_session, shoot


def csv_url(session_id: str) -> str:
    return f"/api/v0/session/{session_id}/export"


def sheet_url(session_id: str) -> str:
    return f"/api/v0/session/{session_id}/score_sheet"


async def test_csv_export_round_trips_every_arrow_with_its_values(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner, archer = await archer_factory(), await archer_factory(first_name="=HYPERLINK(1)")
    session_id = await open_session(client, owner, start_time="2026-06-14T09:00:00+02:00")
    first = await join(client, owner, session_id)
    second = await join(client, archer, session_id)
    recorded: list[dict[str, Any]] = []
    ends: list[tuple[ArcherAccount, dict[str, Any], list[dict[str, Any]]]] = [
        (owner, first, [{"x_mm": 1.1, "y_mm": -2.0000000000000004}, {"value": "X"}]),
        (
            archer,
            second,
            [
                {"value": "M"},
                {"x_mm": 300.5, "y_mm": 0.1, "shot_at": "2026-06-14T07:01:02.123456Z"},
            ],
        ),
    ]
    for account, slot, arrows in ends:
        response = await shoot(client, account, slot["id"], *arrows)
        assert response.status_code == 201, response.text
        recorded += response.json()["items"]

    response = await client.get(csv_url(session_id), headers=archer.headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert (
        response.headers["content-disposition"]
        == 'attachment; filename="quiver-session-2026-06-14.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["shot_id"] for row in rows] == [shot["id"] for shot in recorded]
    for row, shot in zip(rows, recorded):
        assert row["slot_id"] == shot["slot_id"] and row["archer_id"] == shot["archer_id"]
        assert (int(row["end_number"]), int(row["position"])) == (
            shot["end_number"],
            shot["position"],
        )
        assert (row["value_label"], int(row["value"])) == (shot["value_label"], shot["value"])
        assert row["is_x"] == ("true" if shot["is_x"] else "false")
        for axis in ("x_mm", "y_mm"):
            assert (float(row[axis]) if row[axis] else None) == shot[axis]
        assert (int(row["arrow_number"]) if row["arrow_number"] else None) == shot["arrow_number"]
        assert row["shot_at"].endswith("Z")
        assert datetime.fromisoformat(row["shot_at"]) == datetime.fromisoformat(shot["shot_at"])
    assert rows[0]["archer_name"] == "Robin Hood"
    # A name a spreadsheet would run as a formula is defused.
    assert rows[2]["archer_name"] == "'=HYPERLINK(1) Hood"


async def test_csv_export_of_a_session_without_arrows_is_its_header_row(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    response = await client.get(csv_url(session_id), headers=archer.headers)
    assert response.status_code == 200
    assert response.text.splitlines() == [
        "archer_id,archer_name,slot_id,lane,letter,round_code,face_type,distance_m,end_number,"
        "position,value_label,value,is_x,x_mm,y_mm,arrow_number,shot_at,shot_id"
    ]


async def test_exports_of_a_session_are_404_to_a_stranger_and_401_without_a_token(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner, stranger = await archer_factory(), await archer_factory()
    session_id = await open_session(client, owner)
    for url in (csv_url(session_id), sheet_url(session_id)):
        hidden = await client.get(url, headers=stranger.headers)
        assert hidden.status_code == 404 and hidden.json()["code"] == "session_not_found"
        assert (await client.get(url)).status_code == 401


async def test_score_sheet_escapes_names_and_shows_every_end_with_totals(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner = await archer_factory(first_name="<script>alert(1)</script>", last_name="&Co")
    session_id = await open_session(client, owner, start_time="2026-06-14T23:30:00-02:00")
    slot = await join(client, owner, session_id, arrows_per_end=3)
    arrows = [{"value": v} for v in ("X", "9", "8", "7", "M")]
    assert (await shoot(client, owner, slot["id"], *arrows)).status_code == 201
    response = await client.get(sheet_url(session_id), headers=owner.headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert (
        response.headers["content-disposition"]
        == 'inline; filename="quiver-score-sheet-2026-06-15.html"'
    )
    html = response.text
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;Co" in html
    assert "@media print" in html
    # End 1: X 9 8 = 27; end 2: 7 M = 7, running 34.
    assert '<td>X</td><td>9</td><td>8</td><td class="total">27</td>' in html
    assert (
        '<td>7</td><td>M</td><td></td><td class="total">7</td><td class="running">34</td>' in html
    )
    assert "Total 34 / 50" in html and "Hits 4" in html


async def test_score_sheet_of_an_empty_session_says_so(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    response = await client.get(sheet_url(session_id), headers=archer.headers)
    assert response.status_code == 200
    assert "No archer has joined this session." in response.text


async def test_exports_answer_304_while_unchanged(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    for url in (csv_url(session_id), sheet_url(session_id)):
        etag = (await client.get(url, headers=archer.headers)).headers["etag"]
        again = await client.get(url, headers={**archer.headers, "If-None-Match": etag})
        assert again.status_code == 304
