"""The live channel of one process: its rooms, their fan-out, and the timers its viewers share.

Each session watched from this process has a room: its viewers, its backlog of notifications
and one dispatch task, created with the room's first viewer and ended with its last. A busy
session therefore never delays another: rooms render concurrently, on a small pool of their
own (``ws_render_connections``), so live events never wait for the HTTP side's pool either.
A room renders its whole backlog at once (``LiveContent.render_events``), so a session whose
notifications arrive faster than they render coalesces them: viewers still get every message,
in commit order, but each object (a slot's statistics, a session, a slot) is loaded once per
backlog, as it is when delivered.

Memory is bounded whatever the write rate: notifications of sessions nobody watches here are
dropped as they arrive; a room's backlog holds at most ``ws_backlog_max_notifications`` (each
a few hundred bytes, at most about 6 KB with 100 shot ids), beyond which it is dropped and its
viewers get a fresh snapshot instead (one WARN per episode); and each viewer's queue holds at
most ``ws_queue_max_messages`` messages. Rooms never outnumber viewers. One heartbeat task,
one send watchdog and one credential check serve all the viewers of the process, so an idle
viewer costs no timer.
"""

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

import asyncpg
from starlette.websockets import WebSocketDisconnect

from quiver.core.db import Connection, Pool
from quiver.core.logger import LoggerFactory
from quiver.core.metrics import Metrics
from quiver.core.settings import Settings
from quiver.schemas.events import CloseCode
from quiver.services.live.broker import Broker, EventType, Notification
from quiver.services.live.messages import render_heartbeat
from quiver.services.live.viewer import Socket, Viewer, ViewerGone

logger = LoggerFactory().get_logger(__name__)
_DATABASE_ERRORS = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)
_CLOSE_TIMEOUT_SECONDS = 1.0
# Notifications rendered together at most: bounds the size of one batch's queries.
_BATCH_MAX = 256


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

    async def render_events(
        self, conn: Connection, notifications: Sequence[Notification], owner_id: UUID
    ) -> list[str | None]:
        """The message of each notification (one session's, in order); None for those with
        nothing left to announce."""

    async def valid_tokens(self, conn: Connection, token_ids: Collection[UUID]) -> set[UUID]:
        """Those of ``token_ids`` that are neither revoked, expired nor deleted."""


class _Room:
    """The viewers of one session in this process, and its notifications not yet rendered."""

    def __init__(self, session_id: UUID, owner_id: UUID) -> None:
        self.session_id = session_id
        self.owner_id = owner_id
        self.viewers: set[Viewer] = set()
        # Each notification with its arrival (loop time), from which the event lag is measured.
        self.backlog: deque[tuple[Notification, float]] = deque()
        self.wake = asyncio.Event()
        self.overflowing = False
        self.closed = False

    def resync(self) -> None:
        """Drop the backlog: every viewer gets a fresh snapshot, which holds all of it."""
        self.backlog.clear()
        for viewer in list(self.viewers):
            viewer.resync()


# The channel's state is kept together on purpose, hence the attribute count.
class LiveChannel:  # pylint: disable=too-many-instance-attributes
    """The live channel of one process (the broker's ``Subscriber``).

    Created by the app's lifespan, which calls ``start`` and ``stop``; ``quiver serve``
    also calls ``stop`` before uvicorn closes the remaining connections. ``pool`` serves
    tickets and snapshots, ``render_pool`` events and credential checks.
    """

    # The parts of the channel are injected, hence the argument count.
    def __init__(  # pylint: disable=too-many-arguments
        self,
        *,
        pool: Pool,
        render_pool: Pool,
        broker: Broker,
        settings: Settings,
        content: LiveContent,
        metrics: Metrics,
    ) -> None:
        self._pool = pool
        self._render_pool = render_pool
        self.broker = broker
        self._settings = settings
        self._content = content
        self._metrics = metrics
        self._rooms: dict[UUID, _Room] = {}
        # The heartbeat, the send watchdog and the credential check, while started.
        self._tasks: list[asyncio.Task[None]] = []
        # Each room's dispatch task, until it ends.
        self._dispatchers: set[asyncio.Task[None]] = set()
        self._no_viewers = asyncio.Event()
        self._no_viewers.set()
        self._stopping = asyncio.Event()

    # --- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Connect the broker and start the timers (the broker is connected on return)."""
        await self.broker.start(self)
        self._tasks = [
            asyncio.create_task(self._beat(), name="quiver-live-heartbeat"),
            asyncio.create_task(self._watch_sends(), name="quiver-live-watchdog"),
            asyncio.create_task(self._watch_tokens(), name="quiver-live-credentials"),
        ]

    async def stop(self) -> None:
        """Close every viewer with 1001, then stop the broker; safe to call twice."""
        if not self._tasks:
            return
        self._stopping.set()
        for viewer in self._all_viewers():
            viewer.stop(CloseCode.GOING_AWAY)
        # The watchdog still runs: a viewer whose client stopped reading gives up in time.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self._settings.ws_send_timeout_seconds * 2 + 1):
                await self._no_viewers.wait()
        tasks = [*self._tasks, *self._dispatchers]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks = []
        await self.broker.stop()

    # --- what the broker delivers (``Subscriber``) ---------------------------------------------

    def watched(self) -> Collection[UUID]:
        """The sessions with viewers in this process."""
        return self._rooms.keys()

    def deliver(self, notification: Notification) -> None:
        """Queue a notification in its session's room; drop it if nobody watches here."""
        room = self._rooms.get(notification.session_id)
        if room is None:
            return
        if notification.type is EventType.SESSION_DELETED:
            room.backlog.clear()
            for viewer in list(room.viewers):
                viewer.stop(CloseCode.SESSION_NOT_FOUND)
            return
        if len(room.backlog) >= self._settings.ws_backlog_max_notifications:
            if not room.overflowing:
                room.overflowing = True
                logger.warning(
                    "session %s: %d notifications wait to be rendered; its viewers get a "
                    "fresh snapshot instead",
                    room.session_id,
                    len(room.backlog),
                )
            # The snapshots are read after this commit: they hold this change too.
            room.resync()
            return
        room.backlog.append((notification, asyncio.get_running_loop().time()))
        room.wake.set()

    def resync(self) -> None:
        """Notifications were lost: every viewer gets a fresh snapshot."""
        for room in self._rooms.values():
            room.resync()

    # --- viewers -----------------------------------------------------------------------------

    @property
    def viewer_count(self) -> int:
        """Viewers connected to this process."""
        return sum(len(room.viewers) for room in self._rooms.values())

    @property
    def pending_notifications(self) -> int:
        """Notifications received and not yet rendered."""
        return sum(len(room.backlog) for room in self._rooms.values())

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
            # Shielded: a viewer's task cancelled mid-subscription must not break the broker.
            await asyncio.shield(self.broker.follow())
        except _DATABASE_ERRORS as exc:
            # The connection is failing: its reconnection subscribes as needed and resyncs.
            logger.warning("could not change the live channel's subscription: %s", exc)

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
        room = self._rooms.get(viewer.session_id)
        if room is None:
            room = self._rooms[viewer.session_id] = _Room(viewer.session_id, owner_id)
            task = asyncio.create_task(
                self._dispatch(room), name=f"quiver-live-room-{viewer.session_id}"
            )
            self._dispatchers.add(task)
            task.add_done_callback(self._dispatchers.discard)
        room.viewers.add(viewer)
        self._no_viewers.clear()

    def _leave(self, viewer: Viewer) -> None:
        room = self._rooms.get(viewer.session_id)
        if room is not None:
            room.viewers.discard(viewer)
            if not room.viewers:
                # Its task ends after the batch it may be rendering (for nobody, now).
                del self._rooms[viewer.session_id]
                room.closed = True
                room.backlog.clear()
                room.wake.set()
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
            # On the render pool, like events: never waiting for the HTTP side's pool.
            async with self._render_pool.acquire() as conn:
                valid = await self._content.valid_tokens(conn, checked)
        except _DATABASE_ERRORS as exc:
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

    async def _dispatch(self, room: _Room) -> None:
        """Render a room's backlog, batch after batch, in commit order, until the room closes."""
        while not room.closed:
            if not room.backlog:
                room.overflowing = False
                room.wake.clear()
                await room.wake.wait()
                continue
            count = min(len(room.backlog), _BATCH_MAX)
            batch = [room.backlog.popleft() for _ in range(count)]
            # A bug in rendering one batch must not end the room.
            try:
                await self._fan_out(room, batch)
            except Exception:  # pylint: disable=broad-exception-caught
                logger.exception("could not announce %d event(s); viewers resynchronise", count)
                room.resync()

    async def _fan_out(self, room: _Room, batch: Sequence[tuple[Notification, float]]) -> None:
        started = time.perf_counter()
        notifications = [notification for notification, _ in batch]
        try:
            async with self._render_pool.acquire() as conn:
                messages = await self._content.render_events(conn, notifications, room.owner_id)
        except _DATABASE_ERRORS:
            logger.exception("could not load %d event(s); viewers resynchronise", len(batch))
            room.resync()
            return
        now = asyncio.get_running_loop().time()
        viewers = list(room.viewers)
        for (notification, arrived), message in zip(batch, messages, strict=True):
            if message is None:
                continue
            for viewer in viewers:
                viewer.offer(message)
            self._metrics.live_events.labels(notification.type.value).inc()
            self._metrics.live_event_lag.observe(now - arrived)
        logger.debug(
            "%d event(s) for session %s to %d viewer(s) in %.1f ms",
            len(batch),
            room.session_id,
            len(viewers),
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


def _canonical_uuid(text: str) -> str | None:
    try:
        return str(UUID(text))
    except ValueError:
        return None
