"""What the live channel needs of a message broker, and how writers announce their changes.

A write announces itself with ``publish`` inside its own transaction, as its broker's
``announcement`` says (models pick their SQL by it): a NOTIFY for PostgreSQL, an outbox row
for a broker that publishes after commit. Either way only committed changes are announced,
and each session's in commit order. The broker delivers them to the process's ``Subscriber``
(the live channel's hub), which renders them for viewers: rendering never runs on the broker's
own connection.

Each change gets its event id when it is announced, in the writer's process, which logs it
with the request id: viewers see the event id only, and the same one in every process.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol
from uuid import UUID, uuid4

import orjson

from quiver.core.db import Connection
from quiver.core.logger import LoggerFactory, event_ids_var
from quiver.models import realtime as realtime_model
from quiver.models.realtime import Announcement

logger = LoggerFactory().get_logger(__name__)

# Far below PostgreSQL's 8000-byte NOTIFY limit: a payload holds ids only.
MAX_SHOT_IDS = 100

__all__ = ["Announcement", "Broker", "EventType", "Notification", "Subscriber", "publish"]


class EventType(StrEnum):
    """What a notification announces; all but ``SESSION_DELETED`` are message types."""

    SHOT_CREATED = "shot.created"
    SHOT_UPDATED = "shot.updated"
    SHOT_DELETED = "shot.deleted"
    SLOT_JOINED = "slot.joined"
    SLOT_LEFT = "slot.left"
    SESSION_UPDATED = "session.updated"
    SESSION_CLOSED = "session.closed"
    SLOT_PERSONAL_BEST = "slot.personal_best"
    # Not a message: the session's viewers are closed with SESSION_NOT_FOUND.
    SESSION_DELETED = "session.deleted"


@dataclass(frozen=True, slots=True)
class Notification:
    """One change, as announced by ``publish``."""

    type: EventType
    session_id: UUID
    event_id: UUID
    slot_id: UUID | None = None
    shot_ids: tuple[UUID, ...] = ()

    @classmethod
    def parse(cls, payload: str | bytes) -> "Notification":
        """Read an announcement's payload (``models.realtime.NOTIFY_PAYLOAD``).

        Raises:
            ValueError: If the payload is not one ``publish`` wrote.
        """
        try:
            fields: Any = orjson.loads(payload)
            slot_id = fields["slot_id"]
            return cls(
                type=EventType(fields["type"]),
                session_id=UUID(fields["session_id"]),
                event_id=UUID(fields["event_id"]),
                slot_id=None if slot_id is None else UUID(slot_id),
                shot_ids=tuple(UUID(shot_id) for shot_id in fields["shot_ids"] or ()),
            )
        except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a live notification: {payload[:200]!r}") from exc


class Subscriber(Protocol):
    """Who receives a broker's notifications: the live channel of this process."""

    def watched(self) -> Collection[UUID]:
        """The sessions with viewers in this process (``Broker.follow`` reads this)."""

    def deliver(self, notification: Notification) -> None:
        """Take one notification, without waiting; each session's arrive in commit order."""

    def resync(self) -> None:
        """Notifications may have been lost (a reconnection): every viewer needs a snapshot."""


class Broker(Protocol):
    """Carries committed changes from the processes that write to those with viewers.

    One per process, created by the app's lifespan. ``start`` connects (failing to connect the
    first time fails the start-up) and keeps the connection, reconnecting with a ``resync``
    whenever it was lost; ``stop`` ends all that. Notifications of sessions outside
    ``subscriber.watched()`` may be delivered too (the hub drops them).
    """

    @property
    def announcement(self) -> Announcement:
        """How writers announce a change in their transaction (``publish``, arrow writes)."""

    @property
    def connected(self) -> bool:
        """Whether the broker's connection is up (the readiness probe reports it)."""

    async def start(self, subscriber: Subscriber) -> None:
        """Connect, and deliver to ``subscriber`` from now on."""

    async def follow(self) -> None:
        """Subscribe or unsubscribe as ``subscriber.watched()`` now says. Once this returns
        after a viewer joined, every change of its session committed from then on will be
        delivered."""

    async def stop(self) -> None:
        """Stop delivering and disconnect; safe to call twice."""

    def announced(self, conn: Connection | None) -> None:
        """A write just announced changes: on ``conn``, maybe still in its transaction, or
        on the pool (None), so already committed. Never waits (a broker that publishes after
        commit wakes its publisher then)."""


def new_event_id(event_type: EventType) -> UUID:
    """A fresh event id for a change the current request is about to announce.

    Noted for the request's access-log line (``event_ids_var``), in the writer's process: the
    only place the event id meets the request id, since viewers never see the latter.
    """
    event_id = uuid4()
    noted = event_ids_var.get()
    if noted is None:
        logger.debug("event %s (%s) outside a request", event_id, event_type.value)
    else:
        noted.append(str(event_id))
    return event_id


async def publish(
    conn: Connection,
    broker: Broker,
    session_id: UUID | None,
    event_type: EventType,
    *,
    slot_id: UUID | None = None,
    shot_ids: Sequence[UUID] = (),
) -> None:
    """Announce a change to every viewer of its session, once the caller's transaction commits.

    ``session_id`` may be None when ``slot_id`` is given: the slot's session is meant.

    Raises:
        RuntimeError: If ``conn`` is not in a transaction; announcing outside one could
            announce a change that is then rolled back, or announce changes out of order.
        ValueError: If neither a session nor a slot is given, or too many shots are.
    """
    if not conn.is_in_transaction():
        raise RuntimeError("publish() must run inside the transaction that makes the change")
    if session_id is None and slot_id is None:
        raise ValueError("publish() needs a session or a slot")
    if len(shot_ids) > MAX_SHOT_IDS:
        raise ValueError(f"at most {MAX_SHOT_IDS} shots fit in one notification")
    await realtime_model.announce(
        conn,
        broker.announcement,
        event_type.value,
        session_id,
        slot_id,
        list(shot_ids),
        new_event_id(event_type),
    )
    broker.announced(conn)
