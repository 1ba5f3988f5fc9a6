"""The caller's history across sessions: scored slots, the weekly summary, the CSV export."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from quiver.core.conditional import IfNoneMatch, file_response, tagged_response
from quiver.core.db import Conn
from quiver.core.keyset import Cursor
from quiver.routers.dependencies import CurrentArcher, HistoryQuery
from quiver.services import history

router = APIRouter(prefix="/api/v0/history", tags=["history"])

# The contract's HistoryTimeZone: UTC, or an IANA Area/Location name (never an abbreviation or
# a POSIX rule, whose offsets PostgreSQL reads with the opposite sign).
TimeZone = Annotated[
    str,
    Query(
        min_length=3,
        max_length=64,
        pattern=r"^(UTC|[A-Z][A-Za-z]+/[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)?)$",
    ),
]


@router.get("/slot", operation_id="listHistorySlots", status_code=status.HTTP_200_OK)
async def list_history_slots(  # pylint: disable=too-many-arguments,too-many-positional-arguments
    principal: CurrentArcher,
    conn: Conn,
    filters: HistoryQuery,
    if_none_match: IfNoneMatch,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Cursor = None,
) -> Response:
    page = await history.list_history_slots(
        conn, principal.archer_id, filters, limit=limit, cursor=cursor
    )
    return tagged_response(page, if_none_match=if_none_match, weak=True)


@router.get("/summary", operation_id="getHistorySummary", status_code=status.HTTP_200_OK)
async def get_history_summary(
    principal: CurrentArcher,
    conn: Conn,
    filters: HistoryQuery,
    if_none_match: IfNoneMatch,
    time_zone: TimeZone = "UTC",
) -> Response:
    body = await history.history_summary(conn, principal.archer_id, filters, time_zone=time_zone)
    return tagged_response(body, if_none_match=if_none_match)


@router.get("/export", operation_id="exportHistoryCsv", status_code=status.HTTP_200_OK)
async def export_history_csv(
    principal: CurrentArcher, conn: Conn, filters: HistoryQuery, if_none_match: IfNoneMatch
) -> Response:
    content = await history.export_history_csv(conn, principal.archer_id, filters)
    return file_response(
        content,
        media_type="text/csv; charset=utf-8",
        disposition="attachment",
        filename=history.export_file_name(datetime.now(UTC)),
        if_none_match=if_none_match,
    )
