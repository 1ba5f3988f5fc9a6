"""Archer accounts: POST /api/v0/archer and GET/PATCH/DELETE /api/v0/archer/me."""

from typing import Any

import pytest
from httpx import AsyncClient

from conftest import PASSWORD, ArcherAccount, ArcherFactory, registration_payload


async def test_register_archer_creates_the_account(client: AsyncClient) -> None:
    payload = registration_payload(date_of_birth="1990-04-01", gender="non_binary")
    response = await client.post("/api/v0/archer", json=payload)
    assert response.status_code == 201
    archer = response.json()
    assert archer["email"] == payload["email"]
    assert archer["date_of_birth"] == "1990-04-01"
    assert archer["gender"] == "non_binary"
    assert "password" not in archer and "password_hash" not in archer


async def test_register_archer_with_a_taken_email_in_other_case_conflicts(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    payload = registration_payload(email=archer.email.upper())
    response = await client.post("/api/v0/archer", json=payload)
    assert response.status_code == 409
    assert response.json()["code"] == "email_taken"


@pytest.mark.parametrize(
    ("overrides", "pointer"),
    [
        ({"email": "not-an-email"}, "/email"),
        ({"password": "short"}, "/password"),
        ({"first_name": "   "}, "/first_name"),
        ({"bowstyle": "crossbow"}, "/bowstyle"),
        ({"draw_weight_lb": 0}, "/draw_weight_lb"),
        ({"draw_weight_lb": 121}, "/draw_weight_lb"),
        ({"gender": "robot"}, "/gender"),
        ({"date_of_birth": "yesterday"}, "/date_of_birth"),
        ({"nickname": "Robin"}, "/nickname"),
    ],
)
async def test_register_archer_rejects_each_invalid_field(
    client: AsyncClient, overrides: dict[str, Any], pointer: str
) -> None:
    response = await client.post("/api/v0/archer", json=registration_payload(**overrides))
    assert response.status_code == 422
    assert pointer in [error["pointer"] for error in response.json()["errors"]]


async def test_register_archer_reports_every_failing_field_at_once(client: AsyncClient) -> None:
    response = await client.post("/api/v0/archer", json={"email": "x", "bowstyle": "sling"})
    assert response.status_code == 422
    pointers = {error["pointer"] for error in response.json()["errors"]}
    assert {"/email", "/password", "/first_name", "/bowstyle", "/draw_weight_lb"} <= pointers


async def test_get_my_archer_returns_the_authenticated_archer(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.get("/api/v0/archer/me", headers=archer.headers)
    assert response.status_code == 200
    assert response.json()["id"] == archer.id


async def test_get_my_archer_without_a_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.get("/api/v0/archer/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_update_my_archer_changes_only_the_fields_sent(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.patch(
        "/api/v0/archer/me",
        headers=archer.headers,
        json={"bowstyle": "compound", "draw_weight_lb": 55, "gender": "female"},
    )
    assert response.status_code == 200
    updated = response.json()
    assert (updated["bowstyle"], updated["draw_weight_lb"], updated["gender"]) == (
        "compound",
        55,
        "female",
    )
    assert updated["first_name"] == "Robin"
    assert updated["updated_at"] > updated["created_at"]


async def test_update_my_archer_with_null_clears_an_optional_field(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    account = await archer_factory(date_of_birth="2001-02-03")
    response = await client.patch(
        "/api/v0/archer/me", headers=account.headers, json={"date_of_birth": None}
    )
    assert response.status_code == 200
    assert response.json()["date_of_birth"] is None


async def test_update_my_archer_rejects_null_for_a_required_field(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.patch("/api/v0/archer/me", headers=archer.headers, json={"email": None})
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/email"


async def test_update_my_archer_to_another_archers_email_conflicts(
    client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    first = await archer_factory()
    second = await archer_factory()
    response = await client.patch(
        "/api/v0/archer/me", headers=second.headers, json={"email": first.email.title()}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "email_taken"


async def test_update_my_archer_without_a_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.patch("/api/v0/archer/me", json={"first_name": "Maid"})
    assert response.status_code == 401


async def test_delete_my_archer_removes_the_account_and_revokes_its_tokens(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.delete("/api/v0/archer/me", headers=archer.headers)
    assert response.status_code == 204
    assert (await client.get("/api/v0/archer/me", headers=archer.headers)).status_code == 401
    login = await client.post(
        "/api/v0/auth/login", json={"email": archer.email, "password": PASSWORD}
    )
    assert login.status_code == 401


async def test_delete_my_archer_without_a_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.delete("/api/v0/archer/me")
    assert response.status_code == 401
