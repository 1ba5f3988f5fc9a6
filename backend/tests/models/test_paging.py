"""The keyset of models/paging.py, through the listings that use it: bows and arrow sets."""

from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

import asyncpg
import pytest

from backend.tests.models.test_arrow_set import ARROW_SET
from backend.tests.models.test_bow import BOW, insert_owner
from quiver.core.db import Connection
from quiver.models import arrow_set as arrow_set_model
from quiver.models import bow as bow_model

Insert = Callable[..., Awaitable[asyncpg.Record]]
Page = Callable[..., Awaitable[list[asyncpg.Record]]]
LISTINGS: dict[str, tuple[str, Insert, Page, dict[str, Any]]] = {
    "bows": ("bow", bow_model.insert_bow, bow_model.select_bows_page, BOW),
    "arrow_sets": (
        "arrow_set",
        arrow_set_model.insert_arrow_set,
        arrow_set_model.select_arrow_sets_page,
        ARROW_SET,
    ),
}


@pytest.mark.parametrize("listing", sorted(LISTINGS))
async def test_a_page_lists_the_owners_items_oldest_first_then_by_id(
    conn: Connection, listing: str
) -> None:
    table, insert, select_page, fields = LISTINGS[listing]
    owner, other = await insert_owner(conn), await insert_owner(conn)
    added: list[UUID] = [(await insert(conn, owner, **fields))["id"] for _ in range(4)]
    await insert(conn, other, **fields)
    # One transaction gives every row the same created_at: the id breaks the tie. The greatest
    # id is then made the oldest, so the instant orders before the id does.
    ids = sorted(added, reverse=True)
    await conn.execute(
        f"UPDATE {table} SET created_at = created_at - interval '1 hour' WHERE id = $1", ids[0]
    )
    expected = [ids[0], *sorted(ids[1:])]
    rows = await select_page(conn, owner, after=None, limit=10)
    assert [row["id"] for row in rows] == expected
    after = (rows[1]["created_at"], rows[1]["id"])
    page = await select_page(conn, owner, after=after, limit=1)
    assert [row["id"] for row in page] == [expected[2]]
