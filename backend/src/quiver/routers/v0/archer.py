"""Archer accounts."""

from http import HTTPStatus
from typing import Annotated

from fastapi import APIRouter, Response, status

from quiver.core.conditional import IfMatch, IfNoneMatch, tagged_response
from quiver.core.db import Conn, DbPool
from quiver.core.validation import json_body
from quiver.routers.dependencies import (
    CurrentArcher,
    IdempotencyKey,
    PasswordHasher,
    SignInThrottle,
)
from quiver.schemas.api import ArcherRegistration, ArcherUpdate
from quiver.services import archers
from quiver.services.idempotency import run_idempotently

router = APIRouter(prefix="/api/v0/archer", tags=["archer"])


@router.post("", operation_id="registerArcher", status_code=status.HTTP_201_CREATED)
async def register_archer(
    registration: Annotated[ArcherRegistration, json_body(ArcherRegistration)],
    pool: DbPool,
    passwords: PasswordHasher,
    throttle: SignInThrottle,
    idempotency_key: IdempotencyKey,
) -> Response:
    await throttle.registration(registration.email)
    # Hashed before a connection is borrowed, for the insert alone.
    password_hash = await passwords.hash(registration.password)
    async with pool.acquire() as conn:
        return await run_idempotently(
            conn,
            scope=archers.registration_scope(registration.email),
            key=idempotency_key,
            operation="registerArcher",
            payload=archers.registration_fingerprint(registration),
            status=HTTPStatus.CREATED,
            action=lambda: archers.register_archer(conn, password_hash, registration),
            location=lambda _: "/api/v0/archer/me",
        )


@router.get("/me", operation_id="getMyArcher", status_code=status.HTTP_200_OK)
async def get_my_archer(
    principal: CurrentArcher, conn: Conn, if_none_match: IfNoneMatch
) -> Response:
    archer = await archers.get_archer(conn, principal.archer_id)
    return tagged_response(archer, if_none_match=if_none_match)


@router.patch("/me", operation_id="updateMyArcher", status_code=status.HTTP_200_OK)
async def update_my_archer(
    principal: CurrentArcher,
    changes: Annotated[ArcherUpdate, json_body(ArcherUpdate)],
    conn: Conn,
    if_match: IfMatch,
) -> Response:
    updated = await archers.update_archer(conn, principal.archer_id, changes, if_match=if_match)
    return tagged_response(updated)


@router.delete("/me", operation_id="deleteMyArcher", status_code=status.HTTP_204_NO_CONTENT)
async def delete_my_archer(principal: CurrentArcher, conn: Conn, if_match: IfMatch) -> Response:
    await archers.delete_archer(conn, principal.archer_id, if_match=if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
