"""Bows and arrow sets: each archer sees and changes only their own.

Both kinds follow the same rules, so one set of functions serves them; an ``Equipment`` holds
what differs: the table's SQL, its columns, the wire model and the not-found problem code.
Another archer's item is "not found", never "forbidden", so ids reveal nothing.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar
from uuid import UUID

import asyncpg
from pydantic import BaseModel

from quiver.core.conditional import EntityTags
from quiver.core.db import Connection
from quiver.core.errors import NotFoundError
from quiver.core.keyset import CreatedPosition, created_position, cursor_position, split_page
from quiver.models import arrow_set as arrow_set_model
from quiver.models import bow as bow_model
from quiver.schemas.api import ArrowSet, Bow

ItemT = TypeVar("ItemT", bound=BaseModel)
Lookup = Callable[[Connection, UUID, UUID], Awaitable[asyncpg.Record | None]]


@dataclass(frozen=True)
class Statements:
    """The SQL of one equipment table; every statement is scoped to the owning archer."""

    # insert and update take the kind's columns as keywords.
    insert: Callable[..., Awaitable[asyncpg.Record]]
    # select_page takes the keyset position ``after`` and the ``limit`` as keywords.
    select_page: Callable[..., Awaitable[list[asyncpg.Record]]]
    select: Lookup
    select_for_update: Lookup
    update: Callable[..., Awaitable[asyncpg.Record | None]]
    delete: Callable[[Connection, UUID, UUID], Awaitable[bool]]


@dataclass(frozen=True)
class Equipment(Generic[ItemT]):
    """One kind of equipment: how it is stored and how it is shown."""

    sql: Statements
    # The columns a client sets, named as in both the wire models and the SQL functions.
    columns: tuple[str, ...]
    wire: type[ItemT]
    # Binds a cursor to its listing: a bow list's cursor means nothing to the arrow sets.
    listing: str
    not_found_code: str
    not_found_detail: str

    def to_wire(self, row: asyncpg.Record) -> ItemT:
        """The wire model of a stored row."""
        return self.wire.model_validate(dict(row))

    def not_found(self) -> NotFoundError:
        """The problem for an id the archer does not own (or that does not exist)."""
        return NotFoundError(self.not_found_code, self.not_found_detail)


BOW = Equipment(
    sql=Statements(
        insert=bow_model.insert_bow,
        select_page=bow_model.select_bows_page,
        select=bow_model.select_bow,
        select_for_update=bow_model.select_bow_for_update,
        update=bow_model.update_bow,
        delete=bow_model.delete_bow,
    ),
    columns=("name", "bowstyle", "draw_weight_lb"),
    wire=Bow,
    listing="listBows",
    not_found_code="bow_not_found",
    not_found_detail="The bow does not exist.",
)

ARROW_SET = Equipment(
    sql=Statements(
        insert=arrow_set_model.insert_arrow_set,
        select_page=arrow_set_model.select_arrow_sets_page,
        select=arrow_set_model.select_arrow_set,
        select_for_update=arrow_set_model.select_arrow_set_for_update,
        update=arrow_set_model.update_arrow_set,
        delete=arrow_set_model.delete_arrow_set,
    ),
    columns=("name", "shaft_diameter_mm", "arrow_count"),
    wire=ArrowSet,
    listing="listArrowSets",
    not_found_code="arrow_set_not_found",
    not_found_detail="The arrow set does not exist.",
)


async def create_item(
    conn: Connection, kind: Equipment[ItemT], archer_id: UUID, new: BaseModel
) -> ItemT:
    """Add an item to the archer's equipment."""
    fields = {column: getattr(new, column) for column in kind.columns}
    return kind.to_wire(await kind.sql.insert(conn, archer_id, **fields))


async def list_items(
    conn: Connection,
    kind: Equipment[ItemT],
    archer_id: UUID,
    *,
    limit: int,
    cursor: str | None,
) -> tuple[list[ItemT], str | None]:
    """One page of the archer's items of this kind, oldest first, and the next page's cursor."""
    filters = {"listing": kind.listing}
    after = cursor_position(cursor, filters, CreatedPosition)
    rows = await kind.sql.select_page(
        conn,
        archer_id,
        after=None if after is None else (after.created_at, after.id),
        limit=limit + 1,
    )
    page, next_cursor = split_page(rows, limit, created_position, filters)
    return [kind.to_wire(row) for row in page], next_cursor


async def get_item(
    conn: Connection, kind: Equipment[ItemT], archer_id: UUID, item_id: UUID
) -> ItemT:
    """One of the archer's items."""
    row = await kind.sql.select(conn, archer_id, item_id)
    if row is None:
        raise kind.not_found()
    return kind.to_wire(row)


async def update_item(
    conn: Connection,
    kind: Equipment[ItemT],
    archer_id: UUID,
    item_id: UUID,
    changes: BaseModel,
    *,
    if_match: EntityTags | None = None,
) -> ItemT:
    """Apply the fields present in ``changes`` and keep the rest, if ``if_match`` holds."""
    present = changes.model_dump(exclude_unset=True)
    async with conn.transaction():
        row = await _locked_item(conn, kind, archer_id, item_id, if_match)
        fields = {column: present.get(column, row[column]) for column in kind.columns}
        updated = await kind.sql.update(conn, archer_id, item_id, **fields)
    assert updated is not None
    return kind.to_wire(updated)


async def delete_item(
    conn: Connection,
    kind: Equipment[ItemT],
    archer_id: UUID,
    item_id: UUID,
    *,
    if_match: EntityTags | None = None,
) -> None:
    """Delete one of the archer's items, if ``if_match`` holds."""
    async with conn.transaction():
        if if_match is not None:
            await _locked_item(conn, kind, archer_id, item_id, if_match)
        if not await kind.sql.delete(conn, archer_id, item_id):
            raise kind.not_found()


async def _locked_item(
    conn: Connection,
    kind: Equipment[ItemT],
    archer_id: UUID,
    item_id: UUID,
    if_match: EntityTags | None,
) -> asyncpg.Record:
    """The item's row, locked until the transaction ends, after checking ``if_match``."""
    row = await kind.sql.select_for_update(conn, archer_id, item_id)
    if row is None:
        raise kind.not_found()
    if if_match is not None:
        if_match.require(kind.to_wire(row))
    return row
