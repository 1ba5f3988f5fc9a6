"""Personal access tokens: POST/GET /api/v0/access_token, GET/DELETE /api/v0/access_token/{id},
and what such a token may do elsewhere."""

import re
from datetime import datetime, timedelta
from typing import Any
from uuid import uuid4

import pytest
from httpx import AsyncClient

from conftest import ArcherAccount, ArcherFactory, join, open_session, personal_token, shoot
from quiver.core.db import Pool

TOKENS = "/api/v0/access_token"
SECRET = re.compile(r"^qvr_pat_[A-Za-z0-9_-]{43}$")
# Every scope a personal token may hold: all of them but `account`.
ALL_SCOPES = [
    "profile:read",
    "profile:write",
    "sessions:read",
    "sessions:write",
    "shots:write",
    "equipment:read",
    "equipment:write",
    "stats:read",
]
VIEWED_FIELDS = {"id", "name", "scopes", "token_hint", "created_at", "expires_at", "last_used_at"}


def bearer(token: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {token['token']}"}


def assert_insufficient_scope(response: Any, scope: str) -> None:
    assert response.status_code == 403, response.text
    assert response.json()["code"] == "insufficient_scope"
    assert response.headers["www-authenticate"] == (
        f'Bearer error="insufficient_scope", scope="{scope}"'
    )


async def test_create_returns_the_secret_once_with_where_the_token_lives(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.post(
        TOKENS,
        headers=archer.headers,
        json={"name": "Tablet", "scopes": ["shots:write", "profile:read"], "expires_in_days": 30},
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert set(created) == VIEWED_FIELDS | {"token"}
    assert SECRET.match(created["token"])
    assert created["token_hint"] == f"qvr_pat_...{created['token'][-4:]}"
    # Returned in the contract's order of scopes, whatever the order sent.
    assert created["scopes"] == ["profile:read", "shots:write"]
    assert created["last_used_at"] is None
    lifetime = datetime.fromisoformat(created["expires_at"]) - datetime.fromisoformat(
        created["created_at"]
    )
    assert lifetime == timedelta(days=30)
    assert response.headers["location"] == f"{TOKENS}/{created['id']}"
    assert response.headers["cache-control"] == "no-store"
    me = await client.get("/api/v0/archer/me", headers=bearer(created))
    assert me.status_code == 200 and me.json()["id"] == archer.id


async def test_a_token_created_without_expiry_never_expires(
    client: AsyncClient, archer: ArcherAccount, pool: Pool
) -> None:
    created = await personal_token(client, archer, "profile:read", expires_in_days=None)
    assert created["expires_at"] is None
    stored = await pool.fetchval(
        "SELECT expires_at = 'infinity' FROM archer_token WHERE kind = 'personal'"
    )
    assert stored is True
    assert (await client.get("/api/v0/archer/me", headers=bearer(created))).status_code == 200


async def test_only_the_secrets_digest_is_stored_not_even_for_a_retry(
    client: AsyncClient, archer: ArcherAccount, pool: Pool
) -> None:
    response = await client.post(
        TOKENS,
        headers=archer.headers | {"Idempotency-Key": "pat-1"},
        json={"name": "Tablet", "scopes": ["shots:write"], "expires_in_days": 7},
    )
    secret = response.json()["token"]
    rows = await pool.fetch("SELECT * FROM archer_token")
    stored_replay = await pool.fetchval("SELECT response_body FROM idempotency_key")
    assert secret.encode() not in bytes(stored_replay)
    assert all(secret not in str(dict(row)) for row in rows)


async def test_list_shows_the_callers_tokens_newest_first_without_secrets(
    client: AsyncClient, archer: ArcherAccount, archer_factory: ArcherFactory
) -> None:
    created = [await personal_token(client, archer, "stats:read", name=f"T{n}") for n in range(3)]
    await personal_token(client, await archer_factory(), "stats:read")
    response = await client.get(TOKENS, headers=archer.headers)
    assert response.status_code == 200
    page = response.json()
    assert [item["name"] for item in page["items"]] == ["T2", "T1", "T0"]
    assert page["next_cursor"] is None
    assert all(set(item) == VIEWED_FIELDS for item in page["items"])
    assert not any(token["token"] in response.text for token in created)


async def test_list_pages_through_the_tokens(client: AsyncClient, archer: ArcherAccount) -> None:
    for n in range(5):
        await personal_token(client, archer, "stats:read", name=f"T{n}")
    names: list[str] = []
    cursor = None
    for _ in range(3):
        params: dict[str, Any] = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = (await client.get(TOKENS, headers=archer.headers, params=params)).json()
        names += [item["name"] for item in page["items"]]
        cursor = page["next_cursor"]
    assert names == ["T4", "T3", "T2", "T1", "T0"] and cursor is None


async def test_list_rejects_a_cursor_of_another_listing(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    for name in ("A", "B"):
        await client.post(
            "/api/v0/bow",
            headers=archer.headers,
            json={"name": name, "bowstyle": "recurve", "draw_weight_lb": 30},
        )
    bow_cursor = (
        await client.get("/api/v0/bow", headers=archer.headers, params={"limit": 1})
    ).json()["next_cursor"]
    response = await client.get(TOKENS, headers=archer.headers, params={"cursor": bow_cursor})
    assert response.status_code == 422 and response.json()["code"] == "invalid_cursor"


async def test_get_returns_the_token_without_its_secret(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    created = await personal_token(client, archer, "equipment:read")
    response = await client.get(f"{TOKENS}/{created['id']}", headers=archer.headers)
    assert response.status_code == 200
    assert response.json() == {key: created[key] for key in VIEWED_FIELDS}


async def test_a_used_token_shows_when_it_was_last_used(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    created = await personal_token(client, archer, "profile:read")
    await client.get("/api/v0/archer/me", headers=bearer(created))
    shown = (await client.get(f"{TOKENS}/{created['id']}", headers=archer.headers)).json()
    assert shown["last_used_at"] is not None
    assert shown["last_used_at"] >= created["created_at"]


async def test_revoke_makes_the_token_unauthorized_and_gone(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    created = await personal_token(client, archer, "profile:read")
    assert (await client.get("/api/v0/archer/me", headers=bearer(created))).status_code == 200
    response = await client.delete(f"{TOKENS}/{created['id']}", headers=archer.headers)
    assert response.status_code == 204
    refused = await client.get("/api/v0/archer/me", headers=bearer(created))
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"] == 'Bearer realm="quiver", error="invalid_token"'
    assert (
        await client.get(f"{TOKENS}/{created['id']}", headers=archer.headers)
    ).status_code == 404
    assert (await client.get(TOKENS, headers=archer.headers)).json()["items"] == []
    again = await client.delete(f"{TOKENS}/{created['id']}", headers=archer.headers)
    assert again.status_code == 404 and again.json()["code"] == "access_token_not_found"


async def test_a_revoked_token_without_the_scope_is_unauthorized_not_forbidden(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    created = await personal_token(client, archer, "stats:read")
    # Its scopes are now cached by this process.
    assert_insufficient_scope(
        await client.get("/api/v0/archer/me", headers=bearer(created)), "profile:read"
    )
    await client.delete(f"{TOKENS}/{created['id']}", headers=archer.headers)
    refused = await client.get("/api/v0/archer/me", headers=bearer(created))
    assert refused.status_code == 401


async def test_another_archers_token_is_not_found_and_keeps_working(
    client: AsyncClient, archer: ArcherAccount, archer_factory: ArcherFactory
) -> None:
    created = await personal_token(client, archer, "profile:read")
    other = await archer_factory()
    for method in ("GET", "DELETE"):
        response = await client.request(method, f"{TOKENS}/{created['id']}", headers=other.headers)
        assert response.status_code == 404, method
        assert response.json()["code"] == "access_token_not_found"
    assert (await client.get("/api/v0/archer/me", headers=bearer(created))).status_code == 200


async def test_an_unknown_token_id_is_not_found(client: AsyncClient, archer: ArcherAccount) -> None:
    response = await client.get(f"{TOKENS}/{uuid4()}", headers=archer.headers)
    assert response.status_code == 404 and response.json()["code"] == "access_token_not_found"


@pytest.mark.parametrize("days", [1, 365])
async def test_create_accepts_an_expiry_of_a_day_to_a_year(
    client: AsyncClient, archer: ArcherAccount, days: int
) -> None:
    created = await personal_token(client, archer, "stats:read", expires_in_days=days)
    lifetime = datetime.fromisoformat(created["expires_at"]) - datetime.fromisoformat(
        created["created_at"]
    )
    assert lifetime == timedelta(days=days)


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"expires_in_days": 0}, "/expires_in_days"),
        ({"expires_in_days": 366}, "/expires_in_days"),
        ({"scopes": []}, "/scopes"),
        ({"scopes": ["account"]}, "/scopes/0"),
        ({"scopes": ["stats:read", "stats:read"]}, "/scopes"),
        ({"name": " "}, "/name"),
        ({"name": "x" * 101}, "/name"),
    ],
)
async def test_create_rejects_each_invalid_field(
    client: AsyncClient, archer: ArcherAccount, change: dict[str, Any], pointer: str
) -> None:
    payload = {"name": "Tablet", "scopes": ["stats:read"], "expires_in_days": 30} | change
    response = await client.post(TOKENS, headers=archer.headers, json=payload)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "validation_failed"
    assert problem["errors"][0]["pointer"] == pointer


async def test_create_requires_an_explicit_expiry(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    payload = {"name": "Tablet", "scopes": ["stats:read"]}
    response = await client.post(TOKENS, headers=archer.headers, json=payload)
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/expires_in_days"


KEY = {"Idempotency-Key": "pat-1"}
KEYED_BODY: dict[str, Any] = {"name": "Tablet", "scopes": ["profile:read"], "expires_in_days": 7}


async def create_with_key(client: AsyncClient, archer: ArcherAccount) -> Any:
    """POST a new token with the Idempotency-Key ``pat-1``."""
    return await client.post(TOKENS, headers=archer.headers | KEY, json=KEYED_BODY)


async def test_a_retry_with_the_same_key_gives_the_same_token_a_new_secret(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    first = await create_with_key(client, archer)
    retry = await create_with_key(client, archer)
    assert retry.status_code == 201
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.headers["location"] == first.headers["location"]
    assert retry.json()["id"] == first.json()["id"]
    assert retry.json()["token"] != first.json()["token"]
    assert retry.json()["token_hint"] == f"qvr_pat_...{retry.json()['token'][-4:]}"
    assert (await client.get("/api/v0/archer/me", headers=bearer(first.json()))).status_code == 401
    assert (await client.get("/api/v0/archer/me", headers=bearer(retry.json()))).status_code == 200
    assert len((await client.get(TOKENS, headers=archer.headers)).json()["items"]) == 1
    reused = await client.post(
        TOKENS,
        headers=archer.headers | KEY,
        json=KEYED_BODY | {"name": "Other"},
    )
    assert reused.status_code == 422 and reused.json()["code"] == "idempotency_key_reused"


async def test_a_retry_after_the_token_was_revoked_is_a_conflict(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    first = await create_with_key(client, archer)
    await client.delete(f"{TOKENS}/{first.json()['id']}", headers=archer.headers)
    retry = await create_with_key(client, archer)
    assert retry.status_code == 409 and retry.json()["code"] == "access_token_revoked"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", TOKENS),
        ("GET", TOKENS),
        ("GET", f"{TOKENS}/00000000-0000-4000-8000-000000000001"),
        ("DELETE", f"{TOKENS}/00000000-0000-4000-8000-000000000002"),
    ],
)
async def test_a_personal_token_cannot_manage_tokens(
    client: AsyncClient, archer: ArcherAccount, method: str, path: str
) -> None:
    created = await personal_token(client, archer, *ALL_SCOPES)
    payload = {"name": "Escalation", "scopes": ["stats:read"], "expires_in_days": 1}
    response = await client.request(
        method, path, headers=bearer(created), json=payload if method == "POST" else None
    )
    assert_insufficient_scope(response, "account")


async def test_a_shots_token_records_arrows_and_cannot_read_the_profile(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    slot = await join(client, archer, session_id)
    token = await personal_token(client, archer, "shots:write")
    scorer = ArcherAccount(id=archer.id, email=archer.email, token=token["token"])
    recorded = await shoot(client, scorer, slot["id"], {"value": "9"}, {"value": "X"})
    assert recorded.status_code == 201, recorded.text
    assert [shot["value"] for shot in recorded.json()["items"]] == [9, 10]
    assert_insufficient_scope(
        await client.get("/api/v0/archer/me", headers=scorer.headers), "profile:read"
    )
    assert_insufficient_scope(
        await client.get(f"/api/v0/slot/{slot['id']}/shot", headers=scorer.headers), "sessions:read"
    )


async def test_a_shots_token_records_arrows_with_an_idempotency_key(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    slot = await join(client, archer, session_id)
    token = await personal_token(client, archer, "shots:write")
    url = f"/api/v0/slot/{slot['id']}/shot"
    headers = bearer(token) | {"Idempotency-Key": "end-1"}
    first = await client.post(url, json={"arrows": [{"value": "9"}]}, headers=headers)
    retry = await client.post(url, json={"arrows": [{"value": "9"}]}, headers=headers)
    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()


async def test_an_unknown_personal_token_is_unauthorized(client: AsyncClient) -> None:
    headers = {"Authorization": f"Bearer qvr_pat_{'A' * 43}"}
    response = await client.get("/api/v0/archer/me", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="quiver", error="invalid_token"'


async def test_a_personal_token_may_log_itself_out(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    created = await personal_token(client, archer, "stats:read")
    assert (await client.post("/api/v0/auth/logout", headers=bearer(created))).status_code == 204
    assert (await client.get(TOKENS, headers=archer.headers)).json()["items"] == []


async def test_a_request_without_credentials_gets_a_challenge_without_an_error(
    client: AsyncClient,
) -> None:
    response = await client.get(TOKENS)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="quiver"'


async def test_deleting_the_account_needs_a_login_token(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    created = await personal_token(client, archer, *ALL_SCOPES)
    assert_insufficient_scope(
        await client.delete("/api/v0/archer/me", headers=bearer(created)), "account"
    )
    assert (await client.get("/api/v0/archer/me", headers=archer.headers)).status_code == 200
