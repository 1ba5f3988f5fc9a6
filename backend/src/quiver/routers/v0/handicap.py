"""Archery GB handicaps and classifications: of a slot, and their progression over time."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response, status

from quiver.core.conditional import IfNoneMatch, tagged_response
from quiver.core.db import Conn, DbPool
from quiver.core.keyset import Cursor, ListLimit
from quiver.routers.dependencies import CallerToken, CurrentArcher, HistoryQuery, note_principal
from quiver.services import handicaps

router = APIRouter(prefix="/api/v0", tags=["history"])


@router.get(
    "/slot/{slot_id}/handicap",
    operation_id="getSlotHandicap",
    status_code=status.HTTP_200_OK,
)
async def get_slot_handicap(
    slot_id: UUID, request: Request, token: CallerToken, db: DbPool, if_none_match: IfNoneMatch
) -> Response:
    archer_id, body = await handicaps.slot_handicap(db, token, slot_id)
    note_principal(request, archer_id)
    return tagged_response(body, if_none_match=if_none_match)


@router.get(
    "/history/handicap",
    operation_id="listHandicapProgression",
    status_code=status.HTTP_200_OK,
)
async def list_handicap_progression(  # pylint: disable=too-many-arguments
    principal: CurrentArcher,
    conn: Conn,
    history: HistoryQuery,
    if_none_match: IfNoneMatch,
    include_estimates: Annotated[bool, Query()] = False,
    limit: ListLimit = 100,
    cursor: Cursor = None,
) -> Response:
    page = await handicaps.handicap_progression(
        conn,
        principal.archer_id,
        history,
        include_estimates=include_estimates,
        limit=limit,
        cursor=cursor,
    )
    return tagged_response(page, if_none_match=if_none_match, weak=True)
