"""Cursors are tamper-evident: signed with the deployment's key, so a forged, edited or foreign
one is a 422 ``invalid_cursor``, while every process of the deployment accepts the others'."""

import base64
import hashlib
import json
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from conftest import ArcherAccount, join, open_session, shoot
from quiver.app import create_app
from quiver.core.pagination import cursor_key, encode_cursor
from quiver.core.settings import Settings


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unsigned(position: dict[str, Any], filters: dict[str, Any]) -> str:
    """A cursor as the unsigned scheme wrote one: anyone could make it."""
    canonical = json.dumps(filters, sort_keys=True, separators=(",", ":"))
    fingerprint = hashlib.sha256(canonical.encode()).hexdigest()[:16]
    return _b64(json.dumps({"p": position, "f": fingerprint}).encode())


def assert_invalid_cursor(response: Any) -> None:
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "invalid_cursor"
    assert problem["errors"] == [{"pointer": "#/query/cursor", "detail": problem["detail"]}]


@pytest.fixture
async def slot(client: AsyncClient, archer: ArcherAccount) -> dict[str, Any]:
    slot = await join(client, archer, await open_session(client, archer))
    response = await shoot(client, archer, slot["id"], *[{"value": "9"}] * 3)
    assert response.status_code == 201
    return slot


@pytest.mark.parametrize(
    "forged",
    [
        _b64(b'{"seq":true}'),
        _b64(b'{"seq":0}'),
        # Right shape and fingerprint: the unsigned scheme accepted these.
        "{slot}",
    ],
)
async def test_a_forged_shot_cursor_is_refused(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any], forged: str
) -> None:
    if forged == "{slot}":
        forged = _unsigned({"seq": True}, {"slot_id": slot["id"]})
    response = await client.get(
        f"/api/v0/slot/{slot['id']}/shot", params={"cursor": forged}, headers=archer.headers
    )
    assert_invalid_cursor(response)


async def test_a_forged_session_cursor_is_refused(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    await open_session(client, archer)
    filters = {"is_opened": None, "start_from": None, "start_to": None}
    position = {
        "start_time": "2999-01-01T00:00:00+00:00",
        "id": "00000000-0000-0000-0000-000000000000",
    }
    for forged in (_b64(b'{"seq":true}'), _unsigned(position, filters)):
        response = await client.get(
            "/api/v0/session", params={"cursor": forged}, headers=archer.headers
        )
        assert_invalid_cursor(response)


async def test_an_edited_cursor_keeps_no_signature(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    url = f"/api/v0/slot/{slot['id']}/shot"
    cursor = (await client.get(url, params={"limit": 1}, headers=archer.headers)).json()[
        "next_cursor"
    ]
    payload, tag = cursor.split(".")
    content = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    content["p"]["seq"] = -1
    edited = _b64(json.dumps(content, separators=(",", ":")).encode())
    for bad in (f"{edited}.{tag}", payload, f"{payload}.", f"{payload}.{tag[:-2]}"):
        assert_invalid_cursor(await client.get(url, params={"cursor": bad}, headers=archer.headers))
    resumed = await client.get(url, params={"cursor": cursor}, headers=archer.headers)
    assert resumed.status_code == 200 and len(resumed.json()["items"]) == 2


async def test_a_cursor_of_another_deployment_is_refused(
    client: AsyncClient, archer: ArcherAccount, slot: dict[str, Any]
) -> None:
    with cursor_key(b"another deployment's cursor key!"):
        foreign = encode_cursor({"seq": 0}, {"slot_id": slot["id"]})
    response = await client.get(
        f"/api/v0/slot/{slot['id']}/shot", params={"cursor": foreign}, headers=archer.headers
    )
    assert_invalid_cursor(response)


async def test_every_process_of_a_deployment_accepts_the_others_cursors(
    app: FastAPI, settings: Settings, client: AsyncClient, archer: ArcherAccount
) -> None:
    """A second app on the same database (another worker, or a restart) shares the key."""
    for hour in range(3):
        await open_session(client, archer, start_time=f"2026-11-26T1{hour}:00:00Z")
    first = await client.get("/api/v0/session", params={"limit": 2}, headers=archer.headers)
    other = create_app(settings)
    async with other.router.lifespan_context(other):
        assert other.state.cursor_key == app.state.cursor_key
        async with AsyncClient(
            transport=ASGITransport(app=other), base_url="http://test"
        ) as elsewhere:
            second = await elsewhere.get(
                "/api/v0/session",
                params={"limit": 2, "cursor": first.json()["next_cursor"]},
                headers=archer.headers,
            )
    assert second.status_code == 200, second.text
    starts = [item["start_time"] for item in first.json()["items"] + second.json()["items"]]
    assert starts == ["2026-11-26T12:00:00Z", "2026-11-26T11:00:00Z", "2026-11-26T10:00:00Z"]
