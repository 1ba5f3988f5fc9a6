"""Practice sessions: POST/GET /api/v0/session and GET/PATCH/DELETE /api/v0/session/{id}."""

import base64
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import pytest
from httpx import AsyncClient

from conftest import ArcherAccount, ArcherFactory, join, shoot
from quiver.core.db import Pool

SESSION: dict[str, Any] = {
    "is_opened": True,
    "start_time": "2025-08-20T09:00:00Z",
    "location": "Range A",
    "is_indoor": False,
    "distance": 18,
}


async def create_session(
    client: AsyncClient, account: ArcherAccount, **overrides: Any
) -> dict[str, Any]:
    response = await client.post(
        "/api/v0/session", headers=account.headers, json={**SESSION, **overrides}
    )
    assert response.status_code == 201, response.text
    session: dict[str, Any] = response.json()
    return session


@pytest.fixture
async def roles(client: AsyncClient, archer_factory: ArcherFactory) -> dict[str, ArcherAccount]:
    """An owner with a session, an archer who joined it, and a stranger to it."""
    owner, participant, stranger = [await archer_factory() for _ in range(3)]
    session = await create_session(client, owner)
    await join(client, participant, session["id"])
    return {"owner": owner, "participant": participant, "stranger": stranger}


async def owned_session_id(client: AsyncClient, roles: dict[str, ArcherAccount]) -> str:
    listed = await client.get("/api/v0/session", headers=roles["owner"].headers)
    session_id: str = listed.json()["items"][0]["id"]
    return session_id


# --- createSession ------------------------------------------------------------------------------


async def test_create_session_accepts_the_instructions_example_payload(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    payload = {
        "is_opened": True,
        "start_time": datetime.now(UTC).replace(tzinfo=None).isoformat() + "Z",
        "location": "range A",
        "is_indoor": False,
        "distance": 18,
    }
    response = await client.post("/api/v0/session", headers=archer.headers, json=payload)
    assert response.status_code == 201
    session = response.json()
    assert session["owner_archer_id"] == archer.id
    assert (session["location"], session["distance"], session["is_opened"]) == ("range A", 18, True)
    assert session["closed_at"] is None
    assert session["created_at"] == session["updated_at"]


async def test_create_session_that_is_not_opened_is_stamped_closed(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session = await create_session(client, archer, is_opened=False)
    assert session["is_opened"] is False
    assert session["closed_at"] is not None


@pytest.mark.parametrize(
    ("overrides", "pointer"),
    [
        ({"location": "   "}, "/location"),
        ({"location": "x" * 201}, "/location"),
        ({"distance": 0}, "/distance"),
        ({"distance": 150.5}, "/distance"),
        ({"start_time": "2025-08-20T09:00:00"}, "/start_time"),
        ({"start_time": 0}, "/start_time"),
        ({"is_opened": "yes"}, "/is_opened"),
        ({"is_indoor": 1}, "/is_indoor"),
        ({"owner_archer_id": str(uuid4())}, "/owner_archer_id"),
    ],
)
async def test_create_session_rejects_each_invalid_field(
    client: AsyncClient, archer: ArcherAccount, overrides: dict[str, Any], pointer: str
) -> None:
    response = await client.post(
        "/api/v0/session", headers=archer.headers, json={**SESSION, **overrides}
    )
    assert response.status_code == 422
    assert pointer in [error["pointer"] for error in response.json()["errors"]]


async def test_create_session_retried_with_the_same_key_replays_without_creating(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    headers = {**archer.headers, "Idempotency-Key": "session-1"}
    first = await client.post("/api/v0/session", headers=headers, json=SESSION)
    again = await client.post("/api/v0/session", headers=headers, json=SESSION)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    listed = await client.get("/api/v0/session", headers=archer.headers)
    assert [item["id"] for item in listed.json()["items"]] == [first.json()["id"]]


async def test_create_session_with_a_reused_key_and_another_body_is_rejected(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    headers = {**archer.headers, "Idempotency-Key": "session-1"}
    await client.post("/api/v0/session", headers=headers, json=SESSION)
    response = await client.post(
        "/api/v0/session", headers=headers, json={**SESSION, "location": "Range B"}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"


async def test_create_session_without_a_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.post("/api/v0/session", json=SESSION)
    assert response.status_code == 401


# --- getSession ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "participant"])
async def test_get_session_is_visible_to_its_owner_and_participants(
    client: AsyncClient, roles: dict[str, ArcherAccount], role: str
) -> None:
    session_id = await owned_session_id(client, roles)
    response = await client.get(f"/api/v0/session/{session_id}", headers=roles[role].headers)
    assert response.status_code == 200
    assert response.json()["id"] == session_id


async def test_get_session_by_a_stranger_is_not_found(
    client: AsyncClient, roles: dict[str, ArcherAccount]
) -> None:
    session_id = await owned_session_id(client, roles)
    response = await client.get(f"/api/v0/session/{session_id}", headers=roles["stranger"].headers)
    assert response.status_code == 404
    assert response.json()["code"] == "session_not_found"


async def test_get_session_stays_visible_to_a_participant_who_left(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    owner, participant = await archer_factory(), await archer_factory()
    session = await create_session(client, owner)
    slot = await join(client, participant, session["id"])
    await client.post(f"/api/v0/slot/{slot['id']}/leave", headers=participant.headers)
    response = await client.get(f"/api/v0/session/{session['id']}", headers=participant.headers)
    assert response.status_code == 200


async def test_get_session_that_does_not_exist_is_not_found(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.get(f"/api/v0/session/{uuid4()}", headers=archer.headers)
    assert response.status_code == 404
    assert response.json()["code"] == "session_not_found"


async def test_get_session_with_a_malformed_id_is_unprocessable(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.get("/api/v0/session/not-a-uuid", headers=archer.headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "#/path/session_id"


async def test_get_session_without_a_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.get(f"/api/v0/session/{uuid4()}")
    assert response.status_code == 401


# --- listSessions -------------------------------------------------------------------------------


async def test_list_sessions_returns_owned_and_joined_sessions_but_not_others(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    me, other = await archer_factory(), await archer_factory()
    mine = await create_session(client, me, start_time="2025-01-01T10:00:00Z")
    joined = await create_session(client, other, start_time="2025-01-02T10:00:00Z")
    await create_session(client, other, start_time="2025-01-03T10:00:00Z")
    await join(client, me, joined["id"])
    response = await client.get("/api/v0/session", headers=me.headers)
    assert response.status_code == 200
    page = response.json()
    assert [item["id"] for item in page["items"]] == [joined["id"], mine["id"]]
    assert page["next_cursor"] is None


async def test_list_sessions_orders_by_start_time_then_id_descending(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    same = [await create_session(client, archer, start_time="2025-03-01T10:00:00Z") for _ in "ab"]
    later = await create_session(client, archer, start_time="2025-03-02T10:00:00Z")
    response = await client.get("/api/v0/session", headers=archer.headers)
    expected = [later["id"], *sorted((s["id"] for s in same), reverse=True)]
    assert [item["id"] for item in response.json()["items"]] == expected


async def test_list_sessions_filters_by_state_and_start_range(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    early = await create_session(client, archer, start_time="2025-05-01T00:00:00Z")
    closed = await create_session(
        client, archer, start_time="2025-05-02T00:00:00Z", is_opened=False
    )
    late = await create_session(client, archer, start_time="2025-05-03T00:00:00Z")

    async def ids(**params: Any) -> list[str]:
        response = await client.get("/api/v0/session", headers=archer.headers, params=params)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert await ids(is_opened="false") == [closed["id"]]
    assert await ids(is_opened="true") == [late["id"], early["id"]]
    # start_from is inclusive, start_to exclusive; any offset denotes the same instant.
    assert await ids(start_from="2025-05-02T02:00:00+02:00") == [late["id"], closed["id"]]
    assert await ids(start_to="2025-05-03T00:00:00Z") == [closed["id"], early["id"]]
    assert await ids(start_from="2025-05-01T00:00:00Z", start_to="2025-05-02T00:00:00Z") == [
        early["id"]
    ]


async def test_list_sessions_pages_through_every_session_once(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    start = datetime(2025, 6, 1, tzinfo=UTC)
    created = [
        await create_session(client, archer, start_time=(start + timedelta(hours=n)).isoformat())
        for n in range(5)
    ]
    seen: list[str] = []
    params: dict[str, Any] = {"limit": 2}
    pages = 0
    while True:
        response = await client.get("/api/v0/session", headers=archer.headers, params=params)
        assert response.status_code == 200
        page = response.json()
        pages += 1
        seen += [item["id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert pages == 3
    assert seen == [session["id"] for session in reversed(created)]


async def test_list_sessions_with_a_full_last_page_has_no_next_cursor(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    for _ in range(2):
        await create_session(client, archer)
    response = await client.get("/api/v0/session", headers=archer.headers, params={"limit": 2})
    assert len(response.json()["items"]) == 2
    assert response.json()["next_cursor"] is None


async def test_list_sessions_rejects_a_cursor_used_with_other_filters(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    for _ in range(3):
        await create_session(client, archer)
    first = await client.get("/api/v0/session", headers=archer.headers, params={"limit": 1})
    cursor = first.json()["next_cursor"]
    response = await client.get(
        "/api/v0/session",
        headers=archer.headers,
        params={"limit": 1, "cursor": cursor, "is_opened": "true"},
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "invalid_cursor"
    assert problem["errors"][0]["pointer"] == "#/query/cursor"


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage!",
        "bm90IGpzb24",  # "not json"
        base64.urlsafe_b64encode(b'{"t": "yesterday", "i": "x", "f": "0"}').decode(),
        base64.urlsafe_b64encode(b"[1, 2, 3]").decode(),
        base64.urlsafe_b64encode(b'{"t": "2025-01-01T00:00:00", "i": "x", "f": 1}').decode(),
    ],
)
async def test_list_sessions_rejects_a_garbled_cursor(
    client: AsyncClient, archer: ArcherAccount, cursor: str
) -> None:
    response = await client.get(
        "/api/v0/session", headers=archer.headers, params={"cursor": cursor}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_cursor"


@pytest.mark.parametrize(
    ("params", "pointer"),
    [
        ({"limit": 0}, "#/query/limit"),
        ({"limit": 101}, "#/query/limit"),
        ({"cursor": ""}, "#/query/cursor"),
        ({"start_from": "2025-01-01T00:00:00"}, "#/query/start_from"),
        ({"start_to": "soon"}, "#/query/start_to"),
        ({"is_opened": "maybe"}, "#/query/is_opened"),
    ],
)
async def test_list_sessions_rejects_invalid_parameters(
    client: AsyncClient, archer: ArcherAccount, params: dict[str, Any], pointer: str
) -> None:
    response = await client.get("/api/v0/session", headers=archer.headers, params=params)
    assert response.status_code == 422
    assert pointer in [error["pointer"] for error in response.json()["errors"]]


async def test_list_sessions_without_a_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.get("/api/v0/session")
    assert response.status_code == 401


# --- updateSession ------------------------------------------------------------------------------


async def test_update_session_changes_only_the_fields_sent(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session = await create_session(client, archer)
    response = await client.patch(
        f"/api/v0/session/{session['id']}",
        headers=archer.headers,
        json={"location": "Hall 2", "is_indoor": True},
    )
    assert response.status_code == 200
    updated = response.json()
    assert (updated["location"], updated["is_indoor"]) == ("Hall 2", True)
    assert (updated["distance"], updated["start_time"]) == (18, "2025-08-20T09:00:00Z")
    assert updated["updated_at"] > session["updated_at"]


async def test_update_session_closing_stamps_closed_at_and_reopening_clears_it(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session = await create_session(client, archer)
    url = f"/api/v0/session/{session['id']}"
    closed = (await client.patch(url, headers=archer.headers, json={"is_opened": False})).json()
    assert closed["is_opened"] is False and closed["closed_at"] is not None
    again = (await client.patch(url, headers=archer.headers, json={"is_opened": False})).json()
    assert again["closed_at"] == closed["closed_at"]
    reopened = (await client.patch(url, headers=archer.headers, json={"is_opened": True})).json()
    assert reopened["is_opened"] is True and reopened["closed_at"] is None


async def test_update_session_by_a_participant_is_forbidden(
    client: AsyncClient, roles: dict[str, ArcherAccount]
) -> None:
    session_id = await owned_session_id(client, roles)
    response = await client.patch(
        f"/api/v0/session/{session_id}",
        headers=roles["participant"].headers,
        json={"is_opened": False},
    )
    assert response.status_code == 403
    assert response.json()["code"] == "not_session_owner"


async def test_update_session_by_a_stranger_is_not_found(
    client: AsyncClient, roles: dict[str, ArcherAccount]
) -> None:
    session_id = await owned_session_id(client, roles)
    response = await client.patch(
        f"/api/v0/session/{session_id}", headers=roles["stranger"].headers, json={}
    )
    assert response.status_code == 404
    assert response.json()["code"] == "session_not_found"


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"is_opened": None}, "/is_opened"),
        ({"location": ""}, "/location"),
        ({"distance": -1}, "/distance"),
        ({"closed_at": "2025-01-01T00:00:00Z"}, "/closed_at"),
    ],
)
async def test_update_session_rejects_invalid_fields(
    client: AsyncClient, archer: ArcherAccount, body: dict[str, Any], pointer: str
) -> None:
    session = await create_session(client, archer)
    response = await client.patch(
        f"/api/v0/session/{session['id']}", headers=archer.headers, json=body
    )
    assert response.status_code == 422
    assert pointer in [error["pointer"] for error in response.json()["errors"]]


async def test_update_session_without_a_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.patch(f"/api/v0/session/{uuid4()}", json={})
    assert response.status_code == 401


# --- deleteSession ------------------------------------------------------------------------------


async def test_delete_session_removes_it_with_its_slots_and_shots(
    client: AsyncClient, archer_factory: ArcherFactory, pool: Pool
) -> None:
    owner, participant = await archer_factory(), await archer_factory()
    session = await create_session(client, owner)
    slot = await join(client, participant, session["id"])
    assert (await shoot(client, participant, slot["id"], {"value": "9"})).status_code == 201
    response = await client.delete(f"/api/v0/session/{session['id']}", headers=owner.headers)
    assert response.status_code == 204
    assert (
        await client.get(f"/api/v0/session/{session['id']}", headers=owner.headers)
    ).status_code == 404
    assert (
        await client.get(f"/api/v0/slot/{slot['id']}", headers=participant.headers)
    ).status_code == 404
    async with pool.acquire() as conn:
        assert await conn.fetchval("SELECT count(*) FROM shot") == 0


async def test_delete_session_by_a_participant_is_forbidden(
    client: AsyncClient, roles: dict[str, ArcherAccount]
) -> None:
    session_id = await owned_session_id(client, roles)
    response = await client.delete(
        f"/api/v0/session/{session_id}", headers=roles["participant"].headers
    )
    assert response.status_code == 403
    assert response.json()["code"] == "not_session_owner"


async def test_delete_session_by_a_stranger_is_not_found(
    client: AsyncClient, roles: dict[str, ArcherAccount]
) -> None:
    session_id = await owned_session_id(client, roles)
    response = await client.delete(
        f"/api/v0/session/{session_id}", headers=roles["stranger"].headers
    )
    assert response.status_code == 404
    assert response.json()["code"] == "session_not_found"
    assert (
        await client.get(f"/api/v0/session/{session_id}", headers=roles["owner"].headers)
    ).status_code == 200


async def test_delete_session_without_a_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.delete(f"/api/v0/session/{uuid4()}")
    assert response.status_code == 401
