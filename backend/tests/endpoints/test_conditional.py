"""Conditional requests: ETag on reads and writes, If-None-Match (304), If-Match (412)."""

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from httpx import AsyncClient, Response

from conftest import ArcherAccount, join, open_session, shoot

STRONG_ETAG = re.compile(r'^"[0-9a-f]{32}"$')
WEAK_ETAG = re.compile(r'^W/"[0-9a-f]{32}"$')
OTHER_ETAG = '"00000000000000000000000000000000"'


@dataclass(frozen=True)
class Resource:
    """A resource under test: where it is read, and two different changes to it."""

    url: str
    changes: tuple[dict[str, Any], dict[str, Any]] = ({}, {})


Setup = Callable[[AsyncClient, ArcherAccount], Awaitable[Resource]]


async def _created(client: AsyncClient, owner: ArcherAccount, url: str, body: Any) -> str:
    response = await client.post(url, json=body, headers=owner.headers)
    assert response.status_code == 201, response.text
    created_id: str = response.json()["id"]
    return created_id


async def _slot(client: AsyncClient, owner: ArcherAccount) -> dict[str, Any]:
    return await join(client, owner, await open_session(client, owner))


async def _shot_id(client: AsyncClient, owner: ArcherAccount) -> str:
    response = await shoot(
        client, owner, (await _slot(client, owner))["id"], {"x_mm": 0, "y_mm": 0}
    )
    assert response.status_code == 201, response.text
    shot_id: str = response.json()["items"][0]["id"]
    return shot_id


async def my_archer(_: AsyncClient, __: ArcherAccount) -> Resource:
    return Resource("/api/v0/archer/me", ({"first_name": "Marian"}, {"first_name": "Will"}))


async def session(client: AsyncClient, owner: ArcherAccount) -> Resource:
    session_id = await open_session(client, owner)
    return Resource(f"/api/v0/session/{session_id}", ({"location": "A"}, {"location": "B"}))


async def shot(client: AsyncClient, owner: ArcherAccount) -> Resource:
    shot_id = await _shot_id(client, owner)
    changes = ({"x_mm": 10.0, "y_mm": 0.0}, {"x_mm": 0.0, "y_mm": 100.0})
    return Resource(f"/api/v0/shot/{shot_id}", changes)


async def bow(client: AsyncClient, owner: ArcherAccount) -> Resource:
    body = {"name": "Hoyt", "bowstyle": "recurve", "draw_weight_lb": 36.5}
    bow_id = await _created(client, owner, "/api/v0/bow", body)
    return Resource(f"/api/v0/bow/{bow_id}", ({"name": "Win&Win"}, {"name": "Uukha"}))


async def arrow_set(client: AsyncClient, owner: ArcherAccount) -> Resource:
    body = {"name": "X10", "shaft_diameter_mm": 5.5, "arrow_count": 12}
    set_id = await _created(client, owner, "/api/v0/arrow_set", body)
    return Resource(f"/api/v0/arrow_set/{set_id}", ({"arrow_count": 6}, {"arrow_count": 8}))


async def slot(client: AsyncClient, owner: ArcherAccount) -> Resource:
    return Resource(f"/api/v0/slot/{(await _slot(client, owner))['id']}")


async def slot_statistics(client: AsyncClient, owner: ArcherAccount) -> Resource:
    return Resource(f"/api/v0/slot/{(await _slot(client, owner))['id']}/statistics")


async def leaderboard(client: AsyncClient, owner: ArcherAccount) -> Resource:
    return Resource(f"/api/v0/session/{(await _slot(client, owner))['session_id']}/leaderboard")


async def access_token(client: AsyncClient, owner: ArcherAccount) -> Resource:
    body = {"name": "Scoring tablet", "scopes": ["shots:write"], "expires_in_days": 30}
    return Resource(
        f"/api/v0/access_token/{await _created(client, owner, '/api/v0/access_token', body)}"
    )


async def face(_: AsyncClient, __: ArcherAccount) -> Resource:
    return Resource("/api/v0/face/wa_122")


async def round_(_: AsyncClient, __: ArcherAccount) -> Resource:
    return Resource("/api/v0/round/wa1440_90")


WRITABLE: list[Setup] = [my_archer, session, shot, bow, arrow_set]
SINGLE: list[Setup] = [*WRITABLE, slot, slot_statistics, leaderboard, access_token, face, round_]


def _ids(setups: list[Setup]) -> list[str]:
    return [setup.__name__.strip("_") for setup in setups]


async def _get(client: AsyncClient, owner: ArcherAccount, url: str, **headers: str) -> Response:
    return await client.get(url, headers=owner.headers | headers)


async def _etag(client: AsyncClient, owner: ArcherAccount, url: str) -> str:
    response = await _get(client, owner, url)
    assert response.status_code == 200, response.text
    etag: str = response.headers["etag"]
    return etag


async def _read(client: AsyncClient, owner: ArcherAccount, setup: Setup) -> tuple[Resource, str]:
    """A new resource and the ETag a GET gives it."""
    resource = await setup(client, owner)
    return resource, await _etag(client, owner, resource.url)


def _assert_precondition_failed(response: Response) -> None:
    assert response.status_code == 412, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "precondition_failed"


# --- Reads: ETag and If-None-Match --------------------------------------------------------------


@pytest.mark.parametrize("setup", SINGLE, ids=_ids(SINGLE))
async def test_a_single_resource_read_carries_a_strong_etag_that_stays_while_nothing_changes(
    client: AsyncClient, archer: ArcherAccount, setup: Setup
) -> None:
    resource, first = await _read(client, archer, setup)
    assert STRONG_ETAG.match(first)
    assert await _etag(client, archer, resource.url) == first


@pytest.mark.parametrize("setup", SINGLE, ids=_ids(SINGLE))
async def test_if_none_match_with_the_current_etag_answers_304_with_the_etag_and_no_body(
    client: AsyncClient, archer: ArcherAccount, setup: Setup
) -> None:
    resource, etag = await _read(client, archer, setup)
    response = await _get(client, archer, resource.url, **{"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == etag
    assert "content-type" not in response.headers


@pytest.mark.parametrize("setup", SINGLE, ids=_ids(SINGLE))
async def test_if_none_match_with_another_etag_answers_the_full_representation(
    client: AsyncClient, archer: ArcherAccount, setup: Setup
) -> None:
    resource, etag = await _read(client, archer, setup)
    response = await _get(client, archer, resource.url, **{"If-None-Match": OTHER_ETAG})
    assert response.status_code == 200
    assert response.headers["etag"] == etag
    assert response.json()


@pytest.mark.parametrize(
    "field",
    [
        "*",
        '"a", {etag}, "b"',
        "W/{etag}",
        " ,{etag} , ",
    ],
    ids=["star", "list", "weak-form", "blanks-and-empty-elements"],
)
async def test_if_none_match_compares_weakly_over_a_list_or_star(
    client: AsyncClient, archer: ArcherAccount, field: str
) -> None:
    resource, etag = await _read(client, archer, bow)
    headers = {"If-None-Match": field.format(etag=etag)}
    assert (await _get(client, archer, resource.url, **headers)).status_code == 304


async def test_if_none_match_fields_sent_several_times_form_one_list(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    resource, etag = await _read(client, archer, bow)
    headers = [*archer.headers.items(), ("If-None-Match", OTHER_ETAG), ("If-None-Match", etag)]
    assert (await client.get(resource.url, headers=headers)).status_code == 304


async def test_an_empty_or_malformed_if_none_match_answers_the_full_representation(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    resource, etag = await _read(client, archer, bow)
    for field in ("", etag.strip('"'), f"{etag}x"):
        response = await _get(client, archer, resource.url, **{"If-None-Match": field})
        assert response.status_code == 200, field


async def test_head_with_a_matching_if_none_match_answers_304(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    resource, etag = await _read(client, archer, bow)
    head = await client.head(resource.url, headers=archer.headers)
    assert (head.status_code, head.headers["etag"], head.content) == (200, etag, b"")
    conditional = await client.head(resource.url, headers=archer.headers | {"If-None-Match": etag})
    assert (conditional.status_code, conditional.headers["etag"]) == (304, etag)


async def test_a_missing_resource_is_404_whatever_its_if_none_match(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    resource = await bow(client, archer)
    assert (await client.delete(resource.url, headers=archer.headers)).status_code == 204
    response = await _get(client, archer, resource.url, **{"If-None-Match": "*"})
    assert response.status_code == 404


async def test_the_statistics_etag_changes_when_an_arrow_is_recorded(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    slot_ = await _slot(client, archer)
    url = f"/api/v0/slot/{slot_['id']}/statistics"
    before = await _etag(client, archer, url)
    assert (await shoot(client, archer, slot_["id"], {"value": "X"})).status_code == 201
    response = await _get(client, archer, url, **{"If-None-Match": before})
    assert response.status_code == 200
    assert response.headers["etag"] != before


async def _list_urls(client: AsyncClient, owner: ArcherAccount) -> list[str]:
    slot_ = await _slot(client, owner)
    return [
        "/api/v0/face",
        "/api/v0/round",
        "/api/v0/session",
        f"/api/v0/session/{slot_['session_id']}/slot",
        f"/api/v0/slot/{slot_['id']}/shot",
        "/api/v0/bow",
        "/api/v0/arrow_set",
        "/api/v0/access_token",
    ]


async def test_every_list_carries_a_weak_etag_and_answers_304_while_it_is_unchanged(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    for url in await _list_urls(client, archer):
        etag = await _etag(client, archer, url)
        assert WEAK_ETAG.match(etag), url
        response = await _get(client, archer, url, **{"If-None-Match": etag})
        assert (response.status_code, response.headers["etag"], response.content) == (
            304,
            etag,
            b"",
        ), url


async def test_a_list_etag_changes_when_an_item_is_added(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    before = await _etag(client, archer, "/api/v0/bow")
    await bow(client, archer)
    response = await _get(client, archer, "/api/v0/bow", **{"If-None-Match": before})
    assert response.status_code == 200
    assert response.headers["etag"] != before


# --- Writes: ETag on PATCH, If-Match on PATCH and DELETE -----------------------------------------


@pytest.mark.parametrize("setup", WRITABLE, ids=_ids(WRITABLE))
async def test_a_patch_answers_the_etag_a_get_then_gives_and_it_differs_from_before(
    client: AsyncClient, archer: ArcherAccount, setup: Setup
) -> None:
    resource, before = await _read(client, archer, setup)
    patched = await client.patch(resource.url, json=resource.changes[0], headers=archer.headers)
    assert patched.status_code == 200, patched.text
    assert STRONG_ETAG.match(patched.headers["etag"])
    assert patched.headers["etag"] != before
    assert patched.headers["etag"] == await _etag(client, archer, resource.url)


@pytest.mark.parametrize("setup", WRITABLE, ids=_ids(WRITABLE))
async def test_a_patch_with_a_stale_if_match_is_412_and_stores_nothing(
    client: AsyncClient, archer: ArcherAccount, setup: Setup
) -> None:
    resource, stale = await _read(client, archer, setup)
    first = await client.patch(resource.url, json=resource.changes[0], headers=archer.headers)
    assert first.status_code == 200, first.text
    stored = await _get(client, archer, resource.url)

    response = await client.patch(
        resource.url, json=resource.changes[1], headers=archer.headers | {"If-Match": stale}
    )
    _assert_precondition_failed(response)
    after = await _get(client, archer, resource.url)
    assert (after.json(), after.headers["etag"]) == (stored.json(), stored.headers["etag"])


@pytest.mark.parametrize("setup", WRITABLE, ids=_ids(WRITABLE))
async def test_a_patch_with_the_current_if_match_or_star_succeeds(
    client: AsyncClient, archer: ArcherAccount, setup: Setup
) -> None:
    resource, current = await _read(client, archer, setup)
    for change, if_match in zip(resource.changes, (f'"x", {current}', "*"), strict=True):
        response = await client.patch(
            resource.url, json=change, headers=archer.headers | {"If-Match": if_match}
        )
        assert response.status_code == 200, response.text
        assert response.headers["etag"] == await _etag(client, archer, resource.url)


@pytest.mark.parametrize(
    "if_match",
    ["W/{etag}", "{bare}", "{etag}x", ","],
    ids=["weak-form", "unquoted", "trailing-garbage", "empty-list"],
)
async def test_if_match_compares_strongly_and_a_malformed_one_matches_nothing(
    client: AsyncClient, archer: ArcherAccount, if_match: str
) -> None:
    resource, etag = await _read(client, archer, bow)
    field = if_match.format(etag=etag, bare=etag.strip('"'))
    response = await client.patch(
        resource.url, json=resource.changes[0], headers=archer.headers | {"If-Match": field}
    )
    _assert_precondition_failed(response)


async def test_an_empty_if_match_is_no_precondition(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    resource = await bow(client, archer)
    response = await client.patch(
        resource.url, json=resource.changes[0], headers=archer.headers | {"If-Match": ""}
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("setup", WRITABLE, ids=_ids(WRITABLE))
async def test_a_delete_with_a_stale_if_match_is_412_and_the_resource_stays(
    client: AsyncClient, archer: ArcherAccount, setup: Setup
) -> None:
    resource, stale = await _read(client, archer, setup)
    patched = await client.patch(resource.url, json=resource.changes[0], headers=archer.headers)
    assert patched.status_code == 200, patched.text

    response = await client.delete(resource.url, headers=archer.headers | {"If-Match": stale})
    _assert_precondition_failed(response)
    assert (await _etag(client, archer, resource.url)) == patched.headers["etag"]


@pytest.mark.parametrize("setup", WRITABLE, ids=_ids(WRITABLE))
async def test_a_delete_with_the_current_if_match_deletes(
    client: AsyncClient, archer: ArcherAccount, setup: Setup
) -> None:
    resource, current = await _read(client, archer, setup)
    response = await client.delete(resource.url, headers=archer.headers | {"If-Match": current})
    assert response.status_code == 204, response.text
    assert (await _get(client, archer, resource.url)).status_code in (401, 404)


@pytest.mark.parametrize("setup", WRITABLE, ids=_ids(WRITABLE))
async def test_of_two_concurrent_patches_with_the_same_if_match_exactly_one_succeeds(
    client: AsyncClient, archer: ArcherAccount, setup: Setup
) -> None:
    resource, etag = await _read(client, archer, setup)
    headers = archer.headers | {"If-Match": etag}
    responses = await asyncio.gather(
        *(client.patch(resource.url, json=change, headers=headers) for change in resource.changes)
    )
    assert sorted(response.status_code for response in responses) == [200, 412]
    winner = next(response for response in responses if response.status_code == 200)
    stored = await _get(client, archer, resource.url)
    assert (stored.json(), stored.headers["etag"]) == (winner.json(), winner.headers["etag"])


async def test_a_precondition_never_hides_a_missing_resource(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    resource = await bow(client, archer)
    assert (await client.delete(resource.url, headers=archer.headers)).status_code == 204
    headers = archer.headers | {"If-Match": OTHER_ETAG}
    assert (
        await client.patch(resource.url, json={"name": "x"}, headers=headers)
    ).status_code == 404
    assert (await client.delete(resource.url, headers=headers)).status_code == 404


async def test_a_precondition_never_hides_a_forbidden_change(
    client: AsyncClient, archer: ArcherAccount, archer_factory: Callable[..., Any]
) -> None:
    slot_ = await _slot(client, archer)
    guest = await archer_factory()
    await join(client, guest, slot_["session_id"])
    url = f"/api/v0/session/{slot_['session_id']}"
    etag = await _etag(client, guest, url)
    for if_match in (etag, OTHER_ETAG):
        headers = guest.headers | {"If-Match": if_match}
        response = await client.patch(url, json={"location": "x"}, headers=headers)
        assert (response.status_code, response.json()["code"]) == (403, "not_session_owner")
