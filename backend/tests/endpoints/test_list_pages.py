"""Cursor pagination of listBows, listArrowSets and listSlots: one behaviour, three listings."""

import base64
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from conftest import ArcherAccount, ArcherFactory, join, open_session
from quiver.core.pagination import cursor_key, encode_cursor

ITEMS = 5
BOW: dict[str, Any] = {"name": "Hoyt Formula X", "bowstyle": "recurve", "draw_weight_lb": 36.5}
ARROW_SET: dict[str, Any] = {"name": "X10", "shaft_diameter_mm": 5.5, "arrow_count": 12}
PLACE: dict[str, Any] = {"distance": 18, "face_type": "wa_40", "arrows_per_end": 3}


@dataclass(frozen=True)
class Listing:
    """A listing with ``ITEMS`` items, as one viewer sees it."""

    url: str
    viewer: ArcherAccount
    # Every item's id, in the listing's order.
    ids: list[str]
    # The filters its cursors are bound to, and a position of the right shape.
    filters: dict[str, Any]
    position: dict[str, Any]


async def add(client: AsyncClient, owner: ArcherAccount, url: str, body: dict[str, Any]) -> Any:
    response = await client.post(url, headers=owner.headers, json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def equipment_listing(
    client: AsyncClient, owner: ArcherAccount, url: str, body: dict[str, Any], operation: str
) -> Listing:
    added = [await add(client, owner, url, body | {"name": f"#{n}"}) for n in range(ITEMS)]
    oldest_first = sorted(
        added, key=lambda item: (datetime.fromisoformat(item["created_at"]), item["id"])
    )
    first = oldest_first[0]
    return Listing(
        url=url,
        viewer=owner,
        ids=[item["id"] for item in oldest_first],
        filters={"listing": operation},
        position={"created_at": first["created_at"], "id": first["id"]},
    )


async def slot_listing(client: AsyncClient, archer_factory: ArcherFactory) -> Listing:
    owner = await archer_factory()
    session_id = await open_session(client, owner)
    joined = [await join(client, await archer_factory(), session_id, **PLACE) for _ in range(ITEMS)]
    by_place = sorted(joined, key=lambda slot: (slot["lane"], slot["letter"], slot["id"]))
    first = by_place[0]
    return Listing(
        url=f"/api/v0/session/{session_id}/slot",
        viewer=owner,
        ids=[slot["id"] for slot in by_place],
        filters={"listing": "listSlots", "session_id": session_id},
        position={"lane": first["lane"], "letter": first["letter"], "id": first["id"]},
    )


LISTINGS: dict[str, Callable[[AsyncClient, ArcherFactory], Awaitable[Listing]]] = {
    "bows": lambda client, factory: _owned(client, factory, "/api/v0/bow", BOW, "listBows"),
    "arrow_sets": lambda client, factory: _owned(
        client, factory, "/api/v0/arrow_set", ARROW_SET, "listArrowSets"
    ),
    "slots": slot_listing,
}


async def _owned(
    client: AsyncClient, factory: ArcherFactory, url: str, body: dict[str, Any], operation: str
) -> Listing:
    return await equipment_listing(client, await factory(), url, body, operation)


@pytest.fixture(params=sorted(LISTINGS))
async def listing(
    request: pytest.FixtureRequest, client: AsyncClient, archer_factory: ArcherFactory
) -> Listing:
    return await LISTINGS[request.param](client, archer_factory)


async def get_page(client: AsyncClient, listing: Listing, **params: Any) -> Any:
    response = await client.get(listing.url, headers=listing.viewer.headers, params=params)
    assert response.status_code == 200, response.text
    return response.json()


async def assert_invalid_cursor(client: AsyncClient, listing: Listing, cursor: str) -> None:
    response = await client.get(
        listing.url, headers=listing.viewer.headers, params={"limit": 2, "cursor": cursor}
    )
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "invalid_cursor"
    assert problem["errors"][0]["pointer"] == "#/query/cursor"


async def test_a_list_pages_through_every_item_once_in_order(
    client: AsyncClient, listing: Listing
) -> None:
    seen: list[str] = []
    sizes: list[int] = []
    params: dict[str, Any] = {"limit": 2}
    while True:
        page = await get_page(client, listing, **params)
        seen += [item["id"] for item in page["items"]]
        sizes.append(len(page["items"]))
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert seen == listing.ids
    assert sizes == [2, 2, 1]


async def test_a_list_without_a_limit_holds_every_item_on_one_page(
    client: AsyncClient, listing: Listing
) -> None:
    page = await get_page(client, listing)
    assert [item["id"] for item in page["items"]] == listing.ids
    assert page["next_cursor"] is None


async def test_a_list_whose_last_page_is_full_has_no_next_cursor(
    client: AsyncClient, listing: Listing
) -> None:
    first = await get_page(client, listing, limit=ITEMS - 1)
    assert first["next_cursor"] is not None
    last = await get_page(client, listing, limit=ITEMS - 1, cursor=first["next_cursor"])
    assert [item["id"] for item in last["items"]] == listing.ids[-1:]
    assert last["next_cursor"] is None
    whole = await get_page(client, listing, limit=ITEMS)
    assert len(whole["items"]) == ITEMS and whole["next_cursor"] is None


@pytest.mark.parametrize("limit", [1, 100])
async def test_a_list_accepts_the_bounds_of_limit(
    client: AsyncClient, listing: Listing, limit: int
) -> None:
    page = await get_page(client, listing, limit=limit)
    assert [item["id"] for item in page["items"]] == listing.ids[:limit]


@pytest.mark.parametrize("limit", ["0", "101", "-1", "ten", "1.5"])
async def test_a_list_rejects_a_limit_out_of_bounds(
    client: AsyncClient, listing: Listing, limit: str
) -> None:
    response = await client.get(
        listing.url, headers=listing.viewer.headers, params={"limit": limit}
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "validation_failed"
    assert problem["errors"][0]["pointer"] == "#/query/limit"


def _base64(payload: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


async def test_a_list_rejects_a_garbled_or_forged_cursor(
    client: AsyncClient, listing: Listing
) -> None:
    for cursor in ("not a cursor!", "e30", _base64({"seq": True}), _base64(listing.position)):
        await assert_invalid_cursor(client, listing, cursor)


def signed(app: FastAPI, position: dict[str, Any], filters: dict[str, Any]) -> str:
    """A cursor signed with the app's own key, as only the server can make one."""
    with cursor_key(app.state.cursor_key):
        return encode_cursor(position, filters)


async def test_a_list_rejects_a_cursor_of_another_listing(
    app: FastAPI, client: AsyncClient, listing: Listing
) -> None:
    foreign = signed(app, listing.position, {"listing": "listSessions"})
    await assert_invalid_cursor(client, listing, foreign)


async def test_a_list_rejects_a_signed_cursor_holding_a_position_of_another_shape(
    app: FastAPI, client: AsyncClient, listing: Listing
) -> None:
    for position in ({"seq": True}, listing.position | {"id": "not-a-uuid"}, {}):
        await assert_invalid_cursor(client, listing, signed(app, position, listing.filters))


async def test_a_slot_cursor_is_only_valid_for_its_own_session(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    first = await slot_listing(client, archer_factory)
    other_session = await open_session(client, first.viewer)
    await join(client, await archer_factory(), other_session, **PLACE)
    cursor = (await get_page(client, first, limit=1))["next_cursor"]
    other = Listing(f"/api/v0/session/{other_session}/slot", first.viewer, [], {}, {})
    await assert_invalid_cursor(client, other, cursor)


async def test_renaming_a_bow_between_pages_neither_repeats_nor_skips_it(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    listing = await equipment_listing(client, archer, "/api/v0/bow", BOW, "listBows")
    first = await get_page(client, listing, limit=2)
    for bow_id in listing.ids:
        renamed = await client.patch(
            f"/api/v0/bow/{bow_id}", headers=archer.headers, json={"name": f"A {bow_id}"}
        )
        assert renamed.status_code == 200
    rest = await get_page(client, listing, limit=ITEMS, cursor=first["next_cursor"])
    assert [bow["id"] for bow in first["items"] + rest["items"]] == listing.ids
