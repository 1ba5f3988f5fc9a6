"""Recording, moving and deleting arrows: scoring, end numbering and who may write."""

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any, cast
from uuid import UUID, uuid4

import asyncpg

from quiver.core.db import Connection
from quiver.core.errors import ApiError, ConflictError, NotFoundError, UnprocessableError
from quiver.core.logger import request_id_var
from quiver.core.pagination import decode_cursor, encode_cursor
from quiver.core.realtime import EventType, publish
from quiver.core.security import Principal
from quiver.models import shot as shot_model
from quiver.schemas.api import DistanceUnit, Face, FaceType, PlottedArrow, ValueArrow
from quiver.services import faces, rounds, scoring

ArrowInput = PlottedArrow | ValueArrow
METRES_PER_YARD = 0.9144
_SHOT_NOT_FOUND = NotFoundError("shot_not_found", "The shot does not exist.")
_SLOT_NOT_FOUND = NotFoundError("slot_not_found", "The slot does not exist.")


@dataclass(frozen=True, slots=True)
class ShootingPass:
    """Arrows shot at one distance on one face; ``arrows`` is None for open-ended practice."""

    face_type: FaceType
    distance: float
    distance_unit: DistanceUnit
    arrows_per_end: int
    arrows: int | None

    @property
    def distance_m(self) -> float:
        """The distance in metres."""
        factor = METRES_PER_YARD if self.distance_unit is DistanceUnit.YD else 1.0
        return self.distance * factor


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the arrow with a given sequence number falls."""

    pass_index: int
    end_number: int
    position: int


def shooting_plan(slot: asyncpg.Record) -> list[ShootingPass]:
    """The passes a slot shoots: its round's, or one open-ended pass."""
    if slot["round_code"] is None:
        return [
            ShootingPass(
                FaceType(slot["face_type"]),
                slot["distance"],
                DistanceUnit(slot["distance_unit"]),
                slot["arrows_per_end"],
                None,
            )
        ]
    return [
        ShootingPass(p.face_type, p.distance, p.distance_unit, p.arrows_per_end, p.arrows)
        for p in rounds.get_round(slot["round_code"]).passes
    ]


def place_arrow(plan: Sequence[ShootingPass], seq: int) -> Placement | None:
    """The pass, end and position of arrow number ``seq`` (0-based); None past the round.

    Ends are numbered through the whole round; a pass starts a new end.
    """
    ends_before = 0
    for index, shooting_pass in enumerate(plan):
        if shooting_pass.arrows is None or seq < shooting_pass.arrows:
            end, position = divmod(seq, shooting_pass.arrows_per_end)
            return Placement(index, ends_before + end + 1, position + 1)
        seq -= shooting_pass.arrows
        ends_before += math.ceil(shooting_pass.arrows / shooting_pass.arrows_per_end)
    return None


def _score(
    face: Face, arrow: ArrowInput, arrow_diameter_mm: float
) -> tuple[scoring.ScoredArrow, float | None, float | None]:
    """The score of an arrow and its offset from the centre of the spot nearest to it."""
    if isinstance(arrow, ValueArrow):
        try:
            return scoring.score_value_only(face, arrow.value.value), None, None
        except scoring.InvalidArrowValue as exc:
            raise UnprocessableError("invalid_arrow_value", str(exc)) from exc
    scored = scoring.score_plotted(face, arrow.x_mm, arrow.y_mm, arrow_diameter_mm)
    spot = face.spots[scoring.nearest_spot_index(face, arrow.x_mm, arrow.y_mm)]
    return scored, arrow.x_mm - spot.x_mm, arrow.y_mm - spot.y_mm


def _check_arrow_number(arrow: ArrowInput, arrow_count: int | None, pointer: str) -> None:
    number = arrow.model_dump().get("arrow_number")
    if number is None:
        return
    if arrow_count is None:
        raise UnprocessableError(
            "no_arrow_set", "The slot has no arrow set, so arrows have no numbers.", pointer=pointer
        )
    if number > arrow_count:
        raise UnprocessableError(
            "unknown_arrow_number",
            f"The slot's arrow set has arrows 1 to {arrow_count}.",
            pointer=pointer,
        )


def _ensure_may_write(row: asyncpg.Record, principal: Principal) -> None:
    if principal.archer_id not in (row["archer_id"], row["owner_archer_id"]):
        raise ApiError(
            HTTPStatus.FORBIDDEN,
            "not_shooter",
            "Only the slot's archer or the session owner may change its arrows.",
        )
    if not row["is_opened"]:
        raise ConflictError("session_closed", "The session is closed.")
    if not row["is_active"]:
        raise ConflictError("slot_inactive", "The archer has left this slot.")


def _arrow_diameter(slot: asyncpg.Record) -> float:
    diameter: float | None = slot["shaft_diameter_mm"]
    return diameter or scoring.default_arrow_diameter_mm(slot["is_indoor"])


def _shot_values(face: Face, arrow: ArrowInput, diameter: float) -> tuple[object, ...]:
    """(value, value_label, is_x, max_value, x_mm, y_mm, spot_index, distance_mm, spot_x_mm,
    spot_y_mm, arrow_number, shot_at) of one arrow."""
    scored, spot_x, spot_y = _score(face, arrow, diameter)
    fields: dict[str, Any] = arrow.model_dump()
    return (
        scored.value,
        scoring.arrow_value_label(scored.value, scored.is_x),
        scored.is_x,
        scoring.max_arrow_score(face),
        fields.get("x_mm"),
        fields.get("y_mm"),
        scored.spot_index,
        scored.distance_mm,
        spot_x,
        spot_y,
        fields.get("arrow_number"),
        fields.get("shot_at"),
    )


async def create_shots(
    conn: Connection, principal: Principal, slot_id: UUID, arrows: Sequence[ArrowInput]
) -> bytes:
    """Score and store arrows in shooting order; returns the contract's ShotList as JSON.

    Optimistic first: the arrows are numbered from the slot's counter as read and stored only
    if nobody moved it meanwhile (two round trips, no lock while scoring). If somebody did (the
    owner and the shooter at once), the slot is locked and the arrows numbered again.
    """
    rendered = await _record(conn, principal, slot_id, arrows, locked=False)
    if rendered is None:
        async with conn.transaction():
            rendered = await _record(conn, principal, slot_id, arrows, locked=True)
    assert rendered is not None, "a locked slot cannot change under us"
    return b'{"items":' + rendered.encode() + b"}"


async def _record(
    conn: Connection,
    principal: Principal,
    slot_id: UUID,
    arrows: Sequence[ArrowInput],
    *,
    locked: bool,
) -> str | None:
    select = (
        shot_model.select_slot_for_shooting_locked
        if locked
        else shot_model.select_slot_for_shooting
    )
    slot = await select(conn, slot_id, principal.archer_id)
    if slot is None:
        raise _SLOT_NOT_FOUND
    _ensure_may_write(slot, principal)
    rows = _scored_rows(slot, arrows)
    # The announcement commits with the arrows, or not at all.
    async with conn.transaction():
        rendered = await shot_model.insert_shots(
            conn, slot_id, slot["next_seq"], datetime.now(UTC), rows
        )
        if rendered is not None:
            shot_ids = [cast(UUID, row[0]) for row in rows]  # each row starts with its id
            await publish(
                conn,
                None,
                EventType.SHOT_CREATED,
                request_id_var.get(),
                slot_id=slot_id,
                shot_ids=shot_ids,
            )
    return rendered


def _scored_rows(slot: asyncpg.Record, arrows: Sequence[ArrowInput]) -> list[tuple[object, ...]]:
    """The shot rows of ``arrows``, numbered from the slot's counter and scored."""
    plan = shooting_plan(slot)
    diameter = _arrow_diameter(slot)
    rows: list[tuple[object, ...]] = []
    for offset, arrow in enumerate(arrows):
        seq = slot["next_seq"] + offset
        placement = place_arrow(plan, seq)
        if placement is None:
            raise ConflictError("round_complete", "The slot's round has all its arrows.")
        _check_arrow_number(arrow, slot["arrow_count"], f"/arrows/{offset}/arrow_number")
        shooting_pass = plan[placement.pass_index]
        face = faces.get_face(shooting_pass.face_type)
        try:
            values = _shot_values(face, arrow, diameter)
        except UnprocessableError as exc:
            exc.errors = [(f"/arrows/{offset}", exc.detail)]
            raise
        value, label, is_x, max_value, x, y, spot, dist, spot_x, spot_y, number, at = values
        rows.append(
            (
                uuid4(), seq, placement.end_number, placement.position, value, label, is_x,
                max_value, x, y, spot, dist, spot_x, spot_y, shooting_pass.face_type, diameter,
                shooting_pass.distance_m, number, at,
            )
        )  # fmt: skip
    return rows


async def list_shots(
    conn: Connection, principal: Principal, slot_id: UUID, limit: int, cursor: str | None
) -> bytes:
    """One page of a slot's arrows in shooting order, as the contract's ShotPage JSON."""
    filters = {"slot_id": str(slot_id)}
    after_seq = -1
    if cursor is not None:
        after_seq = decode_cursor(cursor, filters).get("seq", -1)
        if not isinstance(after_seq, int):
            raise UnprocessableError(
                "invalid_cursor", "The cursor is invalid.", pointer="#/query/cursor"
            )
    page = await shot_model.select_shots_page(conn, slot_id, principal.archer_id, after_seq, limit)
    if page is None:
        raise _SLOT_NOT_FOUND
    next_cursor = (
        json.dumps(encode_cursor({"seq": page["last_seq"]}, filters))
        if page["has_more"]
        else "null"
    )
    items: str = page["items"]
    return b'{"items":' + items.encode() + b',"next_cursor":' + next_cursor.encode() + b"}"


async def get_shot(conn: Connection, principal: Principal, shot_id: UUID) -> bytes:
    """One arrow as JSON."""
    rendered = await shot_model.select_shot_json(conn, shot_id, principal.archer_id)
    if rendered is None:
        raise _SHOT_NOT_FOUND
    return rendered.encode()


async def update_shot(
    conn: Connection, principal: Principal, shot_id: UUID, arrow: ArrowInput
) -> bytes:
    """Re-plot or re-enter an arrow; it keeps its end, position, face and diameter."""
    async with conn.transaction():
        shot = await shot_model.select_shot_for_change(conn, shot_id, principal.archer_id)
        if shot is None:
            raise _SHOT_NOT_FOUND
        _ensure_may_write(shot, principal)
        _check_arrow_number(arrow, shot["arrow_count"], "/arrow_number")
        face = faces.get_face(FaceType(shot["face_type"]))
        values = _shot_values(face, arrow, shot["arrow_diameter_mm"])
        keep_number = "arrow_number" not in arrow.model_fields_set
        rendered = await shot_model.update_shot_score(
            conn, shot_id, values, keep_number, datetime.now(UTC)
        )
        await publish(
            conn,
            None,
            EventType.SHOT_UPDATED,
            request_id_var.get(),
            slot_id=shot["slot_id"],
            shot_ids=[shot_id],
        )
    return rendered.encode()


async def delete_shot(conn: Connection, principal: Principal, shot_id: UUID) -> None:
    """Delete an arrow; deleting the slot's last arrow frees its place for the next one."""
    async with conn.transaction():
        shot = await shot_model.select_shot_for_change(conn, shot_id, principal.archer_id)
        if shot is None:
            raise _SHOT_NOT_FOUND
        _ensure_may_write(shot, principal)
        await shot_model.delete_shot(conn, shot_id)
        if shot["seq"] == shot["next_seq"] - 1:
            await shot_model.update_slot_next_seq(conn, shot["slot_id"], shot["seq"])
        await publish(
            conn,
            None,
            EventType.SHOT_DELETED,
            request_id_var.get(),
            slot_id=shot["slot_id"],
            shot_ids=[shot_id],
        )
