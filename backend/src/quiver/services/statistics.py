"""Live statistics and rankings, read from running aggregates; PostgreSQL renders the JSON.

Each is one statement that also authenticates the caller and checks visibility.
"""

from uuid import UUID

import asyncpg

from quiver.core.db import Executor
from quiver.core.errors import NotFoundError, UnauthorizedError
from quiver.models import statistics as statistics_model
from quiver.services.auth import INVALID_TOKEN


def _visible_body(row: asyncpg.Record | None, not_found: NotFoundError) -> tuple[UUID, bytes]:
    if row is None:
        raise UnauthorizedError(INVALID_TOKEN)
    if row["body"] is None:
        raise not_found
    body: str = row["body"]
    return row["archer_id"], body.encode()


async def slot_statistics(db: Executor, token_hash: bytes, slot_id: UUID) -> tuple[UUID, bytes]:
    """The caller and the contract's SlotStatistics of a slot they may see."""
    row = await statistics_model.select_slot_statistics_for_token(db, slot_id, token_hash)
    return _visible_body(row, NotFoundError("slot_not_found", "The slot does not exist."))


async def leaderboard(db: Executor, token_hash: bytes, session_id: UUID) -> tuple[UUID, bytes]:
    """The caller and the contract's Leaderboard of a session they may see."""
    row = await statistics_model.select_leaderboard_for_token(db, session_id, token_hash)
    return _visible_body(row, NotFoundError("session_not_found", "The session does not exist."))
