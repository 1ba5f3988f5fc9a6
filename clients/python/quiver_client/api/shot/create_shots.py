from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.shot_create import ShotCreate
from ...models.shot_list import ShotList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    slot_id: UUID,
    *,
    body: ShotCreate,
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
        "url": "/api/v0/slot/{slot_id}/shot".format(
            slot_id=quote(str(slot_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ShotList:
    if response.status_code == 201:
        response_201 = ShotList.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ShotList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    slot_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ShotCreate,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Problem | ShotList]:
    """Record one arrow or a whole end

     The shooter or the session owner records arrows in shooting order. Each arrow is
    plotted (`x_mm`, `y_mm` from the face centre, x right, y up) or, when not plotted,
    given as a value. The server scores plotted arrows by World Archery rules: an arrow
    touching a line scores the higher zone (its distance from the spot centre is at most
    the zone's outer radius plus the arrow's radius); on multi-spot faces the nearest spot
    scores. The arrow diameter comes from the slot's arrow set, else 5.5 mm outdoors and
    9.3 mm indoors. A value-only arrow must exist on the face (422 otherwise). Arrows are
    numbered into ends of the slot's end size. A closed session is a 409; a round already
    complete is a 409.

    Args:
        slot_id (UUID):
        idempotency_key (str | Unset):
        x_request_id (str | Unset):
        body (ShotCreate): One arrow or a whole end, in shooting order.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ShotList]
    """

    kwargs = _get_kwargs(
        slot_id=slot_id,
        body=body,
        idempotency_key=idempotency_key,
        x_request_id=x_request_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    slot_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ShotCreate,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Problem | ShotList | None:
    """Record one arrow or a whole end

     The shooter or the session owner records arrows in shooting order. Each arrow is
    plotted (`x_mm`, `y_mm` from the face centre, x right, y up) or, when not plotted,
    given as a value. The server scores plotted arrows by World Archery rules: an arrow
    touching a line scores the higher zone (its distance from the spot centre is at most
    the zone's outer radius plus the arrow's radius); on multi-spot faces the nearest spot
    scores. The arrow diameter comes from the slot's arrow set, else 5.5 mm outdoors and
    9.3 mm indoors. A value-only arrow must exist on the face (422 otherwise). Arrows are
    numbered into ends of the slot's end size. A closed session is a 409; a round already
    complete is a 409.

    Args:
        slot_id (UUID):
        idempotency_key (str | Unset):
        x_request_id (str | Unset):
        body (ShotCreate): One arrow or a whole end, in shooting order.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ShotList
    """

    return sync_detailed(
        slot_id=slot_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
        x_request_id=x_request_id,
    ).parsed


async def asyncio_detailed(
    slot_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ShotCreate,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Problem | ShotList]:
    """Record one arrow or a whole end

     The shooter or the session owner records arrows in shooting order. Each arrow is
    plotted (`x_mm`, `y_mm` from the face centre, x right, y up) or, when not plotted,
    given as a value. The server scores plotted arrows by World Archery rules: an arrow
    touching a line scores the higher zone (its distance from the spot centre is at most
    the zone's outer radius plus the arrow's radius); on multi-spot faces the nearest spot
    scores. The arrow diameter comes from the slot's arrow set, else 5.5 mm outdoors and
    9.3 mm indoors. A value-only arrow must exist on the face (422 otherwise). Arrows are
    numbered into ends of the slot's end size. A closed session is a 409; a round already
    complete is a 409.

    Args:
        slot_id (UUID):
        idempotency_key (str | Unset):
        x_request_id (str | Unset):
        body (ShotCreate): One arrow or a whole end, in shooting order.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ShotList]
    """

    kwargs = _get_kwargs(
        slot_id=slot_id,
        body=body,
        idempotency_key=idempotency_key,
        x_request_id=x_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    slot_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ShotCreate,
    idempotency_key: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Problem | ShotList | None:
    """Record one arrow or a whole end

     The shooter or the session owner records arrows in shooting order. Each arrow is
    plotted (`x_mm`, `y_mm` from the face centre, x right, y up) or, when not plotted,
    given as a value. The server scores plotted arrows by World Archery rules: an arrow
    touching a line scores the higher zone (its distance from the spot centre is at most
    the zone's outer radius plus the arrow's radius); on multi-spot faces the nearest spot
    scores. The arrow diameter comes from the slot's arrow set, else 5.5 mm outdoors and
    9.3 mm indoors. A value-only arrow must exist on the face (422 otherwise). Arrows are
    numbered into ends of the slot's end size. A closed session is a 409; a round already
    complete is a 409.

    Args:
        slot_id (UUID):
        idempotency_key (str | Unset):
        x_request_id (str | Unset):
        body (ShotCreate): One arrow or a whole end, in shooting order.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ShotList
    """

    return (
        await asyncio_detailed(
            slot_id=slot_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
            x_request_id=x_request_id,
        )
    ).parsed
