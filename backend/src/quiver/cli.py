"""The ``quiver`` command: ``quiver serve`` and ``quiver migrate``."""

import argparse
import asyncio
import contextlib
import gc
import signal
import socket
import sys
from collections.abc import Sequence

import asyncpg
import uvicorn
from fastapi import FastAPI
from uvicorn.config import LOGGING_CONFIG

from quiver.app import create_app
from quiver.core.embedded import start_embedded_postgres
from quiver.core.logger import LoggerFactory
from quiver.core.migrate import migrate
from quiver.core.settings import Settings
from quiver.core.transport import HeaderLimits, ProblemGuard, http_protocol

logger = LoggerFactory().get_logger(__name__)


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
        timeout_graceful_shutdown=settings.shutdown_grace_seconds,
        # The live channel sends each event to many viewers: compressing it once per viewer
        # would cost CPU in proportion to the audience, for small JSON on a local network.
        ws_per_message_deflate=False,
    )


def _serve(settings: Settings) -> None:
    # uvicorn re-raises SIGTERM after its graceful shutdown; exiting normally lets atexit
    # handlers (the embedded server's among them) run instead of dying mid-cleanup.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    logger.info("serving on http://%s:%d (docs at /docs)", settings.host, settings.port)
    app = create_app(settings)
    server = Server(server_config(settings, app), app)
    # uvicorn re-raises SIGINT after its graceful shutdown too, as KeyboardInterrupt.
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    if not server.started:
        sys.exit(1)


async def _migrate(settings: Settings) -> None:
    server = None
    dsn = settings.database_url
    if dsn is None:
        server = start_embedded_postgres(settings.pgdata)
        dsn = server.get_uri()
    try:
        conn = await asyncpg.connect(dsn)
        try:
            applied = await migrate(conn)
        finally:
            await conn.close()
        logger.info("%d migration(s) applied", len(applied))
    finally:
        if server is not None:
            server.cleanup()


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``quiver`` console script."""
    parser = argparse.ArgumentParser(prog="quiver", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="migrate and serve the API")
    commands.add_parser("migrate", help="apply pending migrations and exit")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.command == "serve":
        _serve(settings)
    else:
        asyncio.run(_migrate(settings))


if __name__ == "__main__":
    main()
