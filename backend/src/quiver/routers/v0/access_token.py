"""Personal access tokens."""

from http import HTTPStatus
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from quiver.core.conditional import IfNoneMatch, tagged_response
from quiver.core.db import Conn
from quiver.core.keyset import Cursor
from quiver.core.responses import json_response
from quiver.core.validation import json_body
from quiver.routers.dependencies import CurrentArcher, IdempotencyKey
from quiver.schemas.api import AccessTokenCreate
from quiver.services import access_tokens

router = APIRouter(prefix="/api/v0/access_token", tags=["access_token"])


@router.post("", operation_id="createAccessToken", status_code=status.HTTP_201_CREATED)
async def create_access_token(
    principal: CurrentArcher,
    payload: Annotated[AccessTokenCreate, json_body(AccessTokenCreate)],
    conn: Conn,
    idempotency_key: IdempotencyKey,
) -> Response:
    created, replayed = await access_tokens.create_access_token(
        conn, principal.archer_id, payload, idempotency_key
    )
    response = json_response(created, HTTPStatus.CREATED)
    response.headers["Location"] = f"{router.prefix}/{created.id}"
    # The body holds the secret: no cache may keep it.
    response.headers["Cache-Control"] = "no-store"
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return response


@router.get("", operation_id="listAccessTokens", status_code=status.HTTP_200_OK)
async def list_access_tokens(
    principal: CurrentArcher,
    conn: Conn,
    if_none_match: IfNoneMatch,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Cursor = None,
) -> Response:
    page = await access_tokens.list_access_tokens(
        conn, principal.archer_id, limit=limit, cursor=cursor
    )
    return tagged_response(page, if_none_match=if_none_match, weak=True)


@router.get("/{token_id}", operation_id="getAccessToken", status_code=status.HTTP_200_OK)
async def get_access_token(
    token_id: UUID, principal: CurrentArcher, conn: Conn, if_none_match: IfNoneMatch
) -> Response:
    token = await access_tokens.get_access_token(conn, principal.archer_id, token_id)
    return tagged_response(token, if_none_match=if_none_match)


@router.delete(
    "/{token_id}", operation_id="revokeAccessToken", status_code=status.HTTP_204_NO_CONTENT
)
async def revoke_access_token(token_id: UUID, principal: CurrentArcher, conn: Conn) -> Response:
    await access_tokens.revoke_access_token(conn, principal.archer_id, token_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
