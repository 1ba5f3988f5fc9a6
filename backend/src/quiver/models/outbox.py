"""SQL of the live channel's transactional outbox (tables ``live_outbox`` and
``live_sequence``, migration 0014): what the relay publishes, what subscribers read back.

Writers fill it through ``models.realtime`` (``Announcement.OUTBOX``).
"""

from collections.abc import Collection, Sequence
from uuid import UUID

import asyncpg

from quiver.core.db import Connection

# A row as published: its payload with its seq (the payload's keys stay those of NOTIFY).
_MESSAGE = "(o.payload::jsonb || jsonb_build_object('seq', o.seq))::text"


def _deleted(status: str) -> int:
    return int(status.split()[-1])


async def try_lock_relay(conn: Connection, lock_key: int) -> bool:
    """Take the session-level advisory lock that makes this connection's process the relay."""
    locked: bool = await conn.fetchval("SELECT pg_try_advisory_lock($1)", lock_key)
    return locked


async def select_unpublished(conn: Connection, limit: int) -> list[asyncpg.Record]:
    """Up to ``limit`` committed rows not yet published (session id, seq, message), each
    session's in seq order: each session's are the oldest of its unpublished ones."""
    return await conn.fetch(
        f"""SELECT o.session_id, o.seq, {_MESSAGE} AS message FROM live_outbox o
            WHERE o.published_at IS NULL
            ORDER BY o.session_id, o.seq
            LIMIT $1""",
        limit,
    )


async def update_published(
    conn: Connection, session_ids: Sequence[UUID], last_seqs: Sequence[int]
) -> int:
    """Mark each session's rows published up to its last seq; returns the rows marked."""
    return _deleted(
        await conn.execute(
            """UPDATE live_outbox o SET published_at = now()
               FROM unnest($1::uuid[], $2::bigint[]) AS p (session_id, last_seq)
               WHERE o.session_id = p.session_id AND o.seq <= p.last_seq
                   AND o.published_at IS NULL""",
            session_ids,
            last_seqs,
        )
    )


async def select_messages_after(
    conn: Connection, session_id: UUID, after_seq: int, limit: int
) -> list[asyncpg.Record]:
    """A session's rows (seq, message) after ``after_seq``, published or not, in seq order."""
    return await conn.fetch(
        f"""SELECT o.seq, {_MESSAGE} AS message FROM live_outbox o
            WHERE o.session_id = $1 AND o.seq > $2
            ORDER BY o.seq
            LIMIT $3""",
        session_id,
        after_seq,
        limit,
    )


async def select_last_seqs(conn: Connection, session_ids: Collection[UUID]) -> dict[UUID, int]:
    """The last seq announced (and committed) of each of these sessions that announced any."""
    rows = await conn.fetch(
        "SELECT session_id, last_seq FROM live_sequence WHERE session_id = ANY($1::uuid[])",
        list(session_ids),
    )
    return {row["session_id"]: row["last_seq"] for row in rows}


async def delete_published_before(conn: Connection, seconds: float, batch: int) -> int:
    """Forget one batch of rows published more than ``seconds`` ago."""
    return _deleted(
        await conn.execute(
            """DELETE FROM live_outbox WHERE ctid IN (
                   SELECT ctid FROM live_outbox
                   WHERE published_at < now() - make_interval(secs => $1)
                   ORDER BY published_at LIMIT $2)""",
            seconds,
            batch,
        )
    )


async def delete_ended_sequences(conn: Connection, batch: int) -> int:
    """Forget one batch of counters of deleted sessions that have no row left."""
    return _deleted(
        await conn.execute(
            """DELETE FROM live_sequence q WHERE q.session_id IN (
                   SELECT q2.session_id FROM live_sequence q2
                   WHERE NOT EXISTS (SELECT 1 FROM practice_session ps
                                     WHERE ps.id = q2.session_id)
                       AND NOT EXISTS (SELECT 1 FROM live_outbox o
                                       WHERE o.session_id = q2.session_id)
                   LIMIT $1)""",
            batch,
        )
    )
