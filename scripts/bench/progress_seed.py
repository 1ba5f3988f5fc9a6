"""Seed one archer with a long practice history, in bulk with COPY, for progress_bench.py.

Sessions spread over three years in random order, so every stage of the seed covers the same
years and only the number of arrows grows. An archer improves: the spread of their groups
shrinks from 1.3x to 0.8x of a 600/720 archer's over the three years. Arrows are scored by
the server's own line-cutter rule, so every stored row is one the arrow POST could have written.
"""

import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

import asyncpg

from quiver.schemas.api import FaceType
from quiver.services import faces, scoring

FIRST_DAY = datetime(2023, 12, 1, 9, 0, tzinfo=UTC)
DAYS = 3 * 365
ARROW_NUMBERS = 12
# Dr James Park's per-axis spread of a 600/720 archer at 70 m, in milliradians.
SIGMA_MRAD = 107 / 70


@dataclass(frozen=True, slots=True)
class Practice:
    """One kind of session: a standard round or free practice."""

    round_code: str | None
    face_type: FaceType
    distance: float
    distance_unit: str
    distance_m: float
    is_indoor: bool
    arrows: int
    arrows_per_end: int


PRACTICES = (
    Practice("wa720_70", FaceType.WA_122, 70, "m", 70, False, 72, 6),
    Practice("wa720_60", FaceType.WA_122, 60, "m", 60, False, 72, 6),
    Practice(None, FaceType.WA_80, 30, "m", 30, False, 72, 6),
    Practice("wa18", FaceType.WA_40, 18, "m", 18, True, 60, 3),
    Practice("portsmouth", FaceType.WA_60, 20, "yd", 18.288, True, 60, 3),
)
WEIGHTS = (5, 2, 3, 3, 2)


@dataclass(frozen=True, slots=True)
class PlannedSession:
    """A session of the seed: when, what, and its slot's id."""

    start_time: datetime
    practice: Practice
    session_id: UUID
    slot_id: UUID


def _uuid(rng: random.Random) -> UUID:
    return UUID(int=rng.getrandbits(128), version=4)


def plan(total_arrows: int, seed: int = 20261201) -> list[PlannedSession]:
    """Sessions holding at least ``total_arrows`` in all (the last one may go a few over), in
    random order over the three years; the same ``seed`` plans the same sessions, ids included,
    and a smaller total plans a prefix of a larger one's sessions (its last one aside)."""
    rng = random.Random(seed)
    sessions: list[PlannedSession] = []
    arrows = 0
    while arrows < total_arrows:
        practice = rng.choices(PRACTICES, WEIGHTS)[0]
        if arrows + practice.arrows > total_arrows:
            practice = next(p for p in PRACTICES if p.round_code is None)
        start = FIRST_DAY + timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(600))
        sessions.append(PlannedSession(start, practice, _uuid(rng), _uuid(rng)))
        arrows += practice.arrows
    return sessions


def stages(sessions: list[PlannedSession], totals: tuple[int, ...]) -> list[list[PlannedSession]]:
    """``sessions`` cut into consecutive parts, the first holding at least ``totals[0]`` arrows,
    the first two at least ``totals[1]``, and so on (the last part takes what is left), so that
    storing the parts one after another grows one history through those sizes."""
    parts: list[list[PlannedSession]] = []
    start = arrows = 0
    for index, total in enumerate(totals):
        end = start
        while end < len(sessions) and (arrows < total or index == len(totals) - 1):
            arrows += sessions[end].practice.arrows
            end += 1
        parts.append(sessions[start:end])
        start = end
    return parts


def _arrow_rows(session: PlannedSession, rng: random.Random) -> list[tuple[object, ...]]:
    """The shot rows of one session's slot: every arrow plotted, numbered 1 to 12 in turn."""
    practice = session.practice
    face = faces.get_face(practice.face_type)
    diameter = scoring.default_arrow_diameter_mm(practice.is_indoor)
    progress = (session.start_time - FIRST_DAY).days / DAYS
    sigma_mm = SIGMA_MRAD * (1.3 - 0.5 * progress) * practice.distance_m
    rows: list[tuple[object, ...]] = []
    for seq in range(practice.arrows):
        # Arrow 7 flies a little high and right: the one a ranking should find.
        number = seq % ARROW_NUMBERS + 1
        bias = 0.4 * sigma_mm if number == 7 else 0.0
        x = max(-1500.0, min(1500.0, rng.gauss(bias, sigma_mm)))
        y = max(-1500.0, min(1500.0, rng.gauss(bias, sigma_mm)))
        scored = scoring.score_plotted(face, x, y, diameter)
        at = session.start_time + timedelta(seconds=40 * seq)
        rows.append((
            _uuid(rng), session.slot_id, seq, seq // practice.arrows_per_end + 1,
            seq % practice.arrows_per_end + 1, scored.value,
            scoring.arrow_value_label(scored.value, scored.is_x), scored.is_x,
            scoring.max_arrow_score(face), x, y, scored.spot_index, math.hypot(x, y), x, y,
            practice.face_type.value, diameter, practice.distance_m, number, at, at, at,
        ))  # fmt: skip
    return rows


SHOT_COLUMNS = (
    "id", "slot_id", "seq", "end_number", "position", "value", "value_label", "is_x",
    "max_value", "x_mm", "y_mm", "spot_index", "distance_mm", "spot_x_mm", "spot_y_mm",
    "face_type", "arrow_diameter_mm", "distance_m", "arrow_number", "shot_at", "created_at",
    "updated_at",
)  # fmt: skip


async def store(
    conn: asyncpg.Connection,
    archer_id: UUID,
    bow_id: UUID,
    arrow_set_id: UUID,
    sessions: list[PlannedSession],
) -> int:
    """COPY ``sessions``, their slots and arrows for ``archer_id``; the number of arrows."""
    # Seeded by the first session, so the same sessions get the same arrows on every run.
    rng = random.Random(str(sessions[0].session_id) if sessions else "")
    shots = [row for session in sessions for row in _arrow_rows(session, rng)]
    async with conn.transaction():
        await conn.copy_records_to_table(
            "practice_session",
            columns=("id", "owner_archer_id", "location", "is_indoor", "distance", "start_time",
                     "is_opened", "closed_at"),
            records=[(s.session_id, archer_id, "Club field", s.practice.is_indoor,
                      s.practice.distance_m, s.start_time, False,
                      s.start_time + timedelta(hours=2)) for s in sessions],
        )  # fmt: skip
        await conn.copy_records_to_table(
            "slot",
            columns=("id", "session_id", "archer_id", "lane", "letter", "distance",
                     "distance_unit", "face_type", "arrows_per_end", "round_code",
                     "arrow_set_id", "bow_id", "next_seq", "is_active", "joined_at", "left_at"),
            records=[(s.slot_id, s.session_id, archer_id, 1, "A", s.practice.distance,
                      s.practice.distance_unit, s.practice.face_type.value,
                      s.practice.arrows_per_end, s.practice.round_code, arrow_set_id, bow_id,
                      s.practice.arrows, False, s.start_time,
                      s.start_time + timedelta(hours=2)) for s in sessions],
        )  # fmt: skip
        await conn.copy_records_to_table("shot", columns=SHOT_COLUMNS, records=shots)
    return len(shots)
