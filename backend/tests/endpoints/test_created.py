"""Every creating POST takes an ``Idempotency-Key`` (registration and live tickets included),
and every 201 says where the new resource is (``Location``), first answers and replays alike."""

import hashlib
from typing import Any
from uuid import uuid4

import pytest
from httpx import AsyncClient

from conftest import PASSWORD, ArcherAccount, join, open_session, registration_payload, shoot
from quiver.core.db import Pool
from quiver.schemas.api import ArcherRegistration

BOW = {"name": "Hoyt Formula X", "bowstyle": "recurve", "draw_weight_lb": 36.5}
ARROW_SET = {"name": "X10", "shaft_diameter_mm": 5.5, "arrow_count": 12}
SESSION = {
    "is_opened": True,
    "start_time": "2026-11-26T10:00:00Z",
    "location": "Sherwood range",
    "is_indoor": False,
    "distance": 70,
}


def _key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid4())}


async def _created_twice(
    client: AsyncClient, url: str, body: dict[str, Any] | None, headers: dict[str, str]
) -> tuple[Any, Any]:
    """The first answer to a creating POST and the replay of the same request."""
    sent = {**headers, **_key()}
    first = await client.post(url, json=body, headers=sent)
    assert first.status_code == 201, first.text
    replay = await client.post(url, json=body, headers=sent)
    assert replay.status_code == 201, replay.text
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.content == first.content
    return first, replay


@pytest.mark.parametrize(
    ("url", "body", "template"),
    [
        ("/api/v0/session", SESSION, "/api/v0/session/{id}"),
        ("/api/v0/bow", BOW, "/api/v0/bow/{id}"),
        ("/api/v0/arrow_set", ARROW_SET, "/api/v0/arrow_set/{id}"),
    ],
)
async def test_a_created_resource_is_where_location_says(
    client: AsyncClient, archer: ArcherAccount, url: str, body: dict[str, Any], template: str
) -> None:
    plain = await client.post(url, json=body, headers=archer.headers)
    first, replay = await _created_twice(client, url, body, archer.headers)
    for answer in (plain, first, replay):
        location = answer.headers["location"]
        assert location == template.format(id=answer.json()["id"])
        read = await client.get(location, headers=archer.headers)
        assert read.status_code == 200 and read.json() == answer.json()


async def test_a_joined_slot_is_where_location_says(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    body = {"distance": 70, "face_type": "wa_122", "arrows_per_end": 6}
    url = f"/api/v0/session/{session_id}/slot"
    first, replay = await _created_twice(client, url, body, archer.headers)
    for answer in (first, replay):
        assert answer.headers["location"] == f"/api/v0/slot/{first.json()['id']}"
    read = await client.get(first.headers["location"], headers=archer.headers)
    assert read.status_code == 200 and read.json()["id"] == first.json()["id"]


async def test_recorded_arrows_point_to_the_slots_arrows(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    slot = await join(client, archer, await open_session(client, archer))
    plain = await shoot(client, archer, slot["id"], {"value": "9"})
    url = f"/api/v0/slot/{slot['id']}/shot"
    first, replay = await _created_twice(client, url, {"arrows": [{"value": "8"}]}, archer.headers)
    for answer in (plain, first, replay):
        assert answer.status_code == 201
        assert answer.headers["location"] == url
    listed = await client.get(url, headers=archer.headers)
    assert [shot["id"] for shot in listed.json()["items"]] == [
        plain.json()["items"][0]["id"],
        first.json()["items"][0]["id"],
    ]


async def test_a_registration_is_retried_safely_and_points_to_the_account(
    client: AsyncClient, pool: Pool
) -> None:
    body = registration_payload()
    first, replay = await _created_twice(client, "/api/v0/archer", body, {})
    for answer in (first, replay):
        assert answer.headers["location"] == "/api/v0/archer/me"
    login = await client.post(
        "/api/v0/auth/login", json={"email": body["email"], "password": PASSWORD}
    )
    me = await client.get(
        first.headers["location"],
        headers={"Authorization": f"Bearer {login.json()['access_token']}"},
    )
    assert me.json()["id"] == first.json()["id"]
    async with pool.acquire() as conn:
        accounts = await conn.fetchval(
            "SELECT count(*) FROM archer WHERE lower(email) = lower($1)", body["email"]
        )
        hashes = await conn.fetch("SELECT request_hash FROM idempotency_key")
    assert accounts == 1
    # What the key keeps says nothing fast about the password.
    registration = ArcherRegistration.model_validate(body)
    with_password = hashlib.sha256(registration.model_dump_json().encode()).digest()
    assert with_password not in [row["request_hash"] for row in hashes]


async def test_a_registration_key_is_scoped_to_its_email(client: AsyncClient) -> None:
    key = _key()
    first = await client.post("/api/v0/archer", json=registration_payload(), headers=key)
    other = await client.post("/api/v0/archer", json=registration_payload(), headers=key)
    assert (first.status_code, other.status_code) == (201, 201)
    assert "idempotent-replayed" not in other.headers
    assert other.json()["id"] != first.json()["id"]


async def test_a_registration_key_reused_with_other_details_is_refused(
    client: AsyncClient,
) -> None:
    key = _key()
    body = registration_payload()
    assert (await client.post("/api/v0/archer", json=body, headers=key)).status_code == 201
    changed = await client.post(
        "/api/v0/archer", json={**body, "first_name": "Marian"}, headers=key
    )
    assert changed.status_code == 422
    assert changed.json()["code"] == "idempotency_key_reused"


async def test_a_ticket_is_retried_safely_and_has_no_location(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    session_id = await open_session(client, archer)
    url = f"/api/v0/session/{session_id}/ws_ticket"
    first, replay = await _created_twice(client, url, None, archer.headers)
    for answer in (first, replay):
        assert "location" not in answer.headers
    fresh = await client.post(url, headers=archer.headers)
    assert fresh.json()["ticket"] != first.json()["ticket"]
    elsewhere = await client.post(
        f"/api/v0/session/{await open_session(client, archer)}/ws_ticket",
        headers={**archer.headers, "Idempotency-Key": "ticket-key"},
    )
    reused = await client.post(url, headers={**archer.headers, "Idempotency-Key": "ticket-key"})
    assert elsewhere.status_code == 201
    assert reused.status_code == 422 and reused.json()["code"] == "idempotency_key_reused"
