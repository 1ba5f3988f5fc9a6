"""A session's exports: its arrows as CSV, and a printable score sheet (HTML).

Both show what the session view shows: the session's owner and every archer with a slot in it
see every slot; anyone else gets 404. The CSV comes straight from PostgreSQL (COPY), so its
numbers are the stored ones exactly. The score sheet is HTML with print CSS rather than a PDF:
every browser prints it, or saves it as PDF, on the paper size it is set to, with no PDF
library (and its fonts) on the server; Jinja2 renders it with autoescaping, so names are
always escaped.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from uuid import UUID

import asyncpg
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from quiver.core.db import Connection
from quiver.core.errors import NotFoundError
from quiver.models import export as export_model
from quiver.models import session as session_model
from quiver.services import rounds

_SESSION_NOT_FOUND = NotFoundError("session_not_found", "The session does not exist.")

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True, slots=True)
class Export:
    """An export's bytes and the name to save it under."""

    body: bytes
    filename: str


@dataclass(slots=True)
class _End:
    number: int
    values: list[str] = field(default_factory=list)
    total: int = 0
    running_total: int = 0


async def _visible_session(conn: Connection, viewer_id: UUID, session_id: UUID) -> asyncpg.Record:
    session = await session_model.select_visible_session(conn, session_id, viewer_id)
    if session is None:
        raise _SESSION_NOT_FOUND
    return session


def _dated(prefix: str, start_time: datetime, extension: str) -> str:
    """``prefix-YYYY-MM-DD.extension``, the session's start date in UTC (stored in UTC)."""
    return f"{prefix}-{start_time:%Y-%m-%d}.{extension}"


async def session_csv(conn: Connection, viewer_id: UUID, session_id: UUID) -> Export:
    """A session's arrows as CSV (exportSessionCsv), read in one snapshot."""
    chunks: list[bytes] = []

    async def collect(chunk: bytes) -> None:
        chunks.append(chunk)

    async with conn.transaction(isolation="repeatable_read", readonly=True):
        session = await _visible_session(conn, viewer_id, session_id)
        await export_model.copy_session_csv(conn, session_id, collect)
    return Export(b"".join(chunks), _dated("quiver-session", session["start_time"], "csv"))


def _ends(shots: list[asyncpg.Record]) -> list[_End]:
    """A slot's arrows (by end and position) grouped into ends with their running totals."""
    ends: list[_End] = []
    running = 0
    for shot in shots:
        if not ends or ends[-1].number != shot["end_number"]:
            ends.append(_End(shot["end_number"]))
        ends[-1].values.append(shot["value_label"])
        ends[-1].total += shot["value"]
        running += shot["value"]
        ends[-1].running_total = running
    return ends


def _round_name(round_code: str | None) -> str | None:
    round_ = None if round_code is None else rounds.ROUNDS.get(round_code)
    return None if round_ is None else round_.name


async def session_score_sheet(conn: Connection, viewer_id: UUID, session_id: UUID) -> Export:
    """A session's printable score sheet (getSessionScoreSheet), read in one snapshot."""
    async with conn.transaction(isolation="repeatable_read", readonly=True):
        session = await _visible_session(conn, viewer_id, session_id)
        slots = await export_model.select_score_sheet_slots(conn, session_id)
        shots = await export_model.select_score_sheet_shots(conn, session_id)
    by_slot: defaultdict[UUID, list[asyncpg.Record]] = defaultdict(list)
    for shot in shots:
        by_slot[shot["slot_id"]].append(shot)
    cards = []
    for slot in slots:
        ends = _ends(by_slot[slot["id"]])
        cards.append(
            {
                "slot": slot,
                "round_name": _round_name(slot["round_code"]),
                "ends": ends,
                "columns": max((len(end.values) for end in ends), default=0),
                "hits": slot["arrows"] - slot["arrows_m"],
            }
        )
    html = _TEMPLATES.get_template("score_sheet.html").render(session=session, cards=cards)
    return Export(html.encode(), _dated("quiver-score-sheet", session["start_time"], "html"))
