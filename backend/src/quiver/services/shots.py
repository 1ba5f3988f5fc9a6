"""Recording, moving and deleting arrows: scoring, end numbering and who may write."""

import json
import math
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from http import HTTPStatus
from typing import Any, Protocol
from uuid import UUID, uuid4

import asyncpg
import orjson

from quiver.core.batching import Coalescer
from quiver.core.conditional import EntityTags
from quiver.core.db import Connection, Executor, Pool
from quiver.core.errors import (
    ApiError,
    ConflictError,
    NotFoundError,
    UnauthorizedError,
    UnprocessableError,
)
from quiver.core.metrics import Metrics
from quiver.core.pagination import decode_cursor, encode_cursor
from quiver.core.security import Principal
from quiver.models import shot as shot_model
from quiver.models.realtime import Announcement
from quiver.schemas.api import DistanceUnit, Face, FaceType, PlottedArrow, ValueArrow
from quiver.services import faces, personal_bests, rounds, scoring
from quiver.services.auth import INVALID_TOKEN
from quiver.services.live.broker import Broker, EventType, new_event_id, publish

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


class SlotFields(Protocol):
    """A slot's columns by name: a database row, or a ``ShootingContext``."""

    def __getitem__(self, key: str, /) -> Any: ...


def shooting_plan(slot: SlotFields) -> list[ShootingPass]:
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


def _ensure_may_write(row: asyncpg.Record, archer_id: UUID) -> None:
    if archer_id not in (row["archer_id"], row["owner_archer_id"]):
        raise ApiError(
            HTTPStatus.FORBIDDEN,
            "not_shooter",
            "Only the slot's archer or the session owner may change its arrows.",
        )
    if not row["is_opened"]:
        raise ConflictError("session_closed", "The session is closed.")
    if not row["is_active"]:
        raise ConflictError("slot_inactive", "The archer has left this slot.")


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


@dataclass(frozen=True, slots=True)
class ShootingContext:
    """What numbering and scoring a slot's next arrows depends on.

    Read from the database, or remembered from the slot's previous write; the write re-checks
    every field, so a stale one only costs a second look.
    """

    slot_id: UUID
    next_seq: int
    face_type: str
    distance: float
    distance_unit: str
    arrows_per_end: int
    round_code: str | None
    is_indoor: bool
    shaft_diameter_mm: float | None
    arrow_count: int | None

    @classmethod
    def of(cls, slot: asyncpg.Record) -> "ShootingContext":
        """The context of a slot row from the shot model."""
        return cls(slot["id"], *(slot[name] for name in _CONTEXT_COLUMNS[1:]))

    def __getitem__(self, name: str) -> Any:
        """A field by name, as for a database row (see ``shooting_plan``)."""
        return getattr(self, name)

    def as_fields(self) -> dict[str, object]:
        """The context's fields of a ``shot_model.insert_shots`` write."""
        return {name: getattr(self, name) for name in _CONTEXT_COLUMNS}


_CONTEXT_COLUMNS = (
    "slot_id",
    "next_seq",
    "face_type",
    "distance",
    "distance_unit",
    "arrows_per_end",
    "round_code",
    "is_indoor",
    "shaft_diameter_mm",
    "arrow_count",
)


class ShootingContexts:
    """The last context each slot was written with, per process and bounded (least recently
    used first out): a range records end after end on the same slots, and this saves the
    read that would otherwise precede every write."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._capacity = capacity
        self._contexts: OrderedDict[UUID, ShootingContext] = OrderedDict()

    def get(self, slot_id: UUID) -> ShootingContext | None:
        """The remembered context of a slot, if any."""
        context = self._contexts.get(slot_id)
        if context is not None:
            self._contexts.move_to_end(slot_id)
        return context

    def remember(self, context: ShootingContext) -> None:
        """Keep a slot's context for its next write."""
        self._contexts[context.slot_id] = context
        self._contexts.move_to_end(context.slot_id)
        if len(self._contexts) > self._capacity:
            self._contexts.popitem(last=False)

    def forget(self, slot_id: UUID) -> None:
        """Drop a slot's context (it proved stale)."""
        self._contexts.pop(slot_id, None)


# PostgreSQL errors no single write of a batch causes.
_SHARED_ERRORS = (
    asyncpg.LockNotAvailableError,
    asyncpg.OperatorInterventionError,
    asyncpg.PostgresConnectionError,
    asyncpg.InsufficientResourcesError,
)


class ArrowWriter:
    """Stores the arrows of this process's requests, concurrent ones together.

    Under load, writes that arrive while others are being stored wait and then go in one
    statement (``shot_model.insert_shots``): one round trip, one commit and one NOTIFY lock
    for them all, each write still checked on its own. An idle process stores each write at
    once.
    """

    def __init__(self, pool: Pool, broker: Broker, *, max_wait: float, metrics: Metrics) -> None:
        self.pool = pool
        # Whose ``announcement`` the arrow writes use, in their own statement.
        self.broker = broker
        self._metrics = metrics
        # Two batches in flight: one in PostgreSQL while Python prepares the next. A
        # PostgreSQL error rolls its statement back, so its writes can be re-run one by one;
        # but not after a lock wait that timed out (they would each wait again) or a server
        # going away (the batch may have committed). A write waits for its batch at most
        # ``max_wait`` (the acquire timeout), then the batch at most the lock timeout.
        self._coalescer: Coalescer[dict[str, object], asyncpg.Record | None] = Coalescer(
            self._store_batch,
            max_batch=64,
            max_in_flight=2,
            isolate=(asyncpg.PostgresError,),
            shared=_SHARED_ERRORS,
            max_wait=max_wait,
        )

    async def store(self, write: dict[str, object]) -> asyncpg.Record | None:
        """Store one write; None if it wrote nothing (see ``shot_model.insert_shots``)."""
        return await self._coalescer.submit(write)

    async def _store_batch(
        self, writes: Sequence[dict[str, object]]
    ) -> list[asyncpg.Record | None]:
        self._metrics.arrow_batch_size.observe(len(writes))
        stored = {
            row["i"]: row
            for row in await shot_model.insert_shots(self.pool, writes, self.broker.announcement)
        }
        return [stored.get(i) for i in range(len(writes))]


async def create_shots(  # pylint: disable=too-many-arguments
    writer: ArrowWriter,
    contexts: ShootingContexts,
    token_hash: bytes,
    slot_id: UUID,
    arrows: Sequence[ArrowInput],
    *,
    conn: Connection | None = None,
) -> tuple[UUID, bytes]:
    """Authenticate, score, store and announce arrows in shooting order; returns the caller's
    id and the contract's ShotList as JSON.

    On a slot written before, one statement does it all, from the remembered context. Else
    (or when that context is stale) the slot is read first, with the caller's token; and if
    another writer moves the slot's counter in between, it is locked and read again. Writes
    go through the process's ``writer``, or into ``conn``'s transaction when it is given.
    """
    announcement = writer.broker.announcement
    remembered = contexts.get(slot_id)
    if remembered is not None:
        store = writer.store if conn is None else partial(_store_alone, conn, announcement)
        written = await _write(store, token_hash, remembered, arrows, quiet=True)
        if written is not None:
            contexts.remember(written[2])
            writer.broker.announced(conn)
            await _announce_best(writer, conn, written[2], len(arrows))
            return written[0], written[1]
        contexts.forget(slot_id)
    async with _connection(writer, conn) as held:
        slot = await shot_model.select_slot_for_shooting(held, slot_id, token_hash)
        if slot is None:
            raise UnauthorizedError(INVALID_TOKEN)
        caller_id: UUID = slot["caller_id"]
        write = partial(_checked_write, held, announcement, token_hash, caller_id)
        written = await write(slot, arrows)
        if written is None:
            async with held.transaction():
                slot = await shot_model.select_slot_for_shooting_locked(held, slot_id, caller_id)
                written = await write(slot, arrows)
    assert written is not None, "a locked slot cannot change under us"
    contexts.remember(written[2])
    writer.broker.announced(conn)
    await _announce_best(writer, conn, written[2], len(arrows))
    return written[0], written[1]


async def _announce_best(
    writer: ArrowWriter, conn: Connection | None, advanced: ShootingContext, written: int
) -> None:
    """After the arrows' own announcement: the personal best they may have made, looked for
    only when the write's own figures say it may (``personal_bests.may_be_new_best``)."""
    if personal_bests.may_be_new_best(
        advanced.round_code, advanced.arrows_per_end, advanced.next_seq, written
    ):
        await personal_bests.announce_new_best(
            writer.pool if conn is None else conn,
            conn,
            writer.broker,
            advanced.slot_id,
            advanced.round_code,
            advanced.next_seq - written,
        )


async def _checked_write(  # pylint: disable=too-many-arguments
    conn: Connection,
    announcement: Announcement,
    token_hash: bytes,
    caller_id: UUID,
    slot: asyncpg.Record | None,
    arrows: Sequence[ArrowInput],
) -> tuple[UUID, bytes, ShootingContext] | None:
    if slot is None or slot["id"] is None:
        raise _SLOT_NOT_FOUND
    _ensure_may_write(slot, caller_id)
    store = partial(_store_alone, conn, announcement)
    return await _write(store, token_hash, ShootingContext.of(slot), arrows, quiet=False)


async def _store_alone(
    conn: Connection, announcement: Announcement, write: dict[str, object]
) -> asyncpg.Record | None:
    stored = await shot_model.insert_shots(conn, [write], announcement)
    return stored[0] if stored else None


async def _write(
    store: Callable[[dict[str, object]], Awaitable[asyncpg.Record | None]],
    token_hash: bytes,
    context: ShootingContext,
    arrows: Sequence[ArrowInput],
    *,
    quiet: bool,
) -> tuple[UUID, bytes, ShootingContext] | None:
    """Number, score and store arrows from ``context``; None if the database disagrees.

    ``quiet`` (a remembered context, caller not yet authorised): a problem with the arrows
    also returns None, so that nothing is told before the full check.
    """
    try:
        rows = _scored_rows(context, arrows)
    except ApiError:
        if quiet:
            return None
        raise
    now = datetime.now(UTC)
    written = await store(
        {
            **context.as_fields(),
            "token_hash": token_hash.hex(),
            "recorded_at": now,
            "event_id": new_event_id(EventType.SHOT_CREATED),
            "arrows": rows,
        }
    )
    if written is None:
        return None
    advanced = replace(context, next_seq=context.next_seq + len(rows))
    body = _shot_list(rows, context.slot_id, written["archer_id"], now)
    return written["caller_id"], body, advanced


@asynccontextmanager
async def _connection(writer: ArrowWriter, conn: Connection | None) -> AsyncIterator[Connection]:
    """``conn`` when given, else one borrowed from the writer's pool."""
    if conn is None:
        async with writer.pool.acquire() as borrowed:
            yield borrowed
    else:
        yield conn


def _scored_rows(context: ShootingContext, arrows: Sequence[ArrowInput]) -> list[dict[str, Any]]:
    """The shot rows of ``arrows`` (``shot_model.SHOT_ROW_COLUMNS``), numbered from the slot's
    counter and scored."""
    plan = shooting_plan(context)
    diameter = context.shaft_diameter_mm or scoring.default_arrow_diameter_mm(context.is_indoor)
    rows: list[dict[str, Any]] = []
    for offset, arrow in enumerate(arrows):
        seq = context.next_seq + offset
        placement = place_arrow(plan, seq)
        if placement is None:
            raise ConflictError("round_complete", "The slot's round has all its arrows.")
        _check_arrow_number(arrow, context.arrow_count, f"/arrows/{offset}/arrow_number")
        shooting_pass = plan[placement.pass_index]
        face = faces.get_face(shooting_pass.face_type)
        try:
            values = _shot_values(face, arrow, diameter)
        except UnprocessableError as exc:
            exc.errors = [(f"/arrows/{offset}", exc.detail)]
            raise
        rows.append(
            {
                "id": uuid4(),
                "seq": seq,
                "end_number": placement.end_number,
                "position": placement.position,
                **dict(zip(_SCORED_COLUMNS, values)),
                "face_type": shooting_pass.face_type.value,
                "arrow_diameter_mm": diameter,
                "distance_m": shooting_pass.distance_m,
            }
        )
    return rows


# The columns of ``_shot_values``, in its order.
_SCORED_COLUMNS = (
    "value",
    "value_label",
    "is_x",
    "max_value",
    "x_mm",
    "y_mm",
    "spot_index",
    "distance_mm",
    "spot_x_mm",
    "spot_y_mm",
    "arrow_number",
    "shot_at",
)


def _shot_list(
    rows: Sequence[dict[str, Any]], slot_id: UUID, archer_id: UUID, now: datetime
) -> bytes:
    """The contract's ShotList of new shot rows, written as PostgreSQL renders stored shots
    (``shot_model``): answering from what was just written saves reading it back."""
    recorded = _timestamp(now)
    return orjson.dumps(
        {
            "items": [
                {
                    "id": row["id"],
                    "slot_id": slot_id,
                    "archer_id": archer_id,
                    "end_number": row["end_number"],
                    "position": row["position"],
                    "value": row["value"],
                    "value_label": row["value_label"],
                    "is_x": row["is_x"],
                    "is_plotted": row["x_mm"] is not None,
                    "x_mm": row["x_mm"],
                    "y_mm": row["y_mm"],
                    "spot_index": row["spot_index"],
                    "distance_mm": row["distance_mm"],
                    "face_type": row["face_type"],
                    "arrow_diameter_mm": row["arrow_diameter_mm"],
                    "arrow_number": row["arrow_number"],
                    "shot_at": recorded if row["shot_at"] is None else _timestamp(row["shot_at"]),
                    "created_at": recorded,
                    "updated_at": recorded,
                }
                for row in rows
            ]
        },
        # asyncpg's UUID subclass, which orjson does not take for a UUID.
        default=str,
    )


def _timestamp(moment: datetime) -> str:
    """``moment`` as PostgreSQL writes a timestamptz in JSON, in UTC: RFC 3339, with the
    fraction of a second only as long as it needs to be."""
    text = moment.astimezone(UTC).isoformat()
    if moment.microsecond:
        return text[:-6].rstrip("0") + text[-6:]
    return text


async def list_shots(
    db: Executor, token_hash: bytes, slot_id: UUID, limit: int, cursor: str | None
) -> tuple[UUID, bytes]:
    """The caller's id and one page of a slot's arrows in shooting order, as the contract's
    ShotPage JSON. One statement authenticates, checks visibility and renders the page."""
    filters = {"slot_id": str(slot_id)}
    after_seq = -1
    if cursor is not None:
        after_seq = decode_cursor(cursor, filters).get("seq", -1)
        if not isinstance(after_seq, int):
            raise UnprocessableError(
                "invalid_cursor", "The cursor is invalid.", pointer="#/query/cursor"
            )
    page = await shot_model.select_shots_page(db, slot_id, token_hash, after_seq, limit)
    if page is None:
        raise UnauthorizedError(INVALID_TOKEN)
    if page["items"] is None:
        raise _SLOT_NOT_FOUND
    next_cursor = (
        json.dumps(encode_cursor({"seq": page["last_seq"]}, filters))
        if page["has_more"]
        else "null"
    )
    items: str = page["items"]
    body = b'{"items":' + items.encode() + b',"next_cursor":' + next_cursor.encode() + b"}"
    return page["caller_id"], body


async def get_shot(conn: Connection, principal: Principal, shot_id: UUID) -> bytes:
    """One arrow as JSON."""
    rendered = await shot_model.select_shot_json(conn, shot_id, principal.archer_id)
    if rendered is None:
        raise _SHOT_NOT_FOUND
    return rendered.encode()


async def update_shot(  # pylint: disable=too-many-arguments
    conn: Connection,
    broker: Broker,
    principal: Principal,
    shot_id: UUID,
    arrow: ArrowInput,
    *,
    if_match: EntityTags | None = None,
) -> bytes:
    """Re-plot or re-enter an arrow, if ``if_match`` holds; it keeps its end, position, face
    and diameter."""
    async with conn.transaction():
        shot = await _locked_shot(conn, principal, shot_id, if_match)
        _check_arrow_number(arrow, shot["arrow_count"], "/arrow_number")
        face = faces.get_face(FaceType(shot["face_type"]))
        values = _shot_values(face, arrow, shot["arrow_diameter_mm"])
        keep_number = "arrow_number" not in arrow.model_fields_set
        rendered = await shot_model.update_shot_score(
            conn, shot_id, values, keep_number, datetime.now(UTC)
        )
        await publish(
            conn,
            broker,
            None,
            EventType.SHOT_UPDATED,
            slot_id=shot["slot_id"],
            shot_ids=[shot_id],
        )
    return rendered.encode()


async def delete_shot(
    conn: Connection,
    broker: Broker,
    principal: Principal,
    shot_id: UUID,
    *,
    if_match: EntityTags | None = None,
) -> None:
    """Delete an arrow, if ``if_match`` holds; deleting the slot's last arrow frees its place
    for the next one."""
    async with conn.transaction():
        shot = await _locked_shot(conn, principal, shot_id, if_match)
        await shot_model.delete_shot(conn, shot_id)
        if shot["seq"] == shot["next_seq"] - 1:
            await shot_model.update_slot_next_seq(conn, shot["slot_id"], shot["seq"])
        await publish(
            conn,
            broker,
            None,
            EventType.SHOT_DELETED,
            slot_id=shot["slot_id"],
            shot_ids=[shot_id],
        )


async def _locked_shot(
    conn: Connection, principal: Principal, shot_id: UUID, if_match: EntityTags | None
) -> asyncpg.Record:
    """A shot the caller may change, locked with its slot until the transaction ends, after
    checking ``if_match`` against the shot as ``get_shot`` renders it."""
    shot = await shot_model.select_shot_for_change(conn, shot_id, principal.archer_id)
    if shot is None:
        raise _SHOT_NOT_FOUND
    _ensure_may_write(shot, principal.archer_id)
    if if_match is not None:
        if_match.require(await get_shot(conn, principal, shot_id))
    return shot
