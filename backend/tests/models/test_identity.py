"""SQL of models/identity.py, and archers without a password."""

import asyncpg
import pytest

from backend.tests.models.test_session import new_archer
from quiver.core.db import Connection
from quiver.models import archer as archer_model
from quiver.models import identity as identity_model


async def test_an_archer_may_have_no_password(conn: Connection) -> None:
    archer_id = await new_archer(conn, password_hash=None)
    email = await conn.fetchval("SELECT email::text FROM archer WHERE id = $1", archer_id)
    credentials = await archer_model.select_archer_credentials(conn, email.upper())
    assert credentials is not None
    assert (credentials["id"], credentials["password_hash"]) == (archer_id, None)


async def test_a_linked_subject_finds_its_archer(conn: Connection) -> None:
    archer_id = await new_archer(conn)
    linked = await identity_model.insert_identity(conn, "google", "1234", archer_id)
    assert (linked["provider"], linked["subject"], linked["archer_id"]) == (
        "google",
        "1234",
        archer_id,
    )
    found = await identity_model.select_identity(conn, "google", "1234")
    assert found is not None and found["archer_id"] == archer_id
    assert await identity_model.select_identity(conn, "google", "12345") is None


async def test_a_subject_links_to_one_archer_only(conn: Connection) -> None:
    archer_id = await new_archer(conn)
    await identity_model.insert_identity(conn, "google", "1234", archer_id)
    with pytest.raises(asyncpg.UniqueViolationError):
        await identity_model.insert_identity(conn, "google", "1234", await new_archer(conn))


async def test_identities_go_with_their_archer(conn: Connection) -> None:
    archer_id = await new_archer(conn)
    await identity_model.insert_identity(conn, "google", "1234", archer_id)
    assert await archer_model.delete_archer(conn, archer_id)
    assert await identity_model.select_identity(conn, "google", "1234") is None


@pytest.mark.parametrize(
    ("provider", "subject"), [("Google", "1"), ("google", ""), ("google", "s" * 256)]
)
async def test_the_database_refuses_malformed_identities(
    conn: Connection, provider: str, subject: str
) -> None:
    archer_id = await new_archer(conn)
    with pytest.raises(asyncpg.CheckViolationError):
        await identity_model.insert_identity(conn, provider, subject, archer_id)
