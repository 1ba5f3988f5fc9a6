"""The NATS broker (``QUIVER_BROKER_URL=nats://...``): writers announce into the transactional
outbox (``Announcement.OUTBOX``), a relay publishes committed announcements to NATS
(``outbox_relay``), and each process subscribes to the sessions its viewers watch.

Subjects: ``quiver.live.<session id>``, one per session, subscribed while the process has
viewers of it, so a process receives only what it shows (a wildcard would hand every process
every session's changes, as NOTIFY does). Core NATS, no JetStream: the outbox is the log.

Each message carries its session's seq (gap-free, in commit order). A session's messages are
handled one at a time, in arrival order: one already delivered (seq not above the last) is
dropped; one past a gap first has the missing ones read back from the outbox and delivered in
order. After a reconnection to NATS, each watched session reads back whatever it missed. Only
what the outbox no longer holds (older than its retention) turns into a resync.

A write wakes the relay once its transaction has ended (``announced``): in-process when this
process leads, else with an empty message on ``WAKE_SUBJECT``, to which the leader subscribes.
"""

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias, cast
from uuid import UUID

import asyncpg
import nats
import orjson
from asyncpg.pool import PoolAcquireContext
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.aio.subscription import Subscription
from nats.errors import Error as NatsError

from quiver.core.db import Connection
from quiver.core.logger import LoggerFactory
from quiver.models import outbox as outbox_model
from quiver.models.realtime import Announcement
from quiver.services.live.broker import Notification, Subscriber
from quiver.services.live.outbox_relay import DATABASE_ERRORS, BrokerUnavailable, OutboxRelay, Rows

logger = LoggerFactory().get_logger(__name__)

SUBJECT_PREFIX = "quiver.live."
WAKE_SUBJECT = "quiver.outbox.wake"
# Messages read back from the outbox per query when filling a gap.
_CATCH_UP_BATCH = 1000
# How long the broker may take to confirm a batch of the relay (a PING round trip).
_FLUSH_TIMEOUT_SECONDS = 2
# The longest a write's transaction is waited for before the relay is woken anyway.
_COMMIT_WAIT_SECONDS = 30.0
# The longest wait for a connection of the broker's own to read the outbox.
_READ_TIMEOUT_SECONDS = 5.0
_NATS_ERRORS = (NatsError, OSError, TimeoutError)

if TYPE_CHECKING:
    ReaderPool: TypeAlias = asyncpg.Pool[asyncpg.Record]
else:
    ReaderPool = asyncpg.Pool


def subject(session_id: UUID) -> str:
    """The NATS subject of a session's changes."""
    return f"{SUBJECT_PREFIX}{session_id}"


@dataclass(slots=True)
class _Stream:
    """What this process follows of one session: its subscription and the last seq delivered
    (None until the first message or the read of its counter)."""

    subscription: Subscription
    last: int | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


# The broker keeps its connections, relay and streams together, hence the attribute count.
class NatsBroker:  # pylint: disable=too-many-instance-attributes
    """The live channel's broker over NATS, fed from the transactional outbox."""

    announcement = Announcement.OUTBOX

    # Keyword-only settings: each says what it is at the call site.
    def __init__(
        self,
        servers: str,
        dsn: str,
        *,
        poll_seconds: float,
        retention_seconds: float,
        reconnect_seconds: float,
    ) -> None:
        self._servers = [server.strip() for server in servers.split(",") if server.strip()]
        self._dsn = dsn
        # Reads of the outbox (counters, missed messages): rare, and never behind the
        # request pool. Opened by ``start``.
        self._readers: ReaderPool | None = None
        self._reconnect = reconnect_seconds
        self._subscriber: Subscriber | None = None
        self._nc: Client | None = None
        self._streams: dict[UUID, _Stream] = {}
        self._follow_lock = asyncio.Lock()
        self._wake_subscription: Subscription | None = None
        self._wake_pending = False
        self._tasks: set[asyncio.Task[None]] = set()
        self.relay = OutboxRelay(
            dsn,
            self._send,
            poll_seconds=poll_seconds,
            retention_seconds=retention_seconds,
            on_lead=self._on_lead,
        )
        self.caught_up = 0
        self.resyncs = 0

    @property
    def connected(self) -> bool:
        """Whether the NATS connection is up."""
        return self._nc is not None and self._nc.is_connected

    async def start(self, subscriber: Subscriber) -> None:
        """Connect to NATS (failing the start-up if no server answers) and start the relay."""
        self._subscriber = subscriber
        self._readers = await asyncpg.create_pool(self._dsn, min_size=1, max_size=2)
        self._nc = await nats.connect(
            self._servers,
            name="quiver",
            allow_reconnect=True,
            max_reconnect_attempts=-1,
            # Annotated as int, but only ever slept for: a fraction of a second works.
            reconnect_time_wait=cast(int, self._reconnect),
            connect_timeout=2,
            error_cb=self._on_error,
            disconnected_cb=self._on_disconnected,
            reconnected_cb=self._on_reconnected,
        )
        self.relay.start()

    async def stop(self) -> None:
        """Stop the relay, then close the NATS connection; safe to call twice."""
        await self.relay.stop()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        nc, self._nc = self._nc, None
        if nc is not None and not nc.is_closed:
            with contextlib.suppress(*_NATS_ERRORS):
                await nc.close()
        self._streams.clear()
        readers, self._readers = self._readers, None
        if readers is not None:
            await readers.close()

    # --- writers -------------------------------------------------------------------------------

    def announced(self, conn: Connection | None) -> None:
        """A write announced changes on ``conn`` (None: on the pool, so already committed):
        wake the relay once its transaction has ended."""
        if conn is not None and _in_transaction(conn):
            self._spawn(self._wake_after_commit(conn))
        else:
            self._wake_relay()

    async def _wake_after_commit(self, conn: Connection) -> None:
        # asyncpg has no commit hook; the transaction ends a few milliseconds later.
        loop = asyncio.get_running_loop()
        deadline = loop.time() + _COMMIT_WAIT_SECONDS
        pause = 0.0005
        while _in_transaction(conn) and loop.time() < deadline:
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.05)
        self._wake_relay()

    def _wake_relay(self) -> None:
        if self.relay.leading:
            self.relay.wake()
        elif not self._wake_pending and self.connected:
            # Writes in a burst share one message.
            self._wake_pending = True
            self._spawn(self._send_wake())

    async def _send_wake(self) -> None:
        self._wake_pending = False
        if self._nc is not None:
            with contextlib.suppress(*_NATS_ERRORS):
                await self._nc.publish(WAKE_SUBJECT, b"")

    async def _on_lead(self, leading: bool) -> None:
        nc = self._nc
        if nc is None:
            return
        with contextlib.suppress(*_NATS_ERRORS):
            if leading and self._wake_subscription is None:
                self._wake_subscription = await nc.subscribe(WAKE_SUBJECT, cb=self._on_wake)
            elif not leading and self._wake_subscription is not None:
                subscription, self._wake_subscription = self._wake_subscription, None
                await subscription.unsubscribe()

    async def _on_wake(self, _msg: Msg) -> None:
        self.relay.wake()

    async def _send(self, rows: Rows) -> None:
        """Publish a batch of the relay, returning once the server has all of it."""
        nc = self._nc
        if nc is None or not nc.is_connected:
            raise BrokerUnavailable("not connected to NATS")
        try:
            for session_id, _seq, message in rows:
                await nc.publish(subject(session_id), message.encode())
            await nc.flush(timeout=_FLUSH_TIMEOUT_SECONDS)
        except _NATS_ERRORS as exc:
            raise BrokerUnavailable(str(exc) or type(exc).__name__) from exc

    # --- subscribers -----------------------------------------------------------------------------

    async def follow(self) -> None:
        """Subscribe to the sessions that gained viewers, unsubscribe from those that lost
        them. A new session's subscription is confirmed by the server, then its counter read:
        everything committed after that is delivered, everything before is in the snapshot."""
        nc = self._nc
        if nc is None or self._subscriber is None:
            return
        async with self._follow_lock:
            watched = set(self._subscriber.watched())
            for session_id in set(self._streams) - watched:
                stream = self._streams.pop(session_id)
                with contextlib.suppress(*_NATS_ERRORS):
                    await stream.subscription.unsubscribe()
            added = watched - set(self._streams)
            if not added:
                return
            for session_id in added:
                self._streams[session_id] = _Stream(
                    await nc.subscribe(subject(session_id), cb=self._on_message)
                )
            with contextlib.suppress(*_NATS_ERRORS):
                await nc.flush(timeout=_FLUSH_TIMEOUT_SECONDS)
            try:
                async with self._reader() as conn:
                    last_seqs = await outbox_model.select_last_seqs(conn, added)
            except DATABASE_ERRORS as exc:
                # The first message then starts the stream.
                logger.warning("could not read the live sequence of new sessions: %s", exc)
                return
            for session_id in added:
                if (new := self._streams.get(session_id)) is not None and new.last is None:
                    new.last = last_seqs.get(session_id, 0)

    async def _on_message(self, msg: Msg) -> None:
        try:
            fields: Any = orjson.loads(msg.data)
            seq = int(fields["seq"])
            notification = Notification.parse(msg.data)
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            logger.exception("ignoring a malformed live message on %s", msg.subject)
            return
        stream = self._streams.get(notification.session_id)
        if stream is None:
            return  # No longer watched.
        async with stream.lock:
            if stream.last is None:
                stream.last = seq - 1
            if seq <= stream.last:
                return  # Delivered already (read back, or published twice).
            if seq > stream.last + 1 and not await self._catch_up(
                notification.session_id, stream, seq - 1
            ):
                stream.last = seq - 1
            self._deliver(notification)
            stream.last = seq

    async def _catch_up(self, session_id: UUID, stream: _Stream, upto: int | None) -> bool:
        """Deliver the session's messages after ``stream.last`` (up to ``upto``) from the
        outbox, in order; False (after a resync) when some are no longer there."""
        assert stream.last is not None
        expected = stream.last + 1
        try:
            async with self._reader() as conn:
                while upto is None or expected <= upto:
                    rows = await outbox_model.select_messages_after(
                        conn, session_id, expected - 1, _CATCH_UP_BATCH
                    )
                    rows = [row for row in rows if upto is None or row["seq"] <= upto]
                    if not rows:
                        break
                    for row in rows:
                        if row["seq"] != expected:
                            return self._lost(session_id, expected)
                        self._deliver(Notification.parse(row["message"]))
                        stream.last = expected
                        expected += 1
                        self.caught_up += 1
        except DATABASE_ERRORS as exc:
            logger.warning("could not read back missed live events: %s", exc)
            return self._lost(session_id, expected)
        if upto is not None and expected <= upto:
            return self._lost(session_id, expected)
        return True

    def _lost(self, session_id: UUID, seq: int) -> bool:
        logger.warning(
            "live events of session %s from seq %d are no longer in the outbox; resync",
            session_id,
            seq,
        )
        self.resyncs += 1
        if self._subscriber is not None:
            self._subscriber.resync()
        return False

    def _deliver(self, notification: Notification) -> None:
        if self._subscriber is not None:
            self._subscriber.deliver(notification)

    async def _catch_up_all(self) -> None:
        """After a reconnection: read back what each watched session missed meanwhile."""
        for session_id, stream in list(self._streams.items()):
            async with stream.lock:
                if self._streams.get(session_id) is not stream:
                    continue
                if stream.last is None:
                    # Nothing received yet, nothing to start from: the snapshot is.
                    self._lost(session_id, 1)
                    continue
                await self._catch_up(session_id, stream, None)

    # --- connection events -----------------------------------------------------------------------

    async def _on_error(self, exc: Exception) -> None:
        logger.warning("NATS: %s", exc or type(exc).__name__)

    async def _on_disconnected(self) -> None:
        logger.warning("NATS connection lost; reconnecting")

    async def _on_reconnected(self) -> None:
        logger.warning("NATS connection restored; reading back missed live events")
        self._spawn(self._catch_up_all())
        # Whatever the leader published during the outage is confirmed now or retried.
        self.relay.wake()

    def _reader(self) -> "PoolAcquireContext[asyncpg.Record]":
        if self._readers is None:
            raise asyncpg.InterfaceError("the NATS broker is not started")
        return self._readers.acquire(timeout=_READ_TIMEOUT_SECONDS)

    def _spawn(self, work: Any) -> None:
        task: asyncio.Task[None] = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def _in_transaction(conn: Connection) -> bool:
    try:
        return conn.is_in_transaction()
    except asyncpg.InterfaceError:
        return False  # Released to the pool: its transaction is over.
