"""The live channel end to end: tickets, the WebSocket, its events and its close codes.

A real uvicorn server on 127.0.0.1 serves an app with a short heartbeat and a frequent
credential check; the REST calls go to the shared test app, so every event also crosses from
one app's NOTIFY to another's LISTEN. Each message is validated against the AsyncAPI
contract, whose payloads reference the JSON Schemas of openapi.yaml.
"""

import asyncio
import functools
import logging
import socket
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import asyncpg
import httpx
import orjson
import pytest
import uvicorn
import yaml
from fastapi import FastAPI
from httpx import AsyncClient
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from conftest import ArcherAccount, ArcherFactory, fresh_database, join, make_settings, open_session
from quiver.app import create_app
from quiver.cli import Server
from quiver.core.db import Pool
from quiver.core.logger import request_id_var
from quiver.schemas.events import CloseCode
from quiver.services.live.channel import LiveChannel
from quiver.services.live.postgres_broker import PostgresBroker

CONTRACT_DIR = Path(__file__).resolve().parents[3] / "openapi" / "v0"
HEARTBEAT_SECONDS = 0.25
CREDENTIAL_CHECK_SECONDS = 0.1
EVENT_TYPES = {
    "session.snapshot",
    "shot.created",
    "shot.updated",
    "shot.deleted",
    "slot.joined",
    "slot.left",
    "session.updated",
    "session.closed",
    "slot.personal_best",
    "heartbeat",
}
Message = dict[str, Any]


# --- the contract ------------------------------------------------------------------------------


@functools.cache
def contract_validators() -> dict[str, Draft202012Validator]:
    """A validator per message type, resolving references into openapi.yaml."""
    documents = {
        path.as_uri(): yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in (CONTRACT_DIR / "asyncapi.yaml", CONTRACT_DIR / "openapi.yaml")
    }
    registry: Registry[Any] = Registry().with_resources(
        (uri, Resource.from_contents(document, default_specification=DRAFT202012))
        for uri, document in documents.items()
    )
    asyncapi_uri = (CONTRACT_DIR / "asyncapi.yaml").as_uri()
    messages = documents[asyncapi_uri]["components"]["messages"]
    return {
        message["name"]: Draft202012Validator(
            {"$ref": f"{asyncapi_uri}#/components/messages/{key}/payload"},
            registry=registry,
            format_checker=FormatChecker(),
        )
        for key, message in messages.items()
    }


def assert_conforms(message: Message) -> None:
    validator = contract_validators()[message["type"]]
    errors = [error.message for error in validator.iter_errors(message)]
    assert errors == [], f"{message['type']} breaks the contract: {errors}"
    expected = (
        {"type", "ts"} if message["type"] == "heartbeat" else {"type", "ts", "event_id", "data"}
    )
    assert set(message) == expected


def test_ws_contract_describes_exactly_the_messages_the_server_sends() -> None:
    assert set(contract_validators()) == EVENT_TYPES


def test_ws_contract_rejects_a_message_outside_the_envelope() -> None:
    validator = contract_validators()["shot.deleted"]
    assert not validator.is_valid({"type": "shot.deleted", "ts": "2026-11-26T10:00:00.000Z"})
    assert not validator.is_valid({"type": "heartbeat", "ts": "2026-11-26T10:00:00.000Z"})


# --- servers -----------------------------------------------------------------------------------


@asynccontextmanager
async def served(
    app: FastAPI,
    make_server: Callable[[uvicorn.Config], uvicorn.Server] = uvicorn.Server,
    *,
    send_buffer: int | None = None,
) -> AsyncIterator[tuple[int, uvicorn.Server]]:
    """``app`` on a free port of 127.0.0.1, its lifespan left to the caller.

    ``send_buffer`` sets the kernel's send buffer of every accepted connection (they inherit
    it from the listening socket), so that the sends to a client that stops reading block
    soon. Messages are not compressed, as under ``quiver serve``.
    """
    listening = socket.socket()
    if send_buffer is not None:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, send_buffer)
    listening.bind(("127.0.0.1", 0))
    port: int = listening.getsockname()[1]
    config = uvicorn.Config(
        app,
        lifespan="off",
        log_level="warning",
        timeout_graceful_shutdown=5,
        ws_per_message_deflate=False,
    )
    server = make_server(config)
    task = asyncio.create_task(server.serve(sockets=[listening]))
    try:
        async with asyncio.timeout(10):
            while not server.started:
                await asyncio.sleep(0.01)
        yield port, server
    finally:
        server.should_exit = True
        await task
        listening.close()


@pytest.fixture(scope="module")
async def live_app(database_url: str) -> AsyncIterator[FastAPI]:
    settings = make_settings(
        database_url,
        ws_heartbeat_seconds=HEARTBEAT_SECONDS,
        ws_send_timeout_seconds=2.0,
        ws_listener_retry_seconds=0.1,
        ws_credential_check_seconds=CREDENTIAL_CHECK_SECONDS,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(scope="module")
async def live_url(live_app: FastAPI) -> AsyncIterator[str]:
    async with served(live_app) as (port, _):
        yield f"ws://127.0.0.1:{port}"


def realtime_of(app: FastAPI) -> LiveChannel:
    realtime: LiveChannel = app.state.realtime
    return realtime


def listener_of(app: FastAPI) -> PostgresBroker:
    broker = realtime_of(app).broker
    assert isinstance(broker, PostgresBroker)
    return broker


# --- clients -----------------------------------------------------------------------------------


async def ticket_for(client: AsyncClient, account: ArcherAccount, session_id: str) -> str:
    response = await client.post(f"/api/v0/session/{session_id}/ws_ticket", headers=account.headers)
    assert response.status_code == 201, response.text
    ticket: str = response.json()["ticket"]
    return ticket


def channel_url(base: str, session_id: str, ticket: str | None) -> str:
    query = "" if ticket is None else f"?ticket={ticket}"
    return f"{base}/ws/v0/session/{session_id}{query}"


@asynccontextmanager
async def watching(
    client: AsyncClient, live_url: str, account: ArcherAccount, session_id: str
) -> AsyncIterator[ClientConnection]:
    ticket = await ticket_for(client, account, session_id)
    async with connect(channel_url(live_url, session_id, ticket)) as websocket:
        yield websocket


async def receive(websocket: ClientConnection, timeout: float = 5.0) -> Message:
    message: Message = orjson.loads(await asyncio.wait_for(websocket.recv(), timeout))
    assert_conforms(message)
    return message


async def next_event(websocket: ClientConnection, expected: str) -> Message:
    """The next message that is not a heartbeat, which must be of type ``expected``."""
    while (message := await receive(websocket))["type"] == "heartbeat":
        pass
    assert message["type"] == expected, message
    return message


async def close_code(websocket: ClientConnection, timeout: float = 10.0) -> int:
    """Read until the server closes the connection (within ``timeout``); its close code."""
    with pytest.raises(ConnectionClosed) as closed:
        async with asyncio.timeout(timeout):
            while True:
                await websocket.recv()
    assert closed.value.rcvd is not None, "the server closed without a close frame"
    return closed.value.rcvd.code


async def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


# --- tickets -----------------------------------------------------------------------------------


async def test_ws_ticket_is_issued_for_a_visible_session_and_expires_in_30_seconds(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner, archer = await archer_factory(), await archer_factory()
    session_id = await open_session(client, owner)
    await join(client, archer, session_id)
    for account in (owner, archer):
        response = await client.post(
            f"/api/v0/session/{session_id}/ws_ticket", headers=account.headers
        )
        assert response.status_code == 201
        body = response.json()
        assert set(body) == {"ticket", "expires_at"} and len(body["ticket"]) >= 32
        lifetime = datetime.fromisoformat(body["expires_at"]) - datetime.now(UTC)
        assert 25 < lifetime.total_seconds() <= 30


async def test_ws_ticket_is_refused_to_a_non_participant_and_without_a_token(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner, stranger = await archer_factory(), await archer_factory()
    session_id = await open_session(client, owner)
    url = f"/api/v0/session/{session_id}/ws_ticket"
    hidden = await client.post(url, headers=stranger.headers)
    assert hidden.status_code == 404 and hidden.json()["code"] == "session_not_found"
    assert (await client.post(url)).status_code == 401


# --- connecting --------------------------------------------------------------------------------


async def test_ws_viewer_first_receives_a_snapshot_of_the_whole_session(
    client: AsyncClient, live_url: str, archer_factory: ArcherFactory
) -> None:
    owner, archer = await archer_factory(), await archer_factory()
    session_id = await open_session(client, owner)
    slot = await join(client, archer, session_id)
    response = await client.post(
        f"/api/v0/slot/{slot['id']}/shot",
        json={"arrows": [{"value": "X"}, {"x_mm": 30.0, "y_mm": 10.0}]},
        headers=archer.headers,
    )
    assert response.status_code == 201
    async with watching(client, live_url, archer, session_id) as websocket:
        snapshot = await receive(websocket)
    assert snapshot["type"] == "session.snapshot" and UUID(snapshot["event_id"])
    data = snapshot["data"]
    assert data["session"]["id"] == session_id
    assert [s["id"] for s in data["slots"]] == [slot["id"]]
    assert data["statistics"][0]["slot_id"] == slot["id"]
    assert data["statistics"][0]["arrows_shot"] == 2
    assert data["leaderboard"]["items"][0]["total_score"] == data["statistics"][0]["total_score"]


def caused_by(account: ArcherAccount, request_id: str) -> dict[str, str]:
    """Headers of a request by ``account`` whose id the resulting event must not carry."""
    return {**account.headers, "X-Request-ID": request_id}


async def expect(websocket: ClientConnection, kind: str, request_id: str) -> Message:
    event = await next_event(websocket, kind)
    assert request_id not in orjson.dumps(event).decode(), "the writer's request id leaked"
    assert UUID(event["event_id"])
    return event


async def test_ws_every_event_type_matches_the_asyncapi_contract(
    client: AsyncClient, live_url: str, archer_factory: ArcherFactory
) -> None:
    owner, archer, latecomer = [await archer_factory() for _ in range(3)]
    session_id = await open_session(client, owner)
    slot = await join(client, archer, session_id)
    seen: list[Message] = []
    async with watching(client, live_url, owner, session_id) as websocket:
        seen.append(await next_event(websocket, "session.snapshot"))
        recorded = await client.post(
            f"/api/v0/slot/{slot['id']}/shot",
            json={"arrows": [{"x_mm": 1.0, "y_mm": 2.0}, {"value": "7"}]},
            headers=caused_by(archer, "trace-create-9d1c"),
        )
        seen.append(await expect(websocket, "shot.created", "trace-create-9d1c"))
        assert seen[-1]["data"]["shots"] == recorded.json()["items"]
        assert seen[-1]["data"]["statistics"]["arrows_shot"] == 2
        shot_id = recorded.json()["items"][0]["id"]

        await client.patch(
            f"/api/v0/shot/{shot_id}",
            json={"value": "9"},
            headers=caused_by(archer, "trace-move-9d1c"),
        )
        seen.append(await expect(websocket, "shot.updated", "trace-move-9d1c"))
        assert seen[-1]["data"]["shot"]["value"] == 9
        assert seen[-1]["data"]["statistics"]["total_score"] == 16

        await client.delete(
            f"/api/v0/shot/{shot_id}", headers=caused_by(archer, "trace-delete-9d1c")
        )
        seen.append(await expect(websocket, "shot.deleted", "trace-delete-9d1c"))
        assert seen[-1]["data"]["shot_id"] == shot_id
        assert seen[-1]["data"]["statistics"]["arrows_shot"] == 1

        joined = await client.post(
            f"/api/v0/session/{session_id}/slot",
            json={"distance": 70, "face_type": "wa_122", "arrows_per_end": 6},
            headers=caused_by(latecomer, "trace-join-9d1c"),
        )
        seen.append(await expect(websocket, "slot.joined", "trace-join-9d1c"))
        assert seen[-1]["data"] == joined.json()
        late_slot = joined.json()["id"]
        await client.post(
            f"/api/v0/slot/{late_slot}/leave", headers=caused_by(latecomer, "trace-leave-9d1c")
        )
        seen.append(await expect(websocket, "slot.left", "trace-leave-9d1c"))
        assert seen[-1]["data"]["is_active"] is False
        await client.post(
            f"/api/v0/slot/{late_slot}/rejoin", headers=caused_by(latecomer, "trace-rejoin-9d1c")
        )
        seen.append(await expect(websocket, "slot.joined", "trace-rejoin-9d1c"))
        assert seen[-1]["data"]["is_active"] is True

        session_url = f"/api/v0/session/{session_id}"
        await client.patch(
            session_url,
            json={"location": "Nottingham"},
            headers=caused_by(owner, "trace-edit-9d1c"),
        )
        seen.append(await expect(websocket, "session.updated", "trace-edit-9d1c"))
        assert seen[-1]["data"]["location"] == "Nottingham"
        await client.patch(
            session_url, json={"is_opened": False}, headers=caused_by(owner, "trace-close-9d1c")
        )
        seen.append(await expect(websocket, "session.closed", "trace-close-9d1c"))
        assert seen[-1]["data"]["is_opened"] is False

        while seen[-1]["type"] != "heartbeat":
            seen.append(await receive(websocket))
    # slot.personal_best has its own tests (test_personal_best.py), with the same validation.
    assert {message["type"] for message in seen} == EVENT_TYPES - {"slot.personal_best"}
    event_ids = [message["event_id"] for message in seen if message["type"] != "heartbeat"]
    assert len(set(event_ids)) == len(event_ids), "every event has an id of its own"


class LogLines(logging.Handler):
    """Every record of a logger, as (message, request id it was logged under)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.getMessage(), request_id_var.get()))


@pytest.fixture
def access_log() -> Iterator[LogLines]:
    logger = logging.getLogger("quiver.access")
    handler, level = LogLines(), logger.level
    logger.setLevel(logging.DEBUG)  # the tests' settings log warnings only
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


async def test_ws_event_carries_the_servers_event_id_never_the_writers_request_id(
    client: AsyncClient,
    live_url: str,
    archer_factory: ArcherFactory,
    access_log: LogLines,
) -> None:
    owner, archer = await archer_factory(), await archer_factory()
    session_id = await open_session(client, owner)
    slot = await join(client, archer, session_id)
    request_id = f"archer-trace-{uuid4().hex}"
    async with (
        watching(client, live_url, owner, session_id) as coach,
        watching(client, live_url, archer, session_id) as own,
    ):
        for websocket in (coach, own):
            await next_event(websocket, "session.snapshot")
        recorded = await client.post(
            f"/api/v0/slot/{slot['id']}/shot",
            json={"arrows": [{"value": "9"}]},
            headers=caused_by(archer, request_id),
        )
        assert recorded.status_code == 201
        assert recorded.headers["X-Request-ID"] == request_id
        events = [await next_event(websocket, "shot.created") for websocket in (coach, own)]
    for event in events:
        assert "request_id" not in event
        assert request_id not in orjson.dumps(event).decode()
    event_id = events[0]["event_id"]
    assert events[1]["event_id"] == event_id, "one change, one event id for every viewer"
    assert UUID(event_id)
    # The writer's own access-log line links the event id to its request id.
    assert [rid for line, rid in access_log.lines if event_id in line] == [request_id]


async def test_ws_heartbeat_arrives_every_interval(
    client: AsyncClient, live_url: str, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    async with watching(client, live_url, archer, session_id) as websocket:
        await next_event(websocket, "session.snapshot")
        arrivals = []
        for _ in range(5):
            assert (await receive(websocket))["type"] == "heartbeat"
            arrivals.append(time.monotonic())
    gaps = [later - earlier for earlier, later in zip(arrivals, arrivals[1:])]
    assert all(HEARTBEAT_SECONDS * 0.5 < gap < HEARTBEAT_SECONDS * 2 for gap in gaps), gaps
    assert sum(gaps) / len(gaps) == pytest.approx(HEARTBEAT_SECONDS, rel=0.3)


# --- refusals ------------------------------------------------------------------------------------


async def test_ws_without_a_valid_ticket_is_closed_with_4401(
    client: AsyncClient, live_url: str, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    for ticket in (None, "", "not-a-ticket", "x" * 500):
        async with connect(channel_url(live_url, session_id, ticket)) as websocket:
            assert await close_code(websocket) == CloseCode.INVALID_TICKET


async def test_ws_ticket_works_once(
    client: AsyncClient, live_url: str, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    ticket = await ticket_for(client, archer, session_id)
    async with connect(channel_url(live_url, session_id, ticket)) as websocket:
        await next_event(websocket, "session.snapshot")
    async with connect(channel_url(live_url, session_id, ticket)) as websocket:
        assert await close_code(websocket) == CloseCode.INVALID_TICKET


async def test_ws_expired_ticket_is_closed_with_4401(
    client: AsyncClient, live_url: str, archer: ArcherAccount, pool: Pool
) -> None:
    session_id = await open_session(client, archer)
    ticket = await ticket_for(client, archer, session_id)
    await pool.execute("""UPDATE ws_ticket SET created_at = now() - interval '1 minute',
               expires_at = now() - interval '30 seconds'""")
    async with connect(channel_url(live_url, session_id, ticket)) as websocket:
        assert await close_code(websocket) == CloseCode.INVALID_TICKET


async def test_ws_ticket_of_a_revoked_token_is_closed_with_4401(
    client: AsyncClient, live_url: str, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    ticket = await ticket_for(client, archer, session_id)
    assert (await client.post("/api/v0/auth/logout", headers=archer.headers)).status_code == 204
    async with connect(channel_url(live_url, session_id, ticket)) as websocket:
        assert await close_code(websocket) == CloseCode.INVALID_TICKET


# --- the credential behind an open connection ------------------------------------------------------


async def test_ws_viewer_is_closed_with_4401_soon_after_its_archer_logs_out(
    client: AsyncClient, live_url: str, archer_factory: ArcherFactory
) -> None:
    owner, archer = await archer_factory(), await archer_factory()
    session_id = await open_session(client, owner)
    await join(client, archer, session_id)
    async with (
        watching(client, live_url, owner, session_id) as staying,
        watching(client, live_url, archer, session_id) as leaving,
    ):
        await next_event(staying, "session.snapshot")
        await next_event(leaving, "session.snapshot")
        logout = await client.post("/api/v0/auth/logout", headers=archer.headers)
        assert logout.status_code == 204
        assert await close_code(leaving) == CloseCode.INVALID_TICKET
        # The owner, with a token of its own, still watches.
        edited = await client.patch(
            f"/api/v0/session/{session_id}", json={"location": "Locksley"}, headers=owner.headers
        )
        assert edited.status_code == 200
        assert (await next_event(staying, "session.updated"))["data"]["location"] == "Locksley"


async def test_ws_viewer_is_closed_with_4401_once_its_token_expires(
    client: AsyncClient, live_url: str, archer: ArcherAccount, pool: Pool
) -> None:
    session_id = await open_session(client, archer)
    async with watching(client, live_url, archer, session_id) as websocket:
        await next_event(websocket, "session.snapshot")
        expired = await pool.execute(
            """UPDATE archer_token SET created_at = now() - interval '1 hour',
                   expires_at = now() - interval '1 second'
               WHERE archer_id = $1""",
            UUID(archer.id),
        )
        assert expired == "UPDATE 1"
        assert await close_code(websocket) == CloseCode.INVALID_TICKET


async def test_ws_viewer_is_closed_with_4401_once_its_account_is_deleted(
    client: AsyncClient, live_url: str, archer_factory: ArcherFactory
) -> None:
    owner, archer = await archer_factory(), await archer_factory()
    session_id = await open_session(client, owner)
    await join(client, archer, session_id)
    async with watching(client, live_url, archer, session_id) as websocket:
        await next_event(websocket, "session.snapshot")
        deleted = await client.delete("/api/v0/archer/me", headers=archer.headers)
        assert deleted.status_code == 204
        assert await close_code(websocket) == CloseCode.INVALID_TICKET


async def test_ws_non_participant_cannot_watch_with_a_ticket_for_another_session(
    client: AsyncClient, live_url: str, archer_factory: ArcherFactory
) -> None:
    owner, stranger = await archer_factory(), await archer_factory()
    watched = await open_session(client, owner)
    own = await open_session(client, stranger)
    ticket = await ticket_for(client, stranger, own)
    async with connect(channel_url(live_url, watched, ticket)) as websocket:
        assert await close_code(websocket) == CloseCode.INVALID_TICKET


async def test_ws_client_message_is_never_acted_upon_and_closes_with_4400(
    client: AsyncClient, live_url: str, archer_factory: ArcherFactory
) -> None:
    owner, archer = await archer_factory(), await archer_factory()
    session_id = await open_session(client, owner)
    slot = await join(client, archer, session_id)
    async with watching(client, live_url, archer, session_id) as websocket:
        await next_event(websocket, "session.snapshot")
        await websocket.send(
            orjson.dumps({"type": "shot.created", "data": {"slot_id": slot["id"]}}).decode()
        )
        assert await close_code(websocket) == CloseCode.CLIENT_MESSAGE
    shots = await client.get(f"/api/v0/slot/{slot['id']}/shot", headers=archer.headers)
    assert shots.json()["items"] == []


async def test_ws_viewers_of_a_deleted_session_are_closed_with_4404(
    client: AsyncClient, live_url: str, archer_factory: ArcherFactory
) -> None:
    owner, archer = await archer_factory(), await archer_factory()
    session_id = await open_session(client, owner)
    await join(client, archer, session_id)
    async with watching(client, live_url, archer, session_id) as websocket:
        await next_event(websocket, "session.snapshot")
        deleted = await client.delete(f"/api/v0/session/{session_id}", headers=owner.headers)
        assert deleted.status_code == 204
        assert await close_code(websocket) == CloseCode.SESSION_NOT_FOUND


# --- failures and shutdown -------------------------------------------------------------------------


async def test_ws_disconnect_in_the_middle_of_sending_leaves_the_other_viewers_served(
    client: AsyncClient, live_url: str, live_app: FastAPI, archer_factory: ArcherFactory
) -> None:
    owner, archer = await archer_factory(), await archer_factory()
    session_id = await open_session(client, owner)
    slot = await join(client, archer, session_id)
    realtime = realtime_of(live_app)
    async with (
        watching(client, live_url, owner, session_id) as staying,
        watching(client, live_url, archer, session_id) as leaving,
    ):
        await next_event(staying, "session.snapshot")
        await next_event(leaving, "session.snapshot")
        assert realtime.viewer_count == 2

        posted: list[str] = []

        async def record(count: int) -> None:
            for _ in range(count):
                response = await client.post(
                    f"/api/v0/slot/{slot['id']}/shot",
                    json={"arrows": [{"value": "8"}]},
                    headers=archer.headers,
                )
                assert response.status_code == 201
                posted.append(response.json()["items"][0]["id"])

        await record(5)
        # The client vanishes without a close frame while events are being sent to it.
        leaving.transport.abort()
        await record(10)
        received = [
            (await next_event(staying, "shot.created"))["data"]["shots"][0]["id"] for _ in posted
        ]
        assert received == posted, "every event, in commit order"
        await wait_until(lambda: realtime.viewer_count == 1)


async def test_ws_listener_reconnects_and_every_viewer_gets_a_fresh_snapshot(
    client: AsyncClient, live_url: str, live_app: FastAPI, archer: ArcherAccount, pool: Pool
) -> None:
    session_id = await open_session(client, archer)
    slot = await join(client, archer, session_id)
    listener = listener_of(live_app)
    async with watching(client, live_url, archer, session_id) as websocket:
        await next_event(websocket, "session.snapshot")
        reconnects, pid = listener.reconnects, listener.pid
        assert pid is not None
        assert await pool.fetchval("SELECT pg_terminate_backend($1)", pid)
        resent = await next_event(websocket, "session.snapshot")
        assert listener.reconnects == reconnects + 1 and listener.pid not in (None, pid)
        assert resent["data"]["session"]["id"] == session_id
        await client.post(
            f"/api/v0/slot/{slot['id']}/shot",
            json={"arrows": [{"value": "10"}]},
            headers=archer.headers,
        )
        await next_event(websocket, "shot.created")


STALL_SEND_TIMEOUT_SECONDS = 3.0


@pytest.fixture
async def stalling_app(database_url: str) -> AsyncIterator[FastAPI]:
    settings = make_settings(
        database_url, ws_heartbeat_seconds=60.0, ws_send_timeout_seconds=STALL_SEND_TIMEOUT_SECONDS
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


async def test_ws_viewer_that_stops_reading_sees_4408_once_it_reads_again(
    client: AsyncClient, stalling_app: FastAPI, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    slot = await join(client, archer, session_id)
    realtime = realtime_of(stalling_app)
    async with served(stalling_app, send_buffer=4096) as (port, _):
        ticket = await ticket_for(client, archer, session_id)
        # Small kernel buffers, and a client that takes at most a frame or two off them
        # (max_queue): the server's sends block once some 100 kB wait for it.
        raw = socket.socket()
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        raw.connect(("127.0.0.1", port))
        url = channel_url(f"ws://127.0.0.1:{port}", session_id, ticket)
        async with connect(url, sock=raw, max_queue=1) as websocket:
            await wait_until(lambda: realtime.viewer_count == 1)
            for _ in range(40):  # about 6 kB of event each, uncompressed
                response = await client.post(
                    f"/api/v0/slot/{slot['id']}/shot",
                    json={"arrows": [{"value": "X"}] * 6},
                    headers=archer.headers,
                )
                assert response.status_code == 201, response.text
            # The watchdog gives up on the blocked send...
            await wait_until(lambda: realtime.viewer_count == 0, STALL_SEND_TIMEOUT_SECONDS * 3)
            # ...and the client reads again a while later (the server used to give up on the
            # close frame after 1 s, then drop the connection without it).
            await asyncio.sleep(STALL_SEND_TIMEOUT_SECONDS * 0.6)
            assert await close_code(websocket) == CloseCode.NOT_READING


@pytest.fixture
def own_database_url(server_dsn: str, worker_id: str) -> Iterator[str]:
    with fresh_database(server_dsn, "quiver_ws_shutdown", worker_id) as url:
        yield url


async def test_ws_shutdown_closes_viewers_with_1001_and_leaks_no_task_or_connection(
    server_dsn: str, own_database_url: str
) -> None:
    tasks_before = asyncio.all_tasks()
    app = create_app(make_settings(own_database_url))
    async with app.router.lifespan_context(app):
        async with served(app, lambda config: Server(config, app)) as (port, server):
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
                owner = await _register(http)
                session_id = await open_session(http, owner)
                ticket = await ticket_for(http, owner, session_id)
            base = f"ws://127.0.0.1:{port}"
            async with connect(channel_url(base, session_id, ticket)) as websocket:
                await next_event(websocket, "session.snapshot")
                server.should_exit = True
                assert await close_code(websocket) == CloseCode.GOING_AWAY
        assert realtime_of(app).viewer_count == 0
        assert listener_of(app).pid is None
    assert asyncio.all_tasks() - tasks_before == set(), "no task outlives the app"
    admin = await asyncpg.connect(server_dsn)
    try:
        database = own_database_url.rsplit("/", 1)[1].split("?")[0]
        left = await admin.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = $1", database
        )
    finally:
        await admin.close()
    assert left == 0, "every connection to the database is closed"


async def _register(http: httpx.AsyncClient) -> ArcherAccount:
    email = f"shutdown-{time.monotonic_ns()}@example.org"
    password = "correct horse battery staple"
    registered = await http.post(
        "/api/v0/archer",
        json={"email": email, "password": password, "first_name": "Will",
              "last_name": "Scarlet", "bowstyle": "longbow", "draw_weight_lb": 50},
    )  # fmt: skip
    assert registered.status_code == 201, registered.text
    login = await http.post("/api/v0/auth/login", json={"email": email, "password": password})
    return ArcherAccount(registered.json()["id"], email, login.json()["access_token"])
