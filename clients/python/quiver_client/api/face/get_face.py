from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.face import Face
from ...models.face_type import FaceType
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    face_type: FaceType,
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
        "url": "/api/v0/face/{face_type}".format(
            face_type=quote(str(face_type), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Face | Problem:
    if response.status_code == 200:
        response_200 = Face.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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
) -> Response[Any | Face | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    face_type: FaceType,
    *,
    client: AuthenticatedClient | Client,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Any | Face | Problem]:
    """Get one target face

     One target face with its rings (from the centre outwards) and spot centres, in millimetres; the
    server scores plotted arrows on this geometry.

    Args:
        face_type (FaceType): A target face. `wa_*` are the World Archery target faces
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
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Face | Problem]
    """

    kwargs = _get_kwargs(
        face_type=face_type,
        if_none_match=if_none_match,
        x_request_id=x_request_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    face_type: FaceType,
    *,
    client: AuthenticatedClient | Client,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Any | Face | Problem | None:
    """Get one target face

     One target face with its rings (from the centre outwards) and spot centres, in millimetres; the
    server scores plotted arrows on this geometry.

    Args:
        face_type (FaceType): A target face. `wa_*` are the World Archery target faces
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
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Face | Problem
    """

    return sync_detailed(
        face_type=face_type,
        client=client,
        if_none_match=if_none_match,
        x_request_id=x_request_id,
    ).parsed


async def asyncio_detailed(
    face_type: FaceType,
    *,
    client: AuthenticatedClient | Client,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Response[Any | Face | Problem]:
    """Get one target face

     One target face with its rings (from the centre outwards) and spot centres, in millimetres; the
    server scores plotted arrows on this geometry.

    Args:
        face_type (FaceType): A target face. `wa_*` are the World Archery target faces
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
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Face | Problem]
    """

    kwargs = _get_kwargs(
        face_type=face_type,
        if_none_match=if_none_match,
        x_request_id=x_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    face_type: FaceType,
    *,
    client: AuthenticatedClient | Client,
    if_none_match: str | Unset = UNSET,
    x_request_id: str | Unset = UNSET,
) -> Any | Face | Problem | None:
    """Get one target face

     One target face with its rings (from the centre outwards) and spot centres, in millimetres; the
    server scores plotted arrows on this geometry.

    Args:
        face_type (FaceType): A target face. `wa_*` are the World Archery target faces
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
        if_none_match (str | Unset):
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Face | Problem
    """

    return (
        await asyncio_detailed(
            face_type=face_type,
            client=client,
            if_none_match=if_none_match,
            x_request_id=x_request_id,
        )
    ).parsed
