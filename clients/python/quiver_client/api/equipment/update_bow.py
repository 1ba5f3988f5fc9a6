from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.bow import Bow
from ...models.bow_update import BowUpdate
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    bow_id: UUID,
    *,
    body: BowUpdate,
    if_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    if not isinstance(x_request_id, Unset):
        headers["X-Request-ID"] = x_request_id

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v0/bow/{bow_id}".format(
            bow_id=quote(str(bow_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Bow | Problem:
    if response.status_code == 200:
        response_200 = Bow.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Bow | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    bow_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BowUpdate,
    if_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Bow | Problem]:
    """Update a bow

     Changes only the fields present in the body.

    Args:
        bow_id (UUID):
        if_match (str | Unset):
        x_request_id (str | Unset):
        body (BowUpdate): The fields of a bow to change.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Bow | Problem]
    """

    kwargs = _get_kwargs(
        bow_id=bow_id,
        body=body,
        if_match=if_match,
        x_request_id=x_request_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    bow_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BowUpdate,
    if_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Bow | Problem | None:
    """Update a bow

     Changes only the fields present in the body.

    Args:
        bow_id (UUID):
        if_match (str | Unset):
        x_request_id (str | Unset):
        body (BowUpdate): The fields of a bow to change.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Bow | Problem
    """

    return sync_detailed(
        bow_id=bow_id,
        client=client,
        body=body,
        if_match=if_match,
        x_request_id=x_request_id,
    ).parsed


async def asyncio_detailed(
    bow_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BowUpdate,
    if_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Bow | Problem]:
    """Update a bow

     Changes only the fields present in the body.

    Args:
        bow_id (UUID):
        if_match (str | Unset):
        x_request_id (str | Unset):
        body (BowUpdate): The fields of a bow to change.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Bow | Problem]
    """

    kwargs = _get_kwargs(
        bow_id=bow_id,
        body=body,
        if_match=if_match,
        x_request_id=x_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    bow_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BowUpdate,
    if_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Bow | Problem | None:
    """Update a bow

     Changes only the fields present in the body.

    Args:
        bow_id (UUID):
        if_match (str | Unset):
        x_request_id (str | Unset):
        body (BowUpdate): The fields of a bow to change.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Bow | Problem
    """

    return (
        await asyncio_detailed(
            bow_id=bow_id,
            client=client,
            body=body,
            if_match=if_match,
            x_request_id=x_request_id,
        )
    ).parsed
