"""Recording and correcting arrows."""

from http import HTTPStatus
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response, status

from quiver.core.auth import CallerToken, CurrentArcher, note_principal
from quiver.core.db import Conn, DbPool
from quiver.core.idempotency import IdempotencyKey, run_idempotently
from quiver.core.responses import json_response
from quiver.core.validation import json_body
from quiver.schemas.api import PlottedArrow, ShotCreate, ValueArrow
from quiver.services import auth, shots

router = APIRouter(prefix="/api/v0", tags=["shot"])

ShotLimit = Annotated[int, Query(ge=1, le=1000)]
Cursor = Annotated[str | None, Query(min_length=1, max_length=512)]


async def get_shooting_contexts(request: Request) -> shots.ShootingContexts:
    """The process's remembered slot contexts, created with the app."""
    contexts: shots.ShootingContexts = request.app.state.shooting_contexts
    return contexts


Contexts = Annotated[shots.ShootingContexts, Depends(get_shooting_contexts)]


@router.post(
    "/slot/{slot_id}/shot", operation_id="createShots", status_code=status.HTTP_201_CREATED
)
async def create_shots(
    slot_id: UUID,
    request: Request,
    token: CallerToken,
    payload: Annotated[ShotCreate, json_body(ShotCreate)],
    db: DbPool,
    contexts: Contexts,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    if idempotency_key is None:
        archer_id, body = await shots.create_shots(db, contexts, token, slot_id, payload.arrows)
        note_principal(request, archer_id)
        return json_response(body, HTTPStatus.CREATED)
    async with db.acquire() as conn:
        principal = await auth.authenticate_digest(conn, token)
        note_principal(request, principal.archer_id)

        async def record() -> bytes:
            _, body = await shots.create_shots(conn, contexts, token, slot_id, payload.arrows)
            return body

        return await run_idempotently(
            conn,
            scope=principal.archer_id,
            key=idempotency_key,
            operation=f"createShots {slot_id}",
            payload=payload,
            status=HTTPStatus.CREATED,
            action=record,
        )


@router.get("/slot/{slot_id}/shot", operation_id="listShots", status_code=status.HTTP_200_OK)
async def list_shots(
    slot_id: UUID,
    request: Request,
    token: CallerToken,
    db: DbPool,
    limit: ShotLimit = 100,
    cursor: Cursor = None,
) -> Response:
    archer_id, page = await shots.list_shots(db, token, slot_id, limit, cursor)
    note_principal(request, archer_id)
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
