"""GET /api/v0/history/slot, /api/v0/history/summary and /api/v0/history/export."""

import base64
import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

import numpy
import pytest
from httpx import AsyncClient, Response

from conftest import ArcherAccount, ArcherFactory, join, open_session, shoot
from quiver.services import history

LIST = "/api/v0/history/slot"
SUMMARY = "/api/v0/history/summary"
EXPORT = "/api/v0/history/export"
# The smallest catalogue round: 24 arrows at 30 yd on the 122 cm imperial face (9-7-5-3-1).
SHORT_ROUND = "misc_2_doz_30y_122cm"


async def scored_slot(
    client: AsyncClient,
    archer: ArcherAccount,
    start_time: str,
    values: list[str],
    *,
    session: dict[str, Any] | None = None,
    **slot: Any,
) -> dict[str, Any]:
    """A session of the archer's starting at ``start_time``, with their slot and its arrows."""
    session_id = await open_session(client, archer, start_time=start_time, **(session or {}))
    if "round_code" in slot:
        # A round sets distance, face and end size itself.
        response = await client.post(
            f"/api/v0/session/{session_id}/slot", json=slot, headers=archer.headers
        )
        assert response.status_code == 201, response.text
        joined: dict[str, Any] = response.json()
    else:
        joined = await join(client, archer, session_id, **slot)
    for first in range(0, len(values), 10):  # at most 10 arrows a request
        batch = [{"value": value} for value in values[first : first + 10]]
        response = await shoot(client, archer, joined["id"], *batch)
        assert response.status_code == 201, response.text
    return joined


async def add_equipment(client: AsyncClient, archer: ArcherAccount) -> tuple[str, str]:
    """A bow and an arrow set of the archer's: their ids."""
    bow = await client.post(
        "/api/v0/bow",
        headers=archer.headers,
        json={"name": "Formula", "bowstyle": "recurve", "draw_weight_lb": 38},
    )
    arrow_set = await client.post(
        "/api/v0/arrow_set",
        headers=archer.headers,
        json={"name": "X10", "shaft_diameter_mm": 5.5, "arrow_count": 12},
    )
    assert bow.status_code == arrow_set.status_code == 201, (bow.text, arrow_set.text)
    return bow.json()["id"], arrow_set.json()["id"]


def slot_ids(response: Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["slot_id"] for item in response.json()["items"]]


# --- listHistorySlots -----------------------------------------------------------------------


async def test_history_lists_scored_slots_newest_session_first_with_their_totals(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    bow_id, arrow_set_id = await add_equipment(client, archer)
    older = await scored_slot(
        client,
        archer,
        "2026-03-01T09:00:00Z",
        ["X", "10", "9", "M"],
        bow_id=bow_id,
        arrow_set_id=arrow_set_id,
    )
    newer = await scored_slot(
        client,
        archer,
        "2026-03-08T09:00:00Z",
        ["9"] * 24,
        session={"location": "Club hall", "is_indoor": True, "distance": 27.432},
        round_code=SHORT_ROUND,
    )
    # Joined, never shot: not a scored slot.
    await scored_slot(client, archer, "2026-03-15T09:00:00Z", [])

    response = await client.get(LIST, headers=archer.headers)

    assert response.status_code == 200
    assert response.headers["etag"].startswith('W/"')
    page = response.json()
    assert page["next_cursor"] is None
    assert page["items"] == [
        {
            "slot_id": newer["id"],
            "session_id": newer["session_id"],
            "start_time": "2026-03-08T09:00:00Z",
            "location": "Club hall",
            "is_indoor": True,
            "round_code": SHORT_ROUND,
            "face_type": "imperial_122",
            "distance": 30.0,
            "distance_unit": "yd",
            "bow_id": None,
            "arrow_set_id": None,
            "arrows_shot": 24,
            "total_score": 216,
            "max_possible_score": 216,
            "x_count": 0,
            "ten_count": 0,
            "miss_count": 0,
            "mean_per_arrow": 9.0,
            "round_arrows": 24,
            "is_complete": True,
        },
        {
            "slot_id": older["id"],
            "session_id": older["session_id"],
            "start_time": "2026-03-01T09:00:00Z",
            "location": "Sherwood range",
            "is_indoor": False,
            "round_code": None,
            "face_type": "wa_122",
            "distance": 70.0,
            "distance_unit": "m",
            "bow_id": bow_id,
            "arrow_set_id": arrow_set_id,
            "arrows_shot": 4,
            "total_score": 29,
            "max_possible_score": 40,
            "x_count": 1,
            "ten_count": 2,
            "miss_count": 1,
            "mean_per_arrow": 7.25,
            "round_arrows": None,
            "is_complete": False,
        },
    ]


async def test_a_round_missing_arrows_is_not_complete(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await scored_slot(client, archer, "2026-03-08T09:00:00Z", ["7"] * 23, round_code=SHORT_ROUND)
    [item] = (await client.get(LIST, headers=archer.headers)).json()["items"]
    assert (item["arrows_shot"], item["round_arrows"], item["is_complete"]) == (23, 24, False)
    assert item["mean_per_arrow"] == 7.0


async def test_mean_per_arrow_is_rounded_to_three_decimals(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await scored_slot(client, archer, "2026-03-08T09:00:00Z", ["10", "9", "9"])
    [item] = (await client.get(LIST, headers=archer.headers)).json()["items"]
    assert item["mean_per_arrow"] == 9.333


@pytest.fixture
async def varied(client: AsyncClient, archer: ArcherAccount) -> dict[str, Any]:
    """Three slots differing in every filtered field, and the equipment ids."""
    bow_id, arrow_set_id = await add_equipment(client, archer)
    outdoor = await scored_slot(
        client,
        archer,
        "2026-01-05T09:00:00Z",
        ["8"],
        bow_id=bow_id,
        arrow_set_id=arrow_set_id,
    )
    indoor = await scored_slot(
        client,
        archer,
        "2026-02-02T18:00:00Z",
        ["9"],
        session={"is_indoor": True, "distance": 18},
        distance=18,
        face_type="wa_40",
        arrows_per_end=3,
    )
    yards = await scored_slot(
        client, archer, "2026-03-02T09:00:00Z", ["7"], round_code=SHORT_ROUND, bow_id=bow_id
    )
    return {
        "outdoor": outdoor["id"],
        "indoor": indoor["id"],
        "yards": yards["id"],
        "bow_id": bow_id,
        "arrow_set_id": arrow_set_id,
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["yards", "indoor", "outdoor"]),
        ({"start_from": "2026-02-02T18:00:00Z"}, ["yards", "indoor"]),
        ({"start_to": "2026-02-02T18:00:00Z"}, ["outdoor"]),
        (
            {"start_from": "2026-02-01T00:00:00+01:00", "start_to": "2026-03-01T00:00:00Z"},
            ["indoor"],
        ),
        ({"round_code": SHORT_ROUND}, ["yards"]),
        ({"round_code": "wa720_70"}, []),
        ({"face_type": "wa_40"}, ["indoor"]),
        ({"distance": 18}, ["indoor"]),
        # A distance without a unit is in metres: 30 yd is not 30 m.
        ({"distance": 30}, []),
        ({"distance": 30, "distance_unit": "yd"}, ["yards"]),
        ({"distance_unit": "m"}, ["indoor", "outdoor"]),
        ({"is_indoor": "true"}, ["indoor"]),
        ({"is_indoor": "false"}, ["yards", "outdoor"]),
        ({"bow_id": "{bow_id}"}, ["yards", "outdoor"]),
        ({"arrow_set_id": "{arrow_set_id}"}, ["outdoor"]),
        ({"bow_id": "{bow_id}", "is_indoor": "false", "face_type": "wa_122"}, ["outdoor"]),
    ],
)
async def test_every_filter_chooses_its_slots(
    client: AsyncClient,
    archer: ArcherAccount,
    varied: dict[str, Any],
    params: dict[str, Any],
    expected: list[str],
) -> None:
    query = {key: str(value).format(**varied) for key, value in params.items()}
    response = await client.get(LIST, params=query, headers=archer.headers)
    assert slot_ids(response) == [varied[name] for name in expected]


@pytest.mark.parametrize(
    ("params", "pointer"),
    [
        ({"limit": 0}, "#/query/limit"),
        ({"limit": 101}, "#/query/limit"),
        ({"distance": 151}, "#/query/distance"),
        ({"face_type": "dartboard"}, "#/query/face_type"),
        ({"round_code": "WA 720"}, "#/query/round_code"),
        ({"bow_id": "not-a-uuid"}, "#/query/bow_id"),
    ],
)
async def test_an_invalid_filter_is_unprocessable(
    client: AsyncClient, archer: ArcherAccount, params: dict[str, Any], pointer: str
) -> None:
    response = await client.get(LIST, params=params, headers=archer.headers)
    assert response.status_code == 422
    assert pointer in [error["pointer"] for error in response.json()["errors"]]


async def five_slots(client: AsyncClient, archer: ArcherAccount) -> list[str]:
    """Five scored slots, newest first; two sessions start at the same instant."""
    starts = ["2026-04-05", "2026-04-04", "2026-04-04", "2026-04-03", "2026-04-01"]
    slots = [await scored_slot(client, archer, f"{day}T10:00:00Z", ["9"]) for day in starts]
    # Sessions starting together are ordered by id, descending.
    slots[1:3] = sorted(slots[1:3], key=lambda slot: slot["session_id"], reverse=True)
    return [slot["id"] for slot in slots]


async def test_pages_follow_one_another_without_repeats_or_gaps(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    expected = await five_slots(client, archer)
    seen: list[str] = []
    cursor = None
    for size in (2, 2, 1):
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = (await client.get(LIST, params=params, headers=archer.headers)).json()
        assert len(page["items"]) == size
        seen += [item["slot_id"] for item in page["items"]]
        cursor = page["next_cursor"]
    assert cursor is None
    assert seen == expected


async def test_a_cursor_is_only_valid_with_the_filter_it_was_made_for(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await five_slots(client, archer)
    first = await client.get(
        LIST, params={"limit": 2, "is_indoor": "false"}, headers=archer.headers
    )
    cursor = first.json()["next_cursor"]
    same = await client.get(
        LIST, params={"limit": 2, "is_indoor": "false", "cursor": cursor}, headers=archer.headers
    )
    assert same.status_code == 200
    other = await client.get(LIST, params={"limit": 2, "cursor": cursor}, headers=archer.headers)
    assert_invalid_cursor(other)


def edited(cursor: str) -> str:
    """The cursor with its position moved, keeping its signature."""
    encoded, _, tag = cursor.partition(".")
    payload = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    payload["p"]["start_time"] = "2030-01-01T00:00:00Z"
    forged = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    return f"{forged}.{tag}"


async def test_an_edited_or_foreign_cursor_is_refused(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await five_slots(client, archer)
    ours = (await client.get(LIST, params={"limit": 2}, headers=archer.headers)).json()
    sessions = await client.get("/api/v0/session", params={"limit": 2}, headers=archer.headers)
    foreign = sessions.json()["next_cursor"]
    assert foreign is not None
    for cursor in (edited(ours["next_cursor"]), foreign, "garbage!"):
        response = await client.get(
            LIST, params={"limit": 2, "cursor": cursor}, headers=archer.headers
        )
        assert_invalid_cursor(response)


def assert_invalid_cursor(response: Response) -> None:
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "invalid_cursor"
    assert problem["errors"][0]["pointer"] == "#/query/cursor"


async def test_the_list_answers_304_until_an_arrow_changes_it(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    slot = await scored_slot(client, archer, "2026-03-08T09:00:00Z", ["9"])
    first = await client.get(LIST, headers=archer.headers)
    etag = first.headers["etag"]
    again = await client.get(LIST, headers=archer.headers | {"If-None-Match": etag})
    assert again.status_code == 304
    await shoot(client, archer, slot["id"], {"value": "10"})
    changed = await client.get(LIST, headers=archer.headers | {"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.json()["items"][0]["total_score"] == 19


# --- authorization and empty history --------------------------------------------------------


async def test_another_archers_slots_are_never_listed_counted_or_exported(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    archer, other = await archer_factory(), await archer_factory()
    mine = await scored_slot(client, archer, "2026-03-08T09:00:00Z", ["9"])
    # The other archer shoots in my session, and in a session of their own.
    theirs = await join(client, other, mine["session_id"], distance=70, face_type="wa_122")
    await shoot(client, other, theirs["id"], {"value": "X"}, {"value": "X"})
    other_slot = await scored_slot(client, other, "2026-03-09T09:00:00Z", ["10"] * 5)
    other_bow, _ = await add_equipment(client, other)

    assert slot_ids(await client.get(LIST, headers=archer.headers)) == [mine["id"]]
    # Their bow matches nothing of mine, and says nothing about theirs.
    by_their_bow = await client.get(LIST, params={"bow_id": other_bow}, headers=archer.headers)
    assert slot_ids(by_their_bow) == []
    summary = (await client.get(SUMMARY, headers=archer.headers)).json()
    assert (summary["slots"], summary["arrows_shot"], summary["total_score"]) == (1, 1, 9)
    exported = await client.get(EXPORT, headers=archer.headers)
    assert [row["slot_id"] for row in parse_csv(exported)] == [mine["id"]]
    assert other_slot["id"] not in exported.text and theirs["id"] not in exported.text


@pytest.mark.parametrize("path", [LIST, SUMMARY, EXPORT])
async def test_history_needs_a_token(client: AsyncClient, path: str) -> None:
    response = await client.get(path)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


async def test_an_empty_history_lists_nothing_and_summarises_to_zero(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await scored_slot(client, archer, "2026-03-08T09:00:00Z", [])
    listed = await client.get(LIST, headers=archer.headers)
    assert listed.json() == {"items": [], "next_cursor": None}
    summary = await client.get(SUMMARY, headers=archer.headers)
    assert summary.json() == {
        "time_zone": "UTC",
        "slots": 0,
        "arrows_shot": 0,
        "total_score": 0,
        "mean_per_arrow": None,
        "weeks": [],
        "weeks_omitted": 0,
        "trend": {"weeks": 0, "slope_per_week": None, "slope_standard_error": None},
    }
    exported = await client.get(EXPORT, headers=archer.headers)
    assert exported.text == ",".join(history.CSV_COLUMNS) + "\r\n"


# --- getHistorySummary ----------------------------------------------------------------------


async def test_the_summary_counts_weeks_and_fits_the_trend_of_the_weekly_mean(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    # Week of Monday 5 January: two slots, 7+8 and 9, so the week's mean is 8 (each arrow
    # weighs the same: the mean of the slots' means would be 8.25).
    await scored_slot(client, archer, "2026-01-06T10:00:00Z", ["7", "8"])
    await scored_slot(client, archer, "2026-01-11T22:00:00Z", ["9"])
    await scored_slot(client, archer, "2026-01-13T10:00:00Z", ["8", "8", "9", "9"])
    # No arrows in the week of 19 January: a gap, not a zero.
    await scored_slot(client, archer, "2026-01-27T10:00:00Z", ["9", "10"])
    await scored_slot(client, archer, "2026-02-03T10:00:00Z", ["6"])

    response = await client.get(SUMMARY, headers=archer.headers)

    assert response.status_code == 200
    assert response.headers["etag"].startswith('"')
    summary = response.json()
    assert summary["weeks"] == [
        {
            "week_start": "2026-01-05",
            "slots": 2,
            "arrows_shot": 3,
            "total_score": 24,
            "mean_per_arrow": 8.0,
        },
        {
            "week_start": "2026-01-12",
            "slots": 1,
            "arrows_shot": 4,
            "total_score": 34,
            "mean_per_arrow": 8.5,
        },
        {
            "week_start": "2026-01-26",
            "slots": 1,
            "arrows_shot": 2,
            "total_score": 19,
            "mean_per_arrow": 9.5,
        },
        {
            "week_start": "2026-02-02",
            "slots": 1,
            "arrows_shot": 1,
            "total_score": 6,
            "mean_per_arrow": 6.0,
        },
    ]
    assert (summary["slots"], summary["arrows_shot"], summary["total_score"]) == (5, 10, 83)
    assert summary["mean_per_arrow"] == 8.3
    assert summary["weeks_omitted"] == 0
    # By hand: ordinary least squares over (week, mean), numpy's covariance scaled by the
    # residuals over n - 2 degrees of freedom.
    weeks, means = [0.0, 1.0, 3.0, 4.0], [8.0, 8.5, 9.5, 6.0]
    (slope, _), covariance = numpy.polyfit(weeks, means, 1, cov=True)
    trend = summary["trend"]
    assert trend["weeks"] == 4
    assert trend["slope_per_week"] == pytest.approx(float(slope), rel=1e-12)
    assert trend["slope_standard_error"] == pytest.approx(
        float(numpy.sqrt(covariance[0][0])), rel=1e-9
    )
    assert trend["slope_per_week"] == pytest.approx(-0.3)


async def test_the_trend_of_a_steady_improvement_has_no_error(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    for day, value in (("05", "6"), ("12", "7"), ("19", "8")):
        await scored_slot(client, archer, f"2026-01-{day}T10:00:00Z", [value])
    trend = (await client.get(SUMMARY, headers=archer.headers)).json()["trend"]
    assert trend == {"weeks": 3, "slope_per_week": pytest.approx(1.0), "slope_standard_error": 0}


async def test_fewer_than_three_weeks_give_no_trend(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await scored_slot(client, archer, "2026-01-05T10:00:00Z", ["6"])
    await scored_slot(client, archer, "2026-01-12T10:00:00Z", ["9"])
    summary = (await client.get(SUMMARY, headers=archer.headers)).json()
    assert len(summary["weeks"]) == 2
    assert summary["trend"] == {"weeks": 2, "slope_per_week": None, "slope_standard_error": None}


async def test_the_summary_takes_the_history_filter(
    client: AsyncClient, archer: ArcherAccount, varied: dict[str, Any]
) -> None:
    response = await client.get(
        SUMMARY,
        params={"bow_id": varied["bow_id"], "distance_unit": "yd"},
        headers=archer.headers,
    )
    summary = response.json()
    assert (summary["slots"], summary["arrows_shot"], summary["total_score"]) == (1, 1, 7)
    assert [week["week_start"] for week in summary["weeks"]] == ["2026-03-02"]


async def test_weeks_start_on_monday_midnight_in_the_time_zone_asked_for(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    # Sunday 23:30 in UTC is Monday 00:30 in Oslo (UTC+1 in January).
    await scored_slot(client, archer, "2026-01-11T23:30:00Z", ["9"])
    in_utc = (await client.get(SUMMARY, headers=archer.headers)).json()
    in_oslo = (
        await client.get(SUMMARY, params={"time_zone": "Europe/Oslo"}, headers=archer.headers)
    ).json()
    assert [week["week_start"] for week in in_utc["weeks"]] == ["2026-01-05"]
    assert [week["week_start"] for week in in_oslo["weeks"]] == ["2026-01-12"]
    assert in_oslo["time_zone"] == "Europe/Oslo"


@pytest.mark.parametrize("scored", [True, False])
async def test_an_unknown_time_zone_is_unprocessable(
    client: AsyncClient, archer: ArcherAccount, scored: bool
) -> None:
    if scored:
        await scored_slot(client, archer, "2026-01-11T23:30:00Z", ["9"])
    response = await client.get(
        SUMMARY, params={"time_zone": "Mars/Olympus_Mons"}, headers=archer.headers
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "invalid_time_zone"
    assert problem["errors"][0]["pointer"] == "#/query/time_zone"


@pytest.mark.parametrize("zone", ["EST", "UTC+3", "Europe/Oslo,M3.5.0", "europe/oslo", ""])
async def test_a_time_zone_that_is_not_an_iana_name_is_refused(
    client: AsyncClient, archer: ArcherAccount, zone: str
) -> None:
    response = await client.get(SUMMARY, params={"time_zone": zone}, headers=archer.headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "#/query/time_zone"


async def test_the_summary_returns_the_latest_weeks_and_counts_those_left_out(
    client: AsyncClient, archer: ArcherAccount, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, "MAX_WEEKS", 3)
    for day, value in (("05", "5"), ("12", "6"), ("19", "8"), ("26", "7")):
        await scored_slot(client, archer, f"2026-01-{day}T10:00:00Z", [value])
    summary = (await client.get(SUMMARY, headers=archer.headers)).json()
    assert [week["week_start"] for week in summary["weeks"]] == [
        "2026-01-12",
        "2026-01-19",
        "2026-01-26",
    ]
    assert summary["weeks_omitted"] == 1
    # Totals cover every week; the trend, the weeks returned: 6, 8, 7.
    assert (summary["arrows_shot"], summary["total_score"]) == (4, 26)
    assert summary["trend"]["weeks"] == 3
    assert summary["trend"]["slope_per_week"] == pytest.approx(0.5)


async def test_the_summary_answers_304_while_it_holds(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await scored_slot(client, archer, "2026-01-05T10:00:00Z", ["6"])
    etag = (await client.get(SUMMARY, headers=archer.headers)).headers["etag"]
    again = await client.get(SUMMARY, headers=archer.headers | {"If-None-Match": etag})
    assert again.status_code == 304


# --- exportHistoryCsv -----------------------------------------------------------------------


def parse_csv(response: Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.text, newline="")))


def as_cell(value: Any) -> str:
    """A list field as the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


async def test_the_export_parses_back_into_every_listed_slot(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    bow_id, arrow_set_id = await add_equipment(client, archer)
    await scored_slot(
        client,
        archer,
        "2026-03-01T09:00:00Z",
        ["X", "10", "9", "M"],
        session={"location": 'Field 2, "north" end'},
        bow_id=bow_id,
        arrow_set_id=arrow_set_id,
    )
    await scored_slot(client, archer, "2026-03-08T09:00:00Z", ["9"] * 24, round_code=SHORT_ROUND)
    await scored_slot(client, archer, "2026-03-09T09:00:00Z", ["10", "9", "9"])

    response = await client.get(EXPORT, headers=archer.headers)

    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    today = datetime.now(UTC).date().isoformat()
    assert response.headers["content-disposition"] == (
        f'attachment; filename="quiver-history-{today}.csv"'
    )
    assert response.headers["etag"].startswith('"')
    assert response.text.count("\r\n") == 4
    rows = parse_csv(response)
    listed = (await client.get(LIST, headers=archer.headers)).json()["items"]
    assert len(rows) == 3
    assert rows == [{key: as_cell(value) for key, value in item.items()} for item in listed]
    assert list(rows[0]) == list(history.CSV_COLUMNS) == list(listed[0])


async def test_the_export_takes_the_history_filter(
    client: AsyncClient, archer: ArcherAccount, varied: dict[str, Any]
) -> None:
    response = await client.get(EXPORT, params={"is_indoor": "true"}, headers=archer.headers)
    assert [row["slot_id"] for row in parse_csv(response)] == [varied["indoor"]]


async def test_a_location_a_spreadsheet_would_evaluate_is_exported_as_text(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await scored_slot(
        client, archer, "2026-03-01T09:00:00Z", ["9"], session={"location": "=HYPERLINK(1)"}
    )
    [row] = parse_csv(await client.get(EXPORT, headers=archer.headers))
    assert row["location"] == "'=HYPERLINK(1)"


async def test_an_export_past_its_bound_asks_for_a_narrower_range(
    client: AsyncClient, archer: ArcherAccount, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, "MAX_EXPORT_SLOTS", 1)
    await scored_slot(client, archer, "2026-03-01T09:00:00Z", ["9"])
    assert len(parse_csv(await client.get(EXPORT, headers=archer.headers))) == 1
    await scored_slot(client, archer, "2026-03-08T09:00:00Z", ["9"])
    response = await client.get(EXPORT, headers=archer.headers)
    assert response.status_code == 422
    assert response.json()["code"] == "history_export_too_large"
    narrowed = await client.get(
        EXPORT, params={"start_from": "2026-03-05T00:00:00Z"}, headers=archer.headers
    )
    assert len(parse_csv(narrowed)) == 1


async def test_the_export_answers_304_while_it_holds(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await scored_slot(client, archer, "2026-03-01T09:00:00Z", ["9"])
    etag = (await client.get(EXPORT, headers=archer.headers)).headers["etag"]
    again = await client.get(EXPORT, headers=archer.headers | {"If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["etag"] == etag
