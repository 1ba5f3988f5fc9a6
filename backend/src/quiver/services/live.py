"""The live channel's content: tickets, the snapshot and events viewers receive, and which
viewers' tokens still hold.

Event data is read once per event, however many viewers receive it, and as the session's
owner, who may see all of it: each viewer's own right to the session was checked when it
connected. JSON that PostgreSQL renders is embedded as is (``orjson.Fragment``).
"""

from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from orjson import Fragment

from quiver.core.db import Connection
from quiver.core.errors import NotFoundError
from quiver.core.realtime import EventType, Notification, Viewing, render_message
from quiver.core.security import Principal, new_token, token_digest
from quiver.models import realtime as realtime_model
from quiver.models import session as session_model
from quiver.models import shot as shot_model
from quiver.models import statistics as statistics_model
from quiver.schemas.api import WsTicket
from quiver.services import sessions, slots


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
    """What the live channel sends (``quiver.core.realtime.LiveContent``)."""

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

    async def render_event(
        self, conn: Connection, notification: Notification, owner_id: UUID
    ) -> str | None:
        """The message announcing ``notification``, with its objects as they are now.

        None when they no longer exist (a later change, announced next, removed them).
        """
        kind = notification.type
        if kind in (EventType.SESSION_UPDATED, EventType.SESSION_CLOSED):
            try:
                session = await sessions.get_session(conn, owner_id, notification.session_id)
            except NotFoundError:
                return None
            return render_message(
                kind.value, notification.event_id, Fragment(session.model_dump_json())
            )
        slot_id = notification.slot_id
        if slot_id is None:
            return None
        if kind in (EventType.SLOT_JOINED, EventType.SLOT_LEFT):
            try:
                slot = await slots.get_slot(conn, owner_id, slot_id)
            except NotFoundError:
                return None
            return render_message(
                kind.value, notification.event_id, Fragment(slot.model_dump_json())
            )
        return await _render_shot_event(conn, notification, slot_id, owner_id)

    async def valid_tokens(self, conn: Connection, token_ids: Collection[UUID]) -> set[UUID]:
        """Those of ``token_ids`` that still authenticate: not revoked, expired or deleted."""
        return set(await realtime_model.select_valid_token_ids(conn, token_ids))


async def _render_shot_event(
    conn: Connection, notification: Notification, slot_id: UUID, owner_id: UUID
) -> str | None:
    statistics = await statistics_model.select_slot_statistics(conn, slot_id, owner_id)
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
            if (rendered := await shot_model.select_shot_json(conn, shot_id, owner_id)) is not None
        ]
        if not shots:
            return None
        if notification.type is EventType.SHOT_UPDATED:
            data["shot"] = shots[0]
        else:
            data["shots"] = shots
    data["statistics"] = Fragment(statistics)
    return render_message(notification.type.value, notification.event_id, data)
