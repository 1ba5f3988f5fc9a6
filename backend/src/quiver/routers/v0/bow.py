"""The archer's bows."""

from http import HTTPStatus
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Response, status

from quiver.core.auth import CurrentArcher
from quiver.core.db import Conn
from quiver.core.idempotency import IdempotencyKey, run_idempotently
from quiver.core.validation import json_body
from quiver.schemas.api import Bow, BowCreate, BowList, BowUpdate
from quiver.services import equipment
from quiver.services.equipment import BOW

router = APIRouter(prefix="/api/v0/bow", tags=["equipment"])


@router.post("", operation_id="createBow", status_code=status.HTTP_201_CREATED)
async def create_bow(
    new: Annotated[BowCreate, json_body(BowCreate)],
    principal: CurrentArcher,
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
    )


@router.get("", operation_id="listBows", status_code=status.HTTP_200_OK)
async def list_bows(principal: CurrentArcher, conn: Conn) -> BowList:
    return BowList(items=await equipment.list_items(conn, BOW, principal.archer_id))


@router.get("/{bow_id}", operation_id="getBow", status_code=status.HTTP_200_OK)
async def get_bow(bow_id: UUID, principal: CurrentArcher, conn: Conn) -> Bow:
    return await equipment.get_item(conn, BOW, principal.archer_id, bow_id)


@router.patch("/{bow_id}", operation_id="updateBow", status_code=status.HTTP_200_OK)
async def update_bow(
    bow_id: UUID,
    changes: Annotated[BowUpdate, json_body(BowUpdate)],
    principal: CurrentArcher,
    conn: Conn,
) -> Bow:
    return await equipment.update_item(conn, BOW, principal.archer_id, bow_id, changes)


@router.delete("/{bow_id}", operation_id="deleteBow", status_code=status.HTTP_204_NO_CONTENT)
async def delete_bow(bow_id: UUID, principal: CurrentArcher, conn: Conn) -> Response:
    await equipment.delete_item(conn, BOW, principal.archer_id, bow_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
