"""The session list's cursor: bound to its filters, opaque, and rejected when garbled."""

import base64
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from quiver.core.errors import UnprocessableError
from quiver.core.pagination import cursor_key, encode_cursor
from quiver.services.sessions import SessionFilters, session_cursor, session_cursor_position

START = datetime(2025, 8, 20, 9, 30, 15, 123456, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _deployment_key() -> Iterator[None]:
    """Cursors are signed with the deployment's key, which the app binds to each request."""
    with cursor_key(b"a test key for signing cursors.."):
        yield


def test_a_cursor_resumes_after_the_session_it_was_made_from() -> None:
    session_id = uuid4()
    filters = SessionFilters(is_opened=True, start_from=START - timedelta(days=1))
    cursor = session_cursor(START, session_id, filters)
    assert session_cursor_position(cursor, filters) == (START, session_id)
    assert "=" not in cursor and "+" not in cursor and "/" not in cursor


def test_the_same_instant_written_in_another_offset_is_the_same_filter() -> None:
    plus_two = timezone(timedelta(hours=2))
    cursor = session_cursor(START, uuid4(), SessionFilters(start_to=START))
    same = SessionFilters(start_to=START.astimezone(plus_two))
    assert session_cursor_position(cursor, same)[0] == START


@pytest.mark.parametrize(
    "other",
    [
        SessionFilters(),
        SessionFilters(is_opened=False),
        SessionFilters(is_opened=True, start_to=START),
    ],
)
def test_a_cursor_is_rejected_with_other_filters(other: SessionFilters) -> None:
    cursor = session_cursor(START, uuid4(), SessionFilters(is_opened=True))
    with pytest.raises(UnprocessableError) as raised:
        session_cursor_position(cursor, other)
    assert raised.value.code == "invalid_cursor"
    assert raised.value.errors == [("#/query/cursor", raised.value.detail)]


@pytest.mark.parametrize(
    "cursor",
    [
        "x",
        "!!!!",
        base64.urlsafe_b64encode(b"null").decode(),
        base64.urlsafe_b64encode(b'{"p": [], "f": 1}').decode(),
    ],
)
def test_a_garbled_cursor_is_rejected(cursor: str) -> None:
    with pytest.raises(UnprocessableError) as raised:
        session_cursor_position(cursor, SessionFilters())
    assert raised.value.code == "invalid_cursor"


@pytest.mark.parametrize(
    "position",
    [
        {"start_time": "2025-08-20T09:00:00", "id": str(uuid4())},
        {"start_time": "noon", "id": str(uuid4())},
        {"start_time": START.isoformat(), "id": 7},
        {"start_time": START.isoformat()},
    ],
)
def test_a_cursor_with_the_right_fingerprint_but_a_bad_position_is_rejected(
    position: dict[str, object],
) -> None:
    filters = SessionFilters()
    cursor = encode_cursor(position, filters.fingerprint())
    with pytest.raises(UnprocessableError) as raised:
        session_cursor_position(cursor, filters)
    assert raised.value.code == "invalid_cursor"
