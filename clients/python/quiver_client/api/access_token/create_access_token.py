from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.access_token_create import AccessTokenCreate
from ...models.personal_access_token_created import PersonalAccessTokenCreated
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: AccessTokenCreate,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    if not isinstance(x_request_id, Unset):
        headers["X-Request-ID"] = x_request_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v0/access_token",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PersonalAccessTokenCreated | Problem:
    if response.status_code == 201:
        response_201 = PersonalAccessTokenCreated.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PersonalAccessTokenCreated | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AccessTokenCreate,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[PersonalAccessTokenCreated | Problem]:
    """Create a personal access token

     Creates a token for an integration that may do only what its scopes allow. The secret
    (`token`) is in this response only: it is stored hashed and can never be read again.
    It starts with `qvr_pat_`, so secret scanners can recognise it. Needs a login token
    (scope `account`): a personal access token cannot create another.

    Since the secret is never stored, a retry with the same `Idempotency-Key` cannot
    replay it: it answers the same token with a new secret, and the secret of the earlier
    answer stops working. A retry after the token was revoked is a 409
    `access_token_revoked`.

    Args:
        idempotency_key (str | Unset):
        x_request_id (str | Unset):
        body (AccessTokenCreate): A new personal access token.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PersonalAccessTokenCreated | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
        x_request_id=x_request_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: AccessTokenCreate,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> PersonalAccessTokenCreated | Problem | None:
    """Create a personal access token

     Creates a token for an integration that may do only what its scopes allow. The secret
    (`token`) is in this response only: it is stored hashed and can never be read again.
    It starts with `qvr_pat_`, so secret scanners can recognise it. Needs a login token
    (scope `account`): a personal access token cannot create another.

    Since the secret is never stored, a retry with the same `Idempotency-Key` cannot
    replay it: it answers the same token with a new secret, and the secret of the earlier
    answer stops working. A retry after the token was revoked is a 409
    `access_token_revoked`.

    Args:
        idempotency_key (str | Unset):
        x_request_id (str | Unset):
        body (AccessTokenCreate): A new personal access token.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PersonalAccessTokenCreated | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
        x_request_id=x_request_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AccessTokenCreate,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[PersonalAccessTokenCreated | Problem]:
    """Create a personal access token

     Creates a token for an integration that may do only what its scopes allow. The secret
    (`token`) is in this response only: it is stored hashed and can never be read again.
    It starts with `qvr_pat_`, so secret scanners can recognise it. Needs a login token
    (scope `account`): a personal access token cannot create another.

    Since the secret is never stored, a retry with the same `Idempotency-Key` cannot
    replay it: it answers the same token with a new secret, and the secret of the earlier
    answer stops working. A retry after the token was revoked is a 409
    `access_token_revoked`.

    Args:
        idempotency_key (str | Unset):
        x_request_id (str | Unset):
        body (AccessTokenCreate): A new personal access token.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PersonalAccessTokenCreated | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
        x_request_id=x_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: AccessTokenCreate,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> PersonalAccessTokenCreated | Problem | None:
    """Create a personal access token

     Creates a token for an integration that may do only what its scopes allow. The secret
    (`token`) is in this response only: it is stored hashed and can never be read again.
    It starts with `qvr_pat_`, so secret scanners can recognise it. Needs a login token
    (scope `account`): a personal access token cannot create another.

    Since the secret is never stored, a retry with the same `Idempotency-Key` cannot
    replay it: it answers the same token with a new secret, and the secret of the earlier
    answer stops working. A retry after the token was revoked is a 409
    `access_token_revoked`.

    Args:
        idempotency_key (str | Unset):
        x_request_id (str | Unset):
        body (AccessTokenCreate): A new personal access token.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PersonalAccessTokenCreated | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
            x_request_id=x_request_id,
        )
    ).parsed
