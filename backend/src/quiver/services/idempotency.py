"""``Idempotency-Key`` support for creating POSTs (Stripe's semantics).

The key is claimed, the operation runs and its response is stored, all in one transaction:
a retry waits for the first attempt, then replays its status and body; a failed attempt
rolls its claim back, so a retry runs again. The same key with a different body is a 422.
The header itself is read and validated by ``routers.dependencies.IdempotencyKey``.

A created resource's ``Location`` is derived from the response body, the first answer's and a
replay's alike.
"""

import hashlib
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from uuid import UUID

import orjson
from pydantic import BaseModel
from starlette.responses import Response

from quiver.core.db import Connection
from quiver.core.errors import UnprocessableError
from quiver.core.responses import json_bytes
from quiver.models import idempotency as idempotency_model

# The path of a created resource, from the response body that describes it.
Location = Callable[[bytes], str]


def location_of(template: str) -> Location:
    """The ``Location`` of a resource whose body has an ``id``: ``template`` with that id."""

    def location(body: bytes) -> str:
        return template.format(id=orjson.loads(body)["id"])

    return location


def _headers(location: Location | None, body: bytes) -> dict[str, str]:
    return {} if location is None else {"Location": location(body)}


async def run_idempotently(
    conn: Connection,
    *,
    scope: UUID,
    key: str | None,
    operation: str,
    payload: BaseModel | None,
    status: HTTPStatus,
    action: Callable[[], Awaitable[BaseModel | bytes]],
    location: Location | None = None,
) -> Response:
    """Run ``action`` once per (scope, key) and answer retries with the stored response;
    ``payload`` is what a retry must repeat (None: nothing but the operation)."""
    if key is None:
        body = json_bytes(await action())
        return Response(body, int(status), _headers(location, body), "application/json")
    request = b"" if payload is None else payload.model_dump_json().encode()
    request_hash = hashlib.sha256(request).digest()
    async with conn.transaction():
        if await idempotency_model.insert_idempotency_claim(
            conn, scope, key, operation, request_hash
        ):
            body = json_bytes(await action())
            await idempotency_model.update_idempotency_response(conn, scope, key, status, body)
            return Response(body, int(status), _headers(location, body), "application/json")
        stored = await idempotency_model.select_idempotency_key(conn, scope, key)
    assert stored is not None
    if stored["operation"] != operation or stored["request_hash"] != request_hash:
        raise UnprocessableError(
            "idempotency_key_reused",
            "This Idempotency-Key was already used with a different request.",
            pointer="#/header/Idempotency-Key",
        )
    body = bytes(stored["response_body"])
    return Response(
        body,
        stored["status_code"],
        headers={"Idempotent-Replayed": "true", **_headers(location, body)},
        media_type="application/json",
    )
