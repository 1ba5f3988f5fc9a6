"""Recording and correcting arrows."""

from http import HTTPStatus
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from quiver.core.auth import CurrentArcher
from quiver.core.db import Conn
from quiver.core.idempotency import IdempotencyKey, json_response, run_idempotently
from quiver.core.validation import json_body
from quiver.schemas.api import PlottedArrow, ShotCreate, ValueArrow
from quiver.services import shots

router = APIRouter(prefix="/api/v0", tags=["shot"])

ShotLimit = Annotated[int, Query(ge=1, le=1000)]
Cursor = Annotated[str | None, Query(min_length=1, max_length=512)]


@router.post(
    "/slot/{slot_id}/shot", operation_id="createShots", status_code=status.HTTP_201_CREATED
)
async def create_shots(
    slot_id: UUID,
    principal: CurrentArcher,
    payload: Annotated[ShotCreate, json_body(ShotCreate)],
    conn: Conn,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    return await run_idempotently(
        conn,
        scope=principal.archer_id,
        key=idempotency_key,
        operation=f"createShots {slot_id}",
        payload=payload,
        status=HTTPStatus.CREATED,
        action=lambda: shots.create_shots(conn, principal, slot_id, payload.arrows),
    )


@router.get("/slot/{slot_id}/shot", operation_id="listShots", status_code=status.HTTP_200_OK)
async def list_shots(
    slot_id: UUID,
    principal: CurrentArcher,
    conn: Conn,
    limit: ShotLimit = 100,
    cursor: Cursor = None,
) -> Response:
    page = await shots.list_shots(conn, principal, slot_id, limit, cursor)
    return json_response(page, HTTPStatus.OK)


@router.get("/shot/{shot_id}", operation_id="getShot", status_code=status.HTTP_200_OK)
async def get_shot(shot_id: UUID, principal: CurrentArcher, conn: Conn) -> Response:
    return json_response(await shots.get_shot(conn, principal, shot_id), HTTPStatus.OK)


@router.patch("/shot/{shot_id}", operation_id="updateShot", status_code=status.HTTP_200_OK)
async def update_shot(
    shot_id: UUID,
    principal: CurrentArcher,
    arrow: Annotated[PlottedArrow | ValueArrow, json_body(PlottedArrow | ValueArrow)],
    conn: Conn,
) -> Response:
    updated = await shots.update_shot(conn, principal, shot_id, arrow)
    return json_response(updated, HTTPStatus.OK)


@router.delete("/shot/{shot_id}", operation_id="deleteShot", status_code=status.HTTP_204_NO_CONTENT)
async def delete_shot(shot_id: UUID, principal: CurrentArcher, conn: Conn) -> Response:
    await shots.delete_shot(conn, principal, shot_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
