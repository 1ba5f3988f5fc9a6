"""The caller's history across sessions: scored slots a page at a time, the weekly summary
and its trend, and the CSV export.

Only the caller's own slots are ever read (the history filter starts with the archer), so
another archer's arrows are neither listed nor counted, even in a session both shot in.
"""

import csv
import io
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import asyncpg
from pydantic import AwareDatetime, BaseModel, ConfigDict

from quiver.core.db import Executor
from quiver.core.errors import UnprocessableError
from quiver.core.keyset import cursor_position, split_page
from quiver.models import history as history_model
from quiver.models.history_filter import HistoryFilter
from quiver.schemas.api import HistorySlot, HistorySlotPage
from quiver.services.rounds import ROUNDS

# Ten years of weekly points: a chart's worth, and a bounded answer (the contract's maxItems).
MAX_WEEKS = 520
# About 55 years of one session a day; more must be exported a date range at a time.
MAX_EXPORT_SLOTS = 20_000
# The CSV's columns: the list's fields, in its order.
CSV_COLUMNS: tuple[str, ...] = tuple(HistorySlot.model_fields)
# A cell a spreadsheet would evaluate as a formula starts with one of these (OWASP, "CSV
# Injection"); a leading apostrophe makes it text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class HistoryPosition(BaseModel):
    """Where a page of the history ends: the last slot's session (start_time, id)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start_time: AwareDatetime
    session_id: UUID


def _cursor_filters(history: HistoryFilter) -> dict[str, Any]:
    # The listing's name keeps a cursor of another listing with the same filter out.
    return {"listing": "history_slot", **history.fingerprint()}


def _position(slot: HistorySlot) -> HistoryPosition:
    return HistoryPosition(start_time=slot.start_time, session_id=slot.session_id)


def _to_history_slot(row: asyncpg.Record) -> HistorySlot:
    round_ = ROUNDS.get(row["round_code"]) if row["round_code"] is not None else None
    round_arrows = round_.arrows if round_ is not None else None
    return HistorySlot.model_validate(
        {
            **dict(row),
            "round_arrows": round_arrows,
            "is_complete": round_arrows is not None and row["arrows_shot"] >= round_arrows,
        }
    )


async def list_history_slots(
    db: Executor, archer_id: UUID, history: HistoryFilter, *, limit: int, cursor: str | None
) -> HistorySlotPage:
    """One page of the caller's scored slots, newest session first.

    Raises:
        UnprocessableError: ``invalid_cursor`` for a cursor this listing did not return for
            the same filter.
    """
    filters = _cursor_filters(history)
    after = cursor_position(cursor, filters, HistoryPosition)
    rows = await history_model.select_history_slots(
        db,
        archer_id,
        history,
        after=None if after is None else (after.start_time, after.session_id),
        limit=limit + 1,
    )
    slots = [_to_history_slot(row) for row in rows]
    items, next_cursor = split_page(slots, limit, _position, filters)
    return HistorySlotPage(items=list(items), next_cursor=next_cursor)


async def history_summary(
    db: Executor, archer_id: UUID, history: HistoryFilter, *, time_zone: str
) -> bytes:
    """The contract's HistorySummary over the caller's filtered history, as JSON.

    Raises:
        UnprocessableError: ``invalid_time_zone`` for a zone PostgreSQL does not know.
    """
    try:
        rendered = await history_model.select_history_summary(
            db, archer_id, history, time_zone=time_zone, max_weeks=MAX_WEEKS
        )
    except asyncpg.InvalidParameterValueError as exc:
        raise UnprocessableError(
            "invalid_time_zone",
            f"The time zone {time_zone!r} is not an IANA time zone this server knows.",
            pointer="#/query/time_zone",
        ) from exc
    return rendered.encode()


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def history_csv(slots: Sequence[HistorySlot]) -> bytes:
    """RFC 4180 CSV (CRLF line ends, a header row) of ``slots``, one row each."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for slot in slots:
        fields = slot.model_dump(mode="json")
        writer.writerow([_csv_cell(fields[column]) for column in CSV_COLUMNS])
    return buffer.getvalue().encode()


def export_file_name(today: datetime) -> str:
    """The file name a browser saves the export under, dated the day of the export."""
    return f"quiver-history-{today.astimezone(UTC).date().isoformat()}.csv"


async def export_history_csv(db: Executor, archer_id: UUID, history: HistoryFilter) -> bytes:
    """Every slot of the caller's filtered history as CSV, newest session first.

    Raises:
        UnprocessableError: ``history_export_too_large`` past ``MAX_EXPORT_SLOTS`` slots.
    """
    rows = await history_model.select_history_slots(
        db, archer_id, history, after=None, limit=MAX_EXPORT_SLOTS + 1
    )
    if len(rows) > MAX_EXPORT_SLOTS:
        raise UnprocessableError(
            "history_export_too_large",
            f"The history holds more than {MAX_EXPORT_SLOTS} slots; export it a date range "
            "(start_from, start_to) at a time.",
            pointer="#/query/start_from",
        )
    return history_csv([_to_history_slot(row) for row in rows])
