"""The archer's bows."""

from http import HTTPStatus
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Response, status

from quiver.core.conditional import IfMatch, IfNoneMatch, tagged_response
from quiver.core.db import Conn
from quiver.core.keyset import Cursor, ListLimit
from quiver.core.validation import json_body
from quiver.routers.dependencies import CurrentArcher, IdempotencyKey
from quiver.schemas.api import BowCreate, BowList, BowUpdate
from quiver.services import equipment
from quiver.services.equipment import BOW
from quiver.services.idempotency import location_of, run_idempotently

router = APIRouter(prefix="/api/v0/bow", tags=["equipment"])


@router.post("", operation_id="createBow", status_code=status.HTTP_201_CREATED)
async def create_bow(
    principal: CurrentArcher,
    new: Annotated[BowCreate, json_body(BowCreate)],
    conn: Conn,
    idempotency_key: IdempotencyKey,
) -> Response:
    return await run_idempotently(
        conn,
        scope=principal.archer_id,
        key=idempotency_key,
        operation="createBow",
        payload=new,
        status=HTTPStatus.CREATED,
        action=lambda: equipment.create_item(conn, BOW, principal.archer_id, new),
        location=location_of("/api/v0/bow/{id}"),
    )


@router.get("", operation_id="listBows", status_code=status.HTTP_200_OK)
async def list_bows(
    principal: CurrentArcher,
    conn: Conn,
    if_none_match: IfNoneMatch,
    limit: ListLimit = 100,
    cursor: Cursor = None,
) -> Response:
    items, next_cursor = await equipment.list_items(
        conn, BOW, principal.archer_id, limit=limit, cursor=cursor
    )
    page = BowList(items=items, next_cursor=next_cursor)
    return tagged_response(page, if_none_match=if_none_match, weak=True)


@router.get("/{bow_id}", operation_id="getBow", status_code=status.HTTP_200_OK)
async def get_bow(
    bow_id: UUID, principal: CurrentArcher, conn: Conn, if_none_match: IfNoneMatch
) -> Response:
    item = await equipment.get_item(conn, BOW, principal.archer_id, bow_id)
    return tagged_response(item, if_none_match=if_none_match)


@router.patch("/{bow_id}", operation_id="updateBow", status_code=status.HTTP_200_OK)
async def update_bow(
    bow_id: UUID,
    principal: CurrentArcher,
    changes: Annotated[BowUpdate, json_body(BowUpdate)],
    conn: Conn,
    if_match: IfMatch,
) -> Response:
    updated = await equipment.update_item(
        conn, BOW, principal.archer_id, bow_id, changes, if_match=if_match
    )
    return tagged_response(updated)


@router.delete("/{bow_id}", operation_id="deleteBow", status_code=status.HTTP_204_NO_CONTENT)
async def delete_bow(
    bow_id: UUID, principal: CurrentArcher, conn: Conn, if_match: IfMatch
) -> Response:
    await equipment.delete_item(conn, BOW, principal.archer_id, bow_id, if_match=if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
