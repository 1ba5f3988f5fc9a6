"""Bows: POST/GET /api/v0/bow and GET/PATCH/DELETE /api/v0/bow/{bow_id}."""

import asyncio
from datetime import datetime
from typing import Any
from uuid import uuid4

import pytest
from httpx import AsyncClient

from conftest import ArcherAccount, ArcherFactory, join, open_session

NEW_BOW: dict[str, Any] = {"name": "Hoyt Formula X", "bowstyle": "recurve", "draw_weight_lb": 36.5}


async def add_bow(client: AsyncClient, owner: ArcherAccount, **overrides: Any) -> dict[str, Any]:
    response = await client.post("/api/v0/bow", headers=owner.headers, json=NEW_BOW | overrides)
    assert response.status_code == 201, response.text
    bow: dict[str, Any] = response.json()
    return bow


async def bow_names(client: AsyncClient, owner: ArcherAccount) -> list[str]:
    response = await client.get("/api/v0/bow", headers=owner.headers)
    assert response.status_code == 200
    return [bow["name"] for bow in response.json()["items"]]


INVALID_FIELDS = [
    ({"name": ""}, "/name"),
    ({"name": "   "}, "/name"),
    ({"name": "x" * 101}, "/name"),
    ({"name": None}, "/name"),
    ({"name": 7}, "/name"),
    ({"bowstyle": "crossbow"}, "/bowstyle"),
    ({"bowstyle": None}, "/bowstyle"),
    ({"draw_weight_lb": 0}, "/draw_weight_lb"),
    ({"draw_weight_lb": 120.5}, "/draw_weight_lb"),
    ({"draw_weight_lb": "40"}, "/draw_weight_lb"),
    ({"draw_weight_lb": None}, "/draw_weight_lb"),
    ({"brand": "Hoyt"}, "/brand"),
]


async def test_create_bow_returns_the_new_bow(client: AsyncClient, archer: ArcherAccount) -> None:
    response = await client.post("/api/v0/bow", headers=archer.headers, json=NEW_BOW)
    assert response.status_code == 201
    bow = response.json()
    assert set(bow) == {"id", "name", "bowstyle", "draw_weight_lb", "created_at", "updated_at"}
    assert {key: bow[key] for key in NEW_BOW} == NEW_BOW
    assert bow["created_at"] == bow["updated_at"]
    assert response.headers.get("idempotent-replayed") is None


async def test_create_bow_accepts_the_limits_of_each_field(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    bow = await add_bow(client, archer, name="x" * 100, draw_weight_lb=120)
    assert (len(bow["name"]), bow["draw_weight_lb"]) == (100, 120)


@pytest.mark.parametrize(("overrides", "pointer"), INVALID_FIELDS)
async def test_create_bow_rejects_each_invalid_field(
    client: AsyncClient, archer: ArcherAccount, overrides: dict[str, Any], pointer: str
) -> None:
    response = await client.post("/api/v0/bow", headers=archer.headers, json=NEW_BOW | overrides)
    assert response.status_code == 422
    assert response.json()["code"] == "validation_failed"
    assert [error["pointer"] for error in response.json()["errors"]] == [pointer]
    assert await bow_names(client, archer) == []


@pytest.mark.parametrize("missing", sorted(NEW_BOW))
async def test_create_bow_requires_each_field(
    client: AsyncClient, archer: ArcherAccount, missing: str
) -> None:
    body = {key: value for key, value in NEW_BOW.items() if key != missing}
    response = await client.post("/api/v0/bow", headers=archer.headers, json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == f"/{missing}"


async def test_create_bow_without_a_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.post("/api/v0/bow", json=NEW_BOW)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_create_bow_without_a_key_creates_a_bow_each_time(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    first = await add_bow(client, archer)
    second = await add_bow(client, archer)
    assert first["id"] != second["id"]
    assert len(await bow_names(client, archer)) == 2


async def test_create_bow_replayed_with_its_key_returns_the_first_bow_and_creates_nothing(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    headers = archer.headers | {"Idempotency-Key": "bow-1"}
    first = await client.post("/api/v0/bow", headers=headers, json=NEW_BOW)
    replay = await client.post("/api/v0/bow", headers=headers, json=NEW_BOW)
    assert (first.status_code, replay.status_code) == (201, 201)
    assert replay.json() == first.json()
    assert replay.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert await bow_names(client, archer) == [NEW_BOW["name"]]


async def test_create_bow_with_a_used_key_and_another_body_is_rejected(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    headers = archer.headers | {"Idempotency-Key": "bow-1"}
    await client.post("/api/v0/bow", headers=headers, json=NEW_BOW)
    response = await client.post(
        "/api/v0/bow", headers=headers, json=NEW_BOW | {"draw_weight_lb": 40}
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "idempotency_key_reused"
    assert problem["errors"][0]["pointer"] == "#/header/Idempotency-Key"
    assert await bow_names(client, archer) == [NEW_BOW["name"]]


async def test_concurrent_create_bow_with_one_key_creates_one_bow(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    headers = archer.headers | {"Idempotency-Key": "bow-race"}
    responses = await asyncio.gather(
        *(client.post("/api/v0/bow", headers=headers, json=NEW_BOW) for _ in range(5))
    )
    assert [response.status_code for response in responses] == [201] * 5
    assert len({response.json()["id"] for response in responses}) == 1
    replayed = [response.headers.get("idempotent-replayed") for response in responses]
    assert sorted(replayed, key=str) == [None] + ["true"] * 4
    assert await bow_names(client, archer) == [NEW_BOW["name"]]


async def test_idempotency_keys_belong_to_each_archer(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    first, second = await archer_factory(), await archer_factory()
    key = {"Idempotency-Key": "shared-key"}
    mine = await client.post("/api/v0/bow", headers=first.headers | key, json=NEW_BOW)
    theirs = await client.post("/api/v0/bow", headers=second.headers | key, json=NEW_BOW)
    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert mine.json()["id"] != theirs.json()["id"]
    assert "idempotent-replayed" not in theirs.headers


async def test_an_invalid_request_does_not_use_up_its_key(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    headers = archer.headers | {"Idempotency-Key": "bow-retry"}
    rejected = await client.post(
        "/api/v0/bow", headers=headers, json=NEW_BOW | {"draw_weight_lb": 0}
    )
    accepted = await client.post("/api/v0/bow", headers=headers, json=NEW_BOW)
    assert (rejected.status_code, accepted.status_code) == (422, 201)
    assert "idempotent-replayed" not in accepted.headers


@pytest.mark.parametrize("key", ["", "has space", "k" * 256])
async def test_create_bow_rejects_an_invalid_idempotency_key(
    client: AsyncClient, archer: ArcherAccount, key: str
) -> None:
    response = await client.post(
        "/api/v0/bow", headers=archer.headers | {"Idempotency-Key": key}, json=NEW_BOW
    )
    assert response.status_code == 422
    assert response.json()["code"] == "validation_failed"
    assert response.json()["errors"][0]["pointer"].startswith("#/header/")
    assert await bow_names(client, archer) == []


async def test_list_bows_lists_them_oldest_first_whatever_their_names(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    added = [await add_bow(client, archer, name=name) for name in ("Zephyr", "Alpha", "Alpha")]
    response = await client.get("/api/v0/bow", headers=archer.headers)
    assert response.status_code == 200
    assert response.json()["items"] == added


async def test_list_bows_shows_only_the_callers_bows(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner, other = await archer_factory(), await archer_factory()
    await add_bow(client, owner, name="Mine")
    await add_bow(client, other, name="Theirs")
    assert await bow_names(client, owner) == ["Mine"]


async def test_list_bows_of_an_archer_without_bows_is_empty(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.get("/api/v0/bow", headers=archer.headers)
    assert response.status_code == 200
    assert response.json() == {"items": [], "next_cursor": None}


async def test_get_bow_returns_the_bow(client: AsyncClient, archer: ArcherAccount) -> None:
    bow = await add_bow(client, archer)
    response = await client.get(f"/api/v0/bow/{bow['id']}", headers=archer.headers)
    assert response.status_code == 200
    assert response.json() == bow


async def test_update_bow_changes_only_the_fields_sent(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    bow = await add_bow(client, archer)
    response = await client.patch(
        f"/api/v0/bow/{bow['id']}",
        headers=archer.headers,
        json={"bowstyle": "barebow", "draw_weight_lb": 30},
    )
    assert response.status_code == 200
    updated = response.json()
    assert (updated["name"], updated["bowstyle"], updated["draw_weight_lb"]) == (
        NEW_BOW["name"],
        "barebow",
        30,
    )
    assert updated["created_at"] == bow["created_at"]
    assert datetime.fromisoformat(updated["updated_at"]) > datetime.fromisoformat(bow["updated_at"])
    stored = await client.get(f"/api/v0/bow/{bow['id']}", headers=archer.headers)
    assert stored.json() == updated


async def test_update_bow_with_an_empty_body_keeps_every_field(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    bow = await add_bow(client, archer)
    response = await client.patch(f"/api/v0/bow/{bow['id']}", headers=archer.headers, json={})
    assert response.status_code == 200
    assert {key: response.json()[key] for key in NEW_BOW} == NEW_BOW


@pytest.mark.parametrize(("change", "pointer"), INVALID_FIELDS)
async def test_update_bow_rejects_each_invalid_field(
    client: AsyncClient, archer: ArcherAccount, change: dict[str, Any], pointer: str
) -> None:
    bow = await add_bow(client, archer)
    response = await client.patch(f"/api/v0/bow/{bow['id']}", headers=archer.headers, json=change)
    assert response.status_code == 422
    assert [error["pointer"] for error in response.json()["errors"]] == [pointer]
    unchanged = await client.get(f"/api/v0/bow/{bow['id']}", headers=archer.headers)
    assert unchanged.json() == bow


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
async def test_another_archers_bow_is_not_found_and_stays_as_it_is(
    client: AsyncClient, archer_factory: ArcherFactory, method: str
) -> None:
    owner, intruder = await archer_factory(), await archer_factory()
    bow = await add_bow(client, owner)
    url = f"/api/v0/bow/{bow['id']}"
    body = {"name": "Stolen"} if method == "PATCH" else None
    response = await client.request(method, url, headers=intruder.headers, json=body)
    assert response.status_code == 404
    assert response.json()["code"] == "bow_not_found"
    assert (await client.get(url, headers=owner.headers)).json() == bow


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
async def test_an_unknown_bow_is_not_found(
    client: AsyncClient, archer: ArcherAccount, method: str
) -> None:
    body = {"name": "Ghost"} if method == "PATCH" else None
    response = await client.request(
        method, f"/api/v0/bow/{uuid4()}", headers=archer.headers, json=body
    )
    assert response.status_code == 404
    assert response.json()["code"] == "bow_not_found"


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
async def test_a_bow_id_that_is_not_a_uuid_is_rejected(
    client: AsyncClient, archer: ArcherAccount, method: str
) -> None:
    body = {"name": "Ghost"} if method == "PATCH" else None
    response = await client.request(
        method, "/api/v0/bow/not-a-uuid", headers=archer.headers, json=body
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "#/path/bow_id"


async def test_delete_bow_removes_it(client: AsyncClient, archer: ArcherAccount) -> None:
    kept = await add_bow(client, archer, name="Kept")
    bow = await add_bow(client, archer, name="Deleted")
    response = await client.delete(f"/api/v0/bow/{bow['id']}", headers=archer.headers)
    assert response.status_code == 204
    assert response.content == b""
    gone = await client.get(f"/api/v0/bow/{bow['id']}", headers=archer.headers)
    assert gone.status_code == 404
    assert await bow_names(client, archer) == [kept["name"]]


async def test_delete_bow_twice_is_not_found_the_second_time(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    bow = await add_bow(client, archer)
    await client.delete(f"/api/v0/bow/{bow['id']}", headers=archer.headers)
    again = await client.delete(f"/api/v0/bow/{bow['id']}", headers=archer.headers)
    assert again.status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", ""), ("GET", "/{id}"), ("PATCH", "/{id}"), ("DELETE", "/{id}")],
)
async def test_bow_operations_without_a_token_are_unauthorized(
    client: AsyncClient, archer: ArcherAccount, method: str, path: str
) -> None:
    bow = await add_bow(client, archer)
    body = {"name": "Anonymous"} if method == "PATCH" else None
    response = await client.request(method, "/api/v0/bow" + path.format(id=bow["id"]), json=body)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["code"] == "unauthenticated"


async def test_delete_bow_leaves_the_slots_that_used_it_without_a_bow(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    bow = await add_bow(client, archer)
    slot = await join(client, archer, await open_session(client, archer), bow_id=bow["id"])
    assert slot["bow_id"] == bow["id"]
    await client.delete(f"/api/v0/bow/{bow['id']}", headers=archer.headers)
    response = await client.get(f"/api/v0/slot/{slot['id']}", headers=archer.headers)
    assert response.status_code == 200
    assert response.json()["bow_id"] is None
