"""The archer's arrow sets."""

from http import HTTPStatus
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Response, status

from quiver.core.auth import CurrentArcher
from quiver.core.db import Conn
from quiver.core.idempotency import IdempotencyKey, run_idempotently
from quiver.core.validation import json_body
from quiver.schemas.api import ArrowSet, ArrowSetCreate, ArrowSetList, ArrowSetUpdate
from quiver.services import equipment
from quiver.services.equipment import ARROW_SET

router = APIRouter(prefix="/api/v0/arrow_set", tags=["equipment"])


@router.post("", operation_id="createArrowSet", status_code=status.HTTP_201_CREATED)
async def create_arrow_set(
    new: Annotated[ArrowSetCreate, json_body(ArrowSetCreate)],
    principal: CurrentArcher,
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
    )


@router.get("", operation_id="listArrowSets", status_code=status.HTTP_200_OK)
async def list_arrow_sets(principal: CurrentArcher, conn: Conn) -> ArrowSetList:
    return ArrowSetList(items=await equipment.list_items(conn, ARROW_SET, principal.archer_id))


@router.get("/{arrow_set_id}", operation_id="getArrowSet", status_code=status.HTTP_200_OK)
async def get_arrow_set(arrow_set_id: UUID, principal: CurrentArcher, conn: Conn) -> ArrowSet:
    return await equipment.get_item(conn, ARROW_SET, principal.archer_id, arrow_set_id)


@router.patch("/{arrow_set_id}", operation_id="updateArrowSet", status_code=status.HTTP_200_OK)
async def update_arrow_set(
    arrow_set_id: UUID,
    changes: Annotated[ArrowSetUpdate, json_body(ArrowSetUpdate)],
    principal: CurrentArcher,
    conn: Conn,
) -> ArrowSet:
    return await equipment.update_item(conn, ARROW_SET, principal.archer_id, arrow_set_id, changes)


@router.delete(
    "/{arrow_set_id}", operation_id="deleteArrowSet", status_code=status.HTTP_204_NO_CONTENT
)
async def delete_arrow_set(arrow_set_id: UUID, principal: CurrentArcher, conn: Conn) -> Response:
    await equipment.delete_item(conn, ARROW_SET, principal.archer_id, arrow_set_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
