"""Logging in and out."""

from typing import Annotated

from fastapi import APIRouter, Response, status

from quiver.core.auth import CurrentArcher, PasswordHasher
from quiver.core.db import AppSettings, Conn, DbPool
from quiver.core.validation import json_body
from quiver.schemas.api import AccessToken, LoginRequest
from quiver.services import auth

router = APIRouter(prefix="/api/v0/auth", tags=["auth"])


@router.post("/login", operation_id="logIn", status_code=status.HTTP_200_OK)
async def log_in(
    credentials: Annotated[LoginRequest, json_body(LoginRequest)],
    pool: DbPool,
    passwords: PasswordHasher,
    settings: AppSettings,
) -> AccessToken:
    return await auth.log_in(pool, passwords, credentials, settings.token_ttl_seconds)


@router.post("/logout", operation_id="logOut", status_code=status.HTTP_204_NO_CONTENT)
async def log_out(principal: CurrentArcher, conn: Conn) -> Response:
    await auth.log_out(conn, principal)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
