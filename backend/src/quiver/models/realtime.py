"""SQL of the live channel: its tickets (table ``ws_ticket``) and its notifications."""

from collections.abc import Collection, Sequence
from datetime import datetime
from enum import StrEnum
from uuid import UUID

import asyncpg

from quiver.core.db import Connection

# The PostgreSQL broker's NOTIFY channel.
CHANNEL = "quiver_live"

# The payload of a live notification: ids only, far below PostgreSQL's 8000-byte limit.
# Statements that announce their own writes fill it in from their own columns.
NOTIFY_PAYLOAD = """json_build_object('type', {type}, 'session_id', {session_id},
    'slot_id', {slot_id}, 'shot_ids', {shot_ids}, 'event_id', {event_id})::text"""


class Announcement(StrEnum):
    """How a write announces its change inside its own transaction (the broker's choice).

    Either way the announcement exists only if the transaction commits.
    """

    # pg_notify on ``CHANNEL``: PostgreSQL delivers it at commit, in commit order.
    NOTIFY = "notify"
    # A row of the transactional outbox, published by a relay after commit.
    OUTBOX = "outbox"


# One announcement per row of ``{source}`` (a FROM list), with ``{payload}`` (a
# ``NOTIFY_PAYLOAD`` over its columns); each is a statement, or the body of a WITH query.
_ANNOUNCE_EACH = {
    Announcement.NOTIFY: f"SELECT pg_notify('{CHANNEL}', {{payload}}) FROM {{source}}",
    # live_outbox_announce (migration 0014) numbers each in its session under a row lock;
    # sessions in id order, so that two writes of several sessions never wait in a cycle.
    Announcement.OUTBOX: """SELECT live_outbox_announce(announced.payload) FROM (
            SELECT {payload} AS payload FROM {source}) AS announced
        ORDER BY announced.payload::json ->> 'session_id'""",
}


def announce_each(announcement: Announcement, *, payload: str, source: str) -> str:
    """SQL announcing one change per row of ``source``, as ``announcement`` says."""
    return _ANNOUNCE_EACH[announcement].format(payload=payload, source=source)


_ANNOUNCE_ONE = {
    announcement: announce_each(
        announcement,
        payload=NOTIFY_PAYLOAD.format(
            type="$1::text",
            session_id="coalesce($2::uuid, (SELECT session_id FROM slot WHERE id = $3::uuid))",
            slot_id="$3::uuid",
            shot_ids="$4::uuid[]",
            event_id="$5::uuid",
        ),
        source="(VALUES (1)) AS one (n)",
    )
    for announcement in Announcement
}


async def announce(
    conn: Connection,
    announcement: Announcement,
    event_type: str,
    session_id: UUID | None,
    slot_id: UUID | None,
    shot_ids: Sequence[UUID],
    event_id: UUID,
) -> None:
    """Announce the ids of a change, to be delivered when the transaction commits.

    A None ``session_id`` is read from the slot.
    """
    await conn.execute(
        _ANNOUNCE_ONE[announcement], event_type, session_id, slot_id, shot_ids, event_id
    )


async def insert_ws_ticket(
    conn: Connection, ticket_hash: bytes, token_id: UUID, session_id: UUID, expires_at: datetime
) -> datetime:
    """Store a ticket's digest, purging expired tickets; returns its expiry."""
    stored: datetime = await conn.fetchval(
        """WITH purged AS (DELETE FROM ws_ticket WHERE expires_at < now())
           INSERT INTO ws_ticket (ticket_hash, token_id, session_id, expires_at)
           VALUES ($1, $2, $3, $4)
           RETURNING expires_at""",
        ticket_hash,
        token_id,
        session_id,
        expires_at,
    )
    return stored


async def delete_ws_ticket(conn: Connection, ticket_hash: bytes) -> asyncpg.Record | None:
    """Use up a ticket: delete it and return its archer, session, the session's owner and the
    ticket's token.

    None when no unexpired ticket with this digest exists, or its token was revoked or
    expired since.
    """
    return await conn.fetchrow(
        """DELETE FROM ws_ticket t
           USING archer_token tok, practice_session ps
           WHERE t.ticket_hash = $1 AND tok.id = t.token_id AND ps.id = t.session_id
             AND t.expires_at > now() AND tok.revoked_at IS NULL AND tok.expires_at > now()
           RETURNING tok.archer_id, t.session_id, ps.owner_archer_id, t.token_id""",
        ticket_hash,
    )


async def select_valid_token_ids(conn: Connection, token_ids: Collection[UUID]) -> list[UUID]:
    """Those of ``token_ids`` that are neither revoked nor expired (nor deleted)."""
    rows = await conn.fetch(
        """SELECT id FROM archer_token
           WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL AND expires_at > now()""",
        list(token_ids),
    )
    return [row["id"] for row in rows]
