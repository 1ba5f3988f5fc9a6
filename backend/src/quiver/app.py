"""The application factory."""

import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from quiver.core.contract import load_contract, serve_contract
from quiver.core.db import create_pool
from quiver.core.embedded import start_embedded_postgres
from quiver.core.errors import allowed_methods_by_path, install_error_handlers
from quiver.core.middleware import RequestContextMiddleware
from quiver.core.migrate import migrate
from quiver.core.realtime import Realtime
from quiver.core.security import Passwords
from quiver.core.settings import Settings
from quiver.core.static import mount_frontend
from quiver.routers.v0 import ROUTERS
from quiver.services.live import SessionContent
from quiver.services.shots import ArrowWriter, ShootingContexts


def create_app(settings: Settings) -> FastAPI:
    """Build the API for ``settings``; the lifespan owns the database and the pool."""
    logging.getLogger("quiver").setLevel(settings.log_level)
    contract = load_contract(settings.contract_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            dsn = settings.database_url
            if dsn is None:
                server = await run_in_threadpool(start_embedded_postgres, settings.pgdata)
                stack.callback(server.cleanup)
                dsn = server.get_uri()
            pool = await create_pool(settings, dsn)
            stack.push_async_callback(pool.close)
            if settings.migrate_on_startup:
                async with pool.acquire() as conn:
                    await migrate(conn)
            # Per-app (not module) state, reached by dependencies through request.app.
            app.state.pool = pool
            app.state.arrow_writer = ArrowWriter(pool)
            app.state.passwords = await run_in_threadpool(Passwords, settings)
            # Its own LISTEN connection, outside the pool; stopped before the pool closes.
            realtime = Realtime(pool, dsn, settings, SessionContent())
            await realtime.start()
            stack.push_async_callback(realtime.stop)
            app.state.realtime = realtime
            yield

    app = FastAPI(
        title=contract["info"]["title"],
        version=contract["info"]["version"],
        lifespan=lifespan,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.allowed_methods = allowed_methods_by_path(contract)
    app.state.shooting_contexts = ShootingContexts()
    for router in ROUTERS:
        app.include_router(router)
    install_error_handlers(app)
    serve_contract(app, contract)
    mount_frontend(app, settings.frontend_dist)
    app.add_middleware(
        RequestContextMiddleware,
        max_concurrent_requests=settings.api_max_concurrent_requests,
        max_body_bytes=settings.max_body_bytes,
    )
    return app
