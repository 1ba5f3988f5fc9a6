from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.round_body import RoundBody
from ...models.round_list import RoundList
from ...models.round_location import RoundLocation
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    location: RoundLocation | Unset = UNSET,
    body: RoundBody | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    if not isinstance(x_request_id, Unset):
        headers["X-Request-ID"] = x_request_id

    params: dict[str, Any] = {}

    json_location: str | Unset = UNSET
    if not isinstance(location, Unset):
        json_location = location

    params["location"] = json_location

    json_body: str | Unset = UNSET
    if not isinstance(body, Unset):
        json_body = body

    params["body"] = json_body

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v0/round",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | RoundList:
    if response.status_code == 200:
        response_200 = RoundList.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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
) -> Response[Any | Problem | RoundList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    location: RoundLocation | Unset = UNSET,
    body: RoundBody | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Any | Problem | RoundList]:
    """List the standard rounds

     Every standard round of the catalogue, in a fixed order (World Archery first), with its
    passes (distance, arrows, arrows per end, face) and maximum score. The optional filters
    combine with AND.

    Args:
        location (RoundLocation | Unset): Where a round is shot.
        body (RoundBody | Unset): The body that defines a round: `world_archery`, `archery_gb`,
            `archery_australia`,
            `ifaa`, `nfaa`, or `other` for club and custom rounds.
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | RoundList]
    """

    kwargs = _get_kwargs(
        location=location,
        body=body,
        if_none_match=if_none_match,
        x_request_id=x_request_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    location: RoundLocation | Unset = UNSET,
    body: RoundBody | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Any | Problem | RoundList | None:
    """List the standard rounds

     Every standard round of the catalogue, in a fixed order (World Archery first), with its
    passes (distance, arrows, arrows per end, face) and maximum score. The optional filters
    combine with AND.

    Args:
        location (RoundLocation | Unset): Where a round is shot.
        body (RoundBody | Unset): The body that defines a round: `world_archery`, `archery_gb`,
            `archery_australia`,
            `ifaa`, `nfaa`, or `other` for club and custom rounds.
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | RoundList
    """

    return sync_detailed(
        client=client,
        location=location,
        body=body,
        if_none_match=if_none_match,
        x_request_id=x_request_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    location: RoundLocation | Unset = UNSET,
    body: RoundBody | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Any | Problem | RoundList]:
    """List the standard rounds

     Every standard round of the catalogue, in a fixed order (World Archery first), with its
    passes (distance, arrows, arrows per end, face) and maximum score. The optional filters
    combine with AND.

    Args:
        location (RoundLocation | Unset): Where a round is shot.
        body (RoundBody | Unset): The body that defines a round: `world_archery`, `archery_gb`,
            `archery_australia`,
            `ifaa`, `nfaa`, or `other` for club and custom rounds.
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | RoundList]
    """

    kwargs = _get_kwargs(
        location=location,
        body=body,
        if_none_match=if_none_match,
        x_request_id=x_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    location: RoundLocation | Unset = UNSET,
    body: RoundBody | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Any | Problem | RoundList | None:
    """List the standard rounds

     Every standard round of the catalogue, in a fixed order (World Archery first), with its
    passes (distance, arrows, arrows per end, face) and maximum score. The optional filters
    combine with AND.

    Args:
        location (RoundLocation | Unset): Where a round is shot.
        body (RoundBody | Unset): The body that defines a round: `world_archery`, `archery_gb`,
            `archery_australia`,
            `ifaa`, `nfaa`, or `other` for club and custom rounds.
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | RoundList
    """

    return (
        await asyncio_detailed(
            client=client,
            location=location,
            body=body,
            if_none_match=if_none_match,
            x_request_id=x_request_id,
        )
    ).parsed
