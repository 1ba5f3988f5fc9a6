"""Archer accounts."""

from typing import Annotated

from fastapi import APIRouter, Response, status

from quiver.core.auth import CurrentArcher, PasswordHasher
from quiver.core.db import Conn, DbPool
from quiver.core.validation import json_body
from quiver.schemas.api import Archer, ArcherRegistration, ArcherUpdate
from quiver.services import archers

router = APIRouter(prefix="/api/v0/archer", tags=["archer"])


@router.post("", operation_id="registerArcher", status_code=status.HTTP_201_CREATED)
async def register_archer(
    registration: Annotated[ArcherRegistration, json_body(ArcherRegistration)],
    pool: DbPool,
    passwords: PasswordHasher,
) -> Archer:
    return await archers.register_archer(pool, passwords, registration)


@router.get("/me", operation_id="getMyArcher", status_code=status.HTTP_200_OK)
async def get_my_archer(principal: CurrentArcher, conn: Conn) -> Archer:
    return await archers.get_archer(conn, principal.archer_id)


@router.patch("/me", operation_id="updateMyArcher", status_code=status.HTTP_200_OK)
async def update_my_archer(
    principal: CurrentArcher, changes: Annotated[ArcherUpdate, json_body(ArcherUpdate)], conn: Conn
) -> Archer:
    return await archers.update_archer(conn, principal.archer_id, changes)


@router.delete("/me", operation_id="deleteMyArcher", status_code=status.HTTP_204_NO_CONTENT)
async def delete_my_archer(principal: CurrentArcher, conn: Conn) -> Response:
    await archers.delete_archer(conn, principal.archer_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
