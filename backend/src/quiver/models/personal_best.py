"""SQL of personal bests, read from the slots' running aggregates (``slot_aggregate``).

Nothing is stored: the aggregates are exact whatever happens to the arrows (migration 0013's
triggers), so a best computed from them falls back by itself when its arrows are moved or
deleted. An archer has one row per slot (about 1,400 for 100,000 arrows), which
``slot_archer_id_idx`` finds.

The round catalogue lives in Python (``services.rounds``): statements that need to know when a
round is complete take its codes and arrow counts as arrays.
"""

from collections.abc import Sequence
from uuid import UUID

from quiver.core.db import Executor
from quiver.models.history_filter import HistoryFilter, slot_conditions
from quiver.models.realtime import NOTIFY_PAYLOAD, Announcement, announce_each

# The contract's PersonalBestScore of the slot whose ``slot_aggregate`` row is ``sa``, session
# ``se`` (``best`` in the statements below).
_SCORE_JSON = """json_build_object('slot_id', {p}.slot_id, 'session_id', {p}.session_id,
    'start_time', {p}.start_time, 'arrows_shot', {p}.arrows, 'total_score', {p}.total,
    'max_possible_score', {p}.max_total,
    'mean_per_arrow', round({p}.total::numeric / {p}.arrows, 3),
    'ten_count', {p}.ten_count, 'x_count', {p}.arrows_x)"""

# The columns a score needs, of the slots ``sl`` with their session ``se`` and aggregate ``sa``.
_SCORE_COLUMNS = """sl.id AS slot_id, sl.session_id, se.start_time, sl.joined_at, sa.arrows,
    sa.total, sa.max_total, sa.ten_count, sa.arrows_x,
    sa.total::numeric / nullif(sa.arrows, 0) AS mean"""

# Best first; ties go to the earliest session, then the earliest slot (id: any fixed order).
# A mean is a numeric of at least 16 significant digits, so two means of slots under a million
# arrows compare as their exact fractions do.
_BEST_FIRST = "mean DESC, start_time, joined_at, slot_id"


async def select_personal_bests(  # pylint: disable=too-many-arguments
    db: Executor,
    archer_id: UUID,
    history: HistoryFilter,
    catalogue: tuple[Sequence[str], Sequence[int], Sequence[str]],
    *,
    min_practice_arrows: int,
) -> str:
    """The contract's PersonalBests (without ``min_practice_arrows``) as JSON: ``rounds`` and
    ``practice`` arrays of ``archer_id``'s slots that ``history`` lets through.

    ``catalogue`` is (codes, arrows, names) of the standard rounds: a round slot is complete
    when its arrows are those of its round.
    """
    args: list[object] = [list(catalogue[0]), list(catalogue[1]), list(catalogue[2])]
    args.append(min_practice_arrows)
    conditions = slot_conditions(history, archer_id, args)
    rendered: str = await db.fetchval(
        f"""WITH mine AS (
                SELECT {_SCORE_COLUMNS}, sl.round_code, sl.face_type, sl.distance,
                    sl.distance_unit
                FROM slot sl
                JOIN practice_session se ON se.id = sl.session_id
                JOIN slot_aggregate sa ON sa.slot_id = sl.id
                WHERE {conditions}
            ), completed AS (
                SELECT m.*, c.name AS round_name,
                    row_number() OVER (PARTITION BY m.round_code ORDER BY {_BEST_FIRST}) AS place,
                    count(*) OVER (PARTITION BY m.round_code) AS slots
                FROM mine m
                JOIN unnest($1::text[], $2::int[], $3::text[]) AS c (code, arrows, name)
                    ON c.code = m.round_code AND c.arrows = m.arrows
            ), practice AS (
                SELECT m.*,
                    row_number() OVER (PARTITION BY m.face_type, m.distance_unit, m.distance
                                       ORDER BY {_BEST_FIRST}) AS place,
                    count(*) OVER (PARTITION BY m.face_type, m.distance_unit, m.distance)
                        AS slots
                FROM mine m
                WHERE m.round_code IS NULL AND m.arrows >= $4
            )
            SELECT json_build_object(
                'rounds', coalesce((
                    SELECT json_agg(json_build_object('round_code', b.round_code,
                            'round_name', b.round_name, 'completed_rounds', b.slots,
                            'best', {_SCORE_JSON.format(p="b")}) ORDER BY b.round_code)
                    FROM completed b WHERE b.place = 1), '[]'),
                'practice', coalesce((
                    SELECT json_agg(json_build_object('face_type', b.face_type,
                            'distance', b.distance, 'distance_unit', b.distance_unit,
                            'qualifying_slots', b.slots, 'best', {_SCORE_JSON.format(p="b")})
                        ORDER BY b.face_type, b.distance_unit, b.distance)
                    FROM practice b WHERE b.place = 1), '[]'))::text""",
        *args,
    )
    return rendered


def _this_and_rival(round_arrows: str, min_arrows: str) -> str:
    """Two WITH queries: the slot $1 with its figures (``this``), if it counts, and the best
    of the same archer's other slots it competes with (``rival``).

    A round slot counts when complete (``round_arrows``, SQL: its round's arrow count), against
    the complete ones of the same round; a slot without a round (``round_arrows`` null) when it
    holds at least ``min_arrows`` (SQL) arrows, against those at the same face and distance.
    """
    return f"""this AS (
        SELECT {_SCORE_COLUMNS}, sl.archer_id, sl.round_code, sl.face_type, sl.distance,
            sl.distance_unit
        FROM slot sl
        JOIN practice_session se ON se.id = sl.session_id
        JOIN slot_aggregate sa ON sa.slot_id = sl.id
        WHERE sl.id = $1::uuid AND (sl.round_code IS NULL) = ({round_arrows} IS NULL)
            AND sa.arrows >= coalesce({round_arrows}, {min_arrows})
            AND sa.arrows <= coalesce({round_arrows}, sa.arrows)
    ), rival AS (
        SELECT {_SCORE_COLUMNS}
        FROM this t
        JOIN slot sl ON sl.archer_id = t.archer_id AND sl.id <> t.slot_id
        JOIN practice_session se ON se.id = sl.session_id
        JOIN slot_aggregate sa ON sa.slot_id = sl.id
        WHERE CASE WHEN t.round_code IS NULL
            THEN sl.round_code IS NULL AND sl.face_type = t.face_type
                AND sl.distance = t.distance AND sl.distance_unit = t.distance_unit
                AND sa.arrows >= {min_arrows}
            ELSE sl.round_code = t.round_code AND sa.arrows = {round_arrows} END
        ORDER BY {_BEST_FIRST}
        LIMIT 1
    )"""


_ANNOUNCEMENT = NOTIFY_PAYLOAD.format(
    type="'slot.personal_best'",
    session_id="t.session_id",
    slot_id="t.slot_id",
    shot_ids="NULL::uuid[]",
    event_id="$5::uuid",
)

_ANNOUNCE_IF_AHEAD_WITH = f"""WITH {_this_and_rival("$2::int", "$3::int")}, before AS (
        SELECT t.arrows - count(s.id) AS arrows, t.total - coalesce(sum(s.value), 0) AS total
        FROM this t LEFT JOIN shot s ON s.slot_id = t.slot_id AND s.seq >= $4::int
        GROUP BY t.arrows, t.total
    ), ahead AS (
        SELECT t.* FROM this t
        CROSS JOIN before b
        LEFT JOIN rival r ON true
        WHERE (r.slot_id IS NULL OR t.mean > r.mean)
            -- Free practice: not when the slot was already ahead before this write.
            AND NOT ($2::int IS NULL AND b.arrows >= $3::int
                     AND (r.slot_id IS NULL OR b.total::numeric / nullif(b.arrows, 0) > r.mean))
    ), announced AS (
        {{announced}}
    )
    SELECT count(*) FROM announced"""
_ANNOUNCE_IF_AHEAD = {
    announcement: _ANNOUNCE_IF_AHEAD_WITH.format(
        announced=announce_each(announcement, payload=_ANNOUNCEMENT, source="ahead t")
    )
    for announcement in Announcement
}


async def announce_if_ahead(  # pylint: disable=too-many-arguments
    db: Executor,
    announcement: Announcement,
    slot_id: UUID,
    round_arrows: int | None,
    min_practice_arrows: int,
    before_seq: int,
    event_id: UUID,
) -> bool:
    """Announce ``slot.personal_best`` for a slot that an arrow write (its arrows from
    ``before_seq`` on) made its archer's best; whether it did. One statement, so on a pool it
    commits by itself.

    A round slot (``round_arrows``, the round's arrow count) must be complete and strictly
    ahead of the archer's other complete ones; a practice slot must hold at least
    ``min_practice_arrows`` arrows and have a mean strictly ahead of the archer's other such
    slots at its face and distance, without having been ahead before the write.
    """
    announced: int = await db.fetchval(
        _ANNOUNCE_IF_AHEAD[announcement],
        slot_id,
        round_arrows,
        min_practice_arrows,
        before_seq,
        event_id,
    )
    return announced > 0


async def select_personal_best_event(
    db: Executor,
    slot_id: UUID,
    catalogue: tuple[Sequence[str], Sequence[int]],
    min_practice_arrows: int,
) -> str | None:
    """The data of a ``slot.personal_best`` message (PersonalBestAchieved) for a slot, as it is
    now; None when the slot is not (or no longer) its archer's best."""
    rendered: str | None = await db.fetchval(
        f"""WITH round AS (
                SELECT c.arrows FROM slot sl
                JOIN unnest($3::text[], $4::int[]) AS c (code, arrows) ON c.code = sl.round_code
                WHERE sl.id = $1::uuid
            ), {_this_and_rival("(SELECT arrows FROM round)", "$2::int")}
            SELECT json_build_object('slot_id', t.slot_id, 'archer_id', t.archer_id,
                'archer_name', a.first_name || ' ' || a.last_name,
                'kind', CASE WHEN t.round_code IS NULL THEN 'practice' ELSE 'round' END,
                'round_code', t.round_code,
                'face_type', CASE WHEN t.round_code IS NULL THEN t.face_type END,
                'distance', CASE WHEN t.round_code IS NULL THEN t.distance END,
                'distance_unit', CASE WHEN t.round_code IS NULL THEN t.distance_unit END,
                'best', {_SCORE_JSON.format(p="t")},
                'previous', CASE WHEN r.slot_id IS NOT NULL THEN {_SCORE_JSON.format(p="r")} END
            )::text
            FROM this t
            JOIN archer a ON a.id = t.archer_id
            LEFT JOIN rival r ON true
            WHERE r.slot_id IS NULL OR t.mean > r.mean""",
        slot_id,
        min_practice_arrows,
        list(catalogue[0]),
        list(catalogue[1]),
    )
    return rendered
