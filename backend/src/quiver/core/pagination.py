"""Opaque keyset cursors: the position after the last item, bound to the query's filters and
signed, so that a client can neither forge a position nor reuse a cursor with other filters.

The signing key is the deployment's (``deployment_secret``, made by the first process that
needs it, see ``load_cursor_key``): every worker and every restart accepts the cursors of the
others. The app's ``CursorKeyMiddleware`` binds it to each request, so listings call
``encode_cursor`` and ``decode_cursor`` without threading it through every layer.
"""

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from starlette.datastructures import State
from starlette.types import ASGIApp, Receive, Scope, Send

from quiver.core.db import Executor
from quiver.core.errors import UnprocessableError

_INVALID = "The cursor is not one this listing returned with the same filters."
CURSOR_KEY_NAME = "cursor"
_KEY_BYTES = 32
# 128 bits of HMAC-SHA256 keep cursors short and forging one out of reach.
_TAG_BYTES = 16

_signing_key: ContextVar[bytes] = ContextVar("cursor_signing_key")


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _fingerprint(filters: Mapping[str, Any]) -> str:
    canonical = json.dumps(filters, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def _tag(payload: bytes) -> bytes:
    try:
        key = _signing_key.get()
    except LookupError:
        raise RuntimeError("no cursor key is bound: see CursorKeyMiddleware") from None
    return hmac.digest(key, payload, hashlib.sha256)[:_TAG_BYTES]


def invalid_cursor() -> UnprocessableError:
    """The 422 of a cursor this listing cannot resume from."""
    return UnprocessableError("invalid_cursor", _INVALID, pointer="#/query/cursor")


def encode_cursor(position: Mapping[str, Any], filters: Mapping[str, Any]) -> str:
    """A cursor that resumes after ``position`` for the listing with ``filters``."""
    payload = json.dumps(
        {"p": dict(position), "f": _fingerprint(filters)}, default=str, separators=(",", ":")
    ).encode()
    return f"{_b64(payload)}.{_b64(_tag(payload))}"


def decode_cursor(cursor: str, filters: Mapping[str, Any]) -> dict[str, Any]:
    """The position a cursor resumes after; a 422 ``invalid_cursor`` for a garbled, forged or
    foreign cursor (another deployment's, or another listing's) or other filters."""
    encoded, _, tag = cursor.partition(".")
    try:
        payload = _unb64(encoded)
        signed = hmac.compare_digest(_unb64(tag), _tag(payload))
    except (binascii.Error, ValueError) as exc:
        raise invalid_cursor() from exc
    if not signed:
        raise invalid_cursor()
    # Signed, so made here; another listing's cursor may still hold another shape.
    content = json.loads(payload)
    position = content.get("p") if isinstance(content, dict) else None
    if not isinstance(position, dict) or content.get("f") != _fingerprint(filters):
        raise invalid_cursor()
    return position


async def load_cursor_key(db: Executor) -> bytes:
    """The deployment's cursor key, made now if no process has made it yet."""
    # Two statements, not one: after a concurrent first start, the row the other process
    # committed is visible only to a statement that starts after the insert waited for it.
    await db.execute(
        """INSERT INTO deployment_secret (name, secret) VALUES ($1, $2)
           ON CONFLICT (name) DO NOTHING""",
        CURSOR_KEY_NAME,
        secrets.token_bytes(_KEY_BYTES),
    )
    key: bytes = await db.fetchval(
        "SELECT secret FROM deployment_secret WHERE name = $1", CURSOR_KEY_NAME
    )
    return key


@contextmanager
def cursor_key(key: bytes) -> Iterator[None]:
    """Sign and check cursors with ``key`` inside the block (outside a request: tools, tests)."""
    token = _signing_key.set(key)
    try:
        yield
    finally:
        _signing_key.reset(token)


class CursorKeyMiddleware:
    """Binds the app's cursor key (``state.cursor_key``, loaded by the lifespan) to each
    request: one context-variable set per request."""

    def __init__(self, app: ASGIApp, *, state: State) -> None:
        self._app = app
        self._state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Absent only before the lifespan has run (an app serving static files in a test).
        key: bytes | None = getattr(self._state, "cursor_key", None)
        if key is not None:
            _signing_key.set(key)
        await self._app(scope, receive, send)
