"""Group analysis of a slot and of the history, per-arrow ranking, and heatmaps."""

from uuid import UUID

from fastapi import APIRouter, Response, status

from quiver.core.conditional import IfNoneMatch, tagged_response
from quiver.core.db import DbPool
from quiver.routers.dependencies import CurrentArcher, HistoryQuery
from quiver.schemas.api import FaceType
from quiver.services import groups

router = APIRouter(prefix="/api/v0", tags=["history"])


@router.get(
    "/slot/{slot_id}/group",
    operation_id="getSlotGroup",
    status_code=status.HTTP_200_OK,
    tags=["statistics"],
)
async def get_slot_group(
    slot_id: UUID, principal: CurrentArcher, db: DbPool, if_none_match: IfNoneMatch
) -> Response:
    body = await groups.slot_group(db, principal.archer_id, slot_id)
    return tagged_response(body, if_none_match=if_none_match)


@router.get("/history/group", operation_id="getHistoryGroup", status_code=status.HTTP_200_OK)
async def get_history_group(
    history: HistoryQuery, principal: CurrentArcher, db: DbPool, if_none_match: IfNoneMatch
) -> Response:
    body = await groups.history_group(db, principal.archer_id, history)
    return tagged_response(body, if_none_match=if_none_match)


@router.get(
    "/arrow_set/{arrow_set_id}/ranking",
    operation_id="getArrowSetRanking",
    status_code=status.HTTP_200_OK,
)
async def get_arrow_set_ranking(
    arrow_set_id: UUID,
    history: HistoryQuery,
    principal: CurrentArcher,
    db: DbPool,
    if_none_match: IfNoneMatch,
) -> Response:
    body = await groups.arrow_set_ranking(db, principal.archer_id, arrow_set_id, history)
    return tagged_response(body, if_none_match=if_none_match)


@router.get("/history/heatmap", operation_id="getHistoryHeatmap", status_code=status.HTTP_200_OK)
async def get_history_heatmap(
    face_type: FaceType,
    history: HistoryQuery,
    principal: CurrentArcher,
    db: DbPool,
    if_none_match: IfNoneMatch,
) -> Response:
    body = await groups.history_heatmap(db, principal.archer_id, face_type, history)
    return tagged_response(body, if_none_match=if_none_match)
