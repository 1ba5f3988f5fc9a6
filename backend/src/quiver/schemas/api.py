"""Pydantic wire models generated from openapi/v0/openapi.yaml by datamodel-codegen. Do not edit."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal
from uuid import UUID

from pydantic import MISSING, AwareDatetime, BaseModel, ConfigDict, Field


class ProblemError(BaseModel):
    """
    One failing field of a request.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    pointer: Annotated[
        str,
        Field(
            description="A JSON pointer (RFC 6901) into the request body, or `#/query/<name>`, `#/path/<name>` or `#/header/<name>` for parameters."
        ),
    ]
    detail: Annotated[str, Field(description="What is wrong with the value.")]


class FaceType(StrEnum):
    """
    A target face. `wa_*_compound` faces are the compound versions of the indoor faces,
    where only the inner ten scores 10.

    """

    WA_122 = "wa_122"
    WA_80 = "wa_80"
    WA_60 = "wa_60"
    WA_40 = "wa_40"
    WA_80_6_RING = "wa_80_6_ring"
    WA_40_TRIPLE_VERTICAL = "wa_40_triple_vertical"
    WA_60_TRIPLE_TRIANGULAR = "wa_60_triple_triangular"
    WA_60_COMPOUND = "wa_60_compound"
    WA_40_COMPOUND = "wa_40_compound"
    WA_40_TRIPLE_VERTICAL_COMPOUND = "wa_40_triple_vertical_compound"
    WA_60_TRIPLE_TRIANGULAR_COMPOUND = "wa_60_triple_triangular_compound"


class ScoringStyle(StrEnum):
    """
    `recurve_x`: the ten ring scores 10 and the inner ten (X) counts as an X.
    `compound_inner_ten`: only the inner ten scores 10 (and counts as an X); the rest of
    the gold scores 9.

    """

    RECURVE_X = "recurve_x"
    COMPOUND_INNER_TEN = "compound_inner_ten"


class RingColour(StrEnum):
    """
    The printed colour of a scoring zone.
    """

    GOLD = "gold"
    RED = "red"
    LIGHT_BLUE = "light_blue"
    BLACK = "black"
    WHITE = "white"


class Ring(BaseModel):
    """
    One scoring zone of a spot.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    score: Annotated[int, Field(description="The value of an arrow in this zone.", ge=1, le=10)]
    outer_diameter_mm: Annotated[
        float, Field(description="The outer diameter of the zone in millimetres.", gt=0.0)
    ]
    colour: RingColour


class Spot(BaseModel):
    """
    The centre of one scoring spot, as an offset from the face centre (x right, y up).
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    x_mm: Annotated[
        float, Field(description="Horizontal offset of the spot centre in millimetres.")
    ]
    y_mm: Annotated[float, Field(description="Vertical offset of the spot centre in millimetres.")]


class Face(BaseModel):
    """
    A target face and its geometry. Every spot has the same rings.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    face_type: FaceType
    name: Annotated[str, Field(description="A human-readable name.")]
    diameter_mm: Annotated[
        float,
        Field(
            description="The nominal size of the face in millimetres (e.g. 1220 for the 122 cm face).",
            gt=0.0,
        ),
    ]
    scoring_style: ScoringStyle
    x_diameter_mm: Annotated[
        float, Field(description="The diameter of the inner ten (X) in millimetres.", gt=0.0)
    ]
    rings: Annotated[
        list[Ring],
        Field(
            description="The scoring zones of each spot, from the centre outwards (highest score first).",
            min_length=1,
        ),
    ]
    spots: Annotated[
        list[Spot],
        Field(
            description="The spot centres; one spot at (0, 0) for a single-spot face.", min_length=1
        ),
    ]


class FaceList(BaseModel):
    """
    The face catalogue.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    items: list[Face]


class Bowstyle(StrEnum):
    """
    The archer's bow style.
    """

    RECURVE = "recurve"
    COMPOUND = "compound"
    BAREBOW = "barebow"
    LONGBOW = "longbow"


class Gender(StrEnum):
    """
    The archer's gender, as they choose to state it.
    """

    FEMALE = "female"
    MALE = "male"
    NON_BINARY = "non_binary"
    OTHER = "other"
    UNSPECIFIED = "unspecified"


class ArcherRegistration(BaseModel):
    """
    The payload to register an archer.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    email: Annotated[
        str,
        Field(
            description="An email address; compared without regard to case.",
            max_length=254,
            min_length=3,
            pattern="^[^@\\s]+@[^@\\s]+$",
        ),
    ]
    password: Annotated[
        str, Field(description="The password (8 to 128 characters).", max_length=128, min_length=8)
    ]
    first_name: Annotated[
        str,
        Field(
            description="A first or last name (at least one non-space character).",
            max_length=100,
            min_length=1,
            pattern="\\S",
        ),
    ]
    last_name: Annotated[
        str,
        Field(
            description="A first or last name (at least one non-space character).",
            max_length=100,
            min_length=1,
            pattern="\\S",
        ),
    ]
    bowstyle: Bowstyle
    draw_weight_lb: Annotated[
        float, Field(description="The draw weight in pounds.", gt=0.0, le=120.0)
    ]
    date_of_birth: Annotated[
        date | None | MISSING,
        Field(description="The date of birth, if the archer wants to give it."),
    ] = MISSING
    gender: Annotated[
        Gender | None | MISSING, Field(description="The gender, if the archer wants to give it.")
    ] = MISSING


class ArcherUpdate(BaseModel):
    """
    The fields of an archer to change; absent fields stay as they are.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    email: Annotated[
        str | MISSING,
        Field(
            description="An email address; compared without regard to case.",
            max_length=254,
            min_length=3,
            pattern="^[^@\\s]+@[^@\\s]+$",
        ),
    ] = MISSING
    first_name: Annotated[
        str | MISSING,
        Field(
            description="A first or last name (at least one non-space character).",
            max_length=100,
            min_length=1,
            pattern="\\S",
        ),
    ] = MISSING
    last_name: Annotated[
        str | MISSING,
        Field(
            description="A first or last name (at least one non-space character).",
            max_length=100,
            min_length=1,
            pattern="\\S",
        ),
    ] = MISSING
    bowstyle: Bowstyle | MISSING = MISSING
    draw_weight_lb: Annotated[
        float | MISSING, Field(description="The draw weight in pounds.", gt=0.0, le=120.0)
    ] = MISSING
    date_of_birth: Annotated[
        date | None | MISSING, Field(description="The date of birth, or null to remove it.")
    ] = MISSING
    gender: Annotated[
        Gender | None | MISSING, Field(description="The gender, or null to remove it.")
    ] = MISSING


class Archer(BaseModel):
    """
    An archer account.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    id: Annotated[UUID, Field(description="The archer id.")]
    email: Annotated[
        str,
        Field(
            description="An email address; compared without regard to case.",
            max_length=254,
            min_length=3,
            pattern="^[^@\\s]+@[^@\\s]+$",
        ),
    ]
    first_name: Annotated[
        str,
        Field(
            description="A first or last name (at least one non-space character).",
            max_length=100,
            min_length=1,
            pattern="\\S",
        ),
    ]
    last_name: Annotated[
        str,
        Field(
            description="A first or last name (at least one non-space character).",
            max_length=100,
            min_length=1,
            pattern="\\S",
        ),
    ]
    bowstyle: Bowstyle
    draw_weight_lb: Annotated[
        float, Field(description="The draw weight in pounds.", gt=0.0, le=120.0)
    ]
    date_of_birth: Annotated[date | None, Field(description="The date of birth, if given.")]
    gender: Annotated[Gender | None, Field(description="The gender, if given.")]
    created_at: Annotated[AwareDatetime, Field(description="When the account was created.")]
    updated_at: Annotated[AwareDatetime, Field(description="When the account was last changed.")]


class LoginRequest(BaseModel):
    """
    Credentials to log in with.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    email: Annotated[
        str, Field(description="The account email (any case).", max_length=254, min_length=1)
    ]
    password: Annotated[
        str, Field(description="The account password.", max_length=128, min_length=1)
    ]


class AccessToken(BaseModel):
    """
    An opaque bearer token.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    access_token: Annotated[
        str, Field(description="The token to send as `Authorization: Bearer <access_token>`.")
    ]
    token_type: Annotated[Literal["bearer"], Field(description="Always `bearer`.")]
    expires_at: Annotated[AwareDatetime, Field(description="When the token stops being accepted.")]
    archer_id: Annotated[UUID, Field(description="The archer the token belongs to.")]


class Problem(BaseModel):
    """
    An RFC 9457 problem details document.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    type: Annotated[
        str,
        Field(
            description="A URI reference that identifies the problem type.",
            examples=["/problems/validation_failed"],
        ),
    ]
    title: Annotated[str, Field(description="A short, human-readable summary of the problem type.")]
    status: Annotated[int, Field(description="The HTTP status code.", ge=400, le=599)]
    detail: Annotated[str, Field(description="A human-readable explanation of this occurrence.")]
    instance: Annotated[str, Field(description="The path of the request that failed.")]
    code: Annotated[
        str,
        Field(
            description="A stable, machine-readable snake_case error code.",
            pattern="^[a-z][a-z0-9_]*$",
        ),
    ]
    request_id: Annotated[
        str, Field(description="The id of the request (also sent as `X-Request-ID`).")
    ]
    errors: Annotated[
        list[ProblemError] | MISSING,
        Field(description="Every failing field, for validation problems."),
    ] = MISSING
