"""The transactional outbox (migration 0014, models/outbox.py, services/live/outbox_relay.py):
per-session numbering in commit order, what the relay publishes and when it marks it, the
relay's single leader, and the purge."""

import asyncio
from collections.abc import AsyncIterator
from uuid import UUID, uuid4

import asyncpg
import orjson
import pytest

from quiver.core.db import Connection, Pool
from quiver.models import outbox as outbox_model
from quiver.models import realtime as realtime_model
from quiver.models.realtime import NOTIFY_PAYLOAD, Announcement
from quiver.services.live.outbox_relay import LOCK_KEY, BrokerUnavailable, OutboxRelay, Rows, purge


async def _announce(
    conn: Connection, session_id: UUID, event_type: str = "session.updated"
) -> UUID:
    event_id = uuid4()
    await realtime_model.announce(
        conn, Announcement.OUTBOX, event_type, session_id, None, [], event_id
    )
    return event_id


async def _rows(pool: Pool) -> list[asyncpg.Record]:
    async with pool.acquire() as conn:
        return await conn.fetch(
            "SELECT session_id, seq, payload, published_at FROM live_outbox ORDER BY session_id, seq"
        )


@pytest.fixture
async def held(pool: Pool) -> AsyncIterator[Connection]:
    """A second connection, for a transaction the test keeps open."""
    async with pool.acquire() as conn:
        yield conn


async def _waiting_for_lock(pool: Pool, pid: int) -> bool:
    async with pool.acquire() as conn:
        waiting: bool = await conn.fetchval(
            "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = $1", pid
        )
        return waiting


async def test_a_session_numbers_its_announcements_from_one_in_commit_order(pool: Pool) -> None:
    session_id, other = uuid4(), uuid4()
    async with pool.acquire() as conn:
        first = [await _in_transaction(conn, session_id) for _ in range(3)]
        await _in_transaction(conn, other)
    rows = await _rows(pool)
    seqs = {(row["session_id"], row["seq"]) for row in rows}
    assert seqs == {(session_id, 1), (session_id, 2), (session_id, 3), (other, 1)}
    payloads = [orjson.loads(row["payload"]) for row in rows if row["session_id"] == session_id]
    assert [UUID(payload["event_id"]) for payload in payloads] == first
    assert all(row["published_at"] is None for row in rows)


async def _in_transaction(conn: Connection, session_id: UUID) -> UUID:
    async with conn.transaction():
        return await _announce(conn, session_id)


async def test_the_next_writer_of_a_session_waits_for_the_commit_and_others_do_not(
    pool: Pool, held: Connection
) -> None:
    session_id, other = uuid4(), uuid4()
    transaction = held.transaction()
    await transaction.start()
    await _announce(held, session_id)
    async with pool.acquire() as second, pool.acquire() as third:
        # Another session is numbered at once, while the first transaction is open.
        await _in_transaction(third, other)
        waiting = asyncio.create_task(_in_transaction(second, session_id))
        while not await _waiting_for_lock(pool, second.get_server_pid()):
            assert not waiting.done(), "the second writer must wait for the first's commit"
            await asyncio.sleep(0.01)
        await transaction.commit()
        await waiting
    seqs = [(row["session_id"], row["seq"]) for row in await _rows(pool)]
    assert sorted(seqs) == sorted([(session_id, 1), (session_id, 2), (other, 1)])


async def test_a_rolled_back_announcement_leaves_no_gap(pool: Pool) -> None:
    session_id = uuid4()
    async with pool.acquire() as conn:
        transaction = conn.transaction()
        await transaction.start()
        await _announce(conn, session_id)
        await transaction.rollback()
        await _in_transaction(conn, session_id)
    assert [row["seq"] for row in await _rows(pool)] == [1]


async def test_concurrent_writers_get_gap_free_numbers_in_commit_order(pool: Pool) -> None:
    session_id = uuid4()
    commits: list[UUID] = []

    async def write() -> None:
        async with pool.acquire() as conn:
            async with conn.transaction():
                event_id = await _announce(conn, session_id)
                await asyncio.sleep(0.001)
                # Still holding the session's number: no other writer can commit in between.
                commits.append(event_id)

    await asyncio.gather(*(write() for _ in range(12)))
    rows = await _rows(pool)
    assert [row["seq"] for row in rows] == list(range(1, 13))
    assert [UUID(orjson.loads(row["payload"])["event_id"]) for row in rows] == commits


async def test_one_statement_numbers_the_rows_of_each_session_separately(pool: Pool) -> None:
    first, second = sorted([uuid4(), uuid4()])
    payload = NOTIFY_PAYLOAD.format(
        type="'shot.created'",
        session_id="w.session_id",
        slot_id="NULL::uuid",
        shot_ids="'{}'::uuid[]",
        event_id="gen_random_uuid()",
    )
    statement = realtime_model.announce_each(
        Announcement.OUTBOX,
        payload=payload,
        source="(VALUES ($1::uuid), ($2::uuid), ($1::uuid)) AS w (session_id)",
    )
    async with pool.acquire() as conn:
        numbered = await conn.fetch(statement, second, first)
    assert sorted(row[0] for row in numbered) == [1, 1, 2]
    seqs = [(row["session_id"], row["seq"]) for row in await _rows(pool)]
    assert seqs == [(first, 1), (second, 1), (second, 2)]


async def test_a_payload_without_a_session_announces_nothing(pool: Pool) -> None:
    async with pool.acquire() as conn:
        async with conn.transaction():
            await realtime_model.announce(
                conn, Announcement.OUTBOX, "shot.deleted", None, uuid4(), [], uuid4()
            )
    assert await _rows(pool) == []


class _Sink:
    """The relay's broker: records what it is sent, or fails while ``down``."""

    def __init__(self) -> None:
        self.sent: list[tuple[UUID, int, dict[str, object]]] = []
        self.down = False

    async def send(self, rows: Rows) -> None:
        if self.down:
            raise BrokerUnavailable("down")
        self.sent.extend(
            (session_id, seq, orjson.loads(message)) for session_id, seq, message in rows
        )


def _relay(sink: _Sink) -> OutboxRelay:
    return OutboxRelay("unused", sink.send, poll_seconds=0.05, retention_seconds=60)


async def test_the_relay_publishes_committed_rows_in_seq_order_then_marks_them(
    pool: Pool, held: Connection
) -> None:
    session_id, other = uuid4(), uuid4()
    sink = _Sink()
    relay = _relay(sink)
    async with pool.acquire() as conn:
        events = [await _in_transaction(conn, session_id) for _ in range(3)]
        await _in_transaction(conn, other)
        # Not committed: not published.
        transaction = held.transaction()
        await transaction.start()
        await _announce(held, uuid4())
        assert await relay.relay(conn) == 4
        await transaction.rollback()
        mine = [
            (seq, UUID(str(body["event_id"]))) for sid, seq, body in sink.sent if sid == session_id
        ]
        assert mine == list(zip([1, 2, 3], events))
        assert all(body["seq"] == seq for _, seq, body in sink.sent)
        assert all(row["published_at"] is not None for row in await _rows(pool))
        # Published once.
        assert await relay.relay(conn) == 0
        assert len(sink.sent) == 4


async def test_rows_the_broker_did_not_take_are_published_on_the_next_round(pool: Pool) -> None:
    session_id = uuid4()
    sink = _Sink()
    relay = _relay(sink)
    async with pool.acquire() as conn:
        await _in_transaction(conn, session_id)
        sink.down = True
        with pytest.raises(BrokerUnavailable):
            await relay.relay(conn)
        assert all(row["published_at"] is None for row in await _rows(pool))
        await _in_transaction(conn, session_id)
        sink.down = False
        assert await relay.relay(conn) == 2
    assert [seq for _, seq, _ in sink.sent] == [1, 2]


async def test_messages_after_a_seq_are_read_back_published_or_not(pool: Pool) -> None:
    session_id = uuid4()
    sink = _Sink()
    async with pool.acquire() as conn:
        for _ in range(2):
            await _in_transaction(conn, session_id)
        await _relay(sink).relay(conn)
        await _in_transaction(conn, session_id)
        rows = await outbox_model.select_messages_after(conn, session_id, 1, 10)
        assert [row["seq"] for row in rows] == [2, 3]
        assert [orjson.loads(row["message"])["seq"] for row in rows] == [2, 3]
        assert await outbox_model.select_last_seqs(conn, [session_id, uuid4()]) == {session_id: 3}


async def test_one_relay_leads_at_a_time_and_another_takes_over_when_it_goes(
    database_url: str, pool: Pool
) -> None:
    del pool  # Migrated.
    first = await asyncpg.connect(database_url)
    second = await asyncpg.connect(database_url)
    try:
        assert await outbox_model.try_lock_relay(first, LOCK_KEY)
        assert not await outbox_model.try_lock_relay(second, LOCK_KEY)
        await first.close()
        assert await outbox_model.try_lock_relay(second, LOCK_KEY)
    finally:
        await first.close()
        await second.close()


async def test_the_purge_deletes_published_rows_past_the_retention_only(pool: Pool) -> None:
    old, recent, pending = uuid4(), uuid4(), uuid4()
    async with pool.acquire() as conn:
        for session_id in (old, recent, pending):
            await _in_transaction(conn, session_id)
        await conn.execute(
            """UPDATE live_outbox SET published_at = now() - interval '2 minutes',
                   created_at = now() - interval '2 minutes' WHERE session_id = $1""",
            old,
        )
        await conn.execute(
            "UPDATE live_outbox SET published_at = now() WHERE session_id = $1", recent
        )
        await conn.execute(
            "UPDATE live_outbox SET created_at = now() - interval '1 day' WHERE session_id = $1",
            pending,
        )
        # The old row, then its counter (no such session, no row left).
        assert await purge(conn, 60) == 2
    assert {row["session_id"] for row in await _rows(pool)} == {recent, pending}


async def test_the_purge_forgets_counters_of_deleted_sessions_once_their_rows_are_gone(
    pool: Pool,
) -> None:
    gone = uuid4()
    async with pool.acquire() as conn:
        await _in_transaction(conn, gone)
        assert await purge(conn, 60) == 0, "its row is kept: so is its counter"
        await conn.execute("DELETE FROM live_outbox")
        assert await purge(conn, 60) == 1
        assert await outbox_model.select_last_seqs(conn, [gone]) == {}
