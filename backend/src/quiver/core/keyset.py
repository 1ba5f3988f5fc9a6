"""Typed keyset positions inside the signed cursors of ``quiver.core.pagination``.

A listing names the columns of its last row in a small Pydantic model; the cursor carries
them as JSON, and reading one back validates every field, so a cursor whose position does not
fit the listing is the same 422 ``invalid_cursor`` as a garbled or forged one.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any, TypeVar
from uuid import UUID

import asyncpg
from fastapi import Query
from pydantic import AwareDatetime, BaseModel, ConfigDict, ValidationError

from quiver.core.pagination import decode_cursor, encode_cursor, invalid_cursor

PositionT = TypeVar("PositionT", bound=BaseModel)

# The contract's ListLimit and Cursor query parameters.
ListLimit = Annotated[int, Query(ge=1, le=100)]
Cursor = Annotated[str | None, Query(min_length=1, max_length=512)]


class CreatedPosition(BaseModel):
    """Where a page ends in a listing ordered by creation, (created_at, id): no edit of an
    item moves it, so paging never repeats or skips one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    created_at: AwareDatetime
    id: UUID


def created_position(row: asyncpg.Record) -> CreatedPosition:
    """The position of a row with ``created_at`` and ``id``."""
    return CreatedPosition(created_at=row["created_at"], id=row["id"])


def position_cursor(position: BaseModel, filters: Mapping[str, Any]) -> str:
    """The cursor of the page after ``position`` in the listing with ``filters``."""
    return encode_cursor(position.model_dump(mode="json"), filters)


def cursor_position(
    cursor: str | None, filters: Mapping[str, Any], model: type[PositionT]
) -> PositionT | None:
    """The position ``cursor`` resumes after; None for the first page.

    Raises:
        UnprocessableError: ``invalid_cursor`` if the cursor is garbled, was made for another
            listing or other filters, or holds a position of another shape.
    """
    if cursor is None:
        return None
    resumed = decode_cursor(cursor, filters)
    try:
        return model.model_validate(resumed)
    except ValidationError as exc:
        raise invalid_cursor() from exc


RowT = TypeVar("RowT")


def split_page(
    rows: Sequence[RowT],
    limit: int,
    position_of: Callable[[RowT], BaseModel],
    filters: Mapping[str, Any],
) -> tuple[Sequence[RowT], str | None]:
    """The page out of ``limit + 1`` rows read, and the cursor of the next page (None on the
    last): the extra row only tells whether another page follows."""
    if len(rows) <= limit:
        return rows, None
    return rows[:limit], position_cursor(position_of(rows[limit - 1]), filters)
