from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.slot import Slot
from ...models.slot_join_free import SlotJoinFree
from ...models.slot_join_round import SlotJoinRound
from ...types import UNSET, Response, Unset


def _get_kwargs(
    session_id: UUID,
    *,
    body: SlotJoinFree | SlotJoinRound,
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
        "url": "/api/v0/session/{session_id}/slot".format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    if isinstance(body, SlotJoinFree):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Slot:
    if response.status_code == 201:
        response_201 = Slot.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Slot]:
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
    body: SlotJoinFree | SlotJoinRound,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Problem | Slot]:
    """Join a session and get a slot on the range

     Asks for a distance, a face and an end size, or for a standard round that sets them.
    The server assigns a slot: a lane already at that distance with a free letter A-D, or
    a new lane. Two archers never get the same lane and letter. An unknown `round_code`,
    `arrow_set_id` or `bow_id` is a 404.

    Args:
        session_id (UUID):
        idempotency_key (str | Unset):
        x_request_id (str | Unset):
        body (SlotJoinFree | SlotJoinRound): Either a free practice (distance, face, end size) or
            a standard round.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Slot]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        body=body,
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
    body: SlotJoinFree | SlotJoinRound,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Problem | Slot | None:
    """Join a session and get a slot on the range

     Asks for a distance, a face and an end size, or for a standard round that sets them.
    The server assigns a slot: a lane already at that distance with a free letter A-D, or
    a new lane. Two archers never get the same lane and letter. An unknown `round_code`,
    `arrow_set_id` or `bow_id` is a 404.

    Args:
        session_id (UUID):
        idempotency_key (str | Unset):
        x_request_id (str | Unset):
        body (SlotJoinFree | SlotJoinRound): Either a free practice (distance, face, end size) or
            a standard round.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Slot
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
        x_request_id=x_request_id,
    ).parsed


async def asyncio_detailed(
    session_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SlotJoinFree | SlotJoinRound,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Problem | Slot]:
    """Join a session and get a slot on the range

     Asks for a distance, a face and an end size, or for a standard round that sets them.
    The server assigns a slot: a lane already at that distance with a free letter A-D, or
    a new lane. Two archers never get the same lane and letter. An unknown `round_code`,
    `arrow_set_id` or `bow_id` is a 404.

    Args:
        session_id (UUID):
        idempotency_key (str | Unset):
        x_request_id (str | Unset):
        body (SlotJoinFree | SlotJoinRound): Either a free practice (distance, face, end size) or
            a standard round.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Slot]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        body=body,
        idempotency_key=idempotency_key,
        x_request_id=x_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SlotJoinFree | SlotJoinRound,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Problem | Slot | None:
    """Join a session and get a slot on the range

     Asks for a distance, a face and an end size, or for a standard round that sets them.
    The server assigns a slot: a lane already at that distance with a free letter A-D, or
    a new lane. Two archers never get the same lane and letter. An unknown `round_code`,
    `arrow_set_id` or `bow_id` is a 404.

    Args:
        session_id (UUID):
        idempotency_key (str | Unset):
        x_request_id (str | Unset):
        body (SlotJoinFree | SlotJoinRound): Either a free practice (distance, face, end size) or
            a standard round.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Slot
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
            x_request_id=x_request_id,
        )
    ).parsed
