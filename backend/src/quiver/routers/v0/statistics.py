"""Live statistics and the session leaderboard."""

from http import HTTPStatus
from uuid import UUID

from fastapi import APIRouter, Response, status

from quiver.core.auth import CurrentArcher
from quiver.core.db import Conn
from quiver.core.idempotency import json_response
from quiver.services import statistics

router = APIRouter(prefix="/api/v0", tags=["statistics"])


@router.get(
    "/slot/{slot_id}/statistics",
    operation_id="getSlotStatistics",
    status_code=status.HTTP_200_OK,
)
async def get_slot_statistics(slot_id: UUID, principal: CurrentArcher, conn: Conn) -> Response:
    body = await statistics.slot_statistics(conn, principal, slot_id)
    return json_response(body, HTTPStatus.OK)


@router.get(
    "/session/{session_id}/leaderboard",
    operation_id="getLeaderboard",
    status_code=status.HTTP_200_OK,
)
async def get_leaderboard(session_id: UUID, principal: CurrentArcher, conn: Conn) -> Response:
    return json_response(await statistics.leaderboard(conn, principal, session_id), HTTPStatus.OK)
