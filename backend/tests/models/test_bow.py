"""SQL of models/bow.py against the real schema."""

from typing import Any
from uuid import UUID, uuid4

import asyncpg
import pytest

from quiver.core.db import Connection
from quiver.models import archer as archer_model
from quiver.models import bow as bow_model

BOW: dict[str, Any] = {"name": "Samick Sage", "bowstyle": "barebow", "draw_weight_lb": 28.0}


async def insert_owner(conn: Connection) -> UUID:
    row = await archer_model.insert_archer(
        conn,
        email=f"{uuid4().hex}@example.org",
        password_hash="$argon2id$stub",
        first_name="Lars",
        last_name="Andersen",
        bowstyle="barebow",
        draw_weight_lb=50.0,
        date_of_birth=None,
        gender=None,
    )
    archer_id: UUID = row["id"]
    return archer_id


@pytest.fixture
async def owner(conn: Connection) -> UUID:
    return await insert_owner(conn)


async def test_insert_bow_returns_the_stored_row(conn: Connection, owner: UUID) -> None:
    row = await bow_model.insert_bow(conn, owner, **BOW)
    assert {key: row[key] for key in BOW} == BOW
    assert row["created_at"] == row["updated_at"]
    assert "archer_id" not in row.keys()


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("name", ""),
        ("name", " \t"),
        ("name", "x" * 101),
        ("bowstyle", "crossbow"),
        ("draw_weight_lb", 0.0),
        ("draw_weight_lb", 120.5),
    ],
)
async def test_the_schema_rejects_what_the_contract_rejects(
    conn: Connection, owner: UUID, column: str, value: object
) -> None:
    with pytest.raises(asyncpg.CheckViolationError):
        await bow_model.insert_bow(conn, owner, **(BOW | {column: value}))


async def test_a_bow_belongs_to_an_existing_archer(conn: Connection) -> None:
    with pytest.raises(asyncpg.ForeignKeyViolationError):
        await bow_model.insert_bow(conn, uuid4(), **BOW)


async def test_select_bow_finds_only_the_owners_bow(conn: Connection, owner: UUID) -> None:
    other = await insert_owner(conn)
    bow = await bow_model.insert_bow(conn, owner, **BOW)
    for select in (bow_model.select_bow, bow_model.select_bow_for_update):
        found = await select(conn, owner, bow["id"])
        assert found is not None and found["id"] == bow["id"]
        assert await select(conn, other, bow["id"]) is None
        assert await select(conn, owner, uuid4()) is None


async def test_update_bow_overwrites_only_the_owners_bow(conn: Connection, owner: UUID) -> None:
    other = await insert_owner(conn)
    bow = await bow_model.insert_bow(conn, owner, **BOW)
    changes = BOW | {"bowstyle": "longbow", "draw_weight_lb": 45.0}
    assert await bow_model.update_bow(conn, other, bow["id"], **changes) is None
    updated = await bow_model.update_bow(conn, owner, bow["id"], **changes)
    assert updated is not None
    assert {key: updated[key] for key in changes} == changes


async def test_update_bow_keeps_the_schema_checks(conn: Connection, owner: UUID) -> None:
    bow = await bow_model.insert_bow(conn, owner, **BOW)
    with pytest.raises(asyncpg.CheckViolationError):
        await bow_model.update_bow(conn, owner, bow["id"], **(BOW | {"draw_weight_lb": -1.0}))


async def test_delete_bow_reports_whether_the_owners_bow_was_deleted(
    conn: Connection, owner: UUID
) -> None:
    other = await insert_owner(conn)
    bow = await bow_model.insert_bow(conn, owner, **BOW)
    assert await bow_model.delete_bow(conn, other, bow["id"]) is False
    assert await bow_model.delete_bow(conn, owner, bow["id"]) is True
    assert await bow_model.select_bow(conn, owner, bow["id"]) is None
    assert await bow_model.delete_bow(conn, owner, bow["id"]) is False


async def test_deleting_the_archer_deletes_their_bows(conn: Connection, owner: UUID) -> None:
    bow = await bow_model.insert_bow(conn, owner, **BOW)
    await archer_model.delete_archer(conn, owner)
    assert await conn.fetchval("SELECT count(*) FROM bow WHERE id = $1", bow["id"]) == 0
