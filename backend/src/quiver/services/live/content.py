"""The live channel's content: tickets, the snapshot and events viewers receive, and which
viewers' tokens still hold.

Event data is read once per event, however many viewers receive it, and as the session's
owner, who may see all of it: each viewer's own right to the session was checked when it
connected. A backlog of events is rendered together: every message carries its objects as
they are when it is delivered (the contract's rule), so the events of a backlog share one load
of each object, one query for all their shots and one for each slot's statistics. JSON that
PostgreSQL renders is embedded as is (``orjson.Fragment``).
"""

from collections.abc import Collection, Sequence
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from orjson import Fragment

from quiver.core.db import Connection
from quiver.core.errors import NotFoundError
from quiver.core.security import Principal, new_token, token_digest
from quiver.models import realtime as realtime_model
from quiver.models import session as session_model
from quiver.models import shot as shot_model
from quiver.models import statistics as statistics_model
from quiver.schemas.api import WsTicket
from quiver.services import personal_bests, sessions, slots
from quiver.services.live.broker import EventType, Notification
from quiver.services.live.channel import Viewing
from quiver.services.live.messages import render_message

_SESSION_EVENTS = (EventType.SESSION_UPDATED, EventType.SESSION_CLOSED)
_SLOT_EVENTS = (EventType.SLOT_JOINED, EventType.SLOT_LEFT)
_SHOT_EVENTS = (EventType.SHOT_CREATED, EventType.SHOT_UPDATED)


async def issue_ticket(
    conn: Connection, principal: Principal, session_id: UUID, ttl_seconds: int
) -> WsTicket:
    """A single-use ticket to watch a session the caller may see."""
    if await session_model.select_visible_session(conn, session_id, principal.archer_id) is None:
        raise NotFoundError("session_not_found", "The session does not exist.")
    ticket, digest = new_token()
    expires_at = await realtime_model.insert_ws_ticket(
        conn,
        digest,
        principal.token_id,
        session_id,
        datetime.now(UTC) + timedelta(seconds=ttl_seconds),
    )
    return WsTicket(ticket=ticket, expires_at=expires_at)


class SessionContent:
    """What the live channel sends (``quiver.services.live.channel.LiveContent``)."""

    async def redeem_ticket(self, conn: Connection, ticket: str) -> Viewing | None:
        """Use a ticket once; None if it is unknown, expired, used or its token revoked."""
        row = await realtime_model.delete_ws_ticket(conn, token_digest(ticket))
        if row is None:
            return None
        return Viewing(row["archer_id"], row["session_id"], row["owner_archer_id"], row["token_id"])

    async def render_snapshot(
        self, conn: Connection, session_id: UUID, viewer_id: UUID
    ) -> str | None:
        """The ``session.snapshot`` message, read in one consistent snapshot of the database."""
        async with conn.transaction(isolation="repeatable_read", readonly=True):
            try:
                session = await sessions.get_session(conn, viewer_id, session_id)
                slot_list = await slots.list_slots(conn, viewer_id, session_id)
            except NotFoundError:
                return None
            statistics = [
                await statistics_model.select_slot_statistics(conn, slot.id, viewer_id)
                for slot in slot_list.items
            ]
            leaderboard = await statistics_model.select_leaderboard(conn, session_id, viewer_id)
        data = {
            "session": Fragment(session.model_dump_json()),
            "slots": [Fragment(slot.model_dump_json()) for slot in slot_list.items],
            "statistics": [Fragment(rendered) for rendered in statistics if rendered is not None],
            "leaderboard": Fragment(leaderboard or "null"),
        }
        # Each snapshot is an event of its own, for one viewer.
        return render_message("session.snapshot", uuid4(), data)

    async def render_events(
        self, conn: Connection, notifications: Sequence[Notification], owner_id: UUID
    ) -> list[str | None]:
        """The messages announcing ``notifications`` (of one session, in order), with their
        objects as they are now; None for those whose objects no longer exist (a later change,
        announced next, removed them)."""
        return await _Batch(conn, notifications, owner_id).render()

    async def valid_tokens(self, conn: Connection, token_ids: Collection[UUID]) -> set[UUID]:
        """Those of ``token_ids`` that still authenticate: not revoked, expired or deleted."""
        return set(await realtime_model.select_valid_token_ids(conn, token_ids))


class _Batch:
    """The rendering of a backlog of one session's events: each object is loaded once."""

    def __init__(
        self, conn: Connection, notifications: Sequence[Notification], owner_id: UUID
    ) -> None:
        self._conn = conn
        self._notifications = notifications
        self._owner_id = owner_id
        self._session: str | None = None
        self._slots: dict[UUID, str | None] = {}
        self._statistics: dict[UUID, str | None] = {}
        self._shots: dict[UUID, str] = {}

    async def render(self) -> list[str | None]:
        shot_ids = [
            shot_id
            for notification in self._notifications
            if notification.type in _SHOT_EVENTS
            for shot_id in notification.shot_ids
        ]
        if shot_ids:
            self._shots = await shot_model.select_shots_json(self._conn, shot_ids, self._owner_id)
        return [await self._render(notification) for notification in self._notifications]

    async def _render(self, notification: Notification) -> str | None:
        kind = notification.type
        if kind in _SESSION_EVENTS:
            session = await self._load_session(notification.session_id)
            return None if session is None else self._message(notification, Fragment(session))
        slot_id = notification.slot_id
        if slot_id is None:
            return None
        if kind in _SLOT_EVENTS:
            slot = await self._load_slot(slot_id)
            return None if slot is None else self._message(notification, Fragment(slot))
        if kind is EventType.SLOT_PERSONAL_BEST:
            best = await personal_bests.render_event_data(self._conn, slot_id)
            return None if best is None else self._message(notification, Fragment(best))
        return await self._render_shot_event(notification, slot_id)

    async def _render_shot_event(self, notification: Notification, slot_id: UUID) -> str | None:
        statistics = await self._load_statistics(slot_id)
        if statistics is None:
            return None
        data: dict[str, object] = {"slot_id": str(slot_id)}
        if notification.type is EventType.SHOT_DELETED:
            if not notification.shot_ids:
                return None
            data["shot_id"] = str(notification.shot_ids[0])
        else:
            shots = [
                Fragment(rendered)
                for shot_id in notification.shot_ids
                if (rendered := self._shots.get(shot_id)) is not None
            ]
            if not shots:
                return None
            if notification.type is EventType.SHOT_UPDATED:
                data["shot"] = shots[0]
            else:
                data["shots"] = shots
        data["statistics"] = Fragment(statistics)
        return self._message(notification, data)

    @staticmethod
    def _message(notification: Notification, data: object) -> str:
        return render_message(notification.type.value, notification.event_id, data)

    async def _load_session(self, session_id: UUID) -> str | None:
        if self._session is None:
            try:
                session = await sessions.get_session(self._conn, self._owner_id, session_id)
            except NotFoundError:
                return None
            self._session = session.model_dump_json()
        return self._session

    async def _load_slot(self, slot_id: UUID) -> str | None:
        if slot_id not in self._slots:
            try:
                slot = await slots.get_slot(self._conn, self._owner_id, slot_id)
            except NotFoundError:
                self._slots[slot_id] = None
            else:
                self._slots[slot_id] = slot.model_dump_json()
        return self._slots[slot_id]

    async def _load_statistics(self, slot_id: UUID) -> str | None:
        if slot_id not in self._statistics:
            self._statistics[slot_id] = await statistics_model.select_slot_statistics(
                self._conn, slot_id, self._owner_id
            )
        return self._statistics[slot_id]
