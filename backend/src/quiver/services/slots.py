"""Slots: an archer's place on the range (lane and letter) and progress in a session.

The first half is pure. A slot's plan and the placement of its arrows are the shots service's
(`shooting_plan`, `place_arrow`), so progress and recording can never disagree;
`round_position` tells how far a slot is in it, and `assign_place` picks the lane and letter
of a joining archer.

The second half holds the operations. Joins and re-joins of one session serialise on the
session row (SELECT ... FOR UPDATE); the unique index on active places and the lane distance
exclusion constraints stay the database's guarantee, so a violation is retried, never a 500.
"""

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Final, NamedTuple, TypeVar
from uuid import UUID

import asyncpg
from pydantic import BaseModel, ConfigDict, Field

from quiver.core.db import Connection
from quiver.core.errors import ApiError, ConflictError, NotFoundError
from quiver.core.keyset import cursor_position, split_page
from quiver.core.logger import LoggerFactory
from quiver.models import session as session_model
from quiver.models import slot as slot_model
from quiver.schemas.api import (
    DistanceUnit,
    Slot,
    SlotJoinFree,
    SlotJoinRound,
    SlotLetter,
    SlotList,
    SlotProgress,
)
from quiver.services import rounds
from quiver.services.live.broker import Broker, EventType, publish
from quiver.services.scoring import default_arrow_diameter_mm
from quiver.services.shots import ShootingPass, place_arrow, shooting_plan

logger = LoggerFactory().get_logger(__name__)

T = TypeVar("T")

LETTERS: Final = tuple(SlotLetter)
_PLACE_ATTEMPTS: Final = 3
_ONE_SLOT_PER_ARCHER: Final = "slot_session_archer_key"
_MISSING_EQUIPMENT: Final = {
    "slot_arrow_set_fkey": ("arrow_set_not_found", "You have no arrow set with this id."),
    "slot_bow_fkey": ("bow_not_found", "You have no bow with this id."),
}


# --- Progress: how far a slot is in its round -----------------------------------------------


class RoundPosition(NamedTuple):
    """How far a slot is in its plan."""

    # The pass the next arrow belongs to, or the last pass once the round is complete (0-based).
    pass_index: int
    current_pass: int | None
    arrows_remaining: int | None
    is_complete: bool


def round_position(plan: Sequence[ShootingPass], next_seq: int) -> RoundPosition:
    """Where a slot whose next arrow has sequence number ``next_seq`` stands in its plan.

    Open-ended practice (a pass without an arrow count) is never complete and has no pass.
    """
    placement = place_arrow(plan, next_seq)
    if placement is None:
        return RoundPosition(len(plan) - 1, None, 0, True)
    if any(pass_.arrows is None for pass_ in plan):
        return RoundPosition(placement.pass_index, None, None, False)
    total = sum(pass_.arrows or 0 for pass_ in plan)
    return RoundPosition(placement.pass_index, placement.pass_index + 1, total - next_seq, False)


# --- Places: lane and letter ---------------------------------------------------------------------


class Place(NamedTuple):
    """A lane (target butt, from 1) and a letter on it."""

    lane: int
    letter: SlotLetter


@dataclass(frozen=True, slots=True)
class RangeSlot:
    """A slot as place assignment sees it."""

    place: Place
    distance: float
    distance_unit: DistanceUnit
    is_active: bool


def assign_place(
    slots: Iterable[RangeSlot],
    distance: float,
    distance_unit: DistanceUnit,
    preferred: Place | None = None,
) -> Place:
    """Pick a place at a distance among a session's slots (left ones included).

    ``preferred`` (a returning archer's old place) wins when it is free and its lane is empty or
    at this distance. Otherwise the lowest lane already at this distance with a free letter
    (lowest first) is taken; failing that, a new lane after the highest ever used, letter A.
    """
    slots = list(slots)
    wanted = (distance, distance_unit)
    lane_target = {
        slot.place.lane: (slot.distance, slot.distance_unit) for slot in slots if slot.is_active
    }
    taken = {slot.place for slot in slots if slot.is_active}
    if (
        preferred is not None
        and preferred not in taken
        and lane_target.get(preferred.lane, wanted) == wanted
    ):
        return preferred
    for lane in sorted(lane for lane, target in lane_target.items() if target == wanted):
        for letter in LETTERS:
            if Place(lane, letter) not in taken:
                return Place(lane, letter)
    return Place(max((slot.place.lane for slot in slots), default=0) + 1, SlotLetter.A)


# --- Operations ----------------------------------------------------------------------------------


def _constraint(exc: asyncpg.PostgresError) -> str:
    # asyncpg sets the fields of the server's error message dynamically (pylint cannot see them).
    name: str | None = getattr(exc, "constraint_name", None)
    return name or ""


def _slot_not_found() -> NotFoundError:
    return NotFoundError("slot_not_found", "The slot does not exist.")


def _session_not_found() -> NotFoundError:
    return NotFoundError("session_not_found", "The session does not exist.")


def _session_closed() -> ConflictError:
    return ConflictError("session_closed", "The session is closed.")


def _require_own_slot(row: asyncpg.Record, archer_id: UUID) -> None:
    if row["archer_id"] != archer_id:
        raise ApiError(
            HTTPStatus.FORBIDDEN, "not_slot_archer", "Only the slot's archer may do this."
        )


def _range_slots(rows: Iterable[asyncpg.Record]) -> list[RangeSlot]:
    return [
        RangeSlot(
            place=Place(row["lane"], SlotLetter(row["letter"])),
            distance=row["distance"],
            distance_unit=DistanceUnit(row["distance_unit"]),
            is_active=row["is_active"],
        )
        for row in rows
    ]


def _to_slot(row: asyncpg.Record) -> Slot:
    """A slot view row on the wire; a round slot reports the pass its next arrow belongs to."""
    plan = shooting_plan(row)
    position = round_position(plan, row["next_seq"])
    current = plan[position.pass_index]
    round_ = rounds.get_round(row["round_code"]) if row["round_code"] is not None else None
    diameter = row["shaft_diameter_mm"]
    return Slot(
        id=row["id"],
        session_id=row["session_id"],
        archer_id=row["archer_id"],
        archer_name=row["archer_name"],
        lane=row["lane"],
        letter=SlotLetter(row["letter"]),
        distance=current.distance,
        distance_unit=current.distance_unit,
        face_type=current.face_type,
        arrows_per_end=current.arrows_per_end,
        round_code=row["round_code"],
        arrow_set_id=row["arrow_set_id"],
        bow_id=row["bow_id"],
        arrow_diameter_mm=(
            diameter if diameter is not None else default_arrow_diameter_mm(row["is_indoor"])
        ),
        is_active=row["is_active"],
        joined_at=row["joined_at"],
        left_at=row["left_at"],
        progress=SlotProgress(
            arrows_shot=row["arrows_shot"],
            ends_shot=row["ends_shot"],
            total_score=row["total_score"],
            max_possible_score=row["max_possible_score"],
            round_arrows=round_.arrows if round_ is not None else None,
            round_max_score=round_.max_score if round_ is not None else None,
            arrows_remaining=position.arrows_remaining,
            current_pass=position.current_pass,
            is_complete=position.is_complete,
        ),
    )


def _first_pass(request: SlotJoinFree | SlotJoinRound) -> ShootingPass:
    """Where a joining archer starts: the round's first pass, or the practice asked for."""
    if isinstance(request, SlotJoinRound):
        first = rounds.get_round(request.round_code).passes[0]
        return ShootingPass(
            first.face_type, first.distance, first.distance_unit, first.arrows_per_end, first.arrows
        )
    chosen = request.model_dump()
    return ShootingPass(
        request.face_type,
        request.distance,
        chosen.get("distance_unit", DistanceUnit.M),
        request.arrows_per_end,
        None,
    )


async def _take_place(conn: Connection, take: Callable[[], Awaitable[T]]) -> T:
    """Run ``take`` in a transaction, again if the database reports its place as taken.

    The session lock makes a clash unexpected; the constraints still decide.
    """
    attempt = 1
    while True:
        try:
            async with conn.transaction():
                return await take()
        except (asyncpg.UniqueViolationError, asyncpg.ExclusionViolationError) as exc:
            if _constraint(exc) == _ONE_SLOT_PER_ARCHER:
                raise ConflictError("already_joined", "You already have a slot here.") from exc
            if attempt == _PLACE_ATTEMPTS:
                raise ConflictError(
                    "place_taken", "No place could be assigned; retry shortly."
                ) from exc
            logger.warning("place clash on %s, retrying", _constraint(exc))
            attempt += 1


async def _slot_view(conn: Connection, slot_id: UUID, viewer_id: UUID) -> Slot:
    row = await slot_model.select_visible_slot_view(conn, slot_id, viewer_id)
    if row is None:
        raise _slot_not_found()
    return _to_slot(row)


async def join_session(
    conn: Connection,
    broker: Broker,
    archer_id: UUID,
    session_id: UUID,
    request: SlotJoinFree | SlotJoinRound,
) -> Slot:
    """Give the caller a place in an open session.

    Anyone who knows a session's id may join it: the id is the invitation.
    """
    chosen = request.model_dump()

    async def take() -> UUID:
        session = await session_model.select_session_for_update(conn, session_id)
        if session is None:
            raise _session_not_found()
        first = _first_pass(request)
        own_slot = await slot_model.select_slot_id_of_archer(conn, session_id, archer_id)
        if not session["is_opened"]:
            # A closed session is no invitation: to outsiders it does not exist at all.
            if own_slot is None and session["owner_archer_id"] != archer_id:
                raise _session_not_found()
            raise _session_closed()
        if own_slot is not None:
            raise ConflictError(
                "already_joined", "You already have a slot here; re-join it instead."
            )
        places = await slot_model.select_session_places(conn, session_id)
        place = assign_place(_range_slots(places), first.distance, first.distance_unit)
        try:
            row = await slot_model.insert_slot(
                conn,
                session_id=session_id,
                archer_id=archer_id,
                lane=place.lane,
                letter=place.letter,
                distance=first.distance,
                distance_unit=first.distance_unit,
                face_type=first.face_type,
                arrows_per_end=first.arrows_per_end,
                round_code=chosen.get("round_code"),
                arrow_set_id=chosen.get("arrow_set_id"),
                bow_id=chosen.get("bow_id"),
            )
        except asyncpg.ForeignKeyViolationError as exc:
            missing = _MISSING_EQUIPMENT.get(_constraint(exc))
            if missing is None:
                raise
            raise NotFoundError(*missing) from exc
        slot_id: UUID = row["id"]
        await publish(conn, broker, session_id, EventType.SLOT_JOINED, slot_id=slot_id)
        return slot_id

    return await _slot_view(conn, await _take_place(conn, take), archer_id)


class SlotPosition(BaseModel):
    """Where a page of slots ends: slots are listed by place, then id."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lane: int = Field(ge=1)
    letter: SlotLetter
    id: UUID


def _slot_position(slot: Slot) -> SlotPosition:
    return SlotPosition(lane=slot.lane, letter=slot.letter, id=slot.id)


async def list_slots(conn: Connection, archer_id: UUID, session_id: UUID) -> SlotList:
    """Every slot of a session the caller may see, left ones included, on one page."""
    return SlotList(items=await _slot_rows(conn, archer_id, session_id), next_cursor=None)


async def list_slots_page(
    conn: Connection,
    archer_id: UUID,
    session_id: UUID,
    *,
    limit: int,
    cursor: str | None,
) -> SlotList:
    """One page of the slots of a session the caller may see, left ones included."""
    # A cursor is only valid for the session whose slots it was made for.
    filters = {"listing": "listSlots", "session_id": str(session_id)}
    after = cursor_position(cursor, filters, SlotPosition)
    rows = await _slot_rows(
        conn,
        archer_id,
        session_id,
        after=None if after is None else (after.lane, after.letter.value, after.id),
        limit=limit + 1,
    )
    page, next_cursor = split_page(rows, limit, _slot_position, filters)
    return SlotList(items=list(page), next_cursor=next_cursor)


async def _slot_rows(
    conn: Connection,
    archer_id: UUID,
    session_id: UUID,
    *,
    after: tuple[int, str, UUID] | None = None,
    limit: int | None = None,
) -> list[Slot]:
    if await session_model.select_visible_session(conn, session_id, archer_id) is None:
        raise _session_not_found()
    rows = await slot_model.select_session_slot_views(conn, session_id, after=after, limit=limit)
    return [_to_slot(row) for row in rows]


async def get_slot(conn: Connection, archer_id: UUID, slot_id: UUID) -> Slot:
    """One slot of a session the caller may see."""
    return await _slot_view(conn, slot_id, archer_id)


async def leave_slot(conn: Connection, broker: Broker, archer_id: UUID, slot_id: UUID) -> Slot:
    """Free the caller's place; the slot and its shots stay."""
    row = await slot_model.select_visible_slot(conn, slot_id, archer_id)
    if row is None:
        raise _slot_not_found()
    _require_own_slot(row, archer_id)
    async with conn.transaction():
        if await slot_model.update_slot_leave(conn, slot_id) is None:
            raise ConflictError("slot_inactive", "You have already left the range.")
        await publish(conn, broker, row["session_id"], EventType.SLOT_LEFT, slot_id=slot_id)
    return await _slot_view(conn, slot_id, archer_id)


async def rejoin_slot(conn: Connection, broker: Broker, archer_id: UUID, slot_id: UUID) -> Slot:
    """Put the caller back on the range: its old place if free, else a place as on joining.

    A round slot comes back at the distance of the pass its next arrow belongs to.
    """
    row = await slot_model.select_visible_slot(conn, slot_id, archer_id)
    if row is None:
        raise _slot_not_found()
    _require_own_slot(row, archer_id)

    async def take() -> None:
        # Session before slot, the order deleteSession locks them in, so neither waits in a cycle.
        session = await session_model.select_session_for_update(conn, row["session_id"])
        current = await slot_model.select_slot_for_update(conn, slot_id)
        if session is None or current is None:
            raise _slot_not_found()
        if current["is_active"]:
            raise ConflictError("slot_active", "You are already on the range.")
        if not session["is_opened"]:
            raise _session_closed()
        plan = shooting_plan(current)
        target = plan[round_position(plan, current["next_seq"]).pass_index]
        places = await slot_model.select_session_places(conn, row["session_id"])
        place = assign_place(
            _range_slots(places),
            target.distance,
            target.distance_unit,
            preferred=Place(current["lane"], SlotLetter(current["letter"])),
        )
        await slot_model.update_slot_rejoin(
            conn,
            slot_id,
            lane=place.lane,
            letter=place.letter,
            distance=target.distance,
            distance_unit=target.distance_unit,
            face_type=target.face_type,
            arrows_per_end=target.arrows_per_end,
        )
        await publish(conn, broker, row["session_id"], EventType.SLOT_JOINED, slot_id=slot_id)

    await _take_place(conn, take)
    return await _slot_view(conn, slot_id, archer_id)
