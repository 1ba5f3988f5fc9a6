"""The generated Python SDK (clients/python/, installed as ``quiver-client``) against a real
`quiver serve`: an archer's whole practice flow, and error answers as typed exceptions."""

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from http import HTTPStatus
from uuid import uuid4

import httpx
import pytest
from quiver_client import AuthenticatedClient, Client, QuiverProblem, expect, raise_for_problem
from quiver_client.api.archer import register_archer
from quiver_client.api.auth import log_in
from quiver_client.api.session import create_session, get_session
from quiver_client.api.shot import create_shots, list_shots
from quiver_client.api.slot import join_session
from quiver_client.api.statistics import get_slot_statistics
from quiver_client.errors import UnexpectedStatus
from quiver_client.models import (
    AccessToken,
    Archer,
    ArcherRegistration,
    LoginRequest,
    PlottedArrow,
    Session,
    SessionCreate,
    ShotCreate,
    ShotList,
    ShotPage,
    Slot,
    SlotJoinRound,
    SlotStatistics,
    ValueArrow,
)
from quiver_client.types import Response

from conftest import PASSWORD, fresh_database
from tests.e2e.test_ws_processes import quiver_serve


@pytest.fixture(scope="module")
def sdk_database(server_dsn: str, worker_id: str) -> Iterator[str]:
    with fresh_database(server_dsn, "quiver_sdk_e2e", worker_id) as url:
        yield url


@pytest.fixture(scope="module")
async def served(sdk_database: str) -> AsyncIterator[str]:
    """The base URL of one `quiver serve` process on a database of its own."""
    async with quiver_serve(sdk_database) as (base_url, _):
        yield base_url


async def _signed_in(base_url: str) -> AuthenticatedClient:
    """A client for a newly registered archer, logged in through the SDK."""
    email = f"sdk-{uuid4().hex[:12]}@example.org"
    registration = ArcherRegistration(
        email=email,
        password=PASSWORD,
        first_name="Robin",
        last_name="Hood",
        bowstyle="recurve",
        draw_weight_lb=38.5,
    )
    async with Client(base_url=base_url) as anonymous:
        archer = expect(
            await register_archer.asyncio_detailed(client=anonymous, body=registration), Archer
        )
        login = LoginRequest(email=email, password=PASSWORD)
        token = expect(await log_in.asyncio_detailed(client=anonymous, body=login), AccessToken)
    assert token.archer_id == archer.id
    return AuthenticatedClient(base_url=base_url, token=token.access_token)


def _session_body(distance: float = 70) -> SessionCreate:
    return SessionCreate(
        is_opened=True,
        start_time=datetime(2026, 11, 26, 10, tzinfo=UTC),
        location="Sherwood range",
        is_indoor=False,
        distance=distance,
    )


async def test_an_archer_scores_a_round_through_the_sdk(served: str) -> None:
    async with await _signed_in(served) as client:
        session = expect(
            await create_session.asyncio_detailed(client=client, body=_session_body()), Session
        )
        joined = await join_session.asyncio_detailed(
            session.id, client=client, body=SlotJoinRound(round_code="wa720_70")
        )
        slot = expect(joined, Slot)
        assert (slot.round_code, slot.face_type, slot.arrows_per_end) == ("wa720_70", "wa_122", 6)

        # One end, then the same request again after (say) a lost answer: same key, same body.
        end = ShotCreate(
            arrows=[PlottedArrow(x_mm=0.0, y_mm=0.0) for _ in range(3)]
            + [ValueArrow(value="9"), ValueArrow(value="8"), ValueArrow(value="M")]
        )
        key = uuid4().hex
        first = await create_shots.asyncio_detailed(
            slot.id, client=client, body=end, idempotency_key=key
        )
        retry = await create_shots.asyncio_detailed(
            slot.id, client=client, body=end, idempotency_key=key
        )
        recorded, replayed = expect(first, ShotList), expect(retry, ShotList)
        assert first.status_code == retry.status_code == HTTPStatus.CREATED
        assert "idempotent-replayed" not in first.headers
        assert retry.headers["idempotent-replayed"] == "true"
        assert [shot.id for shot in replayed.items] == [shot.id for shot in recorded.items]
        assert [shot.value_label for shot in recorded.items] == ["X", "X", "X", "9", "8", "M"]
        shots = expect(await list_shots.asyncio_detailed(slot.id, client=client), ShotPage)
        assert len(shots.items) == 6, "the retry recorded nothing"

        statistics = await get_slot_statistics.asyncio_detailed(slot.id, client=client)
        figures = expect(statistics, SlotStatistics)
        assert (figures.arrows_shot, figures.total_score, figures.end_count) == (6, 47, 1)
        assert (figures.x_count, figures.ten_count, figures.miss_count) == (3, 3, 1)
        assert [(end.end_number, end.total) for end in figures.ends] == [(1, 47)]

        # A conditional read of unchanged statistics is a 304 without a model to return.
        unchanged = await get_slot_statistics.asyncio_detailed(
            slot.id, client=client, if_none_match=statistics.headers["etag"]
        )
        assert unchanged.status_code == HTTPStatus.NOT_MODIFIED
        with pytest.raises(UnexpectedStatus):
            expect(unchanged, SlotStatistics)


async def test_an_unknown_session_is_a_typed_404_problem(served: str) -> None:
    async with await _signed_in(served) as client:
        response = await get_session.asyncio_detailed(
            uuid4(), client=client, x_request_id="sdk-unknown-session"
        )
    with pytest.raises(QuiverProblem) as raised:
        expect(response, Session)
    problem = raised.value
    assert (problem.status, problem.code) == (404, "session_not_found")
    assert problem.title and problem.detail and problem.errors == []
    assert problem.request_id == response.headers["x-request-id"] == "sdk-unknown-session"
    assert problem.instance.startswith("/api/v0/session/")
    assert str(problem).startswith("404 session_not_found: ")


async def test_a_bad_payload_is_a_typed_422_problem_naming_the_field(served: str) -> None:
    async with await _signed_in(served) as client:
        response = await create_session.asyncio_detailed(
            client=client, body=_session_body(distance=500), idempotency_key=uuid4().hex
        )
    with pytest.raises(QuiverProblem) as raised:
        raise_for_problem(response)
    problem = raised.value
    assert (problem.status, problem.code) == (422, "validation_failed")
    assert problem.detail and problem.request_id == response.headers["x-request-id"]
    assert [error.pointer for error in problem.errors] == ["/distance"]
    assert all(error.detail for error in problem.errors)


def test_an_error_answer_without_a_problem_document_still_raises_a_problem() -> None:
    """Say, a proxy's HTML page: the status and the body are kept."""
    response: Response[None] = Response(
        status_code=HTTPStatus.BAD_GATEWAY,
        content=b"<html>Bad Gateway</html>",
        headers=httpx.Headers({"X-Request-ID": "from-the-proxy"}),
        parsed=None,
    )
    with pytest.raises(QuiverProblem) as raised:
        raise_for_problem(response)
    problem = raised.value
    assert (problem.status, problem.code, problem.title) == (
        502,
        "unexpected_response",
        "Bad Gateway",
    )
    assert (problem.detail, problem.request_id) == ("<html>Bad Gateway</html>", "from-the-proxy")
