"""Logging in and out."""

from typing import Annotated

from fastapi import APIRouter, Response, status

from quiver.core.db import AppSettings, Conn, DbPool
from quiver.core.oidc import Oidc
from quiver.core.validation import json_body
from quiver.routers.dependencies import CurrentArcher, PasswordHasher, SignInThrottle
from quiver.schemas.api import AccessToken, AuthProviderList, LoginRequest, OidcLogin
from quiver.services import auth, oidc

router = APIRouter(prefix="/api/v0/auth", tags=["auth"])


@router.post("/login", operation_id="logIn", status_code=status.HTTP_200_OK)
async def log_in(
    credentials: Annotated[LoginRequest, json_body(LoginRequest)],
    pool: DbPool,
    passwords: PasswordHasher,
    settings: AppSettings,
    throttle: SignInThrottle,
) -> AccessToken:
    await throttle.login(credentials.email)
    return await auth.log_in(pool, passwords, credentials, settings.token_ttl_seconds)


@router.post("/oidc", operation_id="logInWithOidc", status_code=status.HTTP_200_OK)
async def log_in_with_oidc(
    login: Annotated[OidcLogin, json_body(OidcLogin)],
    pool: DbPool,
    verifiers: Oidc,
    settings: AppSettings,
    throttle: SignInThrottle,
) -> AccessToken:
    await throttle.oidc_login()
    return await oidc.log_in_with_oidc(pool, verifiers, login, settings.token_ttl_seconds)


@router.get("/providers", operation_id="listAuthProviders", status_code=status.HTTP_200_OK)
async def list_auth_providers(verifiers: Oidc) -> AuthProviderList:
    return oidc.list_providers(verifiers)


@router.post("/logout", operation_id="logOut", status_code=status.HTTP_204_NO_CONTENT)
async def log_out(principal: CurrentArcher, conn: Conn) -> Response:
    await auth.log_out(conn, principal)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
