"""Personal bests across the caller's history."""

from fastapi import APIRouter, Response, status

from quiver.core.conditional import IfNoneMatch, tagged_response
from quiver.core.db import Conn
from quiver.routers.dependencies import CurrentArcher, HistoryQuery
from quiver.services import personal_bests

router = APIRouter(prefix="/api/v0/history", tags=["history"])


@router.get("/personal_best", operation_id="listPersonalBests", status_code=status.HTTP_200_OK)
async def list_personal_bests(
    principal: CurrentArcher, conn: Conn, history: HistoryQuery, if_none_match: IfNoneMatch
) -> Response:
    body = await personal_bests.list_personal_bests(conn, principal.archer_id, history)
    return tagged_response(body, if_none_match=if_none_match, weak=True)
