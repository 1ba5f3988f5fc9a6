import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.session_page import SessionPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    is_opened: bool | Unset = UNSET,
    start_from: datetime.datetime | Unset = UNSET,
    start_to: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    if not isinstance(x_request_id, Unset):
        headers["X-Request-ID"] = x_request_id

    params: dict[str, Any] = {}

    params["is_opened"] = is_opened

    json_start_from: str | Unset = UNSET
    if not isinstance(start_from, Unset):
        json_start_from = start_from.isoformat()
    params["start_from"] = json_start_from

    json_start_to: str | Unset = UNSET
    if not isinstance(start_to, Unset):
        json_start_to = start_to.isoformat()
    params["start_to"] = json_start_to

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v0/session",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | SessionPage:
    if response.status_code == 200:
        response_200 = SessionPage.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Any | Problem | SessionPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    is_opened: bool | Unset = UNSET,
    start_from: datetime.datetime | Unset = UNSET,
    start_to: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Any | Problem | SessionPage]:
    """List the caller's sessions

     Sessions the caller owns or has joined, newest start first, a page at a time.

    Args:
        is_opened (bool | Unset):
        start_from (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the
            years 1900 to 2199 as written. Stored and returned in UTC.
        start_to (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the
            years 1900 to 2199 as written. Stored and returned in UTC.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | SessionPage]
    """

    kwargs = _get_kwargs(
        is_opened=is_opened,
        start_from=start_from,
        start_to=start_to,
        limit=limit,
        cursor=cursor,
        if_none_match=if_none_match,
        x_request_id=x_request_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    is_opened: bool | Unset = UNSET,
    start_from: datetime.datetime | Unset = UNSET,
    start_to: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Any | Problem | SessionPage | None:
    """List the caller's sessions

     Sessions the caller owns or has joined, newest start first, a page at a time.

    Args:
        is_opened (bool | Unset):
        start_from (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the
            years 1900 to 2199 as written. Stored and returned in UTC.
        start_to (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the
            years 1900 to 2199 as written. Stored and returned in UTC.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | SessionPage
    """

    return sync_detailed(
        client=client,
        is_opened=is_opened,
        start_from=start_from,
        start_to=start_to,
        limit=limit,
        cursor=cursor,
        if_none_match=if_none_match,
        x_request_id=x_request_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    is_opened: bool | Unset = UNSET,
    start_from: datetime.datetime | Unset = UNSET,
    start_to: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Any | Problem | SessionPage]:
    """List the caller's sessions

     Sessions the caller owns or has joined, newest start first, a page at a time.

    Args:
        is_opened (bool | Unset):
        start_from (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the
            years 1900 to 2199 as written. Stored and returned in UTC.
        start_to (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the
            years 1900 to 2199 as written. Stored and returned in UTC.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | SessionPage]
    """

    kwargs = _get_kwargs(
        is_opened=is_opened,
        start_from=start_from,
        start_to=start_to,
        limit=limit,
        cursor=cursor,
        if_none_match=if_none_match,
        x_request_id=x_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    is_opened: bool | Unset = UNSET,
    start_from: datetime.datetime | Unset = UNSET,
    start_to: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Any | Problem | SessionPage | None:
    """List the caller's sessions

     Sessions the caller owns or has joined, newest start first, a page at a time.

    Args:
        is_opened (bool | Unset):
        start_from (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the
            years 1900 to 2199 as written. Stored and returned in UTC.
        start_to (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the
            years 1900 to 2199 as written. Stored and returned in UTC.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | SessionPage
    """

    return (
        await asyncio_detailed(
            client=client,
            is_opened=is_opened,
            start_from=start_from,
            start_to=start_to,
            limit=limit,
            cursor=cursor,
            if_none_match=if_none_match,
            x_request_id=x_request_id,
        )
    ).parsed
