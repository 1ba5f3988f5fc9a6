"""Recording and correcting arrows."""

from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response, status
from pydantic import TypeAdapter

from quiver.core.conditional import IfMatch, IfNoneMatch, tagged_response
from quiver.core.db import Conn, DbPool
from quiver.core.metrics import get_metrics
from quiver.core.routing import RequestRoute
from quiver.core.validation import body_parser, json_body, validate_parameter
from quiver.routers.dependencies import CallerToken, CurrentArcher, caller_token
from quiver.routers.dependencies import idempotency_key as read_idempotency_key
from quiver.routers.dependencies import note_principal
from quiver.routers.v0.live import LiveBroker
from quiver.schemas.api import PlottedArrow, ShotCreate, ValueArrow
from quiver.services import auth, shots
from quiver.services.idempotency import run_idempotently

router = APIRouter(prefix="/api/v0", tags=["shot"])

ShotLimit = Annotated[int, Query(ge=1, le=1000)]
Cursor = Annotated[str | None, Query(min_length=1, max_length=512)]


async def get_shooting_contexts(request: Request) -> shots.ShootingContexts:
    """The process's remembered slot contexts, created with the app."""
    contexts: shots.ShootingContexts = request.app.state.shooting_contexts
    return contexts


async def get_arrow_writer(request: Request) -> shots.ArrowWriter:
    """The process's arrow writer, created by the app's lifespan with the pool."""
    writer: shots.ArrowWriter = request.app.state.arrow_writer
    return writer


_read_shots: Callable[[Request], Awaitable[ShotCreate]] = body_parser(ShotCreate)
_SLOT_ID: TypeAdapter[UUID] = TypeAdapter(UUID)


async def create_shots(request: Request) -> Response:
    """createShots, the hottest operation: it reads its parameters itself (``RequestRoute``),
    in the order FastAPI would: the token, the body, then the path and the header."""
    token = await caller_token(request)
    payload = await _read_shots(request)
    slot_id = validate_parameter(_SLOT_ID, request.path_params["slot_id"], "path", "slot_id")
    idempotency_key = await read_idempotency_key(request)
    writer = await get_arrow_writer(request)
    contexts = await get_shooting_contexts(request)
    arrows_written = (await get_metrics(request)).arrows_written
    # The slot's arrows, where the new ones are listed: an answer may create several.
    location = f"/api/v0/slot/{slot_id}/shot"
    if idempotency_key is None:
        archer_id, body = await shots.create_shots(writer, contexts, token, slot_id, payload.arrows)
        note_principal(request, archer_id)
        arrows_written.inc(len(payload.arrows))
        return Response(body, HTTPStatus.CREATED, {"Location": location}, "application/json")
    async with writer.pool.acquire() as conn:
        principal = await auth.authenticate_digest(conn, token)
        note_principal(request, principal.archer_id)

        async def record() -> bytes:
            _, body = await shots.create_shots(
                writer, contexts, token, slot_id, payload.arrows, conn=conn
            )
            arrows_written.inc(len(payload.arrows))
            return body

        return await run_idempotently(
            conn,
            scope=principal.archer_id,
            key=idempotency_key,
            operation=f"createShots {slot_id}",
            payload=payload,
            status=HTTPStatus.CREATED,
            action=record,
            location=lambda _: location,
        )


router.add_api_route(
    "/slot/{slot_id}/shot",
    create_shots,
    methods=["POST"],
    operation_id="createShots",
    status_code=status.HTTP_201_CREATED,
    route_class_override=RequestRoute,
)


@router.get("/slot/{slot_id}/shot", operation_id="listShots", status_code=status.HTTP_200_OK)
async def list_shots(
    slot_id: UUID,
    request: Request,
    token: CallerToken,
    db: DbPool,
    if_none_match: IfNoneMatch,
    limit: ShotLimit = 100,
    cursor: Cursor = None,
) -> Response:
    archer_id, page = await shots.list_shots(db, token, slot_id, limit, cursor)
    note_principal(request, archer_id)
    return tagged_response(page, if_none_match=if_none_match, weak=True)


@router.get("/shot/{shot_id}", operation_id="getShot", status_code=status.HTTP_200_OK)
async def get_shot(
    shot_id: UUID, principal: CurrentArcher, conn: Conn, if_none_match: IfNoneMatch
) -> Response:
    return tagged_response(
        await shots.get_shot(conn, principal, shot_id), if_none_match=if_none_match
    )


@router.patch("/shot/{shot_id}", operation_id="updateShot", status_code=status.HTTP_200_OK)
async def update_shot(
    shot_id: UUID,
    principal: CurrentArcher,
    arrow: Annotated[PlottedArrow | ValueArrow, json_body(PlottedArrow | ValueArrow)],
    conn: Conn,
    broker: LiveBroker,
    if_match: IfMatch,
) -> Response:
    updated = await shots.update_shot(conn, broker, principal, shot_id, arrow, if_match=if_match)
    return tagged_response(updated)


@router.delete("/shot/{shot_id}", operation_id="deleteShot", status_code=status.HTTP_204_NO_CONTENT)
async def delete_shot(
    shot_id: UUID, principal: CurrentArcher, conn: Conn, broker: LiveBroker, if_match: IfMatch
) -> Response:
    await shots.delete_shot(conn, broker, principal, shot_id, if_match=if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
