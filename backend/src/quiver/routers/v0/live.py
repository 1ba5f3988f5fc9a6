"""The live channel of a session: its tickets (REST) and the WebSocket itself (AsyncAPI)."""

from http import HTTPStatus
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response, WebSocket, status

from quiver.core.db import AppSettings, Conn
from quiver.routers.dependencies import CurrentArcher, IdempotencyKey
from quiver.services.idempotency import run_idempotently
from quiver.services.live import content
from quiver.services.live.broker import Broker
from quiver.services.live.channel import LiveChannel

router = APIRouter(tags=["live"])


async def get_broker(request: Request) -> Broker:
    """The live channel's broker, created by the app's lifespan: writes announce through it."""
    broker: Broker = request.app.state.broker
    return broker


LiveBroker = Annotated[Broker, Depends(get_broker)]


@router.post(
    "/api/v0/session/{session_id}/ws_ticket",
    operation_id="createWsTicket",
    status_code=status.HTTP_201_CREATED,
)
async def create_ws_ticket(
    session_id: UUID,
    principal: CurrentArcher,
    conn: Conn,
    settings: AppSettings,
    idempotency_key: IdempotencyKey,
) -> Response:
    # No Location: a ticket cannot be read, only used once on the WebSocket.
    return await run_idempotently(
        conn,
        scope=principal.archer_id,
        key=idempotency_key,
        # No body: the session is the whole request, and another session is a reuse.
        operation=f"createWsTicket:{session_id}",
        payload=None,
        status=HTTPStatus.CREATED,
        action=lambda: content.issue_ticket(
            conn, principal, session_id, settings.ws_ticket_ttl_seconds
        ),
    )


# Described by openapi/v0/asyncapi.yaml. The path and the ticket are read as plain strings:
# a bad value is a documented close code, not FastAPI's undocumented validation close.
@router.websocket("/ws/v0/session/{session_id}")
async def watch_session(websocket: WebSocket, session_id: str) -> None:
    realtime: LiveChannel = websocket.app.state.realtime
    await realtime.serve(websocket, session_id, websocket.query_params.get("ticket"))
