"""Practice sessions: creation, the caller's list, changes, closing and deletion.

Visibility rule: the owner and the archers who have (or had) a slot in a session see it;
to anyone else it does not exist (404, never 403). Only the owner may change or delete it.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import asyncpg

from quiver.core.conditional import EntityTags
from quiver.core.db import Connection
from quiver.core.errors import ApiError, NotFoundError, UnprocessableError
from quiver.core.pagination import decode_cursor, encode_cursor
from quiver.models import session as session_model
from quiver.schemas.api import Session, SessionCreate, SessionPage, SessionUpdate
from quiver.services.live.broker import Broker, EventType, publish


@dataclass(frozen=True, slots=True)
class SessionFilters:
    """The filters of a session list; a cursor is only valid with the filters it was made for."""

    is_opened: bool | None = None
    start_from: datetime | None = None
    start_to: datetime | None = None

    def fingerprint(self) -> dict[str, Any]:
        """The filters as the cursor binds them: instants in UTC, however they were written."""

        def instant(value: datetime | None) -> str | None:
            return None if value is None else value.astimezone(UTC).isoformat()

        return {
            "is_opened": self.is_opened,
            "start_from": instant(self.start_from),
            "start_to": instant(self.start_to),
        }


def session_cursor(start_time: datetime, session_id: UUID, filters: SessionFilters) -> str:
    """The cursor of the page after the session (start_time, session_id)."""
    position = {"start_time": start_time.isoformat(), "id": str(session_id)}
    return encode_cursor(position, filters.fingerprint())


def session_cursor_position(cursor: str, filters: SessionFilters) -> tuple[datetime, UUID]:
    """The (start_time, id) a cursor resumes after.

    Raises:
        UnprocessableError: ``invalid_cursor`` if the cursor is garbled or was made for other
            filters.
    """
    position = decode_cursor(cursor, filters.fingerprint())
    try:
        start_time = datetime.fromisoformat(position["start_time"])
        session_id = UUID(position["id"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _invalid_cursor() from exc
    if start_time.tzinfo is None:
        raise _invalid_cursor()
    return start_time, session_id


def _invalid_cursor() -> UnprocessableError:
    return UnprocessableError(
        "invalid_cursor", "The cursor is not one this listing returned.", pointer="#/query/cursor"
    )


def _to_session(row: asyncpg.Record) -> Session:
    return Session.model_validate(dict(row))


def _session_not_found() -> NotFoundError:
    return NotFoundError("session_not_found", "The session does not exist.")


def _require_owner(row: asyncpg.Record, archer_id: UUID) -> None:
    if row["owner_archer_id"] != archer_id:
        raise ApiError(
            HTTPStatus.FORBIDDEN, "not_session_owner", "Only the session's owner may do this."
        )


async def create_session(conn: Connection, owner_id: UUID, payload: SessionCreate) -> Session:
    """Create a session owned by the caller; a closed one is stamped closed now."""
    row = await session_model.insert_session(
        conn,
        owner_archer_id=owner_id,
        is_opened=payload.is_opened,
        start_time=payload.start_time,
        location=payload.location,
        is_indoor=payload.is_indoor,
        distance=payload.distance,
    )
    return _to_session(row)


async def list_sessions(
    conn: Connection, archer_id: UUID, filters: SessionFilters, *, limit: int, cursor: str | None
) -> SessionPage:
    """One page of the sessions the caller owns or has joined, newest start first."""
    after = session_cursor_position(cursor, filters) if cursor is not None else None
    # One row more than the page tells whether another page follows.
    rows = await session_model.select_sessions_page(
        conn,
        archer_id,
        is_opened=filters.is_opened,
        start_from=filters.start_from,
        start_to=filters.start_to,
        after=after,
        limit=limit + 1,
    )
    items = [_to_session(row) for row in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        last = items[-1]
        next_cursor = session_cursor(last.start_time, last.id, filters)
    return SessionPage(items=items, next_cursor=next_cursor)


async def get_session(conn: Connection, archer_id: UUID, session_id: UUID) -> Session:
    """One session the caller may see."""
    row = await session_model.select_visible_session(conn, session_id, archer_id)
    if row is None:
        raise _session_not_found()
    return _to_session(row)


async def update_session(  # pylint: disable=too-many-arguments
    conn: Connection,
    broker: Broker,
    archer_id: UUID,
    session_id: UUID,
    changes: SessionUpdate,
    *,
    if_match: EntityTags | None = None,
) -> Session:
    """Apply the fields present in ``changes``; owner only, if ``if_match`` holds."""
    async with conn.transaction():
        row = await _locked_own_session(conn, archer_id, session_id, if_match)
        fields: dict[str, Any] = dict(row)
        fields.update(changes.model_dump(exclude_unset=True))
        updated = await session_model.update_session(
            conn,
            session_id,
            is_opened=fields["is_opened"],
            start_time=fields["start_time"],
            location=fields["location"],
            is_indoor=fields["is_indoor"],
            distance=fields["distance"],
        )
        closing = row["is_opened"] and not fields["is_opened"]
        event = EventType.SESSION_CLOSED if closing else EventType.SESSION_UPDATED
        await publish(conn, broker, session_id, event)
    assert updated is not None
    return _to_session(updated)


async def delete_session(
    conn: Connection,
    broker: Broker,
    archer_id: UUID,
    session_id: UUID,
    *,
    if_match: EntityTags | None = None,
) -> None:
    """Delete a session with its slots and shots; owner only, if ``if_match`` holds."""
    async with conn.transaction():
        await _locked_own_session(conn, archer_id, session_id, if_match)
        await session_model.delete_session(conn, session_id)
        await publish(conn, broker, session_id, EventType.SESSION_DELETED)


async def _locked_own_session(
    conn: Connection, archer_id: UUID, session_id: UUID, if_match: EntityTags | None
) -> asyncpg.Record:
    """The caller's own session, locked until the transaction ends, after checking
    ``if_match``."""
    row = await session_model.select_visible_session_for_update(conn, session_id, archer_id)
    if row is None:
        raise _session_not_found()
    _require_owner(row, archer_id)
    if if_match is not None:
        if_match.require(_to_session(row))
    return row
