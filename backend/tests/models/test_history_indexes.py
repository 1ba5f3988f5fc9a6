"""Migration 0017: the history's analytics read an archer's arrows from the index alone.

The statements of the group, ranking and heatmap models are captured as they run, then planned
with sequential and bitmap scans off: every read of ``shot`` must be an index-only scan of the
unique (slot_id, seq) index, which 0017 made covering. A column added to those statements and
not to the index would turn it into a heap fetch per arrow (scripts/bench/progress_bench.py
measures what that costs at 100,000 arrows).
"""

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID, uuid4

import asyncpg
import pytest
from httpx import AsyncClient

from conftest import ArcherAccount, join, open_session
from quiver.core.db import Connection
from quiver.models import groups
from quiver.models.history_filter import HistoryFilter

# The (slot_id, seq) key and the columns 0017 includes.
_KEY = ["slot_id", "seq"]
_INCLUDED = {"end_number", "arrow_number", "value", "spot_x_mm", "spot_y_mm", "distance_m"}


async def _statements(
    conn: Connection, call: Callable[[], Awaitable[object]]
) -> list[tuple[str, tuple[Any, ...]]]:
    """The statements ``call`` runs on ``conn``, with their arguments."""
    logged: list[Any] = []
    conn.add_query_logger(logged.append)
    try:
        await call()
        # The logger is called soon after each statement, not within it.
        for _ in range(10):
            if logged:
                break
            await asyncio.sleep(0.01)
    finally:
        conn.remove_query_logger(logged.append)
    return [(record.query, tuple(record.args)) for record in logged]


def _shot_scans(node: dict[str, Any]) -> list[dict[str, Any]]:
    """Every plan node under ``node`` that reads the table ``shot``."""
    found = [node] if node.get("Relation Name") == "shot" else []
    for child in node.get("Plans", []):
        found += _shot_scans(child)
    return found


async def test_unique_slot_seq_index_covers_the_analytics_columns(conn: Connection) -> None:
    row = await conn.fetchrow("""SELECT i.indisunique, i.indnkeyatts,
            array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k (attnum, n)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                ORDER BY k.n) AS columns
        FROM pg_constraint c JOIN pg_index i ON i.indexrelid = c.conindid
        WHERE c.conname = 'shot_slot_seq_key' AND c.conrelid = 'shot'::regclass""")
    assert row is not None
    assert row["indisunique"]
    assert row["columns"][: row["indnkeyatts"]] == _KEY
    assert set(row["columns"][row["indnkeyatts"] :]) == _INCLUDED


async def test_a_slots_sequence_numbers_stay_unique(
    conn: Connection, client: AsyncClient, archer: ArcherAccount
) -> None:
    slot = await join(client, archer, await open_session(client, archer))
    insert = """INSERT INTO shot (slot_id, seq, end_number, position, value, value_label, is_x,
            max_value, face_type, arrow_diameter_mm, distance_m, shot_at, created_at,
            updated_at)
        VALUES ($1, 0, 1, $2, 9, '9', false, 10, 'wa_122', 5.5, 70, now(), now(), now())"""
    await conn.execute(insert, UUID(slot["id"]), 1)
    with pytest.raises(asyncpg.UniqueViolationError) as raised:
        await conn.execute(insert, UUID(slot["id"]), 2)
    assert raised.value.constraint_name == "shot_slot_seq_key"


@pytest.mark.parametrize("operation", ["history_group", "arrow_set_ranking", "heatmap"])
async def test_analytics_read_arrows_by_index_only_scans(conn: Connection, operation: str) -> None:
    archer_id, arrow_set_id = uuid4(), uuid4()
    calls: dict[str, Callable[[], Awaitable[object]]] = {
        "history_group": lambda: groups.select_history_group(conn, archer_id, HistoryFilter(), 20),
        "arrow_set_ranking": lambda: groups.select_arrow_set_ranking(
            conn, archer_id, arrow_set_id, HistoryFilter(arrow_set_id=arrow_set_id)
        ),
        "heatmap": lambda: groups.select_heatmap(
            conn,
            archer_id,
            HistoryFilter(face_type="wa_122"),
            cell_mm=30.5,
            origin_mm=-732.0,
            cells=48,
        ),
    }
    statements = await _statements(conn, calls[operation])
    assert statements
    await conn.execute("SET LOCAL enable_seqscan = off")
    await conn.execute("SET LOCAL enable_bitmapscan = off")
    scans = []
    for query, args in statements:
        plan = json.loads(await conn.fetchval(f"EXPLAIN (FORMAT JSON) {query}", *args))
        scans += _shot_scans(plan[0]["Plan"])
    assert scans
    for scan in scans:
        assert (scan["Node Type"], scan.get("Index Name")) == (
            "Index Only Scan",
            "shot_slot_seq_key",
        )
