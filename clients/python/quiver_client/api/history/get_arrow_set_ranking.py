import datetime
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.arrow_set_ranking import ArrowSetRanking
from ...models.distance_unit import DistanceUnit
from ...models.face_type import FaceType
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    arrow_set_id: UUID,
    *,
    start_from: datetime.datetime | Unset = UNSET,
    start_to: datetime.datetime | Unset = UNSET,
    round_code: str | Unset = UNSET,
    face_type: FaceType | Unset = UNSET,
    distance: float | Unset = UNSET,
    distance_unit: DistanceUnit | Unset = UNSET,
    is_indoor: bool | Unset = UNSET,
    bow_id: UUID | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    if not isinstance(x_request_id, Unset):
        headers["X-Request-ID"] = x_request_id

    params: dict[str, Any] = {}

    json_start_from: str | Unset = UNSET
    if not isinstance(start_from, Unset):
        json_start_from = start_from.isoformat()
    params["start_from"] = json_start_from

    json_start_to: str | Unset = UNSET
    if not isinstance(start_to, Unset):
        json_start_to = start_to.isoformat()
    params["start_to"] = json_start_to

    params["round_code"] = round_code

    json_face_type: str | Unset = UNSET
    if not isinstance(face_type, Unset):
        json_face_type = face_type

    params["face_type"] = json_face_type

    params["distance"] = distance

    json_distance_unit: str | Unset = UNSET
    if not isinstance(distance_unit, Unset):
        json_distance_unit = distance_unit

    params["distance_unit"] = json_distance_unit

    params["is_indoor"] = is_indoor

    json_bow_id: str | Unset = UNSET
    if not isinstance(bow_id, Unset):
        json_bow_id = str(bow_id)
    params["bow_id"] = json_bow_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v0/arrow_set/{arrow_set_id}/ranking".format(
            arrow_set_id=quote(str(arrow_set_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ArrowSetRanking | Problem:
    if response.status_code == 200:
        response_200 = ArrowSetRanking.from_dict(response.json())

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
) -> Response[Any | ArrowSetRanking | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    arrow_set_id: UUID,
    *,
    client: AuthenticatedClient,
    start_from: datetime.datetime | Unset = UNSET,
    start_to: datetime.datetime | Unset = UNSET,
    round_code: str | Unset = UNSET,
    face_type: FaceType | Unset = UNSET,
    distance: float | Unset = UNSET,
    distance_unit: DistanceUnit | Unset = UNSET,
    is_indoor: bool | Unset = UNSET,
    bow_id: UUID | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Any | ArrowSetRanking | Problem]:
    """Per-arrow ranking of an arrow set

     For each numbered arrow of one of the caller's arrow sets, over the caller's slots shot
    with that set that the history filter lets through: arrows shot, mean score, and where
    it lands relative to the whole group (the mean point of impact of every plotted arrow
    of those slots, numbered or not): the offset of its own mean point of impact, and its
    radial spread around it, in millimetres and milliradians. Ranked best first: by mean
    score (highest first), then by offset in milliradians (smallest first; arrows never
    plotted after those plotted), then by arrow number. Arrows without a number count only
    in `unnumbered_arrows`. Another archer's arrow set does not exist (404).

    Args:
        arrow_set_id (UUID):
        start_from (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the
            years 1900 to 2199 as written. Stored and returned in UTC.
        start_to (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the
            years 1900 to 2199 as written. Stored and returned in UTC.
        round_code (str | Unset): A stable snake_case round identifier (archeryutils' codename
            where it has one).
        face_type (FaceType | Unset): A target face. `wa_*` are the World Archery target faces
            (`*_6_ring`: the reduced face
            with rings 5 to 10; `*_triple_*`: three spots of rings 6 to 10 in a vertical line or a
            triangle (the 40 cm triangle is the Vegas face); `*_compound`: only the inner ten scores
            10; `*_11_zone`: the experimental scoring where the inner ten scores 11). `imperial_*` are
            the same faces scored 9-7-5-3-1 by colour (Archery GB imperial
            rounds). `wa_field_*`, `ifaa_field_*`, `ifaa_field_expert_*` and `aa_field_*` are the
            World Archery, IFAA (field and expert scoring) and Archery Australia field faces.
            `worcester` is the 16 inch Worcester face and `worcester_2_ring` its 5 and 4 rings only
            (one spot of the 5-spot version); `nfaa_indoor` is the 40 cm NFAA/IFAA indoor face. The
            number is the face diameter in centimetres.
        distance (float | Unset): The shooting distance, in `distance_unit`, from 1 to 150 (every
            standard round's
            distances lie within 4 m and 100 yd).
        distance_unit (DistanceUnit | Unset): `m` for metres, `yd` for yards.
        is_indoor (bool | Unset):
        bow_id (UUID | Unset):
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ArrowSetRanking | Problem]
    """

    kwargs = _get_kwargs(
        arrow_set_id=arrow_set_id,
        start_from=start_from,
        start_to=start_to,
        round_code=round_code,
        face_type=face_type,
        distance=distance,
        distance_unit=distance_unit,
        is_indoor=is_indoor,
        bow_id=bow_id,
        if_none_match=if_none_match,
        x_request_id=x_request_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    arrow_set_id: UUID,
    *,
    client: AuthenticatedClient,
    start_from: datetime.datetime | Unset = UNSET,
    start_to: datetime.datetime | Unset = UNSET,
    round_code: str | Unset = UNSET,
    face_type: FaceType | Unset = UNSET,
    distance: float | Unset = UNSET,
    distance_unit: DistanceUnit | Unset = UNSET,
    is_indoor: bool | Unset = UNSET,
    bow_id: UUID | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Any | ArrowSetRanking | Problem | None:
    """Per-arrow ranking of an arrow set

     For each numbered arrow of one of the caller's arrow sets, over the caller's slots shot
    with that set that the history filter lets through: arrows shot, mean score, and where
    it lands relative to the whole group (the mean point of impact of every plotted arrow
    of those slots, numbered or not): the offset of its own mean point of impact, and its
    radial spread around it, in millimetres and milliradians. Ranked best first: by mean
    score (highest first), then by offset in milliradians (smallest first; arrows never
    plotted after those plotted), then by arrow number. Arrows without a number count only
    in `unnumbered_arrows`. Another archer's arrow set does not exist (404).

    Args:
        arrow_set_id (UUID):
        start_from (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the
            years 1900 to 2199 as written. Stored and returned in UTC.
        start_to (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the
            years 1900 to 2199 as written. Stored and returned in UTC.
        round_code (str | Unset): A stable snake_case round identifier (archeryutils' codename
            where it has one).
        face_type (FaceType | Unset): A target face. `wa_*` are the World Archery target faces
            (`*_6_ring`: the reduced face
            with rings 5 to 10; `*_triple_*`: three spots of rings 6 to 10 in a vertical line or a
            triangle (the 40 cm triangle is the Vegas face); `*_compound`: only the inner ten scores
            10; `*_11_zone`: the experimental scoring where the inner ten scores 11). `imperial_*` are
            the same faces scored 9-7-5-3-1 by colour (Archery GB imperial
            rounds). `wa_field_*`, `ifaa_field_*`, `ifaa_field_expert_*` and `aa_field_*` are the
            World Archery, IFAA (field and expert scoring) and Archery Australia field faces.
            `worcester` is the 16 inch Worcester face and `worcester_2_ring` its 5 and 4 rings only
            (one spot of the 5-spot version); `nfaa_indoor` is the 40 cm NFAA/IFAA indoor face. The
            number is the face diameter in centimetres.
        distance (float | Unset): The shooting distance, in `distance_unit`, from 1 to 150 (every
            standard round's
            distances lie within 4 m and 100 yd).
        distance_unit (DistanceUnit | Unset): `m` for metres, `yd` for yards.
        is_indoor (bool | Unset):
        bow_id (UUID | Unset):
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ArrowSetRanking | Problem
    """

    return sync_detailed(
        arrow_set_id=arrow_set_id,
        client=client,
        start_from=start_from,
        start_to=start_to,
        round_code=round_code,
        face_type=face_type,
        distance=distance,
        distance_unit=distance_unit,
        is_indoor=is_indoor,
        bow_id=bow_id,
        if_none_match=if_none_match,
        x_request_id=x_request_id,
    ).parsed


async def asyncio_detailed(
    arrow_set_id: UUID,
    *,
    client: AuthenticatedClient,
    start_from: datetime.datetime | Unset = UNSET,
    start_to: datetime.datetime | Unset = UNSET,
    round_code: str | Unset = UNSET,
    face_type: FaceType | Unset = UNSET,
    distance: float | Unset = UNSET,
    distance_unit: DistanceUnit | Unset = UNSET,
    is_indoor: bool | Unset = UNSET,
    bow_id: UUID | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Any | ArrowSetRanking | Problem]:
    """Per-arrow ranking of an arrow set

     For each numbered arrow of one of the caller's arrow sets, over the caller's slots shot
    with that set that the history filter lets through: arrows shot, mean score, and where
    it lands relative to the whole group (the mean point of impact of every plotted arrow
    of those slots, numbered or not): the offset of its own mean point of impact, and its
    radial spread around it, in millimetres and milliradians. Ranked best first: by mean
    score (highest first), then by offset in milliradians (smallest first; arrows never
    plotted after those plotted), then by arrow number. Arrows without a number count only
    in `unnumbered_arrows`. Another archer's arrow set does not exist (404).

    Args:
        arrow_set_id (UUID):
        start_from (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the
            years 1900 to 2199 as written. Stored and returned in UTC.
        start_to (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the
            years 1900 to 2199 as written. Stored and returned in UTC.
        round_code (str | Unset): A stable snake_case round identifier (archeryutils' codename
            where it has one).
        face_type (FaceType | Unset): A target face. `wa_*` are the World Archery target faces
            (`*_6_ring`: the reduced face
            with rings 5 to 10; `*_triple_*`: three spots of rings 6 to 10 in a vertical line or a
            triangle (the 40 cm triangle is the Vegas face); `*_compound`: only the inner ten scores
            10; `*_11_zone`: the experimental scoring where the inner ten scores 11). `imperial_*` are
            the same faces scored 9-7-5-3-1 by colour (Archery GB imperial
            rounds). `wa_field_*`, `ifaa_field_*`, `ifaa_field_expert_*` and `aa_field_*` are the
            World Archery, IFAA (field and expert scoring) and Archery Australia field faces.
            `worcester` is the 16 inch Worcester face and `worcester_2_ring` its 5 and 4 rings only
            (one spot of the 5-spot version); `nfaa_indoor` is the 40 cm NFAA/IFAA indoor face. The
            number is the face diameter in centimetres.
        distance (float | Unset): The shooting distance, in `distance_unit`, from 1 to 150 (every
            standard round's
            distances lie within 4 m and 100 yd).
        distance_unit (DistanceUnit | Unset): `m` for metres, `yd` for yards.
        is_indoor (bool | Unset):
        bow_id (UUID | Unset):
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ArrowSetRanking | Problem]
    """

    kwargs = _get_kwargs(
        arrow_set_id=arrow_set_id,
        start_from=start_from,
        start_to=start_to,
        round_code=round_code,
        face_type=face_type,
        distance=distance,
        distance_unit=distance_unit,
        is_indoor=is_indoor,
        bow_id=bow_id,
        if_none_match=if_none_match,
        x_request_id=x_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    arrow_set_id: UUID,
    *,
    client: AuthenticatedClient,
    start_from: datetime.datetime | Unset = UNSET,
    start_to: datetime.datetime | Unset = UNSET,
    round_code: str | Unset = UNSET,
    face_type: FaceType | Unset = UNSET,
    distance: float | Unset = UNSET,
    distance_unit: DistanceUnit | Unset = UNSET,
    is_indoor: bool | Unset = UNSET,
    bow_id: UUID | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Any | ArrowSetRanking | Problem | None:
    """Per-arrow ranking of an arrow set

     For each numbered arrow of one of the caller's arrow sets, over the caller's slots shot
    with that set that the history filter lets through: arrows shot, mean score, and where
    it lands relative to the whole group (the mean point of impact of every plotted arrow
    of those slots, numbered or not): the offset of its own mean point of impact, and its
    radial spread around it, in millimetres and milliradians. Ranked best first: by mean
    score (highest first), then by offset in milliradians (smallest first; arrows never
    plotted after those plotted), then by arrow number. Arrows without a number count only
    in `unnumbered_arrows`. Another archer's arrow set does not exist (404).

    Args:
        arrow_set_id (UUID):
        start_from (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the
            years 1900 to 2199 as written. Stored and returned in UTC.
        start_to (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the
            years 1900 to 2199 as written. Stored and returned in UTC.
        round_code (str | Unset): A stable snake_case round identifier (archeryutils' codename
            where it has one).
        face_type (FaceType | Unset): A target face. `wa_*` are the World Archery target faces
            (`*_6_ring`: the reduced face
            with rings 5 to 10; `*_triple_*`: three spots of rings 6 to 10 in a vertical line or a
            triangle (the 40 cm triangle is the Vegas face); `*_compound`: only the inner ten scores
            10; `*_11_zone`: the experimental scoring where the inner ten scores 11). `imperial_*` are
            the same faces scored 9-7-5-3-1 by colour (Archery GB imperial
            rounds). `wa_field_*`, `ifaa_field_*`, `ifaa_field_expert_*` and `aa_field_*` are the
            World Archery, IFAA (field and expert scoring) and Archery Australia field faces.
            `worcester` is the 16 inch Worcester face and `worcester_2_ring` its 5 and 4 rings only
            (one spot of the 5-spot version); `nfaa_indoor` is the 40 cm NFAA/IFAA indoor face. The
            number is the face diameter in centimetres.
        distance (float | Unset): The shooting distance, in `distance_unit`, from 1 to 150 (every
            standard round's
            distances lie within 4 m and 100 yd).
        distance_unit (DistanceUnit | Unset): `m` for metres, `yd` for yards.
        is_indoor (bool | Unset):
        bow_id (UUID | Unset):
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ArrowSetRanking | Problem
    """

    return (
        await asyncio_detailed(
            arrow_set_id=arrow_set_id,
            client=client,
            start_from=start_from,
            start_to=start_to,
            round_code=round_code,
            face_type=face_type,
            distance=distance,
            distance_unit=distance_unit,
            is_indoor=is_indoor,
            bow_id=bow_id,
            if_none_match=if_none_match,
            x_request_id=x_request_id,
        )
    ).parsed
