"""SQL of models/arrow_set.py against the real schema."""

from typing import Any
from uuid import UUID, uuid4

import asyncpg
import pytest

from quiver.core.db import Connection
from quiver.models import archer as archer_model
from quiver.models import arrow_set as arrow_set_model

ARROW_SET: dict[str, Any] = {"name": "Easton ACE", "shaft_diameter_mm": 5.2, "arrow_count": 8}


async def insert_owner(conn: Connection) -> UUID:
    row = await archer_model.insert_archer(
        conn,
        email=f"{uuid4().hex}@example.org",
        password_hash="$argon2id$stub",
        first_name="Brady",
        last_name="Ellison",
        bowstyle="recurve",
        draw_weight_lb=52.0,
        date_of_birth=None,
        gender=None,
    )
    archer_id: UUID = row["id"]
    return archer_id


@pytest.fixture
async def owner(conn: Connection) -> UUID:
    return await insert_owner(conn)


async def test_insert_arrow_set_returns_the_stored_row(conn: Connection, owner: UUID) -> None:
    row = await arrow_set_model.insert_arrow_set(conn, owner, **ARROW_SET)
    assert {key: row[key] for key in ARROW_SET} == ARROW_SET
    assert row["created_at"] == row["updated_at"]
    assert "archer_id" not in row.keys()


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("name", ""),
        ("name", "  "),
        ("name", "x" * 101),
        ("shaft_diameter_mm", 1.9),
        ("shaft_diameter_mm", 12.1),
        ("arrow_count", 0),
        ("arrow_count", 100),
    ],
)
async def test_the_schema_rejects_what_the_contract_rejects(
    conn: Connection, owner: UUID, column: str, value: object
) -> None:
    with pytest.raises(asyncpg.CheckViolationError):
        await arrow_set_model.insert_arrow_set(conn, owner, **(ARROW_SET | {column: value}))


async def test_an_arrow_set_belongs_to_an_existing_archer(conn: Connection) -> None:
    with pytest.raises(asyncpg.ForeignKeyViolationError):
        await arrow_set_model.insert_arrow_set(conn, uuid4(), **ARROW_SET)


async def test_select_arrow_set_finds_only_the_owners_set(conn: Connection, owner: UUID) -> None:
    other = await insert_owner(conn)
    arrow_set = await arrow_set_model.insert_arrow_set(conn, owner, **ARROW_SET)
    for select in (arrow_set_model.select_arrow_set, arrow_set_model.select_arrow_set_for_update):
        found = await select(conn, owner, arrow_set["id"])
        assert found is not None and found["id"] == arrow_set["id"]
        assert await select(conn, other, arrow_set["id"]) is None
        assert await select(conn, owner, uuid4()) is None


async def test_update_arrow_set_overwrites_only_the_owners_set(
    conn: Connection, owner: UUID
) -> None:
    other = await insert_owner(conn)
    arrow_set = await arrow_set_model.insert_arrow_set(conn, owner, **ARROW_SET)
    changes = ARROW_SET | {"shaft_diameter_mm": 9.3, "arrow_count": 3}
    assert await arrow_set_model.update_arrow_set(conn, other, arrow_set["id"], **changes) is None
    updated = await arrow_set_model.update_arrow_set(conn, owner, arrow_set["id"], **changes)
    assert updated is not None
    assert {key: updated[key] for key in changes} == changes


async def test_update_arrow_set_keeps_the_schema_checks(conn: Connection, owner: UUID) -> None:
    arrow_set = await arrow_set_model.insert_arrow_set(conn, owner, **ARROW_SET)
    with pytest.raises(asyncpg.CheckViolationError):
        await arrow_set_model.update_arrow_set(
            conn, owner, arrow_set["id"], **(ARROW_SET | {"arrow_count": 0})
        )


async def test_delete_arrow_set_reports_whether_the_owners_set_was_deleted(
    conn: Connection, owner: UUID
) -> None:
    other = await insert_owner(conn)
    arrow_set = await arrow_set_model.insert_arrow_set(conn, owner, **ARROW_SET)
    assert await arrow_set_model.delete_arrow_set(conn, other, arrow_set["id"]) is False
    assert await arrow_set_model.delete_arrow_set(conn, owner, arrow_set["id"]) is True
    assert await arrow_set_model.select_arrow_set(conn, owner, arrow_set["id"]) is None
    assert await arrow_set_model.delete_arrow_set(conn, owner, arrow_set["id"]) is False


async def test_deleting_the_archer_deletes_their_arrow_sets(conn: Connection, owner: UUID) -> None:
    arrow_set = await arrow_set_model.insert_arrow_set(conn, owner, **ARROW_SET)
    await archer_model.delete_archer(conn, owner)
    count = await conn.fetchval("SELECT count(*) FROM arrow_set WHERE id = $1", arrow_set["id"])
    assert count == 0
