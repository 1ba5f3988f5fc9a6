"""SQL of models/archer.py against the real schema."""

from typing import Any
from uuid import uuid4

import asyncpg
import pytest

from quiver.core.db import Connection
from quiver.models import archer as archer_model

PROFILE: dict[str, Any] = {
    "password_hash": "$argon2id$stub",
    "first_name": "Howard",
    "last_name": "Hill",
    "bowstyle": "longbow",
    "draw_weight_lb": 70.0,
    "date_of_birth": None,
    "gender": None,
}


async def test_insert_archer_returns_the_stored_row(conn: Connection) -> None:
    row = await archer_model.insert_archer(conn, email="Hill@Example.org", **PROFILE)
    assert row["email"] == "Hill@Example.org"
    assert row["created_at"] == row["updated_at"]
    assert "password_hash" not in row.keys()


async def test_email_is_unique_without_regard_to_case(conn: Connection) -> None:
    await archer_model.insert_archer(conn, email="robin@example.org", **PROFILE)
    with pytest.raises(asyncpg.UniqueViolationError):
        await archer_model.insert_archer(conn, email="ROBIN@example.org", **PROFILE)


@pytest.mark.parametrize(
    ("column", "value"),
    [("bowstyle", "crossbow"), ("draw_weight_lb", 0.0), ("first_name", " "), ("gender", "x")],
)
async def test_the_schema_rejects_what_the_contract_rejects(
    conn: Connection, column: str, value: object
) -> None:
    with pytest.raises(asyncpg.CheckViolationError):
        await archer_model.insert_archer(conn, email="a@b.c", **{**PROFILE, column: value})


async def test_select_archer_credentials_matches_any_case(conn: Connection) -> None:
    row = await archer_model.insert_archer(conn, email="Maid@Marian.org", **PROFILE)
    credentials = await archer_model.select_archer_credentials(conn, "maid@marian.ORG")
    assert credentials is not None and credentials["id"] == row["id"]
    assert await archer_model.select_archer_credentials(conn, "other@marian.org") is None


async def test_update_archer_overwrites_the_profile(conn: Connection) -> None:
    row = await archer_model.insert_archer(conn, email="a@b.c", **PROFILE)
    changes = {key: value for key, value in PROFILE.items() if key != "password_hash"}
    updated = await archer_model.update_archer(
        conn, row["id"], email="new@b.c", **{**changes, "bowstyle": "barebow"}
    )
    assert updated is not None
    assert (updated["email"], updated["bowstyle"]) == ("new@b.c", "barebow")
    assert await archer_model.update_archer(conn, uuid4(), email="x@y.z", **changes) is None


async def test_delete_archer_reports_whether_a_row_was_deleted(conn: Connection) -> None:
    row = await archer_model.insert_archer(conn, email="a@b.c", **PROFILE)
    assert await archer_model.delete_archer(conn, row["id"]) is True
    assert await archer_model.select_archer(conn, row["id"]) is None
    assert await archer_model.delete_archer(conn, row["id"]) is False
