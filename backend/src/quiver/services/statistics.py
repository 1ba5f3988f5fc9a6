"""Live statistics and rankings; PostgreSQL computes them and renders the JSON."""

from uuid import UUID

from quiver.core.db import Connection
from quiver.core.errors import NotFoundError
from quiver.core.security import Principal
from quiver.models import statistics as statistics_model


async def slot_statistics(conn: Connection, principal: Principal, slot_id: UUID) -> bytes:
    """The contract's SlotStatistics of a slot the caller may see."""
    rendered = await statistics_model.select_slot_statistics(conn, slot_id, principal.archer_id)
    if rendered is None:
        raise NotFoundError("slot_not_found", "The slot does not exist.")
    return rendered.encode()


async def leaderboard(conn: Connection, principal: Principal, session_id: UUID) -> bytes:
    """The contract's Leaderboard of a session the caller may see."""
    rendered = await statistics_model.select_leaderboard(conn, session_id, principal.archer_id)
    if rendered is None:
        raise NotFoundError("session_not_found", "The session does not exist.")
    return rendered.encode()
