"""Opaque keyset cursors: the position after the last item, bound to the query's filters."""

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from quiver.core.errors import UnprocessableError

_INVALID = "The cursor is not one this listing returned with the same filters."


def _fingerprint(filters: Mapping[str, Any]) -> str:
    canonical = json.dumps(filters, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def encode_cursor(position: Mapping[str, Any], filters: Mapping[str, Any]) -> str:
    """A cursor that resumes after ``position`` for the listing with ``filters``."""
    payload = {"p": dict(position), "f": _fingerprint(filters)}
    raw = json.dumps(payload, default=str, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, filters: Mapping[str, Any]) -> dict[str, Any]:
    """The position a cursor resumes after; a 422 for a garbled cursor or other filters."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
        position = payload["p"]
        valid = isinstance(position, dict) and payload["f"] == _fingerprint(filters)
    except (binascii.Error, ValueError, KeyError, TypeError) as exc:
        raise UnprocessableError("invalid_cursor", _INVALID, pointer="#/query/cursor") from exc
    if not valid:
        raise UnprocessableError("invalid_cursor", _INVALID, pointer="#/query/cursor")
    resumed: dict[str, Any] = position
    return resumed
