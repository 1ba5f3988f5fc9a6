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

from quiver.app import create_app
from quiver.core.embedded import start_embedded_postgres
from quiver.core.logger import LoggerFactory
from quiver.core.migrate import migrate
from quiver.core.settings import Settings

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


def _serve(settings: Settings) -> None:
    # uvicorn re-raises SIGTERM after its graceful shutdown; exiting normally lets atexit
    # handlers (the embedded server's among them) run instead of dying mid-cleanup.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    logger.info("serving on http://%s:%d (docs at /docs)", settings.host, settings.port)
    app = create_app(settings)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        access_log=False,
        log_level="warning",
        timeout_graceful_shutdown=10,
        # The live channel sends each event to many viewers: compressing it once per viewer
        # would cost CPU in proportion to the audience, for small JSON on a local network.
        ws_per_message_deflate=False,
    )
    server = Server(config, app)
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
