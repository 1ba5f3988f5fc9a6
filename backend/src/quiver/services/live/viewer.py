"""One connected viewer of the live channel: its bounded queue and its sending task."""

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol
from uuid import UUID, uuid4

from starlette.websockets import WebSocketDisconnect

from quiver.core.logger import LoggerFactory
from quiver.schemas.events import CloseCode

logger = LoggerFactory().get_logger(__name__)


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
        # The bearer token the viewer's ticket was issued for (see ``LiveChannel._check_tokens``).
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
