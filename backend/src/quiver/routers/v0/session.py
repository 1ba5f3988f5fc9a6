"""Practice sessions."""

from http import HTTPStatus
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from quiver.core.conditional import IfMatch, IfNoneMatch, tagged_response
from quiver.core.db import Conn
from quiver.core.validation import Instant, json_body
from quiver.routers.dependencies import CurrentArcher, IdempotencyKey
from quiver.routers.v0.live import LiveBroker
from quiver.schemas.api import SessionCreate, SessionUpdate
from quiver.services import sessions
from quiver.services.idempotency import location_of, run_idempotently

router = APIRouter(prefix="/api/v0/session", tags=["session"])


@router.post("", operation_id="createSession", status_code=status.HTTP_201_CREATED)
async def create_session(
    principal: CurrentArcher,
    payload: Annotated[SessionCreate, json_body(SessionCreate)],
    conn: Conn,
    idempotency_key: IdempotencyKey,
) -> Response:
    return await run_idempotently(
        conn,
        scope=principal.archer_id,
        key=idempotency_key,
        operation="createSession",
        payload=payload,
        status=HTTPStatus.CREATED,
        action=lambda: sessions.create_session(conn, principal.archer_id, payload),
        location=location_of("/api/v0/session/{id}"),
    )


@router.get("", operation_id="listSessions", status_code=status.HTTP_200_OK)
async def list_sessions(
    principal: CurrentArcher,
    conn: Conn,
    if_none_match: IfNoneMatch,
    is_opened: bool | None = None,
    start_from: Instant | None = None,
    start_to: Instant | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(min_length=1, max_length=512)] = None,
) -> Response:
    filters = sessions.SessionFilters(is_opened, start_from, start_to)
    page = await sessions.list_sessions(
        conn, principal.archer_id, filters, limit=limit, cursor=cursor
    )
    return tagged_response(page, if_none_match=if_none_match, weak=True)


@router.get("/{session_id}", operation_id="getSession", status_code=status.HTTP_200_OK)
async def get_session(
    session_id: UUID, principal: CurrentArcher, conn: Conn, if_none_match: IfNoneMatch
) -> Response:
    session = await sessions.get_session(conn, principal.archer_id, session_id)
    return tagged_response(session, if_none_match=if_none_match)


@router.patch("/{session_id}", operation_id="updateSession", status_code=status.HTTP_200_OK)
async def update_session(
    session_id: UUID,
    principal: CurrentArcher,
    changes: Annotated[SessionUpdate, json_body(SessionUpdate)],
    conn: Conn,
    broker: LiveBroker,
    if_match: IfMatch,
) -> Response:
    updated = await sessions.update_session(
        conn, broker, principal.archer_id, session_id, changes, if_match=if_match
    )
    return tagged_response(updated)


@router.delete(
    "/{session_id}", operation_id="deleteSession", status_code=status.HTTP_204_NO_CONTENT
)
async def delete_session(
    session_id: UUID, principal: CurrentArcher, conn: Conn, broker: LiveBroker, if_match: IfMatch
) -> Response:
    await sessions.delete_session(conn, broker, principal.archer_id, session_id, if_match=if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
