"""The NATS broker's subscriber side, without a NATS server: each session's messages are
delivered once and in seq order, gaps filled from the outbox, and only what the outbox no
longer holds becomes a resync. (tests/e2e/test_nats.py runs it with real servers.)"""

import asyncio
from collections.abc import Collection
from dataclasses import dataclass
from typing import cast
from uuid import UUID, uuid4

import pytest
from nats.aio.msg import Msg
from nats.aio.subscription import Subscription
from pydantic import ValidationError

from conftest import make_settings
from quiver.core.db import Pool
from quiver.models import outbox as outbox_model
from quiver.models import realtime as realtime_model
from quiver.models.realtime import Announcement
from quiver.services.live import create_broker
from quiver.services.live.broker import Notification
from quiver.services.live.nats_broker import NatsBroker, _Stream, subject
from quiver.services.live.postgres_broker import PostgresBroker


class Recorder:
    """The hub: what it was delivered, and how often it was told to resync."""

    def __init__(self, session_id: UUID) -> None:
        self.session_id = session_id
        self.delivered: list[Notification] = []
        self.resyncs = 0

    def watched(self) -> Collection[UUID]:
        return {self.session_id}

    def deliver(self, notification: Notification) -> None:
        self.delivered.append(notification)

    def resync(self) -> None:
        self.resyncs += 1


@dataclass
class FakeMsg:
    """What the broker reads of a NATS message."""

    subject: str
    data: bytes


@pytest.fixture
def session_id() -> UUID:
    return uuid4()


@pytest.fixture
async def messages(pool: Pool, session_id: UUID) -> list[bytes]:
    """Three committed announcements of the session, as the relay would publish them."""
    async with pool.acquire() as conn:
        for _ in range(3):
            async with conn.transaction():
                await realtime_model.announce(
                    conn, Announcement.OUTBOX, "session.updated", session_id, None, [], uuid4()
                )
        rows = await outbox_model.select_messages_after(conn, session_id, 0, 10)
    return [row["message"].encode() for row in rows]


@pytest.fixture
async def broker(pool: Pool, session_id: UUID) -> tuple[NatsBroker, Recorder]:
    """A broker whose session stream starts at seq 0, reading the outbox through ``pool``."""
    recorder = Recorder(session_id)
    nats_broker = NatsBroker(
        "nats://127.0.0.1:1",
        "unused",
        poll_seconds=1,
        retention_seconds=60,
        reconnect_seconds=1,
    )
    nats_broker._subscriber = recorder
    nats_broker._readers = pool
    nats_broker._streams[session_id] = _Stream(cast(Subscription, None), last=0)
    return nats_broker, recorder


async def _receive(nats_broker: NatsBroker, session_id: UUID, data: bytes) -> None:
    await nats_broker._on_message(cast(Msg, FakeMsg(subject(session_id), data)))


def _ids(messages: list[bytes]) -> list[UUID]:
    return [Notification.parse(message).event_id for message in messages]


async def test_messages_in_order_are_delivered_once(
    broker: tuple[NatsBroker, Recorder], session_id: UUID, messages: list[bytes]
) -> None:
    nats_broker, recorder = broker
    for message in [messages[0], messages[1], messages[0], messages[2], messages[1]]:
        await _receive(nats_broker, session_id, message)
    assert [n.event_id for n in recorder.delivered] == _ids(messages)
    assert recorder.resyncs == 0


async def test_a_gap_is_filled_from_the_outbox_in_order(
    broker: tuple[NatsBroker, Recorder], session_id: UUID, messages: list[bytes]
) -> None:
    nats_broker, recorder = broker
    await _receive(nats_broker, session_id, messages[2])
    await _receive(nats_broker, session_id, messages[1])
    assert [n.event_id for n in recorder.delivered] == _ids(messages)
    assert nats_broker.caught_up == 2
    assert recorder.resyncs == 0


async def test_a_gap_the_outbox_no_longer_holds_resyncs_then_goes_on(
    pool: Pool, broker: tuple[NatsBroker, Recorder], session_id: UUID, messages: list[bytes]
) -> None:
    nats_broker, recorder = broker
    await _receive(nats_broker, session_id, messages[0])
    async with pool.acquire() as conn:
        await conn.execute("DELETE FROM live_outbox WHERE seq = 2")
    await _receive(nats_broker, session_id, messages[2])
    assert recorder.resyncs == 1
    assert [n.event_id for n in recorder.delivered] == _ids([messages[0], messages[2]])


async def test_after_a_reconnection_each_session_reads_back_what_it_missed(
    broker: tuple[NatsBroker, Recorder], session_id: UUID, messages: list[bytes]
) -> None:
    nats_broker, recorder = broker
    await _receive(nats_broker, session_id, messages[0])
    await nats_broker._catch_up_all()
    assert [n.event_id for n in recorder.delivered] == _ids(messages)
    # What NATS then brings late is not delivered again.
    await _receive(nats_broker, session_id, messages[1])
    assert len(recorder.delivered) == 3


async def test_a_stream_without_a_start_takes_its_first_message_as_one(
    broker: tuple[NatsBroker, Recorder], session_id: UUID, messages: list[bytes]
) -> None:
    nats_broker, recorder = broker
    nats_broker._streams[session_id].last = None
    await _receive(nats_broker, session_id, messages[1])
    await _receive(nats_broker, session_id, messages[2])
    assert [n.event_id for n in recorder.delivered] == _ids(messages[1:])


async def test_a_write_wakes_the_leading_relay_once_its_transaction_ended(
    pool: Pool, broker: tuple[NatsBroker, Recorder]
) -> None:
    nats_broker, _ = broker
    nats_broker.relay.leading = True
    woken = nats_broker.relay._wake
    async with pool.acquire() as conn:
        async with conn.transaction():
            nats_broker.announced(conn)
            for _ in range(20):
                await asyncio.sleep(0.001)
            assert not woken.is_set(), "woken before the commit: the relay would find nothing"
        async with asyncio.timeout(5):
            await woken.wait()
    woken.clear()
    nats_broker.announced(None)
    assert woken.is_set(), "a statement on the pool has committed already"


def test_the_broker_url_selects_nats_and_its_absence_postgresql(database_url: str) -> None:
    nats_settings = make_settings(database_url, broker_url="nats://a:4222,nats://b:4222")
    nats_broker = create_broker(nats_settings, database_url)
    assert isinstance(nats_broker, NatsBroker)
    assert nats_broker.announcement is Announcement.OUTBOX
    assert nats_broker._servers == ["nats://a:4222", "nats://b:4222"]
    assert isinstance(create_broker(make_settings(database_url), database_url), PostgresBroker)


@pytest.mark.parametrize("url", ["http://a:4222", "nats://a:4222,", "nats://a b:1", ""])
def test_a_broker_url_other_than_nats_servers_is_refused(database_url: str, url: str) -> None:
    with pytest.raises(ValidationError):
        make_settings(database_url, broker_url=url)
