"""The archer's arrow sets."""

from http import HTTPStatus
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Response, status

from quiver.core.conditional import IfMatch, IfNoneMatch, tagged_response
from quiver.core.db import Conn
from quiver.core.keyset import Cursor, ListLimit
from quiver.core.validation import json_body
from quiver.routers.dependencies import CurrentArcher, IdempotencyKey
from quiver.schemas.api import ArrowSetCreate, ArrowSetList, ArrowSetUpdate
from quiver.services import equipment
from quiver.services.equipment import ARROW_SET
from quiver.services.idempotency import location_of, run_idempotently

router = APIRouter(prefix="/api/v0/arrow_set", tags=["equipment"])


@router.post("", operation_id="createArrowSet", status_code=status.HTTP_201_CREATED)
async def create_arrow_set(
    principal: CurrentArcher,
    new: Annotated[ArrowSetCreate, json_body(ArrowSetCreate)],
    conn: Conn,
    idempotency_key: IdempotencyKey,
) -> Response:
    return await run_idempotently(
        conn,
        scope=principal.archer_id,
        key=idempotency_key,
        operation="createArrowSet",
        payload=new,
        status=HTTPStatus.CREATED,
        action=lambda: equipment.create_item(conn, ARROW_SET, principal.archer_id, new),
        location=location_of("/api/v0/arrow_set/{id}"),
    )


@router.get("", operation_id="listArrowSets", status_code=status.HTTP_200_OK)
async def list_arrow_sets(
    principal: CurrentArcher,
    conn: Conn,
    if_none_match: IfNoneMatch,
    limit: ListLimit = 100,
    cursor: Cursor = None,
) -> Response:
    items, next_cursor = await equipment.list_items(
        conn, ARROW_SET, principal.archer_id, limit=limit, cursor=cursor
    )
    page = ArrowSetList(items=items, next_cursor=next_cursor)
    return tagged_response(page, if_none_match=if_none_match, weak=True)


@router.get("/{arrow_set_id}", operation_id="getArrowSet", status_code=status.HTTP_200_OK)
async def get_arrow_set(
    arrow_set_id: UUID, principal: CurrentArcher, conn: Conn, if_none_match: IfNoneMatch
) -> Response:
    item = await equipment.get_item(conn, ARROW_SET, principal.archer_id, arrow_set_id)
    return tagged_response(item, if_none_match=if_none_match)


@router.patch("/{arrow_set_id}", operation_id="updateArrowSet", status_code=status.HTTP_200_OK)
async def update_arrow_set(
    arrow_set_id: UUID,
    principal: CurrentArcher,
    changes: Annotated[ArrowSetUpdate, json_body(ArrowSetUpdate)],
    conn: Conn,
    if_match: IfMatch,
) -> Response:
    updated = await equipment.update_item(
        conn, ARROW_SET, principal.archer_id, arrow_set_id, changes, if_match=if_match
    )
    return tagged_response(updated)


@router.delete(
    "/{arrow_set_id}", operation_id="deleteArrowSet", status_code=status.HTTP_204_NO_CONTENT
)
async def delete_arrow_set(
    arrow_set_id: UUID, principal: CurrentArcher, conn: Conn, if_match: IfMatch
) -> Response:
    await equipment.delete_item(
        conn, ARROW_SET, principal.archer_id, arrow_set_id, if_match=if_match
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
