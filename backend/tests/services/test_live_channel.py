"""The live channel's parts in isolation: a viewer's queue and send loop, the hub and its
rooms, the PostgreSQL broker, ``publish``.

Sockets and content are fakes here; tests/endpoints/test_ws.py runs the real thing.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Collection, Iterator, Mapping, Sequence
from typing import Any
from uuid import UUID, uuid4

import asyncpg
import orjson
import pytest

from conftest import make_settings
from quiver.core.db import Connection, Pool
from quiver.core.logger import event_ids_var, request_id_var
from quiver.core.metrics import Metrics
from quiver.core.settings import Settings
from quiver.models.realtime import CHANNEL, Announcement
from quiver.schemas.events import CloseCode
from quiver.services.live.broker import Broker, EventType, Notification, Subscriber, publish
from quiver.services.live.channel import LiveChannel, Viewing
from quiver.services.live.messages import render_message
from quiver.services.live.postgres_broker import PostgresBroker
from quiver.services.live.viewer import Viewer

SESSION_ID = uuid4()
# The session of the ticket "other".
OTHER_SESSION_ID = uuid4()
QUEUE_MAX = 1000


class FakeSocket:
    """Records what is sent; ``gate`` makes sends wait, ``fail_after`` makes them fail."""

    def __init__(self, *, fail_after: int | None = None) -> None:
        self.sent: list[str] = []
        self.closed_with: int | None = None
        self.accepted = False
        self.gate = asyncio.Event()
        self.gate.set()
        self.incoming: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._fail_after = fail_after

    async def accept(self) -> None:
        self.accepted = True

    async def receive(self) -> Mapping[str, Any]:
        return await self.incoming.get()

    async def send_text(self, data: str) -> None:
        await self.gate.wait()
        if self._fail_after is not None and len(self.sent) >= self._fail_after:
            raise OSError("connection reset by peer")
        self.sent.append(data)

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        del reason
        await self.gate.wait()  # a close frame queues behind the unsent messages
        self.closed_with = code
        await self.incoming.put({"type": "websocket.disconnect", "code": code})

    def types(self) -> list[str]:
        return [orjson.loads(message)["type"] for message in self.sent]


class Records(logging.Handler):
    """Collects the records of one logger (quiver's loggers do not propagate to the root)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def warnings(self) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno == logging.WARNING]


@pytest.fixture
def realtime_log() -> Iterator[Records]:
    logger = logging.getLogger("quiver.services.live")
    handler = Records()
    level = logger.level
    logger.setLevel(logging.DEBUG)  # the tests' settings log warnings only
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def snapshot_of(session_id: UUID = SESSION_ID) -> str:
    return render_message("session.snapshot", uuid4(), {"session_id": str(session_id)})


def event() -> str:
    return render_message("shot.created", uuid4(), {})


async def wait_until(condition: Any, timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.005)


def viewer_on(socket: FakeSocket) -> Viewer:
    async def snapshot() -> str:
        return snapshot_of()

    viewer = Viewer(socket, SESSION_ID, snapshot, QUEUE_MAX, token_id=uuid4())
    viewer.start()
    return viewer


async def test_viewer_sends_the_snapshot_first_then_events_in_order() -> None:
    socket = FakeSocket()
    socket.gate.clear()
    viewer = viewer_on(socket)
    await asyncio.sleep(0.01)
    event_ids = [uuid4() for _ in range(3)]
    for event_id in event_ids:
        viewer.offer(render_message("shot.created", event_id, {}))
    socket.gate.set()
    await wait_until(lambda: len(socket.sent) == 4)
    viewer.stop(CloseCode.GOING_AWAY)
    assert await viewer.finished() == CloseCode.GOING_AWAY
    assert socket.types() == ["session.snapshot", "shot.created", "shot.created", "shot.created"]
    assert [orjson.loads(m)["event_id"] for m in socket.sent[1:]] == list(map(str, event_ids))


async def test_slow_viewer_drops_the_oldest_messages_and_warns_once_per_episode(
    realtime_log: Records,
) -> None:
    socket = FakeSocket()
    viewer = viewer_on(socket)
    await wait_until(lambda: len(socket.sent) == 1)
    # The client stops reading: the send in progress is stuck, the queue fills up.
    socket.gate.clear()
    viewer.offer(event())
    await asyncio.sleep(0.01)
    for _ in range(1500):
        viewer.offer(event())
    assert viewer.queued == QUEUE_MAX
    warnings = realtime_log.warnings()
    assert len(warnings) == 1
    assert viewer.id in warnings[0] and str(SESSION_ID) in warnings[0]

    # It catches up: the stale queue is replaced by a fresh snapshot, ending the episode.
    socket.gate.set()
    await wait_until(lambda: viewer.queued == 0 and socket.types()[-1] == "session.snapshot")
    assert socket.types() == ["session.snapshot", "shot.created", "session.snapshot"]

    socket.gate.clear()
    viewer.offer(event())
    await asyncio.sleep(0.01)
    for _ in range(1001):
        viewer.offer(event())
    assert len(realtime_log.warnings()) == 2
    socket.gate.set()
    viewer.stop(None)
    assert await viewer.finished() is None


async def test_viewer_whose_send_stays_blocked_is_closed_as_not_reading(
    realtime_log: Records,
) -> None:
    socket = FakeSocket()
    viewer = viewer_on(socket)
    await wait_until(lambda: len(socket.sent) == 1)
    socket.gate.clear()
    viewer.offer(event())
    await asyncio.sleep(0.05)
    now = asyncio.get_running_loop().time()
    viewer.check_send(now, timeout=1.0)
    assert not realtime_log.warnings(), "a send blocked for less than the timeout is fine"
    viewer.check_send(now + 1.1, timeout=1.0)
    assert await asyncio.wait_for(viewer.finished(), 2) == CloseCode.NOT_READING
    assert any("did not read" in warning for warning in realtime_log.warnings())


async def test_viewer_that_disconnects_in_the_middle_of_sending_just_ends() -> None:
    socket = FakeSocket(fail_after=3)
    viewer = viewer_on(socket)
    await wait_until(lambda: socket.sent)
    for _ in range(10):
        viewer.offer(event())
    assert await asyncio.wait_for(viewer.finished(), 2) is None
    assert len(socket.sent) == 3


async def test_viewer_of_a_session_it_may_not_see_is_closed_as_not_found() -> None:
    async def nothing() -> None:
        return None

    viewer = Viewer(FakeSocket(), SESSION_ID, nothing, QUEUE_MAX, token_id=uuid4())
    viewer.start()
    assert await viewer.finished() == CloseCode.SESSION_NOT_FOUND


def test_notification_round_trips_and_rejects_anything_else() -> None:
    slot_id, shot_id, event_id = uuid4(), uuid4(), uuid4()
    fields = {
        "type": "shot.deleted",
        "session_id": str(SESSION_ID),
        "slot_id": str(slot_id),
        "shot_ids": [str(shot_id)],
        "event_id": str(event_id),
    }
    assert Notification.parse(orjson.dumps(fields).decode()) == Notification(
        EventType.SHOT_DELETED, SESSION_ID, event_id, slot_id, (shot_id,)
    )
    without_id = orjson.dumps({**fields, "event_id": None}).decode()
    for bad in ("", "[]", '{"type": "shot.deleted"}', '{"type": "nope"}', "resync", without_id):
        with pytest.raises(ValueError):
            Notification.parse(bad)


# --- the hub, with fake content ----------------------------------------------------------------


class FakeContent:
    """Only the tickets "good" (for SESSION_ID) and "other" (for OTHER_SESSION_ID) are valid,
    each for a token of its own (``tokens``); events render as empty messages, each batch noted
    in ``batches``, once the session's gate in ``gates`` (if any) is open, unless
    ``renders_fail`` says it fails. Tokens in ``revoked``
    are no longer valid; while ``checks_fail``, checking tokens fails as if the database were
    unreachable."""

    def __init__(self) -> None:
        self.events_rendered = 0
        self.batches: list[list[Notification]] = []
        self.gates: dict[UUID, asyncio.Event] = {}
        self.rendering: set[UUID] = set()
        self.tokens: list[UUID] = []
        self.revoked: set[UUID] = set()
        self.token_checks = 0
        self.checks_fail = False
        # How many of the next renders fail as if the database were unreachable.
        self.renders_fail = 0

    async def redeem_ticket(self, conn: Connection, ticket: str) -> Viewing | None:
        del conn
        sessions = {"good": SESSION_ID, "other": OTHER_SESSION_ID}
        if ticket not in sessions:
            return None
        self.tokens.append(uuid4())
        return Viewing(uuid4(), sessions[ticket], uuid4(), self.tokens[-1])

    async def render_snapshot(
        self, conn: Connection, session_id: UUID, viewer_id: UUID
    ) -> str | None:
        del conn, viewer_id
        return snapshot_of(session_id)

    async def render_events(
        self, conn: Connection, notifications: Sequence[Notification], owner_id: UUID
    ) -> list[str | None]:
        del conn, owner_id
        if self.renders_fail:
            self.renders_fail -= 1
            raise OSError("connection reset by peer")
        self.batches.append(list(notifications))
        session_id = notifications[0].session_id
        assert all(n.session_id == session_id for n in notifications), "one session per batch"
        self.rendering.add(session_id)
        try:
            if session_id in self.gates:
                await self.gates[session_id].wait()
        finally:
            self.rendering.discard(session_id)
        self.events_rendered += len(notifications)
        return [render_message(n.type.value, n.event_id, {}) for n in notifications]

    async def valid_tokens(self, conn: Connection, token_ids: Collection[UUID]) -> set[UUID]:
        del conn
        self.token_checks += 1
        if self.checks_fail:
            raise OSError("connection refused")
        return set(token_ids) - self.revoked


HEARTBEAT_SECONDS = 0.1
CREDENTIAL_CHECK_SECONDS = 0.05


def channel_of(
    pool: Pool, settings: Settings, content: FakeContent, broker: Broker | None = None
) -> LiveChannel:
    """A hub on ``pool`` (for everything), with a PostgreSQL broker unless told otherwise."""
    return LiveChannel(
        pool=pool,
        render_pool=pool,
        broker=broker or listener_of(settings),
        settings=settings,
        content=content,
        metrics=Metrics(),
    )


def listener_of(settings: Settings) -> PostgresBroker:
    assert settings.database_url is not None
    return PostgresBroker(
        settings.database_url,
        keepalive_seconds=settings.ws_heartbeat_seconds,
        retry_seconds=settings.ws_listener_retry_seconds,
    )


def broker_of(hub: LiveChannel) -> PostgresBroker:
    broker = hub.broker
    assert isinstance(broker, PostgresBroker)
    return broker


@pytest.fixture
async def hub(pool: Pool, database_url: str) -> AsyncIterator[LiveChannel]:
    settings = make_settings(
        database_url,
        ws_heartbeat_seconds=HEARTBEAT_SECONDS,
        ws_send_timeout_seconds=0.4,
        ws_credential_check_seconds=CREDENTIAL_CHECK_SECONDS,
    )
    realtime = channel_of(pool, settings, FakeContent())
    await realtime.start()
    try:
        yield realtime
    finally:
        await realtime.stop()


async def notify(pool: Pool, payload: dict[str, Any]) -> None:
    await pool.execute("SELECT pg_notify($1, $2)", CHANNEL, orjson.dumps(payload).decode())


async def test_realtime_refuses_a_bad_ticket_with_4401(hub: LiveChannel) -> None:
    for ticket in (None, "", "x" * 129, "unknown"):
        socket = FakeSocket()
        await hub.serve(socket, str(SESSION_ID), ticket)
        assert socket.accepted and socket.closed_with == CloseCode.INVALID_TICKET
    socket = FakeSocket()
    await hub.serve(socket, str(uuid4()), "good")
    assert socket.closed_with == CloseCode.INVALID_TICKET, "a ticket is for one session only"
    assert hub.viewer_count == 0


async def test_realtime_closes_a_client_that_sends_anything_with_4400(hub: LiveChannel) -> None:
    socket = FakeSocket()
    serving = asyncio.create_task(hub.serve(socket, str(SESSION_ID).upper(), "good"))
    await wait_until(lambda: socket.sent)
    await socket.incoming.put({"type": "websocket.receive", "text": '{"type":"shot.create"}'})
    await asyncio.wait_for(serving, 2)
    assert socket.closed_with == CloseCode.CLIENT_MESSAGE
    assert hub.viewer_count == 0


async def test_realtime_fans_a_notification_out_once_to_every_viewer_of_its_session(
    hub: LiveChannel, pool: Pool
) -> None:
    sockets = [FakeSocket() for _ in range(3)]
    serving = [asyncio.create_task(hub.serve(s, str(SESSION_ID), "good")) for s in sockets]
    await wait_until(lambda: all(s.sent for s in sockets))
    await notify(pool, {"type": "slot.left", "session_id": str(uuid4()), "slot_id": None,
                        "shot_ids": None, "event_id": str(uuid4())})  # fmt: skip
    await notify(pool, {"type": "shot.created", "session_id": str(SESSION_ID),
                        "slot_id": str(uuid4()), "shot_ids": [str(uuid4())],
                        "event_id": str(uuid4())})  # fmt: skip
    await wait_until(lambda: all(len(s.sent) == 2 for s in sockets))
    assert all(s.types() == ["session.snapshot", "shot.created"] for s in sockets)
    content = hub._content
    assert isinstance(content, FakeContent) and content.events_rendered == 1
    await hub.stop()
    await asyncio.wait_for(asyncio.gather(*serving), 2)
    assert all(s.closed_with == CloseCode.GOING_AWAY for s in sockets)


async def test_realtime_listens_only_while_the_process_has_viewers(hub: LiveChannel) -> None:
    async def channels() -> list[str]:
        listening: list[str] = await broker_of(hub).query(
            lambda conn: conn.fetchval("SELECT array(SELECT pg_listening_channels())")
        )
        return listening

    assert await channels() == []
    sockets = [FakeSocket() for _ in range(2)]
    serving = [asyncio.create_task(hub.serve(s, str(SESSION_ID), "good")) for s in sockets]
    await wait_until(lambda: all(s.sent for s in sockets))
    assert await channels() == [CHANNEL]
    await sockets[0].incoming.put({"type": "websocket.disconnect", "code": 1000})
    await serving[0]
    assert await channels() == [CHANNEL], "one viewer is still watching"
    await sockets[1].incoming.put({"type": "websocket.disconnect", "code": 1000})
    await serving[1]
    assert await channels() == []


async def test_realtime_sends_every_viewer_a_heartbeat_every_interval(hub: LiveChannel) -> None:
    sockets = [FakeSocket() for _ in range(2)]
    serving = [asyncio.create_task(hub.serve(s, str(SESSION_ID), "good")) for s in sockets]
    await wait_until(lambda: all(s.types().count("heartbeat") >= 4 for s in sockets))
    for socket in sockets:
        heartbeats = [orjson.loads(m) for m in socket.sent if '"heartbeat"' in m]
        assert all(set(beat) == {"type", "ts"} for beat in heartbeats)
        assert heartbeats[0]["ts"].endswith("Z")
    await hub.stop()
    await asyncio.gather(*serving)


async def test_realtime_closes_a_viewer_that_stops_reading_with_4408(
    hub: LiveChannel, realtime_log: Records
) -> None:
    socket = FakeSocket()
    serving = asyncio.create_task(hub.serve(socket, str(SESSION_ID), "good"))
    await wait_until(lambda: socket.sent)
    socket.gate.clear()  # the next heartbeat's send blocks
    await wait_until(lambda: hub.viewer_count == 0)
    assert any("did not read" in warning for warning in realtime_log.warnings())
    # The client reads again: the close frame, queued behind the blocked send, reaches it.
    socket.gate.set()
    await asyncio.wait_for(serving, 2)
    assert socket.closed_with == CloseCode.NOT_READING


async def test_realtime_drops_a_viewer_that_never_reads_again_without_waiting_for_ever(
    hub: LiveChannel,
) -> None:
    socket = FakeSocket()
    serving = asyncio.create_task(hub.serve(socket, str(SESSION_ID), "good"))
    await wait_until(lambda: socket.sent)
    socket.gate.clear()
    # The send timeout (0.4 s) and as long again for the close frame, then a drop.
    await asyncio.wait_for(serving, 5)
    assert socket.closed_with is None and hub.viewer_count == 0


async def test_realtime_closes_a_viewer_whose_token_is_no_longer_valid_with_4401(
    hub: LiveChannel, realtime_log: Records
) -> None:
    content = hub._content
    assert isinstance(content, FakeContent)
    sockets = [FakeSocket() for _ in range(2)]
    serving = []
    for socket in sockets:  # one after the other: the first viewer has the first token
        serving.append(asyncio.create_task(hub.serve(socket, str(SESSION_ID), "good")))
        await wait_until(lambda sent=socket.sent: bool(sent))
    content.revoked.add(content.tokens[0])
    await asyncio.wait_for(serving[0], 2)
    assert sockets[0].closed_with == CloseCode.INVALID_TICKET
    assert any("no longer valid" in r.getMessage() for r in realtime_log.records)
    # The other viewer's token passes check after check.
    checks = content.token_checks
    await wait_until(lambda: content.token_checks >= checks + 2)
    assert not serving[1].done() and hub.viewer_count == 1
    await hub.stop()
    await asyncio.wait_for(serving[1], 2)
    assert sockets[1].closed_with == CloseCode.GOING_AWAY


async def test_realtime_keeps_its_viewers_while_their_tokens_cannot_be_checked(
    hub: LiveChannel, realtime_log: Records
) -> None:
    content = hub._content
    assert isinstance(content, FakeContent)
    content.checks_fail = True
    socket = FakeSocket()
    serving = asyncio.create_task(hub.serve(socket, str(SESSION_ID), "good"))
    await wait_until(lambda: content.token_checks >= 2)
    assert hub.viewer_count == 1 and not serving.done()
    assert any("could not check" in warning for warning in realtime_log.warnings())
    content.checks_fail = False
    content.revoked.add(content.tokens[0])
    await asyncio.wait_for(serving, 2)
    assert socket.closed_with == CloseCode.INVALID_TICKET


async def test_realtime_closes_viewers_of_a_deleted_session_with_4404(
    hub: LiveChannel, pool: Pool
) -> None:
    socket = FakeSocket()
    serving = asyncio.create_task(hub.serve(socket, str(SESSION_ID), "good"))
    await wait_until(lambda: socket.sent)
    await notify(pool, {"type": "session.deleted", "session_id": str(SESSION_ID),
                        "slot_id": None, "shot_ids": None, "event_id": str(uuid4())})  # fmt: skip
    await asyncio.wait_for(serving, 2)
    assert socket.closed_with == CloseCode.SESSION_NOT_FOUND


async def test_realtime_stop_closes_viewers_with_1001_and_leaves_no_task(
    pool: Pool, database_url: str
) -> None:
    before = asyncio.all_tasks()
    realtime = channel_of(pool, make_settings(database_url), FakeContent())
    await realtime.start()
    socket = FakeSocket()
    serving = asyncio.create_task(realtime.serve(socket, str(SESSION_ID), "good"))
    await wait_until(lambda: socket.sent)
    await realtime.stop()
    await asyncio.wait_for(serving, 2)
    assert socket.closed_with == CloseCode.GOING_AWAY
    assert broker_of(realtime).pid is None
    assert asyncio.all_tasks() - before == set(), "no task outlives stop()"
    late = FakeSocket()
    await realtime.serve(late, str(SESSION_ID), "good")
    assert late.closed_with == CloseCode.GOING_AWAY


# --- fan-out per session, with a broker the tests drive --------------------------------------


class FakeBroker:
    """Delivers nothing by itself: the tests call the hub's ``deliver``."""

    announcement = Announcement.NOTIFY
    connected = True

    def __init__(self) -> None:
        self.subscriber: Subscriber | None = None

    async def start(self, subscriber: Subscriber) -> None:
        self.subscriber = subscriber

    async def follow(self) -> None:
        pass

    async def stop(self) -> None:
        self.subscriber = None

    def announced(self, conn: object) -> None:
        del conn


BACKLOG_MAX = 5


@pytest.fixture
async def fanout(pool: Pool, database_url: str) -> AsyncIterator[tuple[LiveChannel, FakeContent]]:
    """A hub whose notifications the test delivers, with a backlog of BACKLOG_MAX."""
    settings = make_settings(database_url, ws_backlog_max_notifications=BACKLOG_MAX)
    content = FakeContent()
    realtime = channel_of(pool, settings, content, FakeBroker())
    await realtime.start()
    try:
        yield realtime, content
    finally:
        await realtime.stop()


async def watch(hub: LiveChannel, ticket: str) -> tuple[FakeSocket, asyncio.Task[None]]:
    """A viewer that has received its snapshot."""
    socket = FakeSocket()
    session_id = SESSION_ID if ticket == "good" else OTHER_SESSION_ID
    serving = asyncio.create_task(hub.serve(socket, str(session_id), ticket))
    await wait_until(lambda: socket.sent)
    return socket, serving


def shot_created(session_id: UUID = SESSION_ID) -> Notification:
    return Notification(EventType.SHOT_CREATED, session_id, uuid4(), uuid4(), (uuid4(),))


def event_ids(socket: FakeSocket) -> list[str]:
    return [orjson.loads(m)["event_id"] for m in socket.sent if '"session.snapshot"' not in m]


async def test_a_busy_session_never_delays_another_sessions_events(
    fanout: tuple[LiveChannel, FakeContent],
) -> None:
    hub, content = fanout
    busy, _ = await watch(hub, "good")
    quiet, _ = await watch(hub, "other")
    content.gates[SESSION_ID] = asyncio.Event()  # the busy session's rendering blocks
    hub.deliver(shot_created())
    await wait_until(lambda: SESSION_ID in content.rendering)
    for _ in range(BACKLOG_MAX - 1):
        hub.deliver(shot_created())
    announced = shot_created(OTHER_SESSION_ID)
    hub.deliver(announced)
    await wait_until(lambda: len(quiet.sent) == 2)
    assert event_ids(quiet) == [str(announced.event_id)]
    assert busy.types() == ["session.snapshot"], "the busy session is still rendering"
    content.gates[SESSION_ID].set()
    await wait_until(lambda: len(busy.sent) == 1 + BACKLOG_MAX)


async def test_a_backlog_is_rendered_at_once_and_every_message_delivered_in_order(
    fanout: tuple[LiveChannel, FakeContent],
) -> None:
    hub, content = fanout
    socket, _ = await watch(hub, "good")
    content.gates[SESSION_ID] = asyncio.Event()
    first = shot_created()
    hub.deliver(first)
    await wait_until(lambda: SESSION_ID in content.rendering)
    backlog = [shot_created() for _ in range(BACKLOG_MAX)]
    for notification in backlog:
        hub.deliver(notification)
    assert hub.pending_notifications == BACKLOG_MAX
    content.gates[SESSION_ID].set()
    await wait_until(lambda: len(socket.sent) == 2 + BACKLOG_MAX)
    assert [len(batch) for batch in content.batches] == [1, BACKLOG_MAX]
    assert event_ids(socket) == [str(n.event_id) for n in [first, *backlog]]
    assert hub.pending_notifications == 0


async def test_a_backlog_past_its_limit_becomes_a_fresh_snapshot_with_one_warning(
    fanout: tuple[LiveChannel, FakeContent], realtime_log: Records
) -> None:
    hub, content = fanout
    socket, _ = await watch(hub, "good")
    content.gates[SESSION_ID] = asyncio.Event()
    hub.deliver(shot_created())
    await wait_until(lambda: SESSION_ID in content.rendering)
    # Whatever the write rate, the backlog stays within its bound.
    for _ in range(10_000):
        hub.deliver(shot_created())
        assert hub.pending_notifications <= BACKLOG_MAX
    warnings = realtime_log.warnings()
    assert len(warnings) == 1 and str(SESSION_ID) in warnings[0]
    content.gates[SESSION_ID].set()
    # The viewer's next message is a snapshot, read after the dropped notifications committed.
    await wait_until(lambda: socket.types().count("session.snapshot") == 2)
    assert socket.types()[1] == "session.snapshot"
    await wait_until(lambda: hub.pending_notifications == 0)
    # The one in flight, then what came after the last overflow: the rest was never rendered.
    assert content.events_rendered <= 1 + BACKLOG_MAX


async def test_notifications_of_sessions_nobody_watches_here_are_dropped_at_once(
    fanout: tuple[LiveChannel, FakeContent],
) -> None:
    hub, content = fanout
    for _ in range(100):
        hub.deliver(shot_created(uuid4()))
    assert hub.pending_notifications == 0 and not hub.watched()
    await asyncio.sleep(0)
    assert content.batches == []


async def test_a_room_and_its_dispatcher_live_as_long_as_its_viewers(
    fanout: tuple[LiveChannel, FakeContent],
) -> None:
    hub, _ = fanout
    assert not hub._dispatchers
    sockets = [await watch(hub, "good") for _ in range(2)]
    assert set(hub.watched()) == {SESSION_ID} and len(hub._dispatchers) == 1
    for socket, serving in sockets:
        await socket.incoming.put({"type": "websocket.disconnect", "code": 1000})
        await serving
    assert not hub.watched()
    await wait_until(lambda: not hub._dispatchers)


async def test_a_failed_render_resyncs_the_rooms_viewers_and_the_room_goes_on(
    fanout: tuple[LiveChannel, FakeContent],
) -> None:
    hub, content = fanout
    socket, _ = await watch(hub, "good")
    content.renders_fail = 1
    hub.deliver(shot_created())
    await wait_until(lambda: socket.types().count("session.snapshot") == 2)
    after = shot_created()
    hub.deliver(after)
    await wait_until(lambda: event_ids(socket) == [str(after.event_id)])


# --- publish -------------------------------------------------------------------------------------


class NotifyingBroker:
    """Only what ``publish`` reads of a broker: it announces with NOTIFY."""

    announcement = Announcement.NOTIFY
    connected = True

    async def start(self, subscriber: Subscriber) -> None:
        del subscriber

    async def follow(self) -> None:
        pass

    async def stop(self) -> None:
        pass

    def announced(self, conn: object) -> None:
        del conn


NOTIFYING = NotifyingBroker()


async def test_publish_refuses_to_run_outside_a_transaction(pool: Pool) -> None:
    async with pool.acquire() as conn:
        with pytest.raises(RuntimeError):
            await publish(conn, NOTIFYING, SESSION_ID, EventType.SESSION_UPDATED)


async def test_publish_is_delivered_on_commit_only_with_ids_only(
    pool: Pool, database_url: str
) -> None:
    received: asyncio.Queue[str] = asyncio.Queue()
    listener = await asyncpg.connect(database_url)
    await listener.add_listener(CHANNEL, lambda *args: received.put_nowait(str(args[3])))
    request = request_id_var.set("x" * 128)
    noted: list[str] = []
    events = event_ids_var.set(noted)
    try:
        shot_ids = [uuid4() for _ in range(10)]
        async with pool.acquire() as conn:
            transaction = conn.transaction()
            await transaction.start()
            await publish(conn, NOTIFYING, SESSION_ID, EventType.SHOT_CREATED, slot_id=uuid4())
            await transaction.rollback()
            async with conn.transaction():
                await publish(
                    conn, NOTIFYING, SESSION_ID, EventType.SHOT_CREATED, shot_ids=shot_ids
                )
                await asyncio.sleep(0.05)
                assert received.empty(), "nothing is announced before the commit"
        payload = await asyncio.wait_for(received.get(), 2)
        assert received.empty(), "the rolled-back announcement never arrives"
        assert len(payload.encode()) < 1000
        notification = Notification.parse(payload)
        assert notification.shot_ids == tuple(shot_ids)
        assert "x" * 128 not in payload, "the writer's request id stays in the writer's process"
        # ...where the request notes the event id for its access-log line.
        assert noted[-1] == str(notification.event_id)
    finally:
        event_ids_var.reset(events)
        request_id_var.reset(request)
        await listener.close()
