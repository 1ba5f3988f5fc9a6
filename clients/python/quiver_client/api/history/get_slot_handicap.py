from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.slot_handicap import SlotHandicap
from ...types import UNSET, Response, Unset


def _get_kwargs(
    slot_id: UUID,
    *,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    if not isinstance(x_request_id, Unset):
        headers["X-Request-ID"] = x_request_id

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v0/slot/{slot_id}/handicap".format(
            slot_id=quote(str(slot_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | SlotHandicap:
    if response.status_code == 200:
        response_200 = SlotHandicap.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Problem | SlotHandicap]:
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
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Any | Problem | SlotHandicap]:
    """Archery GB handicap and classification of a slot

     The Archery GB 2023 handicap (archeryutils, whole-number precision, default arrow
    diameters) of a slot that completed a standard round (every arrow of the round shot),
    and the AGB classification the score achieves: outdoor, indoor or field by the round's
    location, for the bowstyle of the slot's bow (the archer's profile bowstyle when the
    slot has no bow), the archer's gender (`female` is AGB female; `male`, `non_binary`,
    `other` and `unspecified` are AGB open, which admits everyone) and the AGB age category
    on the session's date (by year of birth: the age reached on 31 December of that year;
    under 12 up to 11, under 14 up to 13, under 15: 14, under 16: 15, under 18: 16 and 17,
    under 21: 18 to 20, 50+ from 50, adult otherwise).

    When the profile lacks what the classification needs (`date_of_birth`, `gender`), the
    answer still carries the handicap, with `classification` null,
    `classification_unavailable: profile_incomplete` and the fields in
    `missing_profile_fields`. A round archeryutils cannot classify for this archer gives
    `round_not_classified`.

    A slot that has not completed a round (free practice, or a round not finished) gets an
    estimate from the group's dispersion instead (`is_estimate: true`, no classification):
    the per-axis standard deviation of its plotted arrows in mm, σ_r = √2 × σ_axis, and
    the handicap whose AGB angular spread gives that σ_r at the slot's distance. It needs
    at least 12 plotted arrows (`too_few_arrows` otherwise) on a single-spot face whose
    rings go down to 1 (`face_not_supported` otherwise: multi-spot faces measure arrows
    from the nearest spot, and reduced faces such as the 6-ring ones lose the arrows off
    them, which both hide the spread). Results are kept per slot and recomputed when its
    arrows, its session's date, its bow's bowstyle or the archer's profile change.

    Args:
        slot_id (UUID):
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | SlotHandicap]
    """

    kwargs = _get_kwargs(
        slot_id=slot_id,
        if_none_match=if_none_match,
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
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Any | Problem | SlotHandicap | None:
    """Archery GB handicap and classification of a slot

     The Archery GB 2023 handicap (archeryutils, whole-number precision, default arrow
    diameters) of a slot that completed a standard round (every arrow of the round shot),
    and the AGB classification the score achieves: outdoor, indoor or field by the round's
    location, for the bowstyle of the slot's bow (the archer's profile bowstyle when the
    slot has no bow), the archer's gender (`female` is AGB female; `male`, `non_binary`,
    `other` and `unspecified` are AGB open, which admits everyone) and the AGB age category
    on the session's date (by year of birth: the age reached on 31 December of that year;
    under 12 up to 11, under 14 up to 13, under 15: 14, under 16: 15, under 18: 16 and 17,
    under 21: 18 to 20, 50+ from 50, adult otherwise).

    When the profile lacks what the classification needs (`date_of_birth`, `gender`), the
    answer still carries the handicap, with `classification` null,
    `classification_unavailable: profile_incomplete` and the fields in
    `missing_profile_fields`. A round archeryutils cannot classify for this archer gives
    `round_not_classified`.

    A slot that has not completed a round (free practice, or a round not finished) gets an
    estimate from the group's dispersion instead (`is_estimate: true`, no classification):
    the per-axis standard deviation of its plotted arrows in mm, σ_r = √2 × σ_axis, and
    the handicap whose AGB angular spread gives that σ_r at the slot's distance. It needs
    at least 12 plotted arrows (`too_few_arrows` otherwise) on a single-spot face whose
    rings go down to 1 (`face_not_supported` otherwise: multi-spot faces measure arrows
    from the nearest spot, and reduced faces such as the 6-ring ones lose the arrows off
    them, which both hide the spread). Results are kept per slot and recomputed when its
    arrows, its session's date, its bow's bowstyle or the archer's profile change.

    Args:
        slot_id (UUID):
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | SlotHandicap
    """

    return sync_detailed(
        slot_id=slot_id,
        client=client,
        if_none_match=if_none_match,
        x_request_id=x_request_id,
    ).parsed


async def asyncio_detailed(
    slot_id: UUID,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Any | Problem | SlotHandicap]:
    """Archery GB handicap and classification of a slot

     The Archery GB 2023 handicap (archeryutils, whole-number precision, default arrow
    diameters) of a slot that completed a standard round (every arrow of the round shot),
    and the AGB classification the score achieves: outdoor, indoor or field by the round's
    location, for the bowstyle of the slot's bow (the archer's profile bowstyle when the
    slot has no bow), the archer's gender (`female` is AGB female; `male`, `non_binary`,
    `other` and `unspecified` are AGB open, which admits everyone) and the AGB age category
    on the session's date (by year of birth: the age reached on 31 December of that year;
    under 12 up to 11, under 14 up to 13, under 15: 14, under 16: 15, under 18: 16 and 17,
    under 21: 18 to 20, 50+ from 50, adult otherwise).

    When the profile lacks what the classification needs (`date_of_birth`, `gender`), the
    answer still carries the handicap, with `classification` null,
    `classification_unavailable: profile_incomplete` and the fields in
    `missing_profile_fields`. A round archeryutils cannot classify for this archer gives
    `round_not_classified`.

    A slot that has not completed a round (free practice, or a round not finished) gets an
    estimate from the group's dispersion instead (`is_estimate: true`, no classification):
    the per-axis standard deviation of its plotted arrows in mm, σ_r = √2 × σ_axis, and
    the handicap whose AGB angular spread gives that σ_r at the slot's distance. It needs
    at least 12 plotted arrows (`too_few_arrows` otherwise) on a single-spot face whose
    rings go down to 1 (`face_not_supported` otherwise: multi-spot faces measure arrows
    from the nearest spot, and reduced faces such as the 6-ring ones lose the arrows off
    them, which both hide the spread). Results are kept per slot and recomputed when its
    arrows, its session's date, its bow's bowstyle or the archer's profile change.

    Args:
        slot_id (UUID):
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | SlotHandicap]
    """

    kwargs = _get_kwargs(
        slot_id=slot_id,
        if_none_match=if_none_match,
        x_request_id=x_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    slot_id: UUID,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Any | Problem | SlotHandicap | None:
    """Archery GB handicap and classification of a slot

     The Archery GB 2023 handicap (archeryutils, whole-number precision, default arrow
    diameters) of a slot that completed a standard round (every arrow of the round shot),
    and the AGB classification the score achieves: outdoor, indoor or field by the round's
    location, for the bowstyle of the slot's bow (the archer's profile bowstyle when the
    slot has no bow), the archer's gender (`female` is AGB female; `male`, `non_binary`,
    `other` and `unspecified` are AGB open, which admits everyone) and the AGB age category
    on the session's date (by year of birth: the age reached on 31 December of that year;
    under 12 up to 11, under 14 up to 13, under 15: 14, under 16: 15, under 18: 16 and 17,
    under 21: 18 to 20, 50+ from 50, adult otherwise).

    When the profile lacks what the classification needs (`date_of_birth`, `gender`), the
    answer still carries the handicap, with `classification` null,
    `classification_unavailable: profile_incomplete` and the fields in
    `missing_profile_fields`. A round archeryutils cannot classify for this archer gives
    `round_not_classified`.

    A slot that has not completed a round (free practice, or a round not finished) gets an
    estimate from the group's dispersion instead (`is_estimate: true`, no classification):
    the per-axis standard deviation of its plotted arrows in mm, σ_r = √2 × σ_axis, and
    the handicap whose AGB angular spread gives that σ_r at the slot's distance. It needs
    at least 12 plotted arrows (`too_few_arrows` otherwise) on a single-spot face whose
    rings go down to 1 (`face_not_supported` otherwise: multi-spot faces measure arrows
    from the nearest spot, and reduced faces such as the 6-ring ones lose the arrows off
    them, which both hide the spread). Results are kept per slot and recomputed when its
    arrows, its session's date, its bow's bowstyle or the archer's profile change.

    Args:
        slot_id (UUID):
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | SlotHandicap
    """

    return (
        await asyncio_detailed(
            slot_id=slot_id,
            client=client,
            if_none_match=if_none_match,
            x_request_id=x_request_id,
        )
    ).parsed
