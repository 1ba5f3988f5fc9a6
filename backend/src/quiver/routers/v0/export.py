"""A session's exports: its arrows as CSV and a printable score sheet."""

from http import HTTPStatus
from uuid import UUID

from fastapi import APIRouter, Response, status

from quiver.core.conditional import IfNoneMatch, strong_etag
from quiver.core.db import Conn
from quiver.routers.dependencies import CurrentArcher
from quiver.services import exports

router = APIRouter(prefix="/api/v0/session", tags=["history"])


def _file_response(
    export: exports.Export, media_type: str, disposition: str, if_none_match: IfNoneMatch
) -> Response:
    """The export with its ``ETag`` and ``Content-Disposition``, or 304 when it is unchanged."""
    etag = strong_etag(export.body)
    if if_none_match is not None and if_none_match.weak_match(etag):
        return Response(status_code=int(HTTPStatus.NOT_MODIFIED), headers={"ETag": etag})
    headers = {
        "ETag": etag,
        "Content-Disposition": f'{disposition}; filename="{export.filename}"',
    }
    return Response(export.body, int(HTTPStatus.OK), headers=headers, media_type=media_type)


@router.get("/{session_id}/export", operation_id="exportSessionCsv", status_code=status.HTTP_200_OK)
async def export_session_csv(
    session_id: UUID, principal: CurrentArcher, conn: Conn, if_none_match: IfNoneMatch
) -> Response:
    export = await exports.session_csv(conn, principal.archer_id, session_id)
    return _file_response(export, "text/csv; charset=utf-8", "attachment", if_none_match)


@router.get(
    "/{session_id}/score_sheet",
    operation_id="getSessionScoreSheet",
    status_code=status.HTTP_200_OK,
)
async def get_session_score_sheet(
    session_id: UUID, principal: CurrentArcher, conn: Conn, if_none_match: IfNoneMatch
) -> Response:
    export = await exports.session_score_sheet(conn, principal.archer_id, session_id)
    return _file_response(export, "text/html; charset=utf-8", "inline", if_none_match)
