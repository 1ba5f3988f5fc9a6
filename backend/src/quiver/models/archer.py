"""SQL for the ``archer`` table: one function per statement."""

from datetime import date
from uuid import UUID

import asyncpg

from quiver.core.db import Connection, Executor

_COLUMNS = """id, email::text AS email, first_name, last_name, bowstyle, draw_weight_lb,
    date_of_birth, gender, created_at, updated_at"""


async def insert_archer(
    db: Executor,
    *,
    email: str,
    password_hash: str | None,
    first_name: str,
    last_name: str,
    bowstyle: str,
    draw_weight_lb: float,
    date_of_birth: date | None,
    gender: str | None,
) -> asyncpg.Record:
    """Insert an archer (without a password: ``None``); ``UniqueViolationError`` when the
    email is taken."""
    row = await db.fetchrow(
        f"""INSERT INTO archer (email, password_hash, first_name, last_name, bowstyle,
                draw_weight_lb, date_of_birth, gender)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            RETURNING {_COLUMNS}""",
        email,
        password_hash,
        first_name,
        last_name,
        bowstyle,
        draw_weight_lb,
        date_of_birth,
        gender,
    )
    assert row is not None
    return row


async def select_archer(conn: Connection, archer_id: UUID) -> asyncpg.Record | None:
    """One archer by id."""
    return await conn.fetchrow(f"SELECT {_COLUMNS} FROM archer WHERE id = $1", archer_id)


async def select_archer_for_update(conn: Connection, archer_id: UUID) -> asyncpg.Record | None:
    """One archer by id, locked until the end of the transaction."""
    return await conn.fetchrow(f"SELECT {_COLUMNS} FROM archer WHERE id = $1 FOR UPDATE", archer_id)


async def select_archer_credentials(db: Executor, email: str) -> asyncpg.Record | None:
    """The id and password hash of the archer with this email (any case)."""
    return await db.fetchrow("SELECT id, password_hash FROM archer WHERE email = $1::citext", email)


async def update_archer(
    conn: Connection,
    archer_id: UUID,
    *,
    email: str,
    first_name: str,
    last_name: str,
    bowstyle: str,
    draw_weight_lb: float,
    date_of_birth: date | None,
    gender: str | None,
) -> asyncpg.Record | None:
    """Overwrite an archer's profile; raises ``UniqueViolationError`` when the email is taken."""
    return await conn.fetchrow(
        f"""UPDATE archer SET email = $2, first_name = $3, last_name = $4, bowstyle = $5,
                draw_weight_lb = $6, date_of_birth = $7, gender = $8, updated_at = now()
            WHERE id = $1
            RETURNING {_COLUMNS}""",
        archer_id,
        email,
        first_name,
        last_name,
        bowstyle,
        draw_weight_lb,
        date_of_birth,
        gender,
    )


async def delete_archer(conn: Connection, archer_id: UUID) -> bool:
    """Delete an archer; everything it owns goes with it (ON DELETE CASCADE)."""
    status = await conn.execute("DELETE FROM archer WHERE id = $1", archer_id)
    return status == "DELETE 1"
