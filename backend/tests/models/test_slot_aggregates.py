"""The running aggregates of migration 0013 always equal a recomputation from the arrows.

Random sequences (fixed seeds) of writes through the real paths: the arrow writer (alone and
batching concurrent requests into one statement), moves and re-entries, deletes, and the
cascades of a deleted slot and session. After every step the rows are compared, exactly, with
what SQL recomputes from ``shot``.
"""

import asyncio
import random
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import uuid4

import asyncpg
import pytest
from httpx import AsyncClient

from conftest import ArcherAccount, ArcherFactory, join, open_session, shoot, with_database
from quiver.core.db import Pool
from quiver.core.migrate import MIGRATIONS_DIR, migrate
from quiver.models.statistics import ENDS_SHOWN

# Recomputed from scratch, independently of the triggers: one column per value label.
_HISTOGRAM = ", ".join(
    f"count(s.id) FILTER (WHERE s.value_label = '{label}')::int AS arrows_{label.lower()}"
    for label in ["X", "11", "10", "9", "8", "7", "6", "5", "4", "3", "2", "1", "M"]
)
_EXPECTED_SLOTS = f"""SELECT sl.id AS slot_id, count(s.id)::int AS arrows,
        count(DISTINCT s.end_number)::int AS ends,
        coalesce(sum(s.value), 0)::int AS total, coalesce(sum(s.max_value), 0)::int AS max_total,
        count(s.id) FILTER (WHERE s.value >= 10)::int AS ten_count,
        {_HISTOGRAM},
        count(s.spot_x_mm)::int AS plotted,
        coalesce(sum(s.spot_x_mm::numeric), 0) AS sum_x_mm,
        coalesce(sum(s.spot_y_mm::numeric), 0) AS sum_y_mm,
        coalesce(sum(s.spot_x_mm::numeric * s.spot_x_mm::numeric), 0) AS sum_xx_mm,
        coalesce(sum(s.spot_y_mm::numeric * s.spot_y_mm::numeric), 0) AS sum_yy_mm,
        coalesce(sum(s.spot_x_mm::numeric * s.spot_y_mm::numeric), 0) AS sum_xy_mm,
        coalesce(sum((s.spot_x_mm / s.distance_m)::numeric), 0) AS sum_x_mrad,
        coalesce(sum((s.spot_y_mm / s.distance_m)::numeric), 0) AS sum_y_mrad,
        coalesce(sum((s.spot_x_mm / s.distance_m)::numeric
                     * (s.spot_x_mm / s.distance_m)::numeric), 0) AS sum_xx_mrad,
        coalesce(sum((s.spot_y_mm / s.distance_m)::numeric
                     * (s.spot_y_mm / s.distance_m)::numeric), 0) AS sum_yy_mrad,
        coalesce(sum((s.spot_x_mm / s.distance_m)::numeric
                     * (s.spot_y_mm / s.distance_m)::numeric), 0) AS sum_xy_mrad
    FROM slot sl LEFT JOIN shot s ON s.slot_id = sl.id
    GROUP BY sl.id"""

_EXPECTED_ENDS = """SELECT slot_id, end_number, count(*)::int AS arrows, sum(value)::int AS total
    FROM shot GROUP BY slot_id, end_number"""

_ENDS_KEY = "SELECT slot_id, end_number, arrows, total FROM slot_end_aggregate"

# Faces with their value labels (X worth 10, an 11 zone, an X worth 5), in two units.
_PLACES: list[dict[str, Any]] = [
    {"distance": 70, "face_type": "wa_122", "arrows_per_end": 6},
    {"distance": 70, "face_type": "wa_122_11_zone", "arrows_per_end": 3},
    {"distance": 60, "distance_unit": "yd", "face_type": "wa_80", "arrows_per_end": 6},
]
_VALUES = {
    "wa_122": ["X", "10", "9", "6", "1", "M"],
    "wa_122_11_zone": ["11", "10", "7", "M"],
    "wa_80": ["X", "10", "8", "M"],
}


async def _rows(db: Pool | asyncpg.Connection, query: str) -> list[dict[str, Any]]:
    return [dict(row) for row in await db.fetch(query)]


async def assert_aggregates_recomputed(db: Pool | asyncpg.Connection) -> None:
    """Exact equality: numeric compares by value, so the sums match to the last digit."""
    stored = {row["slot_id"]: row for row in await _rows(db, "SELECT * FROM slot_aggregate")}
    expected = {row["slot_id"]: row for row in await _rows(db, _EXPECTED_SLOTS)}
    differences = {
        (slot_id, name): (row[name], expected.get(slot_id, {}).get(name))
        for slot_id, row in stored.items()
        for name in row
        if row[name] != expected.get(slot_id, {}).get(name)
    }
    assert differences == {} and stored.keys() == expected.keys()
    ends = sorted(map(tuple, await db.fetch(_ENDS_KEY)))
    assert ends == sorted(map(tuple, await db.fetch(_EXPECTED_ENDS)))


def _arrow(rng: random.Random, face_type: str) -> dict[str, Any]:
    if rng.random() < 0.3:
        return {"value": rng.choice(_VALUES[face_type])}
    # Offsets with many decimals, some off the face (misses).
    return {"x_mm": rng.uniform(-700, 700), "y_mm": rng.uniform(-700, 700)}


async def _a_random_shot(
    client: AsyncClient, rng: random.Random, archers: list[ArcherAccount], slots: list[Any]
) -> tuple[ArcherAccount, dict[str, Any], dict[str, Any]] | None:
    index = rng.randrange(len(slots))
    archer, slot = archers[index], slots[index]
    page = await client.get(
        f"/api/v0/slot/{slot['id']}/shot", params={"limit": 1000}, headers=archer.headers
    )
    items: list[dict[str, Any]] = page.json()["items"]
    return (archer, slot, rng.choice(items)) if items else None


async def _step(
    client: AsyncClient, rng: random.Random, archers: list[ArcherAccount], slots: list[Any]
) -> None:
    roll = rng.random()
    if roll < 0.45:
        index = rng.randrange(len(slots))
        arrows = [_arrow(rng, slots[index]["face_type"]) for _ in range(rng.randint(1, 6))]
        response = await shoot(client, archers[index], slots[index]["id"], *arrows)
        assert response.status_code == 201, response.text
    elif roll < 0.6:
        # Concurrent requests to every slot: the arrow writer stores them in shared statements.
        responses = await asyncio.gather(
            *(
                shoot(client, archer, slot["id"], _arrow(rng, slot["face_type"]))
                for archer, slot in zip(archers, slots, strict=True)
            )
        )
        assert {response.status_code for response in responses} == {201}
    elif (picked := await _a_random_shot(client, rng, archers, slots)) is None:
        return
    elif roll < 0.85:
        archer, slot, shot = picked
        moved = await client.patch(
            f"/api/v0/shot/{shot['id']}",
            json=_arrow(rng, slot["face_type"]),
            headers=archer.headers,
        )
        assert moved.status_code == 200, moved.text
    else:
        archer, _, shot = picked
        deleted = await client.delete(f"/api/v0/shot/{shot['id']}", headers=archer.headers)
        assert deleted.status_code == 204, deleted.text


@pytest.mark.parametrize("seed", [11, 2026, 90210])
async def test_aggregates_equal_a_recomputation_after_random_writes_moves_and_deletes(
    client: AsyncClient, archer_factory: ArcherFactory, pool: Pool, seed: int
) -> None:
    rng = random.Random(seed)
    owner = await archer_factory()
    session_id = await open_session(client, owner)
    archers = [owner] + [await archer_factory() for _ in _PLACES[1:]]
    slots = [
        await join(client, archer, session_id, **place)
        for archer, place in zip(archers, _PLACES, strict=True)
    ]
    await assert_aggregates_recomputed(pool)
    for _ in range(40):
        await _step(client, rng, archers, slots)
        await assert_aggregates_recomputed(pool)
    assert await pool.fetchval("SELECT sum(arrows) FROM slot_aggregate") > 0


async def test_deleting_a_slot_or_a_session_deletes_their_aggregates(
    client: AsyncClient, archer_factory: ArcherFactory, pool: Pool
) -> None:
    owner, other = await archer_factory(), await archer_factory()
    kept_session, gone_session = await open_session(client, owner), await open_session(
        client, owner
    )
    kept = await join(client, owner, kept_session)
    gone_slot = await join(client, other, kept_session)
    in_gone_session = await join(client, other, gone_session)
    for slot, archer in ((kept, owner), (gone_slot, other), (in_gone_session, other)):
        for end in range(3):
            response = await shoot(
                client, archer, slot["id"], *({"x_mm": end * 7.5 + i, "y_mm": -i} for i in range(6))
            )
            assert response.status_code == 201, response.text
    # No endpoint deletes a slot alone; its archer's deletion cascades to it like this.
    await pool.execute("DELETE FROM slot WHERE id = $1", gone_slot["id"])
    deleted = await client.delete(f"/api/v0/session/{gone_session}", headers=owner.headers)
    assert deleted.status_code == 204
    await assert_aggregates_recomputed(pool)
    remaining = await pool.fetch("SELECT slot_id::text FROM slot_aggregate")
    assert [row["slot_id"] for row in remaining] == [kept["id"]]
    assert await pool.fetchval("SELECT count(*) FROM slot_end_aggregate") == 3


async def test_a_truncated_shot_table_leaves_every_slot_empty(
    client: AsyncClient, archer: ArcherAccount, pool: Pool
) -> None:
    slot = await join(client, archer, await open_session(client, archer))
    assert (await shoot(client, archer, slot["id"], {"value": "9"})).status_code == 201
    await pool.execute("TRUNCATE shot")
    await assert_aggregates_recomputed(pool)
    assert await pool.fetchval("SELECT arrows FROM slot_aggregate") == 0


async def test_statistics_show_the_latest_ends_with_their_running_totals(
    client: AsyncClient, archer: ArcherAccount, pool: Pool
) -> None:
    slot = await join(client, archer, await open_session(client, archer), arrows_per_end=3)
    ends = ENDS_SHOWN + 1
    values = [1 + arrow % 10 for arrow in range(3 * ends)]
    for start in range(0, len(values), 10):
        arrows = [{"value": str(value)} for value in values[start : start + 10]]
        assert (await shoot(client, archer, slot["id"], *arrows)).status_code == 201
    response = await client.get(f"/api/v0/slot/{slot['id']}/statistics", headers=archer.headers)
    assert response.status_code == 200
    stats = response.json()
    assert (stats["end_count"], stats["arrows_shot"]) == (ends, 3 * ends)
    assert [end["end_number"] for end in stats["ends"]] == list(range(2, ends + 1))
    assert [end["total"] for end in stats["ends"]] == [
        sum(values[3 * end - 3 : 3 * end]) for end in range(2, ends + 1)
    ]
    assert [end["running_total"] for end in stats["ends"]] == [
        sum(values[: 3 * end]) for end in range(2, ends + 1)
    ]
    assert stats["ends"][-1]["running_total"] == stats["total_score"] == sum(values)
    await assert_aggregates_recomputed(pool)


async def test_an_emptied_end_leaves_the_latest_ends_and_their_running_totals_right(
    client: AsyncClient, archer: ArcherAccount, pool: Pool
) -> None:
    slot = await join(client, archer, await open_session(client, archer), arrows_per_end=3)
    shots: list[dict[str, Any]] = []
    for start in range(0, 3 * (ENDS_SHOWN + 2), 10):
        arrows = [{"value": str(1 + n % 10)} for n in range(start, min(start + 10, 306))]
        shots += (await shoot(client, archer, slot["id"], *arrows)).json()["items"]
    for shot in shots:
        if shot["end_number"] == 60:
            deleted = await client.delete(f"/api/v0/shot/{shot['id']}", headers=archer.headers)
            assert deleted.status_code == 204
    stats = (
        await client.get(f"/api/v0/slot/{slot['id']}/statistics", headers=archer.headers)
    ).json()
    kept = [end for end in range(1, ENDS_SHOWN + 3) if end != 60]
    assert stats["end_count"] == ENDS_SHOWN + 1
    assert [end["end_number"] for end in stats["ends"]] == kept[1:]
    totals = {
        end: sum(shot["value"] for shot in shots if shot["end_number"] == end) for end in kept
    }
    assert [end["running_total"] for end in stats["ends"]] == [
        sum(totals[other] for other in kept if other <= end) for end in kept[1:]
    ]
    await assert_aggregates_recomputed(pool)


async def test_the_migration_backfills_arrows_stored_before_it(
    server_dsn: str, tmp_path: Path
) -> None:
    before = tmp_path / "before"
    before.mkdir()
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if int(path.name[:4]) < 13:
            (before / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    name = f"quiver_backfill_{uuid4().hex[:10]}"
    admin = await asyncpg.connect(server_dsn)
    await admin.execute(f'CREATE DATABASE "{name}"')
    conn = await asyncpg.connect(with_database(server_dsn, name))
    try:
        await migrate(conn, before)
        await conn.execute(_OLD_ROWS)
        await migrate(conn)
        await assert_aggregates_recomputed(conn)
        stored = await conn.fetch("SELECT arrows, ends, plotted FROM slot_aggregate ORDER BY 1")
        assert [tuple(row) for row in stored] == [(0, 0, 0), (25, 5, 20)]
        assert await conn.fetchval("SELECT sum_x_mm FROM slot_aggregate WHERE arrows > 0") == (
            Decimal(sum(range(20))) / 4
        )
    finally:
        await conn.close()
        await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        await admin.close()


# Two slots, one holding 25 arrows in five ends (20 plotted), stored by plain SQL.
_OLD_ROWS = """
    INSERT INTO archer (email, first_name, last_name, bowstyle, draw_weight_lb)
    VALUES ('old@example.org', 'Old', 'Archer', 'recurve', 30), ('b@example.org', 'B', 'C',
        'recurve', 30);
    INSERT INTO practice_session (owner_archer_id, location, is_indoor, distance, start_time,
        is_opened)
    SELECT id, 'Old range', false, 70, now(), true FROM archer WHERE email = 'old@example.org';
    INSERT INTO slot (session_id, archer_id, lane, letter, distance, distance_unit, face_type,
        arrows_per_end)
    SELECT ps.id, a.id, a.n, 'A', 70, 'm', 'wa_122', 5
    FROM practice_session ps,
        (SELECT id, row_number() OVER (ORDER BY email) AS n FROM archer) a;
    INSERT INTO shot (slot_id, seq, end_number, position, value, value_label, is_x, max_value,
        x_mm, y_mm, distance_mm, spot_x_mm, spot_y_mm, face_type, arrow_diameter_mm, distance_m,
        shot_at, created_at, updated_at)
    SELECT sl.id, g, g / 5 + 1, g % 5 + 1, g % 11, CASE g % 11 WHEN 0 THEN 'M'
            ELSE (g % 11)::text END, false, 10,
        p.x, p.y, p.d, p.x, p.y, 'wa_122', 5.5, 70, now(), now(), now()
    FROM slot sl JOIN archer a ON a.id = sl.archer_id AND a.email = 'old@example.org',
        generate_series(0, 24) g,
        LATERAL (SELECT CASE WHEN g < 20 THEN g * 0.25 END AS x,
                        CASE WHEN g < 20 THEN -g / 3.0 END AS y,
                        CASE WHEN g < 20 THEN 1.0 END AS d) p;
"""
