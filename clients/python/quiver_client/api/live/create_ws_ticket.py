from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.ws_ticket import WsTicket
from ...types import UNSET, Response, Unset


def _get_kwargs(
    session_id: UUID,
    *,
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
        "url": "/api/v0/session/{session_id}/ws_ticket".format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | WsTicket:
    if response.status_code == 201:
        response_201 = WsTicket.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | WsTicket]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    session_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Problem | WsTicket]:
    """Get a ticket to watch a session live

     Issues a single-use ticket for the session's live channel, valid for 30 seconds. Open
    `/ws/v0/session/{session_id}?ticket=<ticket>` with it (browsers cannot send an
    `Authorization` header on a WebSocket); the channel and its messages are described in
    `asyncapi.yaml`. Only the session's owner and its archers may watch it; to anyone
    else the session does not exist (404). A retry with the same `Idempotency-Key` replays
    the same ticket, which is still single-use. The answer has no `Location`: a ticket is
    not a resource that can be read, only used once on the WebSocket.

    Args:
        session_id (UUID):
        idempotency_key (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WsTicket]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        idempotency_key=idempotency_key,
        x_request_id=x_request_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Problem | WsTicket | None:
    """Get a ticket to watch a session live

     Issues a single-use ticket for the session's live channel, valid for 30 seconds. Open
    `/ws/v0/session/{session_id}?ticket=<ticket>` with it (browsers cannot send an
    `Authorization` header on a WebSocket); the channel and its messages are described in
    `asyncapi.yaml`. Only the session's owner and its archers may watch it; to anyone
    else the session does not exist (404). A retry with the same `Idempotency-Key` replays
    the same ticket, which is still single-use. The answer has no `Location`: a ticket is
    not a resource that can be read, only used once on the WebSocket.

    Args:
        session_id (UUID):
        idempotency_key (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WsTicket
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
        idempotency_key=idempotency_key,
        x_request_id=x_request_id,
    ).parsed


async def asyncio_detailed(
    session_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Problem | WsTicket]:
    """Get a ticket to watch a session live

     Issues a single-use ticket for the session's live channel, valid for 30 seconds. Open
    `/ws/v0/session/{session_id}?ticket=<ticket>` with it (browsers cannot send an
    `Authorization` header on a WebSocket); the channel and its messages are described in
    `asyncapi.yaml`. Only the session's owner and its archers may watch it; to anyone
    else the session does not exist (404). A retry with the same `Idempotency-Key` replays
    the same ticket, which is still single-use. The answer has no `Location`: a ticket is
    not a resource that can be read, only used once on the WebSocket.

    Args:
        session_id (UUID):
        idempotency_key (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WsTicket]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        idempotency_key=idempotency_key,
        x_request_id=x_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Problem | WsTicket | None:
    """Get a ticket to watch a session live

     Issues a single-use ticket for the session's live channel, valid for 30 seconds. Open
    `/ws/v0/session/{session_id}?ticket=<ticket>` with it (browsers cannot send an
    `Authorization` header on a WebSocket); the channel and its messages are described in
    `asyncapi.yaml`. Only the session's owner and its archers may watch it; to anyone
    else the session does not exist (404). A retry with the same `Idempotency-Key` replays
    the same ticket, which is still single-use. The answer has no `Location`: a ticket is
    not a resource that can be read, only used once on the WebSocket.

    Args:
        session_id (UUID):
        idempotency_key (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WsTicket
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            idempotency_key=idempotency_key,
            x_request_id=x_request_id,
        )
    ).parsed
