"""The live channel's wiring: NOTIFY on write, one LISTEN connection per process, fan-out.

A write announces itself with ``publish`` inside its own transaction, so PostgreSQL delivers
the notification only if the change commits, and in commit order. Each process keeps one
dedicated LISTEN connection (never a pooled one), listening while it has viewers. Its dispatcher turns each notification
into one rendered message, loading the data once, and offers it to every viewer of that
session connected to this process. A viewer has its own bounded queue and sending task, so
a slow client never blocks the others: past the limit its oldest messages are dropped, and it
gets a fresh snapshot once it catches up. One heartbeat task, one send watchdog and one
credential check serve all the viewers of the process, so an idle viewer costs no timer.

Each change gets its event id when it is announced, in the writer's process, which logs it
with the request id: viewers see the event id only, and the same one in every process.
"""

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, TypeVar
from uuid import UUID, uuid4

import asyncpg
import orjson
from starlette.websockets import WebSocketDisconnect

from quiver.core.db import Connection, Pool
from quiver.core.logger import LoggerFactory, event_ids_var
from quiver.core.metrics import Metrics
from quiver.core.settings import Settings
from quiver.models import realtime as realtime_model
from quiver.schemas.events import CloseCode

# asyncpg's classes are generic only in its stubs (as in core/db.py).
if TYPE_CHECKING:
    ListenerConnection: TypeAlias = asyncpg.Connection[asyncpg.Record]
else:
    ListenerConnection = asyncpg.Connection

T = TypeVar("T")
logger = LoggerFactory().get_logger(__name__)
_DATABASE_ERRORS = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)

CHANNEL = "quiver_live"
# Far below PostgreSQL's 8000-byte NOTIFY limit: a payload holds ids only.
MAX_SHOT_IDS = 100
# What the listener hands over after a reconnection, in place of the payloads it missed.
RESYNC = "resync"
_CLOSE_TIMEOUT_SECONDS = 1.0


class EventType(StrEnum):
    """What a notification announces; all but ``SESSION_DELETED`` are message types."""

    SHOT_CREATED = "shot.created"
    SHOT_UPDATED = "shot.updated"
    SHOT_DELETED = "shot.deleted"
    SLOT_JOINED = "slot.joined"
    SLOT_LEFT = "slot.left"
    SESSION_UPDATED = "session.updated"
    SESSION_CLOSED = "session.closed"
    # Not a message: the session's viewers are closed with SESSION_NOT_FOUND.
    SESSION_DELETED = "session.deleted"


def new_event_id(event_type: EventType) -> UUID:
    """A fresh event id for a change the current request is about to announce.

    Noted for the request's access-log line (``event_ids_var``), in the writer's process: the
    only place the event id meets the request id, since viewers never see the latter.
    """
    event_id = uuid4()
    noted = event_ids_var.get()
    if noted is None:
        logger.debug("event %s (%s) outside a request", event_id, event_type.value)
    else:
        noted.append(str(event_id))
    return event_id


async def publish(
    conn: Connection,
    session_id: UUID | None,
    event_type: EventType,
    *,
    slot_id: UUID | None = None,
    shot_ids: Sequence[UUID] = (),
) -> None:
    """Announce a change to every viewer of its session, once the caller's transaction commits.

    ``session_id`` may be None when ``slot_id`` is given: the slot's session is meant.

    Raises:
        RuntimeError: If ``conn`` is not in a transaction; announcing outside one could
            announce a change that is then rolled back, or announce changes out of order.
        ValueError: If neither a session nor a slot is given, or too many shots are.
    """
    if not conn.is_in_transaction():
        raise RuntimeError("publish() must run inside the transaction that makes the change")
    if session_id is None and slot_id is None:
        raise ValueError("publish() needs a session or a slot")
    if len(shot_ids) > MAX_SHOT_IDS:
        raise ValueError(f"at most {MAX_SHOT_IDS} shots fit in one notification")
    await realtime_model.notify(
        conn,
        CHANNEL,
        event_type.value,
        session_id,
        slot_id,
        list(shot_ids),
        new_event_id(event_type),
    )


@dataclass(frozen=True, slots=True)
class Notification:
    """One change, as announced by ``publish``."""

    type: EventType
    session_id: UUID
    event_id: UUID
    slot_id: UUID | None = None
    shot_ids: tuple[UUID, ...] = ()

    @classmethod
    def parse(cls, payload: str) -> "Notification":
        """Read a NOTIFY payload.

        Raises:
            ValueError: If the payload is not one ``publish`` wrote.
        """
        try:
            fields: Any = orjson.loads(payload)
            slot_id = fields["slot_id"]
            return cls(
                type=EventType(fields["type"]),
                session_id=UUID(fields["session_id"]),
                event_id=UUID(fields["event_id"]),
                slot_id=None if slot_id is None else UUID(slot_id),
                shot_ids=tuple(UUID(shot_id) for shot_id in fields["shot_ids"] or ()),
            )
        except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a live notification: {payload[:200]!r}") from exc


def timestamp() -> str:
    """Now, as the messages' ``ts``: UTC with milliseconds."""
    now = datetime.now(UTC)
    return f"{now:%Y-%m-%dT%H:%M:%S}.{now.microsecond // 1000:03d}Z"


def render_message(event_type: str, event_id: UUID, data: object) -> str:
    """One event in the contract's envelope; ``data`` may hold ``orjson.Fragment`` JSON."""
    envelope = {"type": event_type, "ts": timestamp(), "event_id": event_id, "data": data}
    return orjson.dumps(envelope).decode()


def render_heartbeat() -> str:
    """The heartbeat message, which has no event id and no data."""
    return orjson.dumps({"type": "heartbeat", "ts": timestamp()}).decode()


@dataclass(frozen=True, slots=True)
class Viewing:
    """Who redeemed a ticket, for which session, that session's owner, and the bearer token
    the ticket was issued for (the viewer is closed once that token is no longer valid)."""

    archer_id: UUID
    session_id: UUID
    owner_id: UUID
    token_id: UUID


class LiveContent(Protocol):
    """What the channel says: the service layer renders snapshots and events."""

    async def redeem_ticket(self, conn: Connection, ticket: str) -> Viewing | None:
        """Use a ticket once; None if it is unknown, expired or already used."""

    async def render_snapshot(
        self, conn: Connection, session_id: UUID, viewer_id: UUID
    ) -> str | None:
        """The ``session.snapshot`` message; None if the viewer may not see the session."""

    async def render_event(
        self, conn: Connection, notification: Notification, owner_id: UUID
    ) -> str | None:
        """The message of a notification; None if there is nothing left to announce."""

    async def valid_tokens(self, conn: Connection, token_ids: Collection[UUID]) -> set[UUID]:
        """Those of ``token_ids`` that are neither revoked, expired nor deleted."""


class Socket(Protocol):
    """The part of a WebSocket the channel uses (Starlette's, or a fake in tests)."""

    async def accept(self) -> None:
        """Complete the handshake."""

    async def receive(self) -> Mapping[str, Any]:
        """The next ASGI message from the client."""

    async def send_text(self, data: str) -> None:
        """Send one text frame."""

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        """Close the connection with a code."""


class ViewerGone(Exception):
    """The client went away, or stopped reading, while the server was sending."""

    def __init__(self, code: CloseCode | None) -> None:
        super().__init__(code)
        self.code = code


# The state of a connection is kept together on purpose, hence the attribute count.
class Viewer:  # pylint: disable=too-many-instance-attributes
    """One connected client: a bounded queue and the task that sends it.

    ``offer`` never blocks. Past ``queue_max`` messages the oldest are dropped and one WARN is
    logged for the episode; once the client has caught up, the queue is replaced by a fresh
    snapshot, so it never keeps stale state. The sending task never times itself out (a timer
    per message would cost more than the message): the hub's watchdog calls ``check_send``.
    """

    def __init__(
        self,
        socket: Socket,
        session_id: UUID,
        snapshot: Callable[[], Awaitable[str | None]],
        queue_max: int,
        *,
        token_id: UUID,
    ) -> None:
        self.id = uuid4().hex[:12]
        self.session_id = session_id
        # The bearer token the viewer's ticket was issued for (see ``Realtime._check_tokens``).
        self.token_id = token_id
        self._socket = socket
        self._snapshot = snapshot
        self._queue_max = queue_max
        self._queue: deque[str] = deque()
        self._wake = asyncio.Event()
        self._needs_snapshot = True
        self._overflowing = False
        # When the send in progress started (loop time), and whether the watchdog gave up on it.
        self._sending_since: float | None = None
        self._stalled = False
        # None while running; then the close code to send (None inside: the client left).
        self._outcome: tuple[CloseCode | None] | None = None
        self._task: asyncio.Task[CloseCode | None] | None = None

    @property
    def queued(self) -> int:
        """Messages waiting to be sent."""
        return len(self._queue)

    @property
    def stopping(self) -> bool:
        """Whether ``stop`` was called (the sending task may still be finishing a send)."""
        return self._outcome is not None

    def start(self) -> None:
        """Start sending: the snapshot first, then whatever is offered."""
        self._task = asyncio.create_task(self._run(), name=f"quiver-live-send-{self.id}")

    async def finished(self) -> CloseCode | None:
        """Wait for the sending task; the close code to send, or None if the client left."""
        assert self._task is not None, "start() first"
        try:
            return await asyncio.shield(self._task)
        except asyncio.CancelledError:
            # Our caller is cancelled (the server gave up waiting): so is the sending task.
            self._task.cancel()
            raise

    def offer(self, message: str) -> None:
        """Queue a message without waiting; drop the oldest when the queue is full."""
        if self._outcome is not None:
            return
        if len(self._queue) >= self._queue_max:
            self._queue.popleft()
            self._needs_snapshot = True
            if not self._overflowing:
                self._overflowing = True
                logger.warning(
                    "viewer %s of session %s is not keeping up: dropping its oldest messages "
                    "(queue of %d); it gets a fresh snapshot once it catches up",
                    self.id,
                    self.session_id,
                    self._queue_max,
                )
        self._queue.append(message)
        self._wake.set()

    def resync(self) -> None:
        """Send a fresh snapshot in place of everything queued (events may have been missed)."""
        self._needs_snapshot = True
        self._wake.set()

    def stop(self, code: CloseCode | None) -> None:
        """End the sending task; ``code`` closes the connection, None means the client left."""
        if self._outcome is None:
            self._outcome = (code,)
        self._wake.set()

    def check_send(self, now: float, timeout: float) -> None:
        """Give up on a client whose current send has been blocked for ``timeout`` seconds."""
        since = self._sending_since
        if since is not None and now - since > timeout and self._task is not None:
            logger.warning(
                "viewer %s of session %s did not read for %.1f s; closing it",
                self.id,
                self.session_id,
                timeout,
            )
            self._stalled = True
            self._task.cancel()

    async def _run(self) -> CloseCode | None:
        try:
            await self._send_snapshot()
            while self._outcome is None:
                if self._needs_snapshot:
                    await self._send_snapshot()
                elif self._queue:
                    await self._send(self._queue.popleft())
                else:
                    self._wake.clear()
                    await self._wake.wait()
        except ViewerGone as gone:
            return gone.code
        except asyncio.CancelledError:
            if self._stalled:
                return CloseCode.NOT_READING
            raise
        return self._outcome[0]

    async def _send_snapshot(self) -> None:
        # Everything queued so far is older than the snapshot about to be read.
        self._needs_snapshot = False
        self._overflowing = False
        self._queue.clear()
        snapshot = await self._snapshot()
        if snapshot is None:
            raise ViewerGone(CloseCode.SESSION_NOT_FOUND)
        await self._send(snapshot)

    async def _send(self, message: str) -> None:
        self._sending_since = asyncio.get_running_loop().time()
        try:
            await self._socket.send_text(message)
        except (OSError, RuntimeError, WebSocketDisconnect) as exc:
            raise ViewerGone(None) from exc
        finally:
            self._sending_since = None


class Listener:
    """One dedicated LISTEN connection (never a pooled one), reconnected whenever it drops.

    ``receive`` returns the payloads of ``CHANNEL`` in commit order, and ``RESYNC`` after a
    reconnection, since whatever was announced meanwhile is lost. The connection is otherwise
    idle, so the dispatcher loads each event's data on it (``query``): live events never wait
    for the pool, however busy the HTTP side is.

    It LISTENs only while ``wanted()`` (while the process has viewers; see ``follow``): a
    process nobody watches would otherwise receive, and PostgreSQL send it, every change of
    every session.
    """

    def __init__(self, dsn: str, settings: Settings, wanted: Callable[[], bool]) -> None:
        self._dsn = dsn
        self._settings = settings
        self._wanted = wanted
        # Each payload with its arrival (loop time), from which the event lag is measured.
        self._inbox: asyncio.Queue[tuple[float, str]] = asyncio.Queue()
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
    def pending(self) -> int:
        """Payloads received and not yet dispatched."""
        return self._inbox.qsize()

    async def receive(self) -> tuple[float, str]:
        """The next payload, or ``RESYNC``, with the loop time it arrived at."""
        return await self._inbox.get()

    def _deliver(self, payload: str) -> None:
        self._inbox.put_nowait((asyncio.get_running_loop().time(), payload))

    async def query(self, work: Callable[[ListenerConnection], Awaitable[T]]) -> T:
        """Run ``work`` on the listening connection, one caller at a time.

        Raises:
            ConnectionError: While the connection is being re-established.
        """
        async with self._lock:
            conn = self._conn
            if conn is None or conn.is_closed():
                raise ConnectionError("the LISTEN connection is being re-established")
            return await work(conn)

    async def start(self) -> None:
        """Connect; failing to connect the first time fails the app's start-up."""
        conn = await self._connect()
        self._task = asyncio.create_task(self._keep(conn), name="quiver-live-listener")

    async def follow(self) -> None:
        """LISTEN or UNLISTEN as ``wanted()`` now says; once this returns after a viewer
        joined, every change committed from then on will be received."""
        async with self._lock:
            conn = self._conn
            if conn is None or conn.is_closed():
                return  # The reconnection applies ``wanted()`` itself.
            await self._apply(conn)

    async def _apply(self, conn: ListenerConnection) -> None:
        wanted = self._wanted()
        if wanted and not self._listening:
            await conn.add_listener(CHANNEL, self._notified)
        elif self._listening and not wanted:
            await conn.remove_listener(CHANNEL, self._notified)
        self._listening = wanted

    async def stop(self) -> None:
        """Stop listening and close the connection (after any ``follow`` or ``query`` on it)."""
        if self._task is not None:
            async with self._lock:
                self._task.cancel()
                await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

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
        self._deliver(str(payload))

    async def _keep(self, conn: ListenerConnection) -> None:
        retry = self._settings.ws_listener_retry_seconds
        while True:
            try:
                await self._watch(conn)
            except _DATABASE_ERRORS as exc:
                logger.warning("LISTEN connection failed: %s", exc)
            finally:
                self._conn = None
                await _close_connection(conn)
            logger.warning("LISTEN connection lost; reconnecting")
            while True:
                await asyncio.sleep(retry)
                try:
                    conn = await self._connect()
                    break
                except _DATABASE_ERRORS as exc:
                    logger.warning(
                        "LISTEN reconnection failed (%s); retrying in %.1f s", exc, retry
                    )
            self.reconnects += 1
            logger.warning("LISTEN connection restored; viewers get fresh snapshots")
            self._deliver(RESYNC)

    async def _watch(self, conn: ListenerConnection) -> None:
        """Return when the connection is lost; a periodic query notices a silent drop."""
        lost = asyncio.Event()
        conn.add_termination_listener(lambda _conn: lost.set())
        interval = self._settings.ws_heartbeat_seconds
        while not lost.is_set() and not conn.is_closed():
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(interval):
                    await lost.wait()
            if not lost.is_set():
                async with self._lock:
                    await conn.fetchval("SELECT 1", timeout=interval)


@dataclass(slots=True)
class _Room:
    """The viewers of one session in this process."""

    owner_id: UUID
    viewers: set[Viewer] = field(default_factory=set)


class Realtime:
    """The live channel of one process: its listener, its dispatcher and its viewers.

    Created by the app's lifespan, which calls ``start`` and ``stop``; ``quiver serve``
    also calls ``stop`` before uvicorn closes the remaining connections.
    """

    def __init__(
        self, pool: Pool, dsn: str, settings: Settings, content: LiveContent, metrics: Metrics
    ) -> None:
        self._pool = pool
        self._settings = settings
        self._content = content
        self._metrics = metrics
        self._rooms: dict[UUID, _Room] = {}
        self.listener = Listener(dsn, settings, lambda: bool(self._rooms))
        # The dispatcher, the heartbeat, the send watchdog and the credential check, while started.
        self._tasks: list[asyncio.Task[None]] = []
        self._no_viewers = asyncio.Event()
        self._no_viewers.set()
        self._stopping = asyncio.Event()

    # --- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen and start dispatching (the LISTEN connection is open when this returns)."""
        await self.listener.start()
        self._tasks = [
            asyncio.create_task(self._dispatch(), name="quiver-live-dispatcher"),
            asyncio.create_task(self._beat(), name="quiver-live-heartbeat"),
            asyncio.create_task(self._watch_sends(), name="quiver-live-watchdog"),
            asyncio.create_task(self._watch_tokens(), name="quiver-live-credentials"),
        ]

    async def stop(self) -> None:
        """Close every viewer with 1001, then stop listening; safe to call twice."""
        if not self._tasks:
            return
        self._stopping.set()
        for viewer in self._all_viewers():
            viewer.stop(CloseCode.GOING_AWAY)
        # The watchdog still runs: a viewer whose client stopped reading gives up in time.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self._settings.ws_send_timeout_seconds * 2 + 1):
                await self._no_viewers.wait()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        await self.listener.stop()

    # --- viewers -----------------------------------------------------------------------------

    @property
    def viewer_count(self) -> int:
        """Viewers connected to this process."""
        return sum(len(room.viewers) for room in self._rooms.values())

    @property
    def pending_notifications(self) -> int:
        """Notifications received and not yet dispatched."""
        return self.listener.pending

    @property
    def queued_messages(self) -> int:
        """Messages waiting in the viewers' queues of this process."""
        return sum(viewer.queued for room in self._rooms.values() for viewer in room.viewers)

    def _all_viewers(self) -> list[Viewer]:
        return [viewer for room in self._rooms.values() for viewer in room.viewers]

    async def serve(self, socket: Socket, session_id: str, ticket: str | None) -> None:
        """Run one WebSocket from handshake to close."""
        await socket.accept()
        if not self._tasks:
            await _close(socket, CloseCode.GOING_AWAY)
            return
        try:
            viewing = await self._redeem(ticket)
        except _DATABASE_ERRORS:
            logger.exception("could not check a live-channel ticket")
            await _close(socket, CloseCode.INTERNAL_ERROR)
            return
        if viewing is None or str(viewing.session_id) != _canonical_uuid(session_id):
            await _close(socket, CloseCode.INVALID_TICKET)
            return
        viewer = Viewer(
            socket,
            viewing.session_id,
            lambda: self._snapshot(viewing),
            self._settings.ws_queue_max_messages,
            token_id=viewing.token_id,
        )
        self._join(viewer, viewing.owner_id)
        # Before the snapshot: what commits after it is then sure to be announced here.
        await self._follow()
        logger.info(
            "viewer %s (archer %s) watches session %s",
            viewer.id,
            viewing.archer_id,
            viewing.session_id,
        )
        code: CloseCode | None = CloseCode.INTERNAL_ERROR
        viewer.start()
        # Reading is what notices a disconnect; any message from the client ends the viewer.
        receiver = asyncio.create_task(
            _receive(socket, viewer), name=f"quiver-live-receive-{viewer.id}"
        )
        try:
            code = await viewer.finished()
        finally:
            receiver.cancel()
            await asyncio.gather(receiver, return_exceptions=True)
            self._leave(viewer)
            await self._follow()
            logger.info(
                "viewer %s left session %s (%s)",
                viewer.id,
                viewing.session_id,
                "client gone" if code is None else f"close {int(code)}",
            )
        if code is CloseCode.NOT_READING:
            await self._close_stalled(socket)
        elif code is not None:
            await _close(socket, code)

    async def _close_stalled(self, socket: Socket) -> None:
        """Close with 4408 a client that stopped reading, unless the server stops first.

        The close frame queues behind what the client has not read yet: the client gets as
        long again as the send timeout to read on and learn why it is closed, rather than a
        bare drop. A shutdown does not wait for it.
        """
        timeout = self._settings.ws_send_timeout_seconds
        closing = asyncio.create_task(_close(socket, CloseCode.NOT_READING, timeout))
        stopping = asyncio.create_task(self._stopping.wait())
        try:
            await asyncio.wait((closing, stopping), return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (closing, stopping):
                task.cancel()
            await asyncio.gather(closing, stopping, return_exceptions=True)

    async def _follow(self) -> None:
        try:
            # Shielded: a viewer's task cancelled mid-LISTEN must not break the connection.
            await asyncio.shield(self.listener.follow())
        except _DATABASE_ERRORS as exc:
            # The connection is failing: its reconnection LISTENs as needed and resyncs.
            logger.warning("could not change LISTEN on the live channel: %s", exc)

    async def _redeem(self, ticket: str | None) -> Viewing | None:
        if not ticket or len(ticket) > 128:
            return None
        async with self._pool.acquire(timeout=self._settings.db_acquire_timeout_seconds) as conn:
            return await self._content.redeem_ticket(conn, ticket)

    async def _snapshot(self, viewing: Viewing) -> str | None:
        # Borrowed for the snapshot only: a viewer never holds a pooled connection.
        try:
            async with self._pool.acquire(
                timeout=self._settings.db_acquire_timeout_seconds
            ) as conn:
                return await self._content.render_snapshot(
                    conn, viewing.session_id, viewing.archer_id
                )
        except _DATABASE_ERRORS as exc:
            logger.exception("could not load the snapshot of session %s", viewing.session_id)
            raise ViewerGone(CloseCode.INTERNAL_ERROR) from exc

    def _join(self, viewer: Viewer, owner_id: UUID) -> None:
        room = self._rooms.setdefault(viewer.session_id, _Room(owner_id))
        room.viewers.add(viewer)
        self._no_viewers.clear()

    def _leave(self, viewer: Viewer) -> None:
        room = self._rooms.get(viewer.session_id)
        if room is not None:
            room.viewers.discard(viewer)
            if not room.viewers:
                del self._rooms[viewer.session_id]
        if not self._rooms:
            self._no_viewers.set()

    # --- heartbeat and watchdog ----------------------------------------------------------------

    async def _beat(self) -> None:
        """Offer every viewer the heartbeat, rendered once, every interval."""
        interval = self._settings.ws_heartbeat_seconds
        loop = asyncio.get_running_loop()
        next_beat = loop.time() + interval
        while True:
            await asyncio.sleep(max(0.0, next_beat - loop.time()))
            next_beat += interval
            heartbeat = render_heartbeat()
            for viewer in self._all_viewers():
                viewer.offer(heartbeat)

    async def _watch_sends(self) -> None:
        """Close viewers whose client stopped reading: a send blocked past the timeout."""
        timeout = self._settings.ws_send_timeout_seconds
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(timeout / 4)
            now = loop.time()
            for viewer in self._all_viewers():
                viewer.check_send(now, timeout)

    async def _watch_tokens(self) -> None:
        """Close viewers whose token was revoked, expired or deleted, every interval."""
        while True:
            await asyncio.sleep(self._settings.ws_credential_check_seconds)
            await self._check_tokens()

    async def _check_tokens(self) -> None:
        checked = {viewer.token_id for viewer in self._all_viewers()}
        if not checked:
            return
        try:
            # On the LISTEN connection, like event loads: never waiting for the pool.
            valid = await self.listener.query(
                lambda conn: self._content.valid_tokens(conn, checked)
            )
        except (ConnectionError, *_DATABASE_ERRORS) as exc:
            # Unknown is not invalid: nobody is closed; the next round checks again.
            logger.warning("could not check the live viewers' tokens: %s", exc)
            return
        # Viewers that joined during the query were not checked: the next round does.
        for viewer in self._all_viewers():
            if viewer.token_id in checked and viewer.token_id not in valid and not viewer.stopping:
                logger.info(
                    "viewer %s of session %s: its token is no longer valid; closing it",
                    viewer.id,
                    viewer.session_id,
                )
                viewer.stop(CloseCode.INVALID_TICKET)

    # --- fan-out -----------------------------------------------------------------------------

    async def _dispatch(self) -> None:
        """Turn notifications into messages, in commit order, one load per event."""
        while True:
            arrived, payload = await self.listener.receive()
            if payload == RESYNC:
                for viewer in self._all_viewers():
                    viewer.resync()
                continue
            if not self._rooms:
                continue  # Nobody watches from this process: skip even reading the payload.
            try:
                notification = Notification.parse(payload)
            except ValueError:
                logger.exception("ignoring a malformed notification")
                continue
            room = self._rooms.get(notification.session_id)
            if room is None:
                continue
            if notification.type is EventType.SESSION_DELETED:
                for viewer in list(room.viewers):
                    viewer.stop(CloseCode.SESSION_NOT_FOUND)
                continue
            # A bug in rendering one event must not end the channel for everyone.
            try:
                await self._fan_out(notification, room, arrived)
            except Exception:  # pylint: disable=broad-exception-caught
                logger.exception("could not announce %s", notification.type)

    async def _fan_out(self, notification: Notification, room: _Room, arrived: float) -> None:
        started = time.perf_counter()
        try:
            message = await self.listener.query(
                lambda conn: self._content.render_event(conn, notification, room.owner_id)
            )
        except _DATABASE_ERRORS:
            logger.exception("could not load %s; its viewers resynchronise", notification.type)
            for viewer in list(room.viewers):
                viewer.resync()
            return
        if message is None:
            return
        for viewer in list(room.viewers):
            viewer.offer(message)
        self._metrics.live_events.labels(notification.type.value).inc()
        self._metrics.live_event_lag.observe(asyncio.get_running_loop().time() - arrived)
        logger.debug(
            "%s for session %s to %d viewer(s) in %.1f ms",
            notification.type,
            notification.session_id,
            len(room.viewers),
            (time.perf_counter() - started) * 1000,
        )


async def _receive(socket: Socket, viewer: Viewer) -> None:
    """Wait for the client: a disconnect ends the viewer; any message closes it with 4400."""
    try:
        message = await socket.receive()
    except (OSError, RuntimeError, WebSocketDisconnect):
        viewer.stop(None)
        return
    if message["type"] == "websocket.disconnect":
        viewer.stop(None)
    else:
        # Never acted upon, never even parsed: the channel is read-only.
        viewer.stop(CloseCode.CLIENT_MESSAGE)


async def _close(socket: Socket, code: CloseCode, timeout: float = _CLOSE_TIMEOUT_SECONDS) -> None:
    """Close with ``code``, giving up after ``timeout`` on a client that does not read.

    The close frame cannot overtake the messages waiting for the client (the server writes
    nothing while its buffer is full); a close that gives up is a drop without a close code.
    """
    with contextlib.suppress(OSError, RuntimeError, WebSocketDisconnect, TimeoutError):
        async with asyncio.timeout(timeout):
            await socket.close(int(code))


async def _close_connection(conn: ListenerConnection) -> None:
    if conn.is_closed():
        return
    try:
        async with asyncio.timeout(_CLOSE_TIMEOUT_SECONDS):
            await conn.close()
    except _DATABASE_ERRORS:
        conn.terminate()


def _canonical_uuid(text: str) -> str | None:
    try:
        return str(UUID(text))
    except ValueError:
        return None
