"""The migration runner against empty databases."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from uuid import UUID, uuid4

import asyncpg
import pytest

from conftest import with_database
from quiver.core.migrate import MIGRATIONS_DIR, MigrationError, load_migrations, migrate


@pytest.fixture
async def empty_database(server_dsn: str) -> AsyncIterator[str]:
    name = f"quiver_migrate_{uuid4().hex[:10]}"
    admin = await asyncpg.connect(server_dsn)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_database(server_dsn, name)
    finally:
        await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        await admin.close()


async def test_all_migrations_apply_to_an_empty_database(empty_database: str) -> None:
    conn = await asyncpg.connect(empty_database)
    try:
        applied = await migrate(conn)
        assert [m.version for m in applied] == [m.version for m in load_migrations()]
        recorded = await conn.fetch("SELECT version, checksum FROM schema_migration")
        assert {(r["version"], r["checksum"]) for r in recorded} == {
            (m.version, m.checksum) for m in applied
        }
        assert await migrate(conn) == []
    finally:
        await conn.close()


async def test_concurrent_migrations_apply_each_file_once(empty_database: str) -> None:
    conns = [await asyncpg.connect(empty_database) for _ in range(3)]
    try:
        results = await asyncio.gather(*(migrate(conn) for conn in conns))
        assert sorted(len(applied) for applied in results) == [0, 0, len(load_migrations())]
    finally:
        for conn in conns:
            await conn.close()


async def test_an_edited_applied_migration_is_an_error(empty_database: str, tmp_path: Path) -> None:
    (tmp_path / "0001_create_thing.sql").write_text("CREATE TABLE thing (id int);")
    conn = await asyncpg.connect(empty_database)
    try:
        await migrate(conn, tmp_path)
        (tmp_path / "0001_create_thing.sql").write_text("CREATE TABLE thing (id bigint);")
        with pytest.raises(MigrationError, match="edited after it was applied"):
            await migrate(conn, tmp_path)
    finally:
        await conn.close()


async def test_a_failing_migration_leaves_nothing_behind(
    empty_database: str, tmp_path: Path
) -> None:
    (tmp_path / "0001_create_thing.sql").write_text("CREATE TABLE thing (id int);")
    (tmp_path / "0002_break_things.sql").write_text("CREATE TABLE other (id int); SELECT 1/0;")
    conn = await asyncpg.connect(empty_database)
    try:
        with pytest.raises(asyncpg.DivisionByZeroError):
            await migrate(conn, tmp_path)
        assert await conn.fetchval("SELECT max(version) FROM schema_migration") == 1
        assert await conn.fetchval("SELECT to_regclass('other')") is None
    finally:
        await conn.close()


def test_a_badly_named_migration_file_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "create_thing.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match="NNNN_verb_object"):
        load_migrations(tmp_path)


async def test_bounding_instants_repairs_what_was_stored_before(
    empty_database: str, tmp_path: Path
) -> None:
    """Rows stored before 0006 with unrenderable dates are repaired, then refused for good."""
    before, bound = tmp_path / "before", tmp_path / "bound"
    before.mkdir()
    for path in sorted(MIGRATIONS_DIR.glob("*.sql"))[:5]:
        (before / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    conn = await asyncpg.connect(empty_database)
    try:
        await migrate(conn, before)
        archer_id = await conn.fetchval("""
            INSERT INTO archer (email, password_hash, first_name, last_name, bowstyle,
                                draw_weight_lb, date_of_birth)
            VALUES ('old@example.org', 'x', 'A', 'B', 'recurve', 30, '0001-01-01')
            RETURNING id""")
        session_id = await conn.fetchval(
            """INSERT INTO practice_session (owner_archer_id, is_opened, start_time, location,
                                             is_indoor, distance)
               VALUES ($1, true, '-infinity', 'Old', false, 70) RETURNING id""",
            archer_id,
        )
        bound.symlink_to(MIGRATIONS_DIR)
        await migrate(conn, bound)
        assert await conn.fetchval("SELECT date_of_birth FROM archer") is None
        repaired = await conn.fetchrow(
            "SELECT start_time, created_at FROM practice_session WHERE id = $1", session_id
        )
        assert repaired is not None and repaired["start_time"] == repaired["created_at"]
        with pytest.raises(asyncpg.CheckViolationError):
            await conn.execute(
                "UPDATE practice_session SET start_time = 'infinity' WHERE id = $1", session_id
            )
    finally:
        await conn.close()


async def _unbounded_distances(conn: asyncpg.Connection) -> UUID:
    """A session, two archers on one lane at 1e-20 yd (one arrow), one at 70 m elsewhere;
    returns the slot at 70 m."""
    archers = [
        await conn.fetchval(
            """INSERT INTO archer (email, password_hash, first_name, last_name, bowstyle,
                                   draw_weight_lb)
               VALUES ($1, 'x', 'A', 'B', 'recurve', 30) RETURNING id""",
            f"{name}@example.org",
        )
        for name in ("one", "two", "three")
    ]
    session_id = await conn.fetchval(
        """INSERT INTO practice_session (owner_archer_id, is_opened, start_time, location,
                                         is_indoor, distance)
           VALUES ($1, true, now(), 'Old', false, 5e-324) RETURNING id""",
        archers[0],
    )
    slots = [
        await conn.fetchval(
            """INSERT INTO slot (session_id, archer_id, lane, letter, distance, distance_unit,
                                 face_type, arrows_per_end)
               VALUES ($1, $2, $3, $4, $5, $6, 'wa_122', 6) RETURNING id""",
            session_id,
            archer_id,
            lane,
            letter,
            distance,
            unit,
        )
        for archer_id, lane, letter, distance, unit in (
            (archers[0], 1, "A", 1e-20, "yd"),
            (archers[1], 1, "B", 1e-20, "yd"),
            (archers[2], 2, "A", 70.0, "m"),
        )
    ]
    await conn.execute(
        """INSERT INTO shot (slot_id, seq, end_number, position, value, value_label, is_x,
                             max_value, face_type, arrow_diameter_mm, distance_m, shot_at,
                             created_at, updated_at)
           VALUES ($1, 0, 1, 1, 9, '9', false, 10, 'wa_122', 5.5, 1e-20 * 0.9144, now(), now(),
                   now())""",
        slots[0],
    )
    far: UUID = slots[2]
    return far


async def test_bounding_distances_repairs_what_was_stored_before(
    empty_database: str, tmp_path: Path
) -> None:
    """Rows stored before 0012 with distances under 1 are raised to 1, then refused for good."""
    before = tmp_path / "before"
    before.mkdir()
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if path.name < "0012":
            (before / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    conn = await asyncpg.connect(empty_database)
    try:
        await migrate(conn, before)
        far_slot = await _unbounded_distances(conn)
        await migrate(conn)
        assert await conn.fetchval("SELECT distance FROM practice_session") == 1
        slots = await conn.fetch("SELECT distance, distance_unit FROM slot ORDER BY lane, letter")
        assert [tuple(slot) for slot in slots] == [(1, "yd"), (1, "yd"), (70, "m")]
        assert await conn.fetchval("SELECT distance_m FROM shot") == pytest.approx(0.9144)
        with pytest.raises(asyncpg.CheckViolationError):
            await conn.execute("UPDATE practice_session SET distance = 0.5")
        with pytest.raises(asyncpg.CheckViolationError):
            await conn.execute("UPDATE slot SET distance = 150.5 WHERE id = $1", far_slot)
        with pytest.raises(asyncpg.CheckViolationError):
            await conn.execute("UPDATE shot SET distance_m = 0.9")
        # The lane's single distance is still enforced.
        with pytest.raises(asyncpg.ExclusionViolationError):
            await conn.execute("UPDATE slot SET distance = 2 WHERE lane = 1 AND letter = 'A'")
    finally:
        await conn.close()
