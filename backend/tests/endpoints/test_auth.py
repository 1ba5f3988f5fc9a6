"""POST /api/v0/auth/login and /api/v0/auth/logout."""

from datetime import UTC, datetime, timedelta

from httpx import AsyncClient

from conftest import PASSWORD, ArcherAccount


async def test_log_in_returns_a_bearer_token_that_expires(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.post(
        "/api/v0/auth/login", json={"email": archer.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 200
    token = response.json()
    assert token["token_type"] == "bearer"
    assert token["archer_id"] == archer.id
    expires_at = datetime.fromisoformat(token["expires_at"])
    assert datetime.now(UTC) < expires_at < datetime.now(UTC) + timedelta(days=8)
    me = await client.get(
        "/api/v0/archer/me", headers={"Authorization": f"Bearer {token['access_token']}"}
    )
    assert me.status_code == 200


async def test_wrong_password_and_unknown_email_answer_identically(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    wrong_password = await client.post(
        "/api/v0/auth/login", json={"email": archer.email, "password": "not the password"}
    )
    unknown_email = await client.post(
        "/api/v0/auth/login", json={"email": "nobody@example.org", "password": PASSWORD}
    )
    assert wrong_password.status_code == unknown_email.status_code == 401

    def comparable(body: dict[str, object]) -> dict[str, object]:
        return {key: value for key, value in body.items() if key != "request_id"}

    assert comparable(wrong_password.json()) == comparable(unknown_email.json())
    assert wrong_password.headers["www-authenticate"] == unknown_email.headers["www-authenticate"]


async def test_log_in_with_a_missing_field_is_a_validation_problem(client: AsyncClient) -> None:
    response = await client.post("/api/v0/auth/login", json={"email": "a@b.c"})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"pointer": "/password", "detail": "Field required"}]


async def test_log_out_revokes_the_token(client: AsyncClient, archer: ArcherAccount) -> None:
    response = await client.post("/api/v0/auth/logout", headers=archer.headers)
    assert response.status_code == 204
    assert (await client.get("/api/v0/archer/me", headers=archer.headers)).status_code == 401
    again = await client.post("/api/v0/auth/logout", headers=archer.headers)
    assert again.status_code == 401


async def test_log_out_without_a_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.post("/api/v0/auth/logout")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


async def test_a_malformed_authorization_header_is_unauthorized(client: AsyncClient) -> None:
    response = await client.get("/api/v0/archer/me", headers={"Authorization": "Basic abc"})
    assert response.status_code == 401
    assert 'error="invalid_request"' in response.headers["www-authenticate"]


async def test_an_unknown_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.get("/api/v0/archer/me", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["www-authenticate"]
