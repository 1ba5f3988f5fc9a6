"""Personal bests: per standard round and per face and distance of free practice.

A round's best is the highest total of a complete round; free practice's is the highest mean
per arrow of one slot of at least ``MIN_PRACTICE_ARROWS`` arrows (a slot's total would favour
long sessions, a single end lucky arrows). Ties go to the earliest session, then slot.
Nothing is stored: each reading comes from the slots' running aggregates, exact after any
move or delete of an arrow (see ``models.personal_best``).

A write of arrows that may make a new best announces it on the live channel
(``slot.personal_best``). Whether it may is decided from what the write already knows, so
that most writes cost nothing more: the last arrow of a round, or of an end of free practice
once the slot holds enough arrows. Only then one more statement looks and announces.
"""

from functools import cache
from uuid import UUID

import asyncpg

from quiver.core.db import Connection, Executor
from quiver.core.logger import LoggerFactory
from quiver.models import personal_best as personal_best_model
from quiver.models.history_filter import HistoryFilter
from quiver.services import rounds
from quiver.services.live.broker import Broker, EventType, new_event_id

logger = LoggerFactory().get_logger(__name__)

# Arrows a free-practice slot needs to count: a half of an indoor round.
MIN_PRACTICE_ARROWS = 30


@cache
def _catalogue() -> tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]:
    """(codes, arrow counts, names) of the standard rounds."""
    catalogue = list(rounds.ROUNDS.values())
    return (
        tuple(round_.code for round_ in catalogue),
        tuple(round_.arrows for round_ in catalogue),
        tuple(round_.name for round_ in catalogue),
    )


async def list_personal_bests(db: Executor, archer_id: UUID, history: HistoryFilter) -> bytes:
    """The contract's PersonalBests of ``archer_id`` among the slots ``history`` lets through,
    as JSON."""
    rendered = await personal_best_model.select_personal_bests(
        db, archer_id, history, _catalogue(), min_practice_arrows=MIN_PRACTICE_ARROWS
    )
    return b'{"min_practice_arrows":%d,' % MIN_PRACTICE_ARROWS + rendered.encode()[1:]


def _round_arrows(round_code: str | None) -> int | None:
    round_ = None if round_code is None else rounds.ROUNDS.get(round_code)
    return None if round_ is None else round_.arrows


def may_be_new_best(
    round_code: str | None, arrows_per_end: int, next_seq: int, written: int
) -> bool:
    """Whether a write of ``written`` arrows that moved a slot's counter to ``next_seq`` may
    have made a new personal best: it recorded the round's last arrow, or, without a round,
    an end's last arrow with enough arrows before it. Pure and cheap: every arrow write asks.

    Arrows deleted earlier only make the slot hold fewer than its counter says; the statement
    that looks counts them exactly.
    """
    if written <= 0:
        return False
    if round_code is not None:
        return next_seq == _round_arrows(round_code)
    return next_seq % arrows_per_end == 0 and next_seq >= MIN_PRACTICE_ARROWS


async def announce_new_best(  # pylint: disable=too-many-arguments
    db: Executor,
    conn: Connection | None,
    broker: Broker,
    slot_id: UUID,
    round_code: str | None,
    before_seq: int,
) -> bool:
    """Announce ``slot.personal_best`` if the arrows a write stored from ``before_seq`` on made
    the slot its archer's new best (see the contract); whether it did.

    ``db`` is ``conn`` (the write's connection, maybe in its transaction) or the pool, where
    the one statement commits by itself.
    """
    try:
        announced = await personal_best_model.announce_if_ahead(
            db,
            broker.announcement,
            slot_id,
            _round_arrows(round_code),
            MIN_PRACTICE_ARROWS,
            before_seq,
            new_event_id(EventType.SLOT_PERSONAL_BEST),
        )
    except (asyncpg.PostgresError, OSError, TimeoutError) as exc:
        if conn is not None:
            raise
        # The arrows are committed: failing their request now would have the client send
        # them again. Only the announcement is lost (the listing still shows the best).
        logger.warning("personal best of slot %s not announced: %r", slot_id, exc)
        return False
    if announced:
        broker.announced(conn)
    return announced


async def render_event_data(db: Executor, slot_id: UUID) -> str | None:
    """The data of a ``slot.personal_best`` message as JSON, as the slot is now; None when it
    is no longer its archer's best."""
    codes, arrows, _ = _catalogue()
    return await personal_best_model.select_personal_best_event(
        db, slot_id, (codes, arrows), MIN_PRACTICE_ARROWS
    )
