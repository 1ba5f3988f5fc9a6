"""SQL for the ``archer_identity`` table: archers' identities at sign-in providers."""

from uuid import UUID

import asyncpg

from quiver.core.db import Executor


async def select_identity(db: Executor, provider: str, subject: str) -> asyncpg.Record | None:
    """The archer linked to a provider's subject."""
    return await db.fetchrow(
        "SELECT archer_id FROM archer_identity WHERE provider = $1 AND subject = $2",
        provider,
        subject,
    )


async def insert_identity(
    db: Executor, provider: str, subject: str, archer_id: UUID
) -> asyncpg.Record:
    """Link a provider's subject to an archer; ``UniqueViolationError`` when it is linked."""
    row = await db.fetchrow(
        """INSERT INTO archer_identity (provider, subject, archer_id) VALUES ($1, $2, $3)
           RETURNING provider, subject, archer_id, created_at""",
        provider,
        subject,
        archer_id,
    )
    assert row is not None
    return row
