"""Slots: joining a session, and the places archers hold on its range."""

from http import HTTPStatus
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Response, status

from quiver.core.conditional import IfNoneMatch, tagged_response
from quiver.core.db import Conn
from quiver.core.keyset import Cursor, ListLimit
from quiver.core.validation import json_body
from quiver.routers.dependencies import CurrentArcher, IdempotencyKey
from quiver.routers.v0.live import LiveBroker
from quiver.schemas.api import Slot, SlotJoinFree, SlotJoinRound
from quiver.services import slots
from quiver.services.idempotency import location_of, run_idempotently

router = APIRouter(tags=["slot"])

SlotJoin = SlotJoinFree | SlotJoinRound


@router.post(
    "/api/v0/session/{session_id}/slot",
    operation_id="joinSession",
    status_code=status.HTTP_201_CREATED,
)
async def join_session(
    session_id: UUID,
    principal: CurrentArcher,
    request: Annotated[SlotJoin, json_body(SlotJoin)],
    conn: Conn,
    broker: LiveBroker,
    idempotency_key: IdempotencyKey,
) -> Response:
    return await run_idempotently(
        conn,
        scope=principal.archer_id,
        key=idempotency_key,
        # The session is part of the request: the same key for another session is a reuse.
        operation=f"joinSession:{session_id}",
        payload=request,
        status=HTTPStatus.CREATED,
        action=lambda: slots.join_session(conn, broker, principal.archer_id, session_id, request),
        location=location_of("/api/v0/slot/{id}"),
    )


@router.get(
    "/api/v0/session/{session_id}/slot", operation_id="listSlots", status_code=status.HTTP_200_OK
)
async def list_slots(
    session_id: UUID,
    principal: CurrentArcher,
    conn: Conn,
    if_none_match: IfNoneMatch,
    limit: ListLimit = 100,
    cursor: Cursor = None,
) -> Response:
    page = await slots.list_slots_page(
        conn, principal.archer_id, session_id, limit=limit, cursor=cursor
    )
    return tagged_response(page, if_none_match=if_none_match, weak=True)


@router.get("/api/v0/slot/{slot_id}", operation_id="getSlot", status_code=status.HTTP_200_OK)
async def get_slot(
    slot_id: UUID, principal: CurrentArcher, conn: Conn, if_none_match: IfNoneMatch
) -> Response:
    slot = await slots.get_slot(conn, principal.archer_id, slot_id)
    return tagged_response(slot, if_none_match=if_none_match)


@router.post(
    "/api/v0/slot/{slot_id}/leave", operation_id="leaveSlot", status_code=status.HTTP_200_OK
)
async def leave_slot(
    slot_id: UUID, principal: CurrentArcher, conn: Conn, broker: LiveBroker
) -> Slot:
    return await slots.leave_slot(conn, broker, principal.archer_id, slot_id)


@router.post(
    "/api/v0/slot/{slot_id}/rejoin", operation_id="rejoinSlot", status_code=status.HTTP_200_OK
)
async def rejoin_slot(
    slot_id: UUID, principal: CurrentArcher, conn: Conn, broker: LiveBroker
) -> Slot:
    return await slots.rejoin_slot(conn, broker, principal.archer_id, slot_id)
