"""The PostgreSQL broker (the default): NOTIFY in the writer's transaction, one dedicated
LISTEN connection per process.

PostgreSQL delivers a NOTIFY only if its transaction commits, and in commit order. Notifying
commits serialise on one lock, which bounds the commit rate of a single database: see
docs/scaling.md, and the NATS broker beyond it.
"""

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeAlias, TypeVar

import asyncpg

from quiver.core.db import Connection
from quiver.core.logger import LoggerFactory
from quiver.models.realtime import CHANNEL, Announcement
from quiver.services.live.broker import Notification, Subscriber

# asyncpg's classes are generic only in its stubs (as in core/db.py).
if TYPE_CHECKING:
    ListenerConnection: TypeAlias = asyncpg.Connection[asyncpg.Record]
else:
    ListenerConnection = asyncpg.Connection

T = TypeVar("T")
logger = LoggerFactory().get_logger(__name__)
DATABASE_ERRORS = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)
_CLOSE_TIMEOUT_SECONDS = 1.0


class PostgresBroker:
    """One dedicated LISTEN connection (never a pooled one), reconnected whenever it drops.

    Payloads of ``CHANNEL`` are parsed and handed to the subscriber as they arrive, in commit
    order; after a reconnection the subscriber resyncs, since whatever was announced meanwhile
    is lost. Nothing else runs on the connection but a periodic check that it is alive.

    It LISTENs only while the subscriber watches a session (see ``follow``): a process nobody
    watches would otherwise receive, and PostgreSQL send it, every change of every session.
    """

    announcement = Announcement.NOTIFY

    def __init__(self, dsn: str, *, keepalive_seconds: float, retry_seconds: float) -> None:
        self._dsn = dsn
        self._keepalive = keepalive_seconds
        self._retry = retry_seconds
        self._subscriber: Subscriber | None = None
        self._conn: ListenerConnection | None = None
        self._listening = False
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self.reconnects = 0

    @property
    def pid(self) -> int | None:
        """The server process id of the connection, while connected."""
        conn = self._conn
        return None if conn is None or conn.is_closed() else conn.get_server_pid()

    @property
    def connected(self) -> bool:
        """Whether the LISTEN connection is up."""
        return self.pid is not None

    async def start(self, subscriber: Subscriber) -> None:
        """Connect; failing to connect the first time fails the app's start-up."""
        self._subscriber = subscriber
        conn = await self._connect()
        self._task = asyncio.create_task(self._keep(conn), name="quiver-live-listener")

    async def follow(self) -> None:
        """LISTEN or UNLISTEN as the subscriber's sessions now say; once this returns after a
        viewer joined, every change committed from then on will be received."""
        async with self._lock:
            conn = self._conn
            if conn is None or conn.is_closed():
                return  # The reconnection applies ``watched()`` itself.
            await self._apply(conn)

    async def query(self, work: Callable[[ListenerConnection], Awaitable[T]]) -> T:
        """Run ``work`` on the listening connection, one caller at a time (tests inspect it).

        Raises:
            ConnectionError: While the connection is being re-established.
        """
        async with self._lock:
            conn = self._conn
            if conn is None or conn.is_closed():
                raise ConnectionError("the LISTEN connection is being re-established")
            return await work(conn)

    async def stop(self) -> None:
        """Stop listening and close the connection (after any ``follow`` on it)."""
        if self._task is not None:
            async with self._lock:
                self._task.cancel()
                await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    def announced(self, conn: Connection | None) -> None:
        """Nothing to do: PostgreSQL delivers a NOTIFY at commit."""

    async def _apply(self, conn: ListenerConnection) -> None:
        wanted = self._subscriber is not None and bool(self._subscriber.watched())
        if wanted and not self._listening:
            await conn.add_listener(CHANNEL, self._notified)
        elif self._listening and not wanted:
            await conn.remove_listener(CHANNEL, self._notified)
        self._listening = wanted

    async def _connect(self) -> ListenerConnection:
        conn: ListenerConnection = await asyncpg.connect(self._dsn)
        try:
            async with self._lock:
                self._listening = False
                await self._apply(conn)
                self._conn = conn
        except BaseException:
            await _close_connection(conn)
            raise
        return conn

    def _notified(self, _conn: object, _pid: int, _channel: str, payload: object) -> None:
        if self._subscriber is None:
            return
        try:
            notification = Notification.parse(str(payload))
        except ValueError:
            logger.exception("ignoring a malformed notification")
            return
        self._subscriber.deliver(notification)

    async def _keep(self, conn: ListenerConnection) -> None:
        while True:
            try:
                await self._watch(conn)
            except DATABASE_ERRORS as exc:
                logger.warning("LISTEN connection failed: %s", exc)
            finally:
                self._conn = None
                await _close_connection(conn)
            logger.warning("LISTEN connection lost; reconnecting")
            while True:
                await asyncio.sleep(self._retry)
                try:
                    conn = await self._connect()
                    break
                except DATABASE_ERRORS as exc:
                    logger.warning(
                        "LISTEN reconnection failed (%s); retrying in %.1f s", exc, self._retry
                    )
            self.reconnects += 1
            logger.warning("LISTEN connection restored; viewers get fresh snapshots")
            if self._subscriber is not None:
                self._subscriber.resync()

    async def _watch(self, conn: ListenerConnection) -> None:
        """Return when the connection is lost; a periodic query notices a silent drop."""
        lost = asyncio.Event()
        conn.add_termination_listener(lambda _conn: lost.set())
        interval = self._keepalive
        while not lost.is_set() and not conn.is_closed():
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(interval):
                    await lost.wait()
            if not lost.is_set():
                async with self._lock:
                    await conn.fetchval("SELECT 1", timeout=interval)


async def _close_connection(conn: ListenerConnection) -> None:
    if conn.is_closed():
        return
    try:
        async with asyncio.timeout(_CLOSE_TIMEOUT_SECONDS):
            await conn.close()
    except DATABASE_ERRORS:
        conn.terminate()
