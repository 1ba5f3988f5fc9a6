"""Live statistics and the session leaderboard."""

from uuid import UUID

from fastapi import APIRouter, Request, Response, status

from quiver.core.conditional import IfNoneMatch, tagged_response
from quiver.core.db import DbPool
from quiver.routers.dependencies import CallerToken, note_principal
from quiver.services import statistics

router = APIRouter(prefix="/api/v0", tags=["statistics"])


@router.get(
    "/slot/{slot_id}/statistics",
    operation_id="getSlotStatistics",
    status_code=status.HTTP_200_OK,
)
async def get_slot_statistics(
    slot_id: UUID, request: Request, token: CallerToken, db: DbPool, if_none_match: IfNoneMatch
) -> Response:
    archer_id, body = await statistics.slot_statistics(db, token, slot_id)
    note_principal(request, archer_id)
    return tagged_response(body, if_none_match=if_none_match)


@router.get(
    "/session/{session_id}/leaderboard",
    operation_id="getLeaderboard",
    status_code=status.HTTP_200_OK,
)
async def get_leaderboard(
    session_id: UUID, request: Request, token: CallerToken, db: DbPool, if_none_match: IfNoneMatch
) -> Response:
    archer_id, body = await statistics.leaderboard(db, token, session_id)
    note_principal(request, archer_id)
    return tagged_response(body, if_none_match=if_none_match)
