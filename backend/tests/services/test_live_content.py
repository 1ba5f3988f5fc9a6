"""What the live channel says about a backlog of events: every message, each object loaded once."""

from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID, uuid4

import orjson
import pytest
from httpx import AsyncClient

from conftest import ArcherAccount, ArcherFactory, join, open_session, shoot
from quiver.core.db import Pool
from quiver.models import shot as shot_model
from quiver.models import statistics as statistics_model
from quiver.services import sessions, slots
from quiver.services.live.broker import EventType, Notification
from quiver.services.live.content import SessionContent


def counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[tuple[Any, ...]]:
    """Record the calls of ``module.name`` from now on."""
    calls: list[tuple[Any, ...]] = []
    original: Callable[..., Awaitable[Any]] = getattr(module, name)

    async def recorded(*args: Any) -> Any:
        calls.append(args)
        return await original(*args)

    monkeypatch.setattr(module, name, recorded)
    return calls


async def test_a_backlog_of_one_slots_arrows_loads_their_shots_and_statistics_once(
    client: AsyncClient, archer: ArcherAccount, pool: Pool, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = await open_session(client, archer)
    slot = await join(client, archer, session_id)
    shot_ids = []
    for value in ("10", "9", "8", "7", "6"):
        response = await shoot(client, archer, slot["id"], {"value": value})
        assert response.status_code == 201, response.text
        shot_ids.append(response.json()["items"][0]["id"])
    deleted = shot_ids.pop()
    response = await client.delete(f"/api/v0/shot/{deleted}", headers=archer.headers)
    assert response.status_code == 204
    created = [
        Notification(
            EventType.SHOT_CREATED, UUID(session_id), uuid4(), UUID(slot["id"]), (UUID(shot_id),)
        )
        for shot_id in [*shot_ids, deleted]
    ]
    removal = Notification(
        EventType.SHOT_DELETED, UUID(session_id), uuid4(), UUID(slot["id"]), (UUID(deleted),)
    )
    statistics_loads = counting(monkeypatch, statistics_model, "select_slot_statistics")
    shot_loads = counting(monkeypatch, shot_model, "select_shots_json")

    async with pool.acquire() as conn:
        rendered = await SessionContent().render_events(conn, [*created, removal], UUID(archer.id))

    assert len(statistics_loads) == 1 and len(shot_loads) == 1
    # The arrow deleted since has nothing left to announce; its deletion is announced.
    assert rendered[-2] is None
    messages = [orjson.loads(message) for message in rendered if message is not None]
    assert [m["event_id"] for m in messages] == [str(n.event_id) for n in [*created[:-1], removal]]
    assert [m["data"]["shots"][0]["id"] for m in messages[:-1]] == shot_ids
    assert messages[-1]["data"]["shot_id"] == deleted
    # Every message carries the slot's statistics as they are now.
    current = await client.get(f"/api/v0/slot/{slot['id']}/statistics", headers=archer.headers)
    assert all(m["data"]["statistics"] == current.json() for m in messages)


async def test_a_backlog_loads_its_session_and_each_slot_once(
    client: AsyncClient, archer: ArcherAccount, pool: Pool, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = await open_session(client, archer)
    slot = await join(client, archer, session_id)
    session, slot_id = UUID(session_id), UUID(slot["id"])
    backlog = [
        Notification(EventType.SESSION_UPDATED, session, uuid4()),
        Notification(EventType.SLOT_LEFT, session, uuid4(), slot_id),
        Notification(EventType.SLOT_JOINED, session, uuid4(), slot_id),
        Notification(EventType.SESSION_CLOSED, session, uuid4()),
        Notification(EventType.SLOT_JOINED, session, uuid4(), uuid4()),
    ]
    session_loads = counting(monkeypatch, sessions, "get_session")
    slot_loads = counting(monkeypatch, slots, "get_slot")
    async with pool.acquire() as conn:
        rendered = await SessionContent().render_events(conn, backlog, UUID(archer.id))
    assert len(session_loads) == 1
    assert sorted(str(call[2]) for call in slot_loads) == sorted(
        [slot["id"], str(backlog[-1].slot_id)]
    )
    assert rendered[-1] is None, "a slot that does not exist has nothing to announce"
    messages = [orjson.loads(message) for message in rendered if message is not None]
    assert [m["type"] for m in messages] == [n.type.value for n in backlog[:-1]]
    assert messages[0]["data"]["id"] == messages[3]["data"]["id"] == session_id
    assert messages[1]["data"]["id"] == messages[2]["data"]["id"] == slot["id"]


async def test_shots_are_loaded_by_id_for_an_archer_who_may_see_them_only(
    client: AsyncClient, archer_factory: ArcherFactory, pool: Pool
) -> None:
    owner, stranger = await archer_factory(), await archer_factory()
    session_id = await open_session(client, owner)
    slot = await join(client, owner, session_id)
    response = await shoot(client, owner, slot["id"], {"value": "10"}, {"value": "9"})
    shot_ids = [UUID(shot["id"]) for shot in response.json()["items"]]
    async with pool.acquire() as conn:
        seen = await shot_model.select_shots_json(conn, [*shot_ids, uuid4()], UUID(owner.id))
        hidden = await shot_model.select_shots_json(conn, shot_ids, UUID(stranger.id))
    assert set(seen) == set(shot_ids) and hidden == {}
    assert {orjson.loads(rendered)["id"] for rendered in seen.values()} == set(map(str, shot_ids))
