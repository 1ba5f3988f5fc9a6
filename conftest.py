"""Shared fixtures: a real PostgreSQL per test worker, the app, clients and archers."""

import asyncio
import os
import socket
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import uuid4

import asyncpg
import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from quiver.app import create_app
from quiver.core.db import Connection, Pool
from quiver.core.embedded import start_embedded_postgres
from quiver.core.settings import Settings

TEST_PGDATA = Path(
    os.environ.get("QUIVER_TEST_PGDATA", Path(tempfile.gettempdir()) / "quiver-test" / "pgdata")
)
PASSWORD = "correct horse battery staple"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def postmaster_pid(pgdata: Path) -> int:
    """The process id of the PostgreSQL server running on ``pgdata``."""
    return int((pgdata / "postmaster.pid").read_text(encoding="utf-8").splitlines()[0])


def with_database(dsn: str, database: str) -> str:
    """The same server DSN pointed at another database."""
    base, _, query = dsn.partition("?")
    server = base.rsplit("/", 1)[0]
    return f"{server}/{database}" + (f"?{query}" if query else "")


@pytest.fixture(scope="session")
def server_dsn() -> Iterator[str]:
    """An administrative DSN: ``DATABASE_URL`` when set, else a shared embedded server."""
    external = os.environ.get("DATABASE_URL")
    if external:
        yield external
        return
    server = start_embedded_postgres(TEST_PGDATA)
    try:
        yield server.get_uri()
    finally:
        server.cleanup()


@contextmanager
def fresh_database(server_dsn: str, prefix: str, worker_id: str) -> Iterator[str]:
    """An empty database of its own, dropped afterwards; named per process, as runs may overlap."""
    name = f"{prefix}_{worker_id}_{os.getpid()}"

    async def run(*statements: str) -> None:
        conn = await asyncpg.connect(server_dsn)
        try:
            for statement in statements:
                await conn.execute(statement)
        finally:
            await conn.close()

    asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'))
    try:
        yield with_database(server_dsn, name)
    finally:
        asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def database_url(server_dsn: str, worker_id: str) -> Iterator[str]:
    """The database the app under test uses in this worker."""
    with fresh_database(server_dsn, "quiver_test", worker_id) as url:
        yield url


def make_settings(database_url: str, **overrides: Any) -> Settings:
    """Test settings: cheap password hashing, same everything else."""
    values: dict[str, Any] = {
        "database_url": database_url,
        "argon2_time_cost": 1,
        "argon2_memory_cost_kib": 8,
        "log_level": "WARNING",
        # Thousands of requests share one client address: the per-principal limit stays on
        # (its headers with it) but out of reach, the sign-in limits off. Their tests set them.
        "rate_limit_requests_per_minute": 1_000_000,
        "rate_limit_login_per_email": 0,
        "rate_limit_login_per_address": 0,
        "rate_limit_register_per_address": 0,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return make_settings(database_url)


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    """One migrated app per worker; its lifespan runs for the whole session."""
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(scope="session")
def pool(app: FastAPI) -> Pool:
    pool: Pool = app.state.pool
    return pool


@pytest.fixture(autouse=True)
async def _clean_database(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Empty every table after each test that touched the app, so tests never share rows."""
    if "app" not in request.fixturenames:
        yield
        return
    pool: Pool = request.getfixturevalue("pool")
    yield
    async with pool.acquire() as conn:
        tables = await conn.fetchval("""
            SELECT string_agg(format('%I', tablename), ', ') FROM pg_tables
            WHERE schemaname = 'public'
                -- The deployment's keys are no test's rows: every app of the run shares them.
                AND tablename NOT IN ('schema_migration', 'deployment_secret')
            """)
        if tables:
            # An app of a test's own (say, with other settings) purges expired rows when it
            # starts, which can deadlock with this TRUNCATE; PostgreSQL aborts one of the two.
            for attempt in range(3):
                try:
                    await conn.execute(f"TRUNCATE {tables} CASCADE")
                    break
                except asyncpg.exceptions.DeadlockDetectedError:
                    if attempt == 2:
                        raise


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(
        transport=ASGITransport(app=app, raise_app_exceptions=False),
        base_url="http://test",
    ) as http:
        yield http


@pytest.fixture
async def conn(pool: Pool) -> AsyncIterator[Connection]:
    """A connection inside a transaction that is rolled back after the test."""
    async with pool.acquire() as connection:
        transaction = connection.transaction()
        await transaction.start()
        try:
            yield connection
        finally:
            await transaction.rollback()


@dataclass(frozen=True)
class ArcherAccount:
    """A registered, logged-in archer."""

    id: str
    email: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


ArcherFactory = Callable[..., Awaitable[ArcherAccount]]


def registration_payload(**overrides: Any) -> dict[str, Any]:
    """A valid registration body with a unique email."""
    payload: dict[str, Any] = {
        "email": f"archer-{uuid4().hex[:12]}@example.org",
        "password": PASSWORD,
        "first_name": "Robin",
        "last_name": "Hood",
        "bowstyle": "recurve",
        "draw_weight_lb": 38.5,
    }
    payload.update(overrides)
    return payload


@pytest.fixture
def archer_factory(client: AsyncClient) -> ArcherFactory:
    """Registers and logs in a new archer."""

    async def make(**overrides: Any) -> ArcherAccount:
        payload = registration_payload(**overrides)
        registered = await client.post("/api/v0/archer", json=payload)
        assert registered.status_code == 201, registered.text
        login = await client.post(
            "/api/v0/auth/login", json={"email": payload["email"], "password": payload["password"]}
        )
        assert login.status_code == 200, login.text
        return ArcherAccount(
            id=registered.json()["id"], email=payload["email"], token=login.json()["access_token"]
        )

    return make


@pytest.fixture
async def archer(archer_factory: ArcherFactory) -> ArcherAccount:
    return await archer_factory()


# Range helpers: a session, a slot in it, arrows in the slot, through the public API.
SESSION_START = "2026-11-26T10:00:00Z"


async def open_session(client: AsyncClient, owner: ArcherAccount, **overrides: Any) -> str:
    payload = {
        "is_opened": True,
        "start_time": SESSION_START,
        "location": "Sherwood range",
        "is_indoor": False,
        "distance": 70,
    }
    payload.update(overrides)
    response = await client.post("/api/v0/session", json=payload, headers=owner.headers)
    assert response.status_code == 201, response.text
    session_id: str = response.json()["id"]
    return session_id


async def join(
    client: AsyncClient, archer: ArcherAccount, session_id: str, **overrides: Any
) -> dict[str, Any]:
    payload: dict[str, Any] = {"distance": 70, "face_type": "wa_122", "arrows_per_end": 6}
    payload.update(overrides)
    response = await client.post(
        f"/api/v0/session/{session_id}/slot", json=payload, headers=archer.headers
    )
    assert response.status_code == 201, response.text
    slot: dict[str, Any] = response.json()
    return slot


async def shoot(
    client: AsyncClient, archer: ArcherAccount, slot_id: str, *arrows: dict[str, Any], **kw: Any
) -> Any:
    return await client.post(
        f"/api/v0/slot/{slot_id}/shot", json={"arrows": list(arrows)}, headers=archer.headers, **kw
    )


async def personal_token(
    client: AsyncClient, owner: ArcherAccount, *scopes: str, **overrides: Any
) -> dict[str, Any]:
    """A new personal access token of ``owner`` with ``scopes``, secret included (``token``)."""
    payload = {"name": "Club scoreboard", "scopes": list(scopes), "expires_in_days": 30}
    payload.update(overrides)
    response = await client.post("/api/v0/access_token", json=payload, headers=owner.headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created
