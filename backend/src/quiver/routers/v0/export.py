"""A session's exports: its arrows as CSV and a printable score sheet."""

from uuid import UUID

from fastapi import APIRouter, Response, status

from quiver.core.conditional import IfNoneMatch, file_response
from quiver.core.db import Conn
from quiver.routers.dependencies import CurrentArcher
from quiver.services import exports

router = APIRouter(prefix="/api/v0/session", tags=["history"])


@router.get("/{session_id}/export", operation_id="exportSessionCsv", status_code=status.HTTP_200_OK)
async def export_session_csv(
    session_id: UUID, principal: CurrentArcher, conn: Conn, if_none_match: IfNoneMatch
) -> Response:
    export = await exports.session_csv(conn, principal.archer_id, session_id)
    return file_response(
        export.body,
        media_type="text/csv; charset=utf-8",
        disposition="attachment",
        filename=export.filename,
        if_none_match=if_none_match,
    )


@router.get(
    "/{session_id}/score_sheet",
    operation_id="getSessionScoreSheet",
    status_code=status.HTTP_200_OK,
)
async def get_session_score_sheet(
    session_id: UUID, principal: CurrentArcher, conn: Conn, if_none_match: IfNoneMatch
) -> Response:
    export = await exports.session_score_sheet(conn, principal.archer_id, session_id)
    return file_response(
        export.body,
        media_type="text/html; charset=utf-8",
        disposition="inline",
        filename=export.filename,
        if_none_match=if_none_match,
    )
