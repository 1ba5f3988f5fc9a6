"""Arrow sets: POST/GET /api/v0/arrow_set and GET/PATCH/DELETE /api/v0/arrow_set/{arrow_set_id}.

Idempotency-Key details common to every creating POST are covered once, in test_bow.py.
"""

import asyncio
from datetime import datetime
from typing import Any
from uuid import uuid4

import pytest
from httpx import AsyncClient

from conftest import ArcherAccount, ArcherFactory, join, open_session, shoot

NEW_SET: dict[str, Any] = {"name": "X10 Protour 420", "shaft_diameter_mm": 5.5, "arrow_count": 12}


async def add_arrow_set(
    client: AsyncClient, owner: ArcherAccount, **overrides: Any
) -> dict[str, Any]:
    response = await client.post(
        "/api/v0/arrow_set", headers=owner.headers, json=NEW_SET | overrides
    )
    assert response.status_code == 201, response.text
    arrow_set: dict[str, Any] = response.json()
    return arrow_set


async def arrow_set_names(client: AsyncClient, owner: ArcherAccount) -> list[str]:
    response = await client.get("/api/v0/arrow_set", headers=owner.headers)
    assert response.status_code == 200
    return [arrow_set["name"] for arrow_set in response.json()["items"]]


INVALID_FIELDS = [
    ({"name": ""}, "/name"),
    ({"name": "\t"}, "/name"),
    ({"name": "x" * 101}, "/name"),
    ({"name": None}, "/name"),
    ({"shaft_diameter_mm": 1.99}, "/shaft_diameter_mm"),
    ({"shaft_diameter_mm": 12.01}, "/shaft_diameter_mm"),
    ({"shaft_diameter_mm": "5.5"}, "/shaft_diameter_mm"),
    ({"shaft_diameter_mm": None}, "/shaft_diameter_mm"),
    ({"arrow_count": 0}, "/arrow_count"),
    ({"arrow_count": 100}, "/arrow_count"),
    ({"arrow_count": 6.5}, "/arrow_count"),
    ({"arrow_count": True}, "/arrow_count"),
    ({"arrow_count": None}, "/arrow_count"),
    ({"spine": 500}, "/spine"),
]


async def test_create_arrow_set_returns_the_new_set(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.post("/api/v0/arrow_set", headers=archer.headers, json=NEW_SET)
    assert response.status_code == 201
    arrow_set = response.json()
    assert set(arrow_set) == {
        "id",
        "name",
        "shaft_diameter_mm",
        "arrow_count",
        "created_at",
        "updated_at",
    }
    assert {key: arrow_set[key] for key in NEW_SET} == NEW_SET
    assert arrow_set["created_at"] == arrow_set["updated_at"]


@pytest.mark.parametrize(
    "limits",
    [{"shaft_diameter_mm": 2, "arrow_count": 1}, {"shaft_diameter_mm": 12, "arrow_count": 99}],
)
async def test_create_arrow_set_accepts_the_limits_of_each_field(
    client: AsyncClient, archer: ArcherAccount, limits: dict[str, int]
) -> None:
    arrow_set = await add_arrow_set(client, archer, **limits)
    assert {key: arrow_set[key] for key in limits} == limits


@pytest.mark.parametrize(("overrides", "pointer"), INVALID_FIELDS)
async def test_create_arrow_set_rejects_each_invalid_field(
    client: AsyncClient, archer: ArcherAccount, overrides: dict[str, Any], pointer: str
) -> None:
    response = await client.post(
        "/api/v0/arrow_set", headers=archer.headers, json=NEW_SET | overrides
    )
    assert response.status_code == 422
    assert response.json()["code"] == "validation_failed"
    assert [error["pointer"] for error in response.json()["errors"]] == [pointer]
    assert await arrow_set_names(client, archer) == []


@pytest.mark.parametrize("missing", sorted(NEW_SET))
async def test_create_arrow_set_requires_each_field(
    client: AsyncClient, archer: ArcherAccount, missing: str
) -> None:
    body = {key: value for key, value in NEW_SET.items() if key != missing}
    response = await client.post("/api/v0/arrow_set", headers=archer.headers, json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == f"/{missing}"


async def test_create_arrow_set_without_a_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.post("/api/v0/arrow_set", json=NEW_SET)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_create_arrow_set_replayed_with_its_key_returns_the_first_set_and_creates_nothing(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    headers = archer.headers | {"Idempotency-Key": "set-1"}
    first = await client.post("/api/v0/arrow_set", headers=headers, json=NEW_SET)
    replay = await client.post("/api/v0/arrow_set", headers=headers, json=NEW_SET)
    assert (first.status_code, replay.status_code) == (201, 201)
    assert replay.json() == first.json()
    assert replay.headers["idempotent-replayed"] == "true"
    assert await arrow_set_names(client, archer) == [NEW_SET["name"]]


async def test_create_arrow_set_with_a_used_key_and_another_body_is_rejected(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    headers = archer.headers | {"Idempotency-Key": "set-1"}
    await client.post("/api/v0/arrow_set", headers=headers, json=NEW_SET)
    response = await client.post(
        "/api/v0/arrow_set", headers=headers, json=NEW_SET | {"arrow_count": 6}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert await arrow_set_names(client, archer) == [NEW_SET["name"]]


async def test_create_arrow_set_with_a_key_used_for_a_bow_is_rejected(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    headers = archer.headers | {"Idempotency-Key": "equipment-1"}
    bow = {"name": NEW_SET["name"], "bowstyle": "recurve", "draw_weight_lb": 30}
    assert (await client.post("/api/v0/bow", headers=headers, json=bow)).status_code == 201
    response = await client.post("/api/v0/arrow_set", headers=headers, json=NEW_SET)
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert await arrow_set_names(client, archer) == []


async def test_concurrent_create_arrow_set_with_one_key_creates_one_set(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    headers = archer.headers | {"Idempotency-Key": "set-race"}
    responses = await asyncio.gather(
        *(client.post("/api/v0/arrow_set", headers=headers, json=NEW_SET) for _ in range(5))
    )
    assert [response.status_code for response in responses] == [201] * 5
    assert len({response.json()["id"] for response in responses}) == 1
    assert await arrow_set_names(client, archer) == [NEW_SET["name"]]


async def test_list_arrow_sets_lists_them_oldest_first_whatever_their_names(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    added = [
        await add_arrow_set(client, archer, name=name) for name in ("Outdoor", "Indoor", "Indoor")
    ]
    response = await client.get("/api/v0/arrow_set", headers=archer.headers)
    assert response.status_code == 200
    assert response.json()["items"] == added


async def test_list_arrow_sets_shows_only_the_callers_sets(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner, other = await archer_factory(), await archer_factory()
    await add_arrow_set(client, owner, name="Mine")
    await add_arrow_set(client, other, name="Theirs")
    assert await arrow_set_names(client, owner) == ["Mine"]


async def test_list_arrow_sets_of_an_archer_without_sets_is_empty(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.get("/api/v0/arrow_set", headers=archer.headers)
    assert response.status_code == 200
    assert response.json() == {"items": [], "next_cursor": None}


async def test_get_arrow_set_returns_the_set(client: AsyncClient, archer: ArcherAccount) -> None:
    arrow_set = await add_arrow_set(client, archer)
    response = await client.get(f"/api/v0/arrow_set/{arrow_set['id']}", headers=archer.headers)
    assert response.status_code == 200
    assert response.json() == arrow_set


async def test_update_arrow_set_changes_only_the_fields_sent(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    arrow_set = await add_arrow_set(client, archer)
    response = await client.patch(
        f"/api/v0/arrow_set/{arrow_set['id']}",
        headers=archer.headers,
        json={"shaft_diameter_mm": 9.3},
    )
    assert response.status_code == 200
    updated = response.json()
    assert (updated["name"], updated["shaft_diameter_mm"], updated["arrow_count"]) == (
        NEW_SET["name"],
        9.3,
        NEW_SET["arrow_count"],
    )
    assert updated["created_at"] == arrow_set["created_at"]
    assert datetime.fromisoformat(updated["updated_at"]) > datetime.fromisoformat(
        arrow_set["updated_at"]
    )
    stored = await client.get(f"/api/v0/arrow_set/{arrow_set['id']}", headers=archer.headers)
    assert stored.json() == updated


async def test_update_arrow_set_with_an_empty_body_keeps_every_field(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    arrow_set = await add_arrow_set(client, archer)
    response = await client.patch(
        f"/api/v0/arrow_set/{arrow_set['id']}", headers=archer.headers, json={}
    )
    assert response.status_code == 200
    assert {key: response.json()[key] for key in NEW_SET} == NEW_SET


@pytest.mark.parametrize(("change", "pointer"), INVALID_FIELDS)
async def test_update_arrow_set_rejects_each_invalid_field(
    client: AsyncClient, archer: ArcherAccount, change: dict[str, Any], pointer: str
) -> None:
    arrow_set = await add_arrow_set(client, archer)
    url = f"/api/v0/arrow_set/{arrow_set['id']}"
    response = await client.patch(url, headers=archer.headers, json=change)
    assert response.status_code == 422
    assert [error["pointer"] for error in response.json()["errors"]] == [pointer]
    assert (await client.get(url, headers=archer.headers)).json() == arrow_set


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
async def test_another_archers_arrow_set_is_not_found_and_stays_as_it_is(
    client: AsyncClient, archer_factory: ArcherFactory, method: str
) -> None:
    owner, intruder = await archer_factory(), await archer_factory()
    arrow_set = await add_arrow_set(client, owner)
    url = f"/api/v0/arrow_set/{arrow_set['id']}"
    body = {"arrow_count": 1} if method == "PATCH" else None
    response = await client.request(method, url, headers=intruder.headers, json=body)
    assert response.status_code == 404
    assert response.json()["code"] == "arrow_set_not_found"
    assert (await client.get(url, headers=owner.headers)).json() == arrow_set


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
async def test_an_unknown_arrow_set_is_not_found(
    client: AsyncClient, archer: ArcherAccount, method: str
) -> None:
    body = {"arrow_count": 1} if method == "PATCH" else None
    response = await client.request(
        method, f"/api/v0/arrow_set/{uuid4()}", headers=archer.headers, json=body
    )
    assert response.status_code == 404
    assert response.json()["code"] == "arrow_set_not_found"


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
async def test_an_arrow_set_id_that_is_not_a_uuid_is_rejected(
    client: AsyncClient, archer: ArcherAccount, method: str
) -> None:
    body = {"arrow_count": 1} if method == "PATCH" else None
    response = await client.request(
        method, "/api/v0/arrow_set/42", headers=archer.headers, json=body
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "#/path/arrow_set_id"


async def test_delete_arrow_set_removes_it(client: AsyncClient, archer: ArcherAccount) -> None:
    kept = await add_arrow_set(client, archer, name="Kept")
    arrow_set = await add_arrow_set(client, archer, name="Deleted")
    url = f"/api/v0/arrow_set/{arrow_set['id']}"
    response = await client.delete(url, headers=archer.headers)
    assert response.status_code == 204
    assert response.content == b""
    assert (await client.get(url, headers=archer.headers)).status_code == 404
    assert (await client.delete(url, headers=archer.headers)).status_code == 404
    assert await arrow_set_names(client, archer) == [kept["name"]]


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", ""), ("GET", "/{id}"), ("PATCH", "/{id}"), ("DELETE", "/{id}")],
)
async def test_arrow_set_operations_without_a_token_are_unauthorized(
    client: AsyncClient, archer: ArcherAccount, method: str, path: str
) -> None:
    arrow_set = await add_arrow_set(client, archer)
    body = {"arrow_count": 1} if method == "PATCH" else None
    response = await client.request(
        method, "/api/v0/arrow_set" + path.format(id=arrow_set["id"]), json=body
    )
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


async def test_delete_arrow_set_leaves_the_slots_that_used_it_with_their_shots(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    arrow_set = await add_arrow_set(client, archer)
    slot = await join(
        client, archer, await open_session(client, archer), arrow_set_id=arrow_set["id"]
    )
    assert (await shoot(client, archer, slot["id"], {"value": "9"})).status_code == 201
    await client.delete(f"/api/v0/arrow_set/{arrow_set['id']}", headers=archer.headers)
    response = await client.get(f"/api/v0/slot/{slot['id']}", headers=archer.headers)
    assert response.json()["arrow_set_id"] is None
    shots = await client.get(f"/api/v0/slot/{slot['id']}/shot", headers=archer.headers)
    assert [shot["value"] for shot in shots.json()["items"]] == [9]
