"""The ``quiver`` command: ``quiver serve`` and ``quiver migrate``.

``quiver serve`` runs one process when ``QUIVER_WORKERS`` (``--workers``) is 1. With more, a
parent owns what the machine has once (the listening socket, the embedded PostgreSQL and its
watch, the migrations) and runs the workers under uvicorn's supervisor, each with its own app:
pool, arrow writer, LISTEN connection and metrics port.
"""

import argparse
import asyncio
import contextlib
import gc
import signal
import socket
import sys
import threading
import time
from collections.abc import Sequence

import asyncpg
import uvicorn
from fastapi import FastAPI
from uvicorn.config import LOGGING_CONFIG, STARTUP_FAILURE
from uvicorn.supervisors.multiprocess import Multiprocess, Process

from quiver.core.embedded import start_embedded_postgres
from quiver.core.logger import LoggerFactory
from quiver.core.migrate import Migration, migrate
from quiver.core.settings import Settings, per_worker
from quiver.core.supervisor import WatchThread
from quiver.core.transport import HeaderLimits, ProblemGuard, http_protocol

logger = LoggerFactory().get_logger(__name__)
# How long the parent waits for a worker to answer its ping before it kills it as hung. A
# spawned worker answers only once it has imported the app's modules: several seconds on a
# loaded machine, past uvicorn's default of 5.
_HEALTHCHECK_SECONDS = 30


class Server(uvicorn.Server):
    """uvicorn, closing live viewers with 1001 (going away) before it closes connections.

    uvicorn itself would close every WebSocket with 1012 before the app's lifespan ends.
    """

    def __init__(self, config: uvicorn.Config, app: FastAPI) -> None:
        super().__init__(config)
        self._app = app

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        # Everything built so far (app, contract, models, catalogues) lives as long as the
        # process: keep it out of the collector's full passes, which would otherwise pause
        # the event loop for tens of milliseconds while events fan out.
        gc.collect()
        gc.freeze()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        logger.info(
            "shutting down: live viewers get 1001, requests in flight have %d s to finish",
            self.config.timeout_graceful_shutdown,
        )
        realtime = getattr(self._app.state, "realtime", None)
        if realtime is not None:
            await realtime.stop()
        await super().shutdown(sockets)


def server_config(settings: Settings, app: FastAPI, *, own_logging: bool = True) -> uvicorn.Config:
    """How ``quiver serve`` runs ``app``; without ``own_logging`` uvicorn leaves logging be."""
    limits = HeaderLimits(
        max_bytes=settings.max_header_bytes,
        max_count=settings.max_header_count,
        timeout_seconds=settings.header_timeout_seconds,
    )
    return uvicorn.Config(
        ProblemGuard(app),
        host=settings.host,
        port=settings.port,
        http=http_protocol(limits),
        log_config=LOGGING_CONFIG if own_logging else None,
        access_log=False,
        log_level="warning",
        server_header=False,
        # X-Forwarded-For and X-Forwarded-Proto count only from these proxies (the rate
        # limits key on the client address).
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        timeout_graceful_shutdown=settings.shutdown_grace_seconds,
        # The live channel sends each event to many viewers: compressing it once per viewer
        # would cost CPU in proportion to the audience, for small JSON on a local network.
        ws_per_message_deflate=False,
    )


def _create_app(settings: Settings) -> FastAPI:
    # Imported here, by the processes that serve: the parent of workers never builds the app,
    # and importing it (every router and service) takes seconds it would add to start-up.
    from quiver.app import create_app  # pylint: disable=import-outside-toplevel

    return create_app(settings)


def _serve(settings: Settings) -> None:
    # uvicorn re-raises SIGTERM after its graceful shutdown; exiting normally lets atexit
    # handlers (the embedded server's among them) run instead of dying mid-cleanup.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if settings.workers > 1:
        _serve_workers(settings)
        return
    logger.info("serving on http://%s:%d (docs at /docs)", settings.host, settings.port)
    app = _create_app(settings)
    server = Server(server_config(settings, app), app)
    # uvicorn re-raises SIGINT after its graceful shutdown too, as KeyboardInterrupt.
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    if not server.started:
        sys.exit(1)


class _Worker(Process):
    """One worker: uvicorn's process (spawned with the parent's socket, answering its pings),
    serving with ``Server`` on an app built in the worker. uvicorn's own process serves with
    its plain server, which would close live viewers with 1012 before the app could say 1001.

    Worker ``index`` keeps its place when it is replaced, and with it its metrics port.
    """

    def __init__(
        self, config: uvicorn.Config, sockets: list[socket.socket], settings: Settings, index: int
    ) -> None:
        super().__init__(config, sockets)
        self.index = index
        self._settings = settings
        self._serving: Server | None = None
        # When the ping still unanswered was sent (parent side).
        self._pinged_at: float | None = None
        # Whether the worker has said it serves (parent side, learnt from its pongs).
        self.served = False

    def responsive(self, patience: float) -> bool:
        """Whether the worker runs and answers pings, or was pinged less than ``patience``
        seconds ago (parent side). Unlike uvicorn's ``is_alive``, this never waits long for
        an answer: a worker still importing the app cannot delay the parent's handling of
        signals."""
        if not self.process.is_alive():
            return False
        try:
            if self._pinged_at is None:
                self.parent_conn.send(b"ping")
                self._pinged_at = time.monotonic()
            if self.parent_conn.poll(0.05):
                self.served = self.served or bool(self.parent_conn.recv())
                self._pinged_at = None
                return True
        except (OSError, EOFError):
            return False
        return time.monotonic() - self._pinged_at < patience

    def pong(self) -> None:
        self.child_conn.recv()
        self.child_conn.send(self._serving is not None and self._serving.started)

    def target(self, sockets: list[socket.socket] | None = None) -> None:  # pragma: no cover
        # Runs in the worker. The pings are answered from the start: building the app takes
        # a while, and a worker that does not answer is killed as hung.
        threading.Thread(target=self.always_pong, daemon=True).start()
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        settings = self._settings
        if settings.metrics_port is not None:
            port = settings.metrics_port + self.index
            settings = settings.model_copy(update={"metrics_port": port})
        try:
            app = _create_app(settings)
        # The same for any error: the parent stops rather than restart a worker that fails
        # this way every time.
        except Exception:  # pylint: disable=broad-exception-caught
            logger.exception("worker %d could not build its app", self.index)
            sys.exit(STARTUP_FAILURE)
        self._serving = Server(server_config(settings, app), app)
        with contextlib.suppress(KeyboardInterrupt):
            self._serving.run(sockets)


class _Workers(Multiprocess):
    """uvicorn's supervisor (SIGTERM and SIGINT stop every worker gracefully and wait for
    them; a worker that dies or hangs is replaced; one that fails to start stops them all,
    unless another has served already: then what failed is passing, say the database being
    restarted, and it is replaced too),
    starting ``_Worker`` in place of uvicorn's process. Their number is fixed: SIGHUP,
    SIGTTIN and SIGTTOU, which uvicorn's would act on, are ignored."""

    def __init__(
        self, config: uvicorn.Config, sockets: list[socket.socket], settings: Settings
    ) -> None:
        super().__init__(config, sockets)
        self._settings = settings
        self.failed = False
        # Whether any worker has served: a start that fails after that is not a bad setting.
        self._served = False

    def _start(self, index: int) -> _Worker:
        worker = _Worker(self.config, self.sockets, self._settings, index)
        worker.start()
        logger.info("worker %d started (pid %s)", index, worker.pid)
        return worker

    def init_processes(self) -> None:
        self.processes = [self._start(index) for index in range(self.processes_num)]

    def keep_subprocess_alive(self) -> None:
        # uvicorn's, with the replacement in the dead worker's place, and pings that do not
        # hold up the loop.
        for index, worker in enumerate(self.processes):
            if self.should_exit.is_set():
                return
            assert isinstance(worker, _Worker), "every process is a _Worker"
            if worker.responsive(patience=self.config.timeout_worker_healthcheck):
                self._served = self._served or worker.served
                continue
            worker.kill()  # It may be hung rather than dead.
            worker.join()
            if worker.exitcode == STARTUP_FAILURE and not self._served:
                logger.error("worker %d (pid %s) failed to start; stopping", index, worker.pid)
                self.failed = True
                self.should_exit.set()
                return
            logger.error(
                "worker %d (pid %s) died (exit code %s)", index, worker.pid, worker.exitcode
            )
            self.processes[index] = self._start(index)

    def handle_hup(self) -> None:
        logger.warning("SIGHUP ignored: stop and start quiver serve to reload it")

    def handle_ttin(self) -> None:
        logger.warning("SIGTTIN ignored: the number of workers is QUIVER_WORKERS")

    def handle_ttou(self) -> None:
        self.handle_ttin()


def _serve_workers(settings: Settings) -> None:
    """Serve with ``settings.workers`` processes; the parent starts no app of its own."""
    with contextlib.ExitStack() as stack:
        dsn = settings.database_url
        if dsn is None:
            server = start_embedded_postgres(settings.pgdata)
            stack.callback(server.cleanup)
            dsn = server.get_uri()
            # The parent keeps the server alive: the workers' pools reconnect by themselves.
            watch = WatchThread(server, settings.embedded_watch_seconds)
            watch.start()
            stack.callback(watch.stop)
        if settings.migrate_on_startup:
            asyncio.run(_apply_migrations(settings.direct_database_url or dsn))
        worker_settings = per_worker(
            settings.model_copy(update={"database_url": dsn, "migrate_on_startup": False}),
            settings.workers,
        )
        # Only what the parent needs: the socket to bind, the number of workers, how long a
        # ping may take, uvicorn's logging. Each worker builds its own configuration and app.
        config = uvicorn.Config(
            "quiver.app:create_app",
            host=settings.host,
            port=settings.port,
            workers=settings.workers,
            log_config=LOGGING_CONFIG,
            log_level="warning",
            timeout_worker_healthcheck=_HEALTHCHECK_SECONDS,
        )
        workers = _Workers(config, [config.bind_socket()], worker_settings)
        logger.info(
            "serving on http://%s:%d (docs at /docs) with %d workers",
            settings.host,
            settings.port,
            settings.workers,
        )
        workers.run()
    if workers.failed:
        sys.exit(1)


async def _apply_migrations(dsn: str) -> list[Migration]:
    """Apply pending migrations on a connection of their own, with no lock timeout."""
    conn = await asyncpg.connect(dsn, server_settings={"timezone": "UTC", "lock_timeout": "0"})
    try:
        return await migrate(conn)
    finally:
        await conn.close()


async def _migrate(settings: Settings) -> None:
    server = None
    # Past any transaction pooler: the migrations hold a session advisory lock.
    dsn = settings.direct_database_url or settings.database_url
    if dsn is None:
        server = start_embedded_postgres(settings.pgdata)
        dsn = server.get_uri()
    try:
        applied = await _apply_migrations(dsn)
        logger.info("%d migration(s) applied", len(applied))
    finally:
        if server is not None:
            server.cleanup()


def _worker_count(text: str) -> int:
    count = int(text)
    if count < 1:
        raise argparse.ArgumentTypeError(f"at least 1 worker, not {count}")
    return count


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``quiver`` console script."""
    parser = argparse.ArgumentParser(prog="quiver", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="migrate and serve the API")
    serve.add_argument(
        "--workers",
        type=_worker_count,
        help="worker processes (default: QUIVER_WORKERS, else one per core); 1: one process",
    )
    commands.add_parser("migrate", help="apply pending migrations and exit")
    args = parser.parse_args(argv)
    workers = getattr(args, "workers", None)
    settings = Settings() if workers is None else Settings(workers=workers)
    if args.command == "serve":
        _serve(settings)
    else:
        asyncio.run(_migrate(settings))


if __name__ == "__main__":
    main()
