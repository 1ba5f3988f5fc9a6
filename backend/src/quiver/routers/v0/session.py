"""Practice sessions."""

from http import HTTPStatus
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from quiver.core.auth import CurrentArcher
from quiver.core.db import Conn
from quiver.core.idempotency import IdempotencyKey, run_idempotently
from quiver.core.validation import Instant, json_body
from quiver.schemas.api import Session, SessionCreate, SessionPage, SessionUpdate
from quiver.services import sessions

router = APIRouter(prefix="/api/v0/session", tags=["session"])


@router.post("", operation_id="createSession", status_code=status.HTTP_201_CREATED)
async def create_session(
    payload: Annotated[SessionCreate, json_body(SessionCreate)],
    principal: CurrentArcher,
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
    )


@router.get("", operation_id="listSessions", status_code=status.HTTP_200_OK)
async def list_sessions(
    principal: CurrentArcher,
    conn: Conn,
    is_opened: bool | None = None,
    start_from: Instant | None = None,
    start_to: Instant | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(min_length=1, max_length=512)] = None,
) -> SessionPage:
    filters = sessions.SessionFilters(is_opened, start_from, start_to)
    return await sessions.list_sessions(
        conn, principal.archer_id, filters, limit=limit, cursor=cursor
    )


@router.get("/{session_id}", operation_id="getSession", status_code=status.HTTP_200_OK)
async def get_session(session_id: UUID, principal: CurrentArcher, conn: Conn) -> Session:
    return await sessions.get_session(conn, principal.archer_id, session_id)


@router.patch("/{session_id}", operation_id="updateSession", status_code=status.HTTP_200_OK)
async def update_session(
    session_id: UUID,
    changes: Annotated[SessionUpdate, json_body(SessionUpdate)],
    principal: CurrentArcher,
    conn: Conn,
) -> Session:
    return await sessions.update_session(conn, principal.archer_id, session_id, changes)


@router.delete(
    "/{session_id}", operation_id="deleteSession", status_code=status.HTTP_204_NO_CONTENT
)
async def delete_session(session_id: UUID, principal: CurrentArcher, conn: Conn) -> Response:
    await sessions.delete_session(conn, principal.archer_id, session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
