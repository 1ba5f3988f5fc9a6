"""Pydantic wire models generated from openapi/v0/openapi.yaml by datamodel-codegen. Do not edit."""

from __future__ import annotations

from datetime import date as date_aliased
from enum import StrEnum
from typing import Annotated, Literal
from uuid import UUID

from pydantic import MISSING, AwareDatetime, BaseModel, ConfigDict, Field, StrictBool


class Liveness(BaseModel):
    """
    The process is up.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    status: Annotated[Literal["ok"], Field(description="Always `ok`.")]


class CheckOutcome(StrEnum):
    """
    The outcome of one check: `database` (a query answers), `migrations` (every migration
    of this version is applied), `live` (the live channel's LISTEN connection is up).

    """

    OK = "ok"
    FAILING = "failing"


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
    A target face. `wa_*` are the World Archery target faces (`*_6_ring`: the reduced face
    with rings 5 to 10; `*_triple_*`: three spots of rings 6 to 10 in a vertical line or a
    triangle (the 40 cm triangle is the Vegas face); `*_compound`: only the inner ten scores
    10; `*_11_zone`: the experimental scoring where the inner ten scores 11). `imperial_*` are the same faces scored 9-7-5-3-1 by colour (Archery GB imperial
    rounds). `wa_field_*`, `ifaa_field_*`, `ifaa_field_expert_*` and `aa_field_*` are the
    World Archery, IFAA (field and expert scoring) and Archery Australia field faces.
    `worcester` is the 16 inch Worcester face and `worcester_2_ring` its 5 and 4 rings only
    (one spot of the 5-spot version); `nfaa_indoor` is the 40 cm NFAA/IFAA indoor face. The
    number is the face diameter in centimetres.

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
    WA_122_6_RING = "wa_122_6_ring"
    WA_80_COMPOUND = "wa_80_compound"
    WA_40_TRIPLE_TRIANGULAR = "wa_40_triple_triangular"
    WA_40_TRIPLE_TRIANGULAR_COMPOUND = "wa_40_triple_triangular_compound"
    WA_122_11_ZONE = "wa_122_11_zone"
    WA_80_11_ZONE = "wa_80_11_zone"
    WA_40_11_ZONE = "wa_40_11_zone"
    WA_80_6_RING_11_ZONE = "wa_80_6_ring_11_zone"
    WA_40_TRIPLE_VERTICAL_11_ZONE = "wa_40_triple_vertical_11_zone"
    IMPERIAL_122 = "imperial_122"
    IMPERIAL_80 = "imperial_80"
    IMPERIAL_60 = "imperial_60"
    IMPERIAL_40 = "imperial_40"
    WA_FIELD_80 = "wa_field_80"
    WA_FIELD_60 = "wa_field_60"
    WA_FIELD_40 = "wa_field_40"
    WA_FIELD_20 = "wa_field_20"
    IFAA_FIELD_65 = "ifaa_field_65"
    IFAA_FIELD_50 = "ifaa_field_50"
    IFAA_FIELD_35 = "ifaa_field_35"
    IFAA_FIELD_20 = "ifaa_field_20"
    IFAA_FIELD_EXPERT_65 = "ifaa_field_expert_65"
    IFAA_FIELD_EXPERT_50 = "ifaa_field_expert_50"
    IFAA_FIELD_EXPERT_35 = "ifaa_field_expert_35"
    IFAA_FIELD_EXPERT_20 = "ifaa_field_expert_20"
    AA_FIELD_80 = "aa_field_80"
    AA_FIELD_60 = "aa_field_60"
    AA_FIELD_40 = "aa_field_40"
    AA_FIELD_20 = "aa_field_20"
    WORCESTER = "worcester"
    WORCESTER_2_RING = "worcester_2_ring"
    NFAA_INDOOR = "nfaa_indoor"


class ScoringStyle(StrEnum):
    """
    How a face family is scored; descriptive only, since `rings` give every zone's score.
    `recurve_x`: the ten ring scores 10 and the inner ten (X) counts as an X.
    `compound_inner_ten`: only the inner ten scores 10 (and counts as an X); the rest of
    the gold scores 9.
    `eleven_zone`: the inner ten scores 11; there is no separate X.
    `imperial_five_zone`: each colour is one zone, scoring 9, 7, 5, 3, 1.
    `wa_field`: World Archery field, 6 (inner spot) to 1.
    `ifaa_field`: IFAA field, 5 (spot), 4, 3.
    `ifaa_field_expert`: IFAA expert scoring, five equal zones 5 to 1.
    `aa_field`: Archery Australia national field, five equal zones 5 to 1.
    `worcester`: five equal zones 5 to 1, white centre on black.
    `nfaa_indoor`: five equal zones 5 to 1 with an X inside the 5 that scores 5.

    """

    RECURVE_X = "recurve_x"
    COMPOUND_INNER_TEN = "compound_inner_ten"
    ELEVEN_ZONE = "eleven_zone"
    IMPERIAL_FIVE_ZONE = "imperial_five_zone"
    WA_FIELD = "wa_field"
    IFAA_FIELD = "ifaa_field"
    IFAA_FIELD_EXPERT = "ifaa_field_expert"
    AA_FIELD = "aa_field"
    WORCESTER = "worcester"
    NFAA_INDOOR = "nfaa_indoor"


class RingColour(StrEnum):
    """
    The printed colour of a scoring zone.
    """

    GOLD = "gold"
    RED = "red"
    LIGHT_BLUE = "light_blue"
    BLACK = "black"
    WHITE = "white"
    BLUE = "blue"
    YELLOW = "yellow"


class Ring(BaseModel):
    """
    One scoring zone of a spot.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    score: Annotated[int, Field(description="The value of an arrow in this zone.", ge=1, le=11)]
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
        float | None,
        Field(
            description="The diameter of the X ring in millimetres: an arrow inside it is recorded as X and\nscores the value of the ring it lies in. Null when the face has no X (imperial,\nWorcester, field and 11-zone faces, where a centre ring has its own score).\n",
            gt=0.0,
        ),
    ]
    max_arrow_score: Annotated[
        int, Field(description="The most points one arrow can score on the face.", ge=1, le=11)
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


class RoundLocation(StrEnum):
    """
    Where a round is shot.
    """

    INDOOR = "indoor"
    OUTDOOR = "outdoor"
    FIELD = "field"


class RoundBody(StrEnum):
    """
    The body that defines a round: `world_archery`, `archery_gb`, `archery_australia`,
    `ifaa`, `nfaa`, or `other` for club and custom rounds.

    """

    WORLD_ARCHERY = "world_archery"
    ARCHERY_GB = "archery_gb"
    ARCHERY_AUSTRALIA = "archery_australia"
    IFAA = "ifaa"
    NFAA = "nfaa"
    OTHER = "other"


class DistanceUnit(StrEnum):
    """
    `m` for metres, `yd` for yards.
    """

    M = "m"
    YD = "yd"


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
            pattern="^[^@\\s\\u0000\\u0085\\ufeff]+@[^@\\s\\u0000\\u0085\\ufeff]+$",
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
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ]
    last_name: Annotated[
        str,
        Field(
            description="A first or last name (at least one non-space character).",
            max_length=100,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ]
    bowstyle: Bowstyle
    draw_weight_lb: Annotated[
        float, Field(description="The draw weight in pounds.", gt=0.0, le=120.0)
    ]
    date_of_birth: Annotated[
        date_aliased | None | MISSING,
        Field(
            description="The date of birth, if the archer wants to give it. In the years 1900 to 2099."
        ),
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
            pattern="^[^@\\s\\u0000\\u0085\\ufeff]+@[^@\\s\\u0000\\u0085\\ufeff]+$",
        ),
    ] = MISSING
    first_name: Annotated[
        str | MISSING,
        Field(
            description="A first or last name (at least one non-space character).",
            max_length=100,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ] = MISSING
    last_name: Annotated[
        str | MISSING,
        Field(
            description="A first or last name (at least one non-space character).",
            max_length=100,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ] = MISSING
    bowstyle: Bowstyle | MISSING = MISSING
    draw_weight_lb: Annotated[
        float | MISSING, Field(description="The draw weight in pounds.", gt=0.0, le=120.0)
    ] = MISSING
    date_of_birth: Annotated[
        date_aliased | None | MISSING,
        Field(description="The date of birth, or null to remove it. In the years 1900 to 2099."),
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
            pattern="^[^@\\s\\u0000\\u0085\\ufeff]+@[^@\\s\\u0000\\u0085\\ufeff]+$",
        ),
    ]
    first_name: Annotated[
        str,
        Field(
            description="A first or last name (at least one non-space character).",
            max_length=100,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ]
    last_name: Annotated[
        str,
        Field(
            description="A first or last name (at least one non-space character).",
            max_length=100,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ]
    bowstyle: Bowstyle
    draw_weight_lb: Annotated[
        float, Field(description="The draw weight in pounds.", gt=0.0, le=120.0)
    ]
    date_of_birth: Annotated[date_aliased | None, Field(description="The date of birth, if given.")]
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
        str,
        Field(
            description="The account email (any case).",
            max_length=254,
            min_length=1,
            pattern="^[^\\u0000]*$",
        ),
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


class OidcLogin(BaseModel):
    """
    An ID token to log in with.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    provider: Annotated[
        Literal["google"],
        Field(description="An OpenID Connect provider Quiver can accept ID tokens from."),
    ]
    id_token: Annotated[
        str,
        Field(
            description="The ID token (a signed JWT) the provider issued for the listed `client_id`.",
            max_length=8192,
            min_length=1,
        ),
    ]


class AuthProvider(BaseModel):
    """
    A sign-in provider this server is configured for.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    id: Annotated[
        Literal["google"],
        Field(description="An OpenID Connect provider Quiver can accept ID tokens from."),
    ]
    name: Annotated[str, Field(description="The provider's name, for a sign-in button.")]
    client_id: Annotated[
        str, Field(description="The OAuth client id to request ID tokens for (their audience).")
    ]


class AuthProviderList(BaseModel):
    """
    The configured sign-in providers.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    items: list[AuthProvider]


class TokenScope(StrEnum):
    """
    A scope a personal access token may hold (the table is in the `bearer_auth` security
    scheme). `account` is not one: only login tokens hold it.

    """

    PROFILE_READ = "profile:read"
    PROFILE_WRITE = "profile:write"
    SESSIONS_READ = "sessions:read"
    SESSIONS_WRITE = "sessions:write"
    SHOTS_WRITE = "shots:write"
    EQUIPMENT_READ = "equipment:read"
    EQUIPMENT_WRITE = "equipment:write"
    STATS_READ = "stats:read"


class AccessTokenCreate(BaseModel):
    """
    A new personal access token.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    name: Annotated[
        str,
        Field(
            description="What the token is for, so its owner can recognise it (at least one non-space character).",
            max_length=100,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ]
    scopes: Annotated[
        list[TokenScope],
        Field(
            description="The token's scopes, each once; returned in the order of `TokenScope`.",
            max_length=8,
            min_length=1,
        ),
    ]
    expires_in_days: Annotated[
        int | None,
        Field(
            description="Days until the token expires, up to a year; null for a token that never expires.",
            ge=1,
            le=365,
        ),
    ]


class SessionCreate(BaseModel):
    """
    A new practice session.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    is_opened: Annotated[
        StrictBool,
        Field(
            description="Whether the session is open for shooting; false logs a finished session."
        ),
    ]
    start_time: Annotated[
        AwareDatetime, Field(description="When the session starts, with its UTC offset.")
    ]
    location: Annotated[
        str,
        Field(
            description="Where the session takes place.",
            max_length=200,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ]
    is_indoor: Annotated[
        StrictBool,
        Field(description="Indoor range (sets the default arrow diameter to 9.3 mm, else 5.5 mm)."),
    ]
    distance: Annotated[
        float,
        Field(
            description="The session's main shooting distance in metres, from 1 to 150.",
            ge=1.0,
            le=150.0,
        ),
    ]


class SessionUpdate(BaseModel):
    """
    The fields of a session to change; absent fields stay as they are.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    is_opened: Annotated[
        StrictBool | MISSING,
        Field(description="False closes the session (stamping `closed_at`), true re-opens it."),
    ] = MISSING
    start_time: Annotated[
        AwareDatetime | MISSING, Field(description="When the session starts, with its UTC offset.")
    ] = MISSING
    location: Annotated[
        str | MISSING,
        Field(
            description="Where the session takes place.",
            max_length=200,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ] = MISSING
    is_indoor: Annotated[StrictBool | MISSING, Field(description="Indoor range.")] = MISSING
    distance: Annotated[
        float | MISSING,
        Field(
            description="The session's main shooting distance in metres, from 1 to 150.",
            ge=1.0,
            le=150.0,
        ),
    ] = MISSING


class Session(BaseModel):
    """
    A practice session at a range.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    id: Annotated[UUID, Field(description="The session id.")]
    owner_archer_id: Annotated[UUID, Field(description="The archer who created the session.")]
    is_opened: Annotated[StrictBool, Field(description="Whether arrows can be recorded.")]
    start_time: Annotated[AwareDatetime, Field(description="When the session starts.")]
    location: Annotated[
        str,
        Field(
            description="Where the session takes place.",
            max_length=200,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ]
    is_indoor: Annotated[StrictBool, Field(description="Indoor range.")]
    distance: Annotated[
        float,
        Field(
            description="The session's main shooting distance in metres, from 1 to 150.",
            ge=1.0,
            le=150.0,
        ),
    ]
    created_at: Annotated[AwareDatetime, Field(description="When the session was created.")]
    updated_at: Annotated[AwareDatetime, Field(description="When the session was last changed.")]
    closed_at: Annotated[
        AwareDatetime | None,
        Field(description="When the session was last closed; null while open."),
    ]


class SessionPage(BaseModel):
    """
    One page of sessions.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    items: list[Session]
    next_cursor: Annotated[
        str | None, Field(description="Pass as `cursor` for the next page; null on the last page.")
    ]


class SlotJoinFree(BaseModel):
    """
    Join at a distance, on a face, with an end size.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    distance: Annotated[
        float,
        Field(
            description="The shooting distance, in `distance_unit`, from 1 to 150 (every standard round's\ndistances lie within 4 m and 100 yd).\n",
            ge=1.0,
            le=150.0,
        ),
    ]
    distance_unit: DistanceUnit | MISSING = MISSING
    face_type: FaceType
    arrows_per_end: Annotated[int, Field(description="Arrows per end.", ge=3, le=10)]
    arrow_set_id: Annotated[
        UUID | None | MISSING,
        Field(
            description="One of the caller's arrow sets (its shaft diameter is used for scoring)."
        ),
    ] = MISSING
    bow_id: Annotated[UUID | None | MISSING, Field(description="One of the caller's bows.")] = (
        MISSING
    )


class SlotJoinRound(BaseModel):
    """
    Join to shoot a standard round, which sets distances, faces and end size.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    round_code: Annotated[
        str,
        Field(
            description="A stable snake_case round identifier (archeryutils' codename where it has one).",
            max_length=64,
            min_length=1,
            pattern="^[a-z0-9][a-z0-9_]*$",
        ),
    ]
    arrow_set_id: Annotated[
        UUID | None | MISSING,
        Field(
            description="One of the caller's arrow sets (its shaft diameter is used for scoring)."
        ),
    ] = MISSING
    bow_id: Annotated[UUID | None | MISSING, Field(description="One of the caller's bows.")] = (
        MISSING
    )


class SlotLetter(StrEnum):
    """
    The archer's place on the lane's target.
    """

    A = "A"
    B = "B"
    C = "C"
    D = "D"


class SlotProgress(BaseModel):
    """
    How far the slot has shot.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    arrows_shot: Annotated[int, Field(description="Arrows recorded.", ge=0)]
    ends_shot: Annotated[int, Field(description="Ends with at least one arrow.", ge=0)]
    total_score: Annotated[int, Field(description="The score so far.", ge=0)]
    max_possible_score: Annotated[
        int,
        Field(description="The highest score the arrows recorded so far could have made.", ge=0),
    ]
    round_arrows: Annotated[
        int | None, Field(description="Arrows of the round, or null without a round.", ge=1)
    ]
    round_max_score: Annotated[
        int | None, Field(description="The round's maximum score, or null without a round.", ge=1)
    ]
    arrows_remaining: Annotated[
        int | None, Field(description="Arrows left in the round, or null without a round.", ge=0)
    ]
    current_pass: Annotated[
        int | None,
        Field(
            description="The 1-based pass of the round the next arrow belongs to; null without a round or when complete.",
            ge=1,
        ),
    ]
    is_complete: Annotated[
        StrictBool,
        Field(description="Whether the round is finished (always false without a round)."),
    ]


class Slot(BaseModel):
    """
    An archer's place on the range for a session.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    id: Annotated[UUID, Field(description="The slot id.")]
    session_id: Annotated[UUID, Field(description="The session.")]
    archer_id: Annotated[UUID, Field(description="The archer shooting in this slot.")]
    archer_name: Annotated[str, Field(description="The archer's first and last name.")]
    lane: Annotated[int, Field(description="The lane (target butt) number.", ge=1)]
    letter: SlotLetter
    distance: Annotated[
        float,
        Field(
            description="The shooting distance, in `distance_unit`, from 1 to 150 (every standard round's\ndistances lie within 4 m and 100 yd).\n",
            ge=1.0,
            le=150.0,
        ),
    ]
    distance_unit: DistanceUnit
    face_type: FaceType
    arrows_per_end: Annotated[
        int,
        Field(
            description="Arrows per end (from the round when the slot follows one).", ge=1, le=10
        ),
    ]
    round_code: Annotated[
        str | None,
        Field(description="The code of the standard round followed, if any.", max_length=64),
    ]
    arrow_set_id: Annotated[UUID | None, Field(description="The arrow set used, if any.")]
    bow_id: Annotated[UUID | None, Field(description="The bow used, if any.")]
    arrow_diameter_mm: Annotated[
        float, Field(description="The arrow diameter new arrows are scored with.", gt=0.0)
    ]
    is_active: Annotated[StrictBool, Field(description="False after the archer left the range.")]
    joined_at: Annotated[AwareDatetime, Field(description="When the archer (last) joined.")]
    left_at: Annotated[
        AwareDatetime | None, Field(description="When the archer left; null while active.")
    ]
    progress: SlotProgress


class SlotList(BaseModel):
    """
    One page of the slots of a session.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    items: list[Slot]
    next_cursor: Annotated[
        str | None, Field(description="Pass as `cursor` for the next page; null on the last page.")
    ]


class ArrowValue(StrEnum):
    """
    The value of an arrow as called at the target; `X` is the inner ten, `M` a miss.
    """

    X = "X"
    FIELD_11 = "11"
    FIELD_10 = "10"
    FIELD_9 = "9"
    FIELD_8 = "8"
    FIELD_7 = "7"
    FIELD_6 = "6"
    FIELD_5 = "5"
    FIELD_4 = "4"
    FIELD_3 = "3"
    FIELD_2 = "2"
    FIELD_1 = "1"
    M = "M"


class PlottedArrow(BaseModel):
    """
    An arrow plotted on the face; the server scores it.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    x_mm: Annotated[
        float,
        Field(
            description="Millimetres from the face centre (x to the right, y upward).",
            ge=-1500.0,
            le=1500.0,
        ),
    ]
    y_mm: Annotated[
        float,
        Field(
            description="Millimetres from the face centre (x to the right, y upward).",
            ge=-1500.0,
            le=1500.0,
        ),
    ]
    arrow_number: Annotated[
        int | None | MISSING,
        Field(
            description="Which arrow of the slot's arrow set this was (1 to its `arrow_count`).",
            ge=1,
            le=99,
        ),
    ] = MISSING
    shot_at: Annotated[
        AwareDatetime | MISSING,
        Field(description="When the arrow was shot; defaults to when it is recorded."),
    ] = MISSING


class ValueArrow(BaseModel):
    """
    An arrow entered by value, for archers who do not plot.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    value: ArrowValue
    arrow_number: Annotated[
        int | None | MISSING,
        Field(
            description="Which arrow of the slot's arrow set this was (1 to its `arrow_count`).",
            ge=1,
            le=99,
        ),
    ] = MISSING
    shot_at: Annotated[
        AwareDatetime | MISSING,
        Field(description="When the arrow was shot; defaults to when it is recorded."),
    ] = MISSING


class ShotCreate(BaseModel):
    """
    One arrow or a whole end, in shooting order.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    arrows: Annotated[list[PlottedArrow | ValueArrow], Field(max_length=10, min_length=1)]


class Shot(BaseModel):
    """
    A recorded arrow and its authoritative score.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    id: Annotated[UUID, Field(description="The shot id.")]
    slot_id: Annotated[UUID, Field(description="The slot.")]
    archer_id: Annotated[UUID, Field(description="The archer who shot it.")]
    end_number: Annotated[int, Field(description="The end (1-based).", ge=1)]
    position: Annotated[
        int, Field(description="The arrow's place in its end (1-based).", ge=1, le=10)
    ]
    value: Annotated[int, Field(description="The score (0 for a miss).", ge=0, le=11)]
    value_label: ArrowValue
    is_x: Annotated[StrictBool, Field(description="Whether the arrow is in the inner ten (X).")]
    is_plotted: Annotated[
        StrictBool, Field(description="Whether the arrow has a position on the face.")
    ]
    x_mm: Annotated[
        float | None,
        Field(description="Millimetres right of the face centre; null when not plotted."),
    ]
    y_mm: Annotated[
        float | None, Field(description="Millimetres above the face centre; null when not plotted.")
    ]
    spot_index: Annotated[
        int | None,
        Field(
            description="The scoring spot (0-based) on multi-spot faces; null for a miss or an unplotted arrow.",
            ge=0,
        ),
    ]
    distance_mm: Annotated[
        float | None,
        Field(
            description="Distance from the centre of the nearest spot; null when not plotted.",
            ge=0.0,
        ),
    ]
    face_type: FaceType
    arrow_diameter_mm: Annotated[
        float, Field(description="The arrow diameter used for the line-cutter rule.", gt=0.0)
    ]
    arrow_number: Annotated[
        int | None,
        Field(
            description="Which arrow of the slot's arrow set this was (1 to its `arrow_count`).",
            ge=1,
            le=99,
        ),
    ]
    shot_at: Annotated[AwareDatetime, Field(description="When the arrow was shot.")]
    created_at: Annotated[AwareDatetime, Field(description="When it was recorded.")]
    updated_at: Annotated[AwareDatetime, Field(description="When it was last moved or re-entered.")]


class ShotList(BaseModel):
    """
    Arrows just recorded.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    items: list[Shot]


class ShotPage(BaseModel):
    """
    One page of a slot's arrows in shooting order.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    items: list[Shot]
    next_cursor: Annotated[
        str | None, Field(description="Pass as `cursor` for the next page; null on the last page.")
    ]


class EndTotal(BaseModel):
    """
    The score of one end.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    end_number: Annotated[int, Field(description="The end.", ge=1)]
    arrows: Annotated[int, Field(description="Arrows recorded in the end.", ge=1)]
    total: Annotated[int, Field(description="The end's score.", ge=0)]
    running_total: Annotated[
        int, Field(description="The score up to and including this end.", ge=0)
    ]


class ValueCount(BaseModel):
    """
    How many arrows scored one value.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    value_label: ArrowValue
    count: Annotated[int, Field(description="Arrows with this value.", ge=1)]


class PointOfImpact(BaseModel):
    """
    The mean position of the plotted arrows, in millimetres from the centre of the spot each scored on.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    x_mm: Annotated[float, Field(description="Mean horizontal offset.")]
    y_mm: Annotated[float, Field(description="Mean vertical offset.")]


class GroupSpread(BaseModel):
    """
    The spread of the plotted arrows around their mean point of impact.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    plotted_arrows: Annotated[int, Field(description="Arrows the figures are computed from.", ge=1)]
    radial_sd_mm: Annotated[
        float,
        Field(
            description="Radial standard deviation, sqrt(var(x) + var(y)), in millimetres.", ge=0.0
        ),
    ]
    radial_sd_mrad: Annotated[
        float,
        Field(
            description="The same as an angle in milliradians at the slot's distance, comparable across distances.",
            ge=0.0,
        ),
    ]


class GroupEllipse(BaseModel):
    """
    The group's covariance ellipse at one standard deviation: centred on the mean point of
    impact, its semi-axes are the square roots of the eigenvalues of the 2 × 2 population
    covariance matrix of (x, y), the major axis along the eigenvector of the larger one.
    For a bivariate normal group, about 39.3 % of arrows fall inside it; multiply both
    semi-axes by 2.4477 (the square root of the 95 % quantile of χ² with 2 degrees of
    freedom, √(−2 ln 0.05)) for the ellipse holding 95 %, or by 1.1774 (√(2 ln 2)) for 50 %.

    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    centre_x: Annotated[
        float,
        Field(
            description="Horizontal centre (the mean x), in the unit of the enclosing measures.",
            ge=-3000.0,
            le=3000.0,
        ),
    ]
    centre_y: Annotated[
        float,
        Field(
            description="Vertical centre (the mean y), in the unit of the enclosing measures.",
            ge=-3000.0,
            le=3000.0,
        ),
    ]
    semi_major: Annotated[
        float,
        Field(
            description="The larger semi-axis (one standard deviation along the major axis).",
            ge=0.0,
            le=5000.0,
        ),
    ]
    semi_minor: Annotated[
        float,
        Field(
            description="The smaller semi-axis; at most `semi_major`, 0 when every arrow lies on one line.",
            ge=0.0,
            le=5000.0,
        ),
    ]
    angle_deg: Annotated[
        float,
        Field(
            description="The angle of the major axis from the x axis, counter-clockwise (y up), in degrees in\n(−90, 90]; 0 for a circular group.\n",
            gt=-90.0,
            le=90.0,
        ),
    ]


class GroupMeasures(BaseModel):
    """
    A group's figures in one unit: millimetres on the face, or milliradians (the offset in
    mm divided by the arrow's distance in metres). Standard deviations are population
    figures (divided by the arrow count).

    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    mean_x: Annotated[
        float,
        Field(
            description="Mean point of impact, horizontal (right of the spot centre is positive).",
            ge=-3000.0,
            le=3000.0,
        ),
    ]
    mean_y: Annotated[
        float,
        Field(
            description="Mean point of impact, vertical (above the spot centre is positive).",
            ge=-3000.0,
            le=3000.0,
        ),
    ]
    sd_x: Annotated[float, Field(description="Standard deviation of x.", ge=0.0, le=5000.0)]
    sd_y: Annotated[float, Field(description="Standard deviation of y.", ge=0.0, le=5000.0)]
    radial_sd: Annotated[
        float,
        Field(
            description="Radial standard deviation around the mean point of impact, √(sd_x² + sd_y²).",
            ge=0.0,
            le=5000.0,
        ),
    ]
    mean_radius: Annotated[
        float,
        Field(
            description="The mean distance of the arrows from the mean point of impact.",
            ge=0.0,
            le=5000.0,
        ),
    ]
    ellipse: Annotated[
        GroupEllipse | None,
        Field(description="The covariance ellipse; null for a group of fewer than 2 arrows."),
    ]


class Group(BaseModel):
    """
    A group of plotted arrows, each taken relative to the centre of the spot it scored on.
    Arrows entered by value only, and misses without a position, are not in it.

    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    plotted_arrows: Annotated[int, Field(description="Arrows in the group.", ge=0, le=100000000)]
    mm: Annotated[
        GroupMeasures | None,
        Field(description="The figures in millimetres; null for an empty group."),
    ]
    mrad: Annotated[
        GroupMeasures | None,
        Field(description="The figures in milliradians; null for an empty group."),
    ]


class EndGroup(BaseModel):
    """
    The group of one end (of one slot, or every slot's end of that number).
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    end_number: Annotated[int, Field(description="The end number, from 1.", ge=1, le=100000)]
    arrows_shot: Annotated[
        int, Field(description="Arrows of the end, plotted or not.", ge=1, le=100000000)
    ]
    group: Group


class SlotGroup(BaseModel):
    """
    The group analysis of one slot.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    slot_id: Annotated[UUID, Field(description="The slot.")]
    arrows_shot: Annotated[
        int, Field(description="Arrows recorded, plotted or not.", ge=0, le=100000000)
    ]
    overall: Group
    ends: Annotated[
        list[EndGroup],
        Field(
            description="The latest 100 ends holding at least one arrow, in order.", max_length=100
        ),
    ]
    end_count: Annotated[
        int,
        Field(
            description="Ends holding at least one arrow, including those `ends` leaves out.",
            ge=0,
            le=100000,
        ),
    ]


class HistoryGroup(BaseModel):
    """
    The group analysis of the caller's filtered history.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    slot_count: Annotated[
        int,
        Field(
            description="The caller's slots the filter lets through, with arrows or not.",
            ge=0,
            le=10000000,
        ),
    ]
    arrows_shot: Annotated[
        int, Field(description="Arrows of those slots, plotted or not.", ge=0, le=100000000)
    ]
    overall: Group
    ends: Annotated[
        list[EndGroup],
        Field(
            description="Per end number from 1 to 100 (each slot's end of that number together), those holding arrows.",
            max_length=100,
        ),
    ]


class GroupPoint(BaseModel):
    """
    A mean point of impact, in millimetres and in milliradians.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    x_mm: Annotated[float, Field(description="Horizontal, in millimetres.", ge=-3000.0, le=3000.0)]
    y_mm: Annotated[float, Field(description="Vertical, in millimetres.", ge=-3000.0, le=3000.0)]
    x_mrad: Annotated[
        float, Field(description="Horizontal, in milliradians.", ge=-3000.0, le=3000.0)
    ]
    y_mrad: Annotated[float, Field(description="Vertical, in milliradians.", ge=-3000.0, le=3000.0)]


class ArrowRanking(BaseModel):
    """
    One numbered arrow of the set. Offsets are its mean point of impact less the group's
    (`ArrowSetRanking.group_mean_point_of_impact`); they and the spread are null when the
    arrow was never plotted.

    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    rank: Annotated[
        int,
        Field(
            description="Its place, 1 for the best (see `getArrowSetRanking` for the order).",
            ge=1,
            le=99,
        ),
    ]
    arrow_number: Annotated[int, Field(description="The number on the arrow.", ge=1, le=99)]
    arrows_shot: Annotated[
        int, Field(description="Times it was shot, plotted or not.", ge=1, le=100000000)
    ]
    mean_score: Annotated[
        float, Field(description="Its mean value, misses counting 0.", ge=0.0, le=11.0)
    ]
    plotted_arrows: Annotated[int, Field(description="Times it was plotted.", ge=0, le=100000000)]
    offset_x_mm: Annotated[
        float | None,
        Field(
            description="Horizontal offset from the group's mean point of impact, in millimetres.",
            ge=-6000.0,
            le=6000.0,
        ),
    ]
    offset_y_mm: Annotated[
        float | None,
        Field(
            description="Vertical offset from the group's mean point of impact, in millimetres.",
            ge=-6000.0,
            le=6000.0,
        ),
    ]
    offset_mm: Annotated[
        float | None,
        Field(
            description="Distance of its mean point of impact from the group's, in millimetres.",
            ge=0.0,
            le=9000.0,
        ),
    ]
    offset_x_mrad: Annotated[
        float | None,
        Field(description="Horizontal offset, in milliradians.", ge=-6000.0, le=6000.0),
    ]
    offset_y_mrad: Annotated[
        float | None, Field(description="Vertical offset, in milliradians.", ge=-6000.0, le=6000.0)
    ]
    offset_mrad: Annotated[
        float | None,
        Field(
            description="Distance of its mean point of impact from the group's, in milliradians.",
            ge=0.0,
            le=9000.0,
        ),
    ]
    radial_sd_mm: Annotated[
        float | None,
        Field(
            description="Its radial standard deviation around its own mean point of impact, in millimetres.",
            ge=0.0,
            le=5000.0,
        ),
    ]
    radial_sd_mrad: Annotated[
        float | None, Field(description="The same in milliradians.", ge=0.0, le=5000.0)
    ]


class ArrowSetRanking(BaseModel):
    """
    The per-arrow ranking of one arrow set over the filtered history.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    arrow_set_id: Annotated[UUID, Field(description="The arrow set.")]
    slot_count: Annotated[
        int,
        Field(
            description="The caller's slots shot with this set that the filter lets through.",
            ge=0,
            le=10000000,
        ),
    ]
    arrows_shot: Annotated[
        int, Field(description="Arrows of those slots, numbered or not.", ge=0, le=100000000)
    ]
    unnumbered_arrows: Annotated[
        int,
        Field(
            description="Arrows of those slots recorded without an arrow number.",
            ge=0,
            le=100000000,
        ),
    ]
    group_mean_point_of_impact: Annotated[
        GroupPoint | None,
        Field(
            description="The mean point of impact of every plotted arrow of those slots; null when none was plotted."
        ),
    ]
    items: Annotated[
        list[ArrowRanking],
        Field(description="Every arrow number shot at least once, best first.", max_length=99),
    ]


class HeatmapCell(BaseModel):
    """
    One grid cell holding arrows.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    column: Annotated[int, Field(description="The cell's column, from the left (0).", ge=0, le=47)]
    row: Annotated[int, Field(description="The cell's row, from the bottom (0).", ge=0, le=47)]
    count: Annotated[int, Field(description="Arrows in the cell.", ge=1, le=100000000)]


class HistoryHeatmap(BaseModel):
    """
    A density grid of plotted arrows on one face, relative to a spot's centre.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    face_type: FaceType
    spot_count: Annotated[
        int, Field(description="Spots on the face; all of them add to this one grid.", ge=1, le=3)
    ]
    cell_mm: Annotated[
        float,
        Field(
            description="The side of a cell in millimetres (the spot's scoring diameter / 40).",
            gt=0.0,
            le=100.0,
        ),
    ]
    origin_x_mm: Annotated[
        float,
        Field(
            description="The left edge of column 0, in millimetres from the spot centre.",
            ge=-1500.0,
            le=0.0,
        ),
    ]
    origin_y_mm: Annotated[
        float,
        Field(
            description="The bottom edge of row 0, in millimetres from the spot centre.",
            ge=-1500.0,
            le=0.0,
        ),
    ]
    columns: Annotated[int, Field(description="Columns of the grid.", ge=1, le=48)]
    rows: Annotated[int, Field(description="Rows of the grid.", ge=1, le=48)]
    plotted_arrows: Annotated[
        int,
        Field(
            description="Plotted arrows on this face in the filter, in the grid or not.",
            ge=0,
            le=100000000,
        ),
    ]
    outside_grid: Annotated[
        int, Field(description="Plotted arrows beyond the grid.", ge=0, le=100000000)
    ]
    max_count: Annotated[
        int,
        Field(
            description="The largest count of a cell (0 when the grid is empty), for a colour scale.",
            ge=0,
            le=100000000,
        ),
    ]
    cells: Annotated[
        list[HeatmapCell],
        Field(
            description="The cells holding arrows (at most 48 × 48), rows from the bottom, then columns from the left.",
            max_length=2304,
        ),
    ]


class SlotStatistics(BaseModel):
    """
    Live statistics of one slot.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    slot_id: Annotated[UUID, Field(description="The slot.")]
    arrows_shot: Annotated[int, Field(description="Arrows recorded.", ge=0)]
    total_score: Annotated[int, Field(description="The score.", ge=0)]
    max_possible_score: Annotated[
        int, Field(description="The best score these arrows could have made.", ge=0)
    ]
    percentage: Annotated[
        float | None,
        Field(
            description="Score as a percentage of the maximum; null before the first arrow.",
            ge=0.0,
            le=100.0,
        ),
    ]
    mean_per_arrow: Annotated[
        float | None, Field(description="Average arrow value; null before the first arrow.", ge=0.0)
    ]
    x_count: Annotated[int, Field(description="Arrows in the X (inner ten).", ge=0)]
    ten_count: Annotated[int, Field(description="Arrows scoring 10 or more, Xs included.", ge=0)]
    miss_count: Annotated[int, Field(description="Misses.", ge=0)]
    ends: Annotated[
        list[EndTotal],
        Field(
            description="The latest 100 ends at most (every end of every standard round: the longest has 36),\nin order, each with its total and the running total. A slot shot longer than that\nkeeps its answer the same size: `end_count` counts every end, and each running\ntotal still includes the ends left out.\n",
            max_length=100,
        ),
    ]
    end_count: Annotated[
        int,
        Field(
            description="Ends holding at least one arrow, including those `ends` leaves out.", ge=0
        ),
    ]
    histogram: Annotated[
        list[ValueCount],
        Field(description="Arrows per value, from X down to M; values nobody shot are left out."),
    ]
    mean_point_of_impact: Annotated[
        PointOfImpact | None, Field(description="Null until an arrow is plotted.")
    ]
    group_spread: Annotated[
        GroupSpread | None, Field(description="Null until an arrow is plotted.")
    ]


class HistorySlot(BaseModel):
    """
    One scored slot of the caller's, with its session and totals.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    slot_id: Annotated[UUID, Field(description="The slot.")]
    session_id: Annotated[UUID, Field(description="Its session.")]
    start_time: Annotated[
        AwareDatetime,
        Field(
            description="An instant with its UTC offset (RFC 3339), in the years 1900 to 2199 as written. Stored and returned in UTC."
        ),
    ]
    location: Annotated[
        str,
        Field(
            description="Where the session takes place.",
            max_length=200,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ]
    is_indoor: Annotated[StrictBool, Field(description="The session was indoors.")]
    round_code: Annotated[
        str | None,
        Field(
            description="The standard round shot (a `RoundCode`); null for free practice.",
            max_length=64,
            min_length=1,
            pattern="^[a-z0-9][a-z0-9_]*$",
        ),
    ]
    face_type: FaceType
    distance: Annotated[
        float,
        Field(
            description="The shooting distance, in `distance_unit`, from 1 to 150 (every standard round's\ndistances lie within 4 m and 100 yd).\n",
            ge=1.0,
            le=150.0,
        ),
    ]
    distance_unit: DistanceUnit
    bow_id: Annotated[
        UUID | None, Field(description="The bow shot, if one was chosen (and still exists).")
    ]
    arrow_set_id: Annotated[
        UUID | None, Field(description="The arrow set shot, if one was chosen (and still exists).")
    ]
    arrows_shot: Annotated[int, Field(description="Arrows recorded.", ge=1, le=1000000)]
    total_score: Annotated[int, Field(description="The score.", ge=0, le=11000000)]
    max_possible_score: Annotated[
        int, Field(description="The best score these arrows could have made.", ge=0, le=11000000)
    ]
    x_count: Annotated[int, Field(description="Arrows in the X (inner ten).", ge=0, le=1000000)]
    ten_count: Annotated[
        int, Field(description="Arrows scoring 10 or more, Xs included.", ge=0, le=1000000)
    ]
    miss_count: Annotated[int, Field(description="Misses.", ge=0, le=1000000)]
    mean_per_arrow: Annotated[
        float, Field(description="Average arrow value, to 3 decimals.", ge=0.0, le=11.0)
    ]
    round_arrows: Annotated[
        int | None,
        Field(description="The arrows of the whole round; null for free practice.", ge=1, le=1000),
    ]
    is_complete: Annotated[
        StrictBool,
        Field(
            description="Every arrow of the round is recorded (`arrows_shot` equals `round_arrows`); always\nfalse for free practice.\n"
        ),
    ]


class HistorySlotPage(BaseModel):
    """
    One page of the caller's scored slots.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    items: Annotated[list[HistorySlot], Field(max_length=100)]
    next_cursor: Annotated[
        str | None,
        Field(
            description="Pass as `cursor` (with the same filters) for the next page; null on the last page.",
            max_length=512,
        ),
    ]


class HistoryWeek(BaseModel):
    """
    One week holding arrows.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    week_start: Annotated[
        date_aliased,
        Field(description="The Monday that starts the ISO week, in the summary's `time_zone`."),
    ]
    slots: Annotated[int, Field(description="Slots counted in the week.", ge=1, le=100000)]
    arrows_shot: Annotated[
        int, Field(description="Arrows shot in the week (training volume).", ge=1, le=100000000)
    ]
    total_score: Annotated[int, Field(description="Their score.", ge=0, le=1100000000)]
    mean_per_arrow: Annotated[
        float,
        Field(description="The week's total over its arrows, to 3 decimals.", ge=0.0, le=11.0),
    ]


class HistoryTrend(BaseModel):
    """
    The least-squares line of the weekly mean per arrow against the week, one point per
    week returned.

    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    weeks: Annotated[int, Field(description="The weeks fitted.", ge=0, le=520)]
    slope_per_week: Annotated[
        float | None,
        Field(
            description="Change of the mean per arrow per week, in points; null under 3 weeks.",
            ge=-11.0,
            le=11.0,
        ),
    ]
    slope_standard_error: Annotated[
        float | None,
        Field(
            description="The slope's standard error, in points per arrow per week; null under 3 weeks.",
            ge=0.0,
            le=11.0,
        ),
    ]


class HistorySummary(BaseModel):
    """
    Weekly volume and mean per arrow over a filtered history, and their trend.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    time_zone: Annotated[
        str, Field(description="The time zone the weeks were cut in.", max_length=64, min_length=3)
    ]
    slots: Annotated[
        int,
        Field(description="Scored slots the filter lets through (all weeks).", ge=0, le=10000000),
    ]
    arrows_shot: Annotated[int, Field(description="Their arrows (all weeks).", ge=0, le=1000000000)]
    total_score: Annotated[int, Field(description="Their score (all weeks).", ge=0, le=11000000000)]
    mean_per_arrow: Annotated[
        float | None,
        Field(
            description="Mean per arrow over all of them, to 3 decimals; null without arrows.",
            ge=0.0,
            le=11.0,
        ),
    ]
    weeks: Annotated[
        list[HistoryWeek],
        Field(
            description="The latest 520 weeks holding arrows at most, oldest first.", max_length=520
        ),
    ]
    weeks_omitted: Annotated[
        int,
        Field(
            description="Earlier weeks holding arrows that `weeks` leaves out (counted in the totals).",
            ge=0,
            le=100000,
        ),
    ]
    trend: HistoryTrend


class LeaderboardEntry(BaseModel):
    """
    One slot's place in the ranking.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    rank: Annotated[int, Field(description="The place; tied slots share it.", ge=1)]
    slot_id: Annotated[UUID, Field(description="The slot.")]
    archer_id: Annotated[UUID, Field(description="The archer.")]
    archer_name: Annotated[str, Field(description="The archer's name.")]
    lane: Annotated[int, Field(description="The lane.", ge=1)]
    letter: SlotLetter
    arrows_shot: Annotated[int, Field(description="Arrows recorded.", ge=0)]
    total_score: Annotated[int, Field(description="The score.", ge=0)]
    max_possible_score: Annotated[
        int, Field(description="The best score these arrows could have made.", ge=0)
    ]
    ten_count: Annotated[int, Field(description="Tens, Xs included (first tie-break).", ge=0)]
    x_count: Annotated[int, Field(description="Xs (second tie-break).", ge=0)]


class Leaderboard(BaseModel):
    """
    The slots of a session, best first.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    session_id: Annotated[UUID, Field(description="The session.")]
    items: list[LeaderboardEntry]


class PersonalBestScore(BaseModel):
    """
    The figures of the slot holding a personal best, as they are now.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    slot_id: Annotated[UUID, Field(description="The slot.")]
    session_id: Annotated[UUID, Field(description="Its session.")]
    start_time: Annotated[
        AwareDatetime,
        Field(description="When the session started (the date of the personal best)."),
    ]
    arrows_shot: Annotated[int, Field(description="Arrows the slot holds.", ge=1, le=1000000)]
    total_score: Annotated[int, Field(description="Their score.", ge=0, le=11000000)]
    max_possible_score: Annotated[
        int, Field(description="The best score these arrows could have made.", ge=1, le=11000000)
    ]
    mean_per_arrow: Annotated[
        float, Field(description="The score per arrow, rounded to 3 decimals.", ge=0.0, le=11.0)
    ]
    ten_count: Annotated[int, Field(description="Tens, Xs included.", ge=0, le=1000000)]
    x_count: Annotated[int, Field(description="Xs.", ge=0, le=1000000)]


class RoundPersonalBest(BaseModel):
    """
    The best total of one standard round among the caller's completed ones.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    round_code: Annotated[
        str,
        Field(
            description="A stable snake_case round identifier (archeryutils' codename where it has one).",
            max_length=64,
            min_length=1,
            pattern="^[a-z0-9][a-z0-9_]*$",
        ),
    ]
    round_name: Annotated[
        str, Field(description="The round's name in the catalogue.", max_length=200, min_length=1)
    ]
    completed_rounds: Annotated[
        int,
        Field(
            description="Completed rounds of this kind the filter lets through.", ge=1, le=1000000
        ),
    ]
    best: PersonalBestScore


class PracticePersonalBest(BaseModel):
    """
    The best mean per arrow of one free-practice slot at a face and distance.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    face_type: FaceType
    distance: Annotated[
        float,
        Field(
            description="The shooting distance, in `distance_unit`, from 1 to 150 (every standard round's\ndistances lie within 4 m and 100 yd).\n",
            ge=1.0,
            le=150.0,
        ),
    ]
    distance_unit: DistanceUnit
    qualifying_slots: Annotated[
        int,
        Field(
            description="Free-practice slots of at least `min_practice_arrows` arrows here.",
            ge=1,
            le=1000000,
        ),
    ]
    best: PersonalBestScore


class PersonalBests(BaseModel):
    """
    The caller's personal bests among the slots the history filter lets through.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    min_practice_arrows: Annotated[
        int,
        Field(description="The arrows a free-practice slot needs to count (30).", ge=1, le=1000),
    ]
    rounds: Annotated[
        list[RoundPersonalBest],
        Field(
            description="One entry per round completed at least once, by round code.",
            max_length=1000,
        ),
    ]
    practice: Annotated[
        list[PracticePersonalBest],
        Field(
            description="One entry per face, distance and unit of free practice, by face, unit and distance.",
            max_length=10000,
        ),
    ]


class AgbClassificationCode(StrEnum):
    """
    An Archery GB classification: outdoor and field EMB, GMB, MB (Elite, Grand and Master
    Bowman), B1-B3 (Bowman), A1-A3 (Archer); indoor I-GMB, I-MB, I-B1-I-B3, I-A1-I-A3;
    `UC` (unclassified) below the lowest.

    """

    EMB = "EMB"
    GMB = "GMB"
    MB = "MB"
    B1 = "B1"
    B2 = "B2"
    B3 = "B3"
    A1 = "A1"
    A2 = "A2"
    A3 = "A3"
    I_GMB = "I-GMB"
    I_MB = "I-MB"
    I_B1 = "I-B1"
    I_B2 = "I-B2"
    I_B3 = "I-B3"
    I_A1 = "I-A1"
    I_A2 = "I-A2"
    I_A3 = "I-A3"
    UC = "UC"


class AgbAgeCategory(StrEnum):
    """
    An Archery GB age category, by the age reached on 31 December of the session's year.
    """

    UNDER_12 = "under_12"
    UNDER_14 = "under_14"
    UNDER_15 = "under_15"
    UNDER_16 = "under_16"
    UNDER_18 = "under_18"
    UNDER_21 = "under_21"
    ADULT = "adult"
    OVER_50 = "over_50"


class ClassificationSystem(StrEnum):
    """
    The classification scheme, chosen by the round's location.
    """

    AGB_OUTDOOR = "agb_outdoor"
    AGB_INDOOR = "agb_indoor"
    AGB_FIELD = "agb_field"


class AgbGender(StrEnum):
    """
    An Archery GB gender category (`open` admits everyone).
    """

    OPEN = "open"
    FEMALE = "female"


class ProfileField(StrEnum):
    """
    A field of the archer profile a classification needs.
    """

    DATE_OF_BIRTH = "date_of_birth"
    GENDER = "gender"


class Classification(BaseModel):
    """
    The Archery GB classification a score achieves, and the category it was judged in.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    code: AgbClassificationCode
    name: Annotated[
        str,
        Field(
            description='The classification\'s full name, e.g. "Master Bowman"; "Unclassified" for `UC`.',
            max_length=64,
        ),
    ]
    system: ClassificationSystem
    bowstyle: Bowstyle
    gender: AgbGender
    age_category: AgbAgeCategory


class HandicapUnavailableReason(StrEnum):
    """
    Why a slot has no handicap: `score_zero` (a completed round scored 0),
    `too_few_arrows` (an estimate needs 12 plotted arrows), `face_not_supported` (a
    multi-spot face, or one whose rings stop short of 1), `round_not_supported` (a round
    or score the handicap tables do not cover).

    """

    SCORE_ZERO = "score_zero"
    TOO_FEW_ARROWS = "too_few_arrows"
    FACE_NOT_SUPPORTED = "face_not_supported"
    ROUND_NOT_SUPPORTED = "round_not_supported"


class ClassificationUnavailableReason(StrEnum):
    """
    Why a slot has no classification: `profile_incomplete` (see `missing_profile_fields`),
    `round_not_classified` (archeryutils has no classification for this round, bowstyle
    and category), `estimated_handicap` (estimates are not classified), `no_handicap` (see
    `handicap_unavailable`).

    """

    PROFILE_INCOMPLETE = "profile_incomplete"
    ROUND_NOT_CLASSIFIED = "round_not_classified"
    ESTIMATED_HANDICAP = "estimated_handicap"
    NO_HANDICAP = "no_handicap"


class SlotHandicap(BaseModel):
    """
    A slot's Archery GB handicap and classification, or why either is missing.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    slot_id: Annotated[UUID, Field(description="The slot.")]
    session_id: Annotated[UUID, Field(description="Its session.")]
    date: Annotated[
        date_aliased,
        Field(description="The session's start date (UTC), which sets the age category."),
    ]
    round_code: Annotated[
        str | None, Field(description="The standard round the slot follows, if any.", max_length=64)
    ]
    is_estimate: Annotated[
        StrictBool,
        Field(
            description="True when the handicap is estimated from the group's dispersion rather than a completed round's score."
        ),
    ]
    arrows: Annotated[
        int,
        Field(
            description="The arrows the handicap rests on: the round's arrows for a completed round, the\nplotted arrows for an estimate (or that would have been used, when there is none).\n",
            ge=0,
            le=100000,
        ),
    ]
    score: Annotated[
        int | None,
        Field(
            description="The completed round's score; null for estimates and when the round is not complete.",
            ge=0,
            le=10000,
        ),
    ]
    handicap: Annotated[
        int | None,
        Field(
            description="The Archery GB 2023 handicap (`AgbHandicap`); null when `handicap_unavailable` says why.",
            ge=-75,
            le=1000,
        ),
    ]
    handicap_unavailable: Annotated[
        HandicapUnavailableReason | None,
        Field(description="Why there is no handicap; null when there is one."),
    ]
    classification: Annotated[
        Classification | None,
        Field(
            description="The classification achieved, null when `classification_unavailable` says why."
        ),
    ]
    classification_unavailable: Annotated[
        ClassificationUnavailableReason | None,
        Field(description="Why there is no classification; null when there is one."),
    ]
    missing_profile_fields: Annotated[
        list[ProfileField],
        Field(
            description="The archer profile fields to fill in (`updateMyArcher`) for a classification; empty otherwise.",
            max_length=2,
        ),
    ]


class HandicapPoint(BaseModel):
    """
    One point of the handicap progression.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    date: Annotated[date_aliased, Field(description="The session's start date (UTC).")]
    session_id: Annotated[UUID, Field(description="The session.")]
    slot_id: Annotated[UUID, Field(description="The slot.")]
    round_code: Annotated[
        str | None,
        Field(
            description="The round completed; null for an estimate from free practice.",
            max_length=64,
        ),
    ]
    is_estimate: Annotated[
        StrictBool, Field(description="True for a handicap estimated from the group's dispersion.")
    ]
    arrows: Annotated[
        int,
        Field(
            description="The round's arrows, or the plotted arrows an estimate rests on.",
            ge=1,
            le=100000,
        ),
    ]
    score: Annotated[
        int | None, Field(description="The round's score; null for an estimate.", ge=1, le=10000)
    ]
    handicap: Annotated[
        int,
        Field(
            description="An Archery GB 2023 handicap: lower is better; about 0 for world-class and 100 for a\nbeginner's first round.\n",
            ge=-75,
            le=1000,
        ),
    ]
    classification: Annotated[
        Classification | None,
        Field(
            description="The classification achieved; null for estimates and when `getSlotHandicap` would say why."
        ),
    ]


class HandicapProgressionPage(BaseModel):
    """
    One page of the handicap progression, oldest first.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    items: Annotated[list[HandicapPoint], Field(max_length=100)]
    next_cursor: Annotated[
        str | None, Field(description="Pass as `cursor` for the next page; null on the last page.")
    ]


class WsTicket(BaseModel):
    """
    A single-use ticket for the live channel of one session.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    ticket: Annotated[
        str,
        Field(
            description="Pass as `?ticket=` when opening the WebSocket; it works once.",
            max_length=128,
            min_length=1,
        ),
    ]
    expires_at: Annotated[
        AwareDatetime,
        Field(description="When the ticket stops being accepted (30 seconds after it was issued)."),
    ]


class BowCreate(BaseModel):
    """
    A new bow.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    name: Annotated[
        str,
        Field(
            description="A name the archer recognises the item by.",
            max_length=100,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ]
    bowstyle: Bowstyle
    draw_weight_lb: Annotated[
        float, Field(description="The draw weight in pounds.", gt=0.0, le=120.0)
    ]


class BowUpdate(BaseModel):
    """
    The fields of a bow to change.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    name: Annotated[
        str | MISSING,
        Field(
            description="A name the archer recognises the item by.",
            max_length=100,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ] = MISSING
    bowstyle: Bowstyle | MISSING = MISSING
    draw_weight_lb: Annotated[
        float | MISSING, Field(description="The draw weight in pounds.", gt=0.0, le=120.0)
    ] = MISSING


class Bow(BaseModel):
    """
    One of the archer's bows.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    id: Annotated[UUID, Field(description="The bow id.")]
    name: Annotated[
        str,
        Field(
            description="A name the archer recognises the item by.",
            max_length=100,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ]
    bowstyle: Bowstyle
    draw_weight_lb: Annotated[
        float, Field(description="The draw weight in pounds.", gt=0.0, le=120.0)
    ]
    created_at: Annotated[AwareDatetime, Field(description="When it was added.")]
    updated_at: Annotated[AwareDatetime, Field(description="When it was last changed.")]


class BowList(BaseModel):
    """
    One page of the archer's bows, oldest first.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    items: list[Bow]
    next_cursor: Annotated[
        str | None, Field(description="Pass as `cursor` for the next page; null on the last page.")
    ]


class ArrowSetCreate(BaseModel):
    """
    A new arrow set.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    name: Annotated[
        str,
        Field(
            description="A name the archer recognises the item by.",
            max_length=100,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ]
    shaft_diameter_mm: Annotated[
        float, Field(description="The arrow shaft diameter in millimetres.", ge=2.0, le=12.0)
    ]
    arrow_count: Annotated[
        int,
        Field(
            description="How many numbered arrows the set has (numbered 1 to this).", ge=1, le=99
        ),
    ]


class ArrowSetUpdate(BaseModel):
    """
    The fields of an arrow set to change.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    name: Annotated[
        str | MISSING,
        Field(
            description="A name the archer recognises the item by.",
            max_length=100,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ] = MISSING
    shaft_diameter_mm: Annotated[
        float | MISSING,
        Field(description="The arrow shaft diameter in millimetres.", ge=2.0, le=12.0),
    ] = MISSING
    arrow_count: Annotated[
        int | MISSING,
        Field(
            description="How many numbered arrows the set has (numbered 1 to this).", ge=1, le=99
        ),
    ] = MISSING


class ArrowSet(BaseModel):
    """
    A set of numbered arrows.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    id: Annotated[UUID, Field(description="The arrow set id.")]
    name: Annotated[
        str,
        Field(
            description="A name the archer recognises the item by.",
            max_length=100,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ]
    shaft_diameter_mm: Annotated[
        float, Field(description="The arrow shaft diameter in millimetres.", ge=2.0, le=12.0)
    ]
    arrow_count: Annotated[
        int,
        Field(
            description="How many numbered arrows the set has (numbered 1 to this).", ge=1, le=99
        ),
    ]
    created_at: Annotated[AwareDatetime, Field(description="When it was added.")]
    updated_at: Annotated[AwareDatetime, Field(description="When it was last changed.")]


class ArrowSetList(BaseModel):
    """
    One page of the archer's arrow sets, oldest first.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    items: list[ArrowSet]
    next_cursor: Annotated[
        str | None, Field(description="Pass as `cursor` for the next page; null on the last page.")
    ]


class ReadinessChecks(BaseModel):
    """
    The outcome of each readiness check.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    database: CheckOutcome
    migrations: CheckOutcome
    live: CheckOutcome


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


class RoundPass(BaseModel):
    """
    Arrows shot at one distance on one face.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    distance: Annotated[
        float,
        Field(
            description="The shooting distance, in `distance_unit`, from 1 to 150 (every standard round's\ndistances lie within 4 m and 100 yd).\n",
            ge=1.0,
            le=150.0,
        ),
    ]
    distance_unit: DistanceUnit
    arrows: Annotated[int, Field(description="The number of arrows shot in this pass.", ge=1)]
    arrows_per_end: Annotated[
        int,
        Field(
            description="Arrows per end: 6 outdoors, 3 indoors and on World Archery field courses; 5 for\nthe Worcester, NFAA 300 and IFAA indoor rounds; 4 (one target) on IFAA and Archery\nAustralia field courses, 3 for the IFAA International round. A pass shorter than\nthat is a single end.\n",
            ge=1,
        ),
    ]
    face_type: FaceType
    max_score: Annotated[int, Field(description="The highest possible score of the pass.", ge=1)]


class Round(BaseModel):
    """
    A standard round.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    code: Annotated[
        str,
        Field(
            description="A stable snake_case round identifier (archeryutils' codename where it has one).",
            max_length=64,
            min_length=1,
            pattern="^[a-z0-9][a-z0-9_]*$",
        ),
    ]
    name: Annotated[str, Field(description="A human-readable name.")]
    body: RoundBody
    location: RoundLocation
    passes: Annotated[
        list[RoundPass], Field(description="The passes in shooting order.", min_length=1)
    ]
    arrows: Annotated[int, Field(description="The number of arrows of the whole round.", ge=1)]
    max_score: Annotated[
        int, Field(description="The highest possible score of the whole round.", ge=1)
    ]


class RoundList(BaseModel):
    """
    The standard rounds that match the filters.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    items: list[Round]


class PersonalAccessToken(BaseModel):
    """
    A personal access token, without its secret.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    id: UUID
    name: Annotated[
        str,
        Field(
            description="What the token is for, so its owner can recognise it (at least one non-space character).",
            max_length=100,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ]
    scopes: Annotated[
        list[TokenScope],
        Field(
            description="The token's scopes, each once; returned in the order of `TokenScope`.",
            max_length=8,
            min_length=1,
        ),
    ]
    token_hint: Annotated[
        str,
        Field(
            description="The secret's prefix and last four characters, to tell tokens apart; not a secret.",
            examples=["qvr_pat_...x7Qa"],
            pattern="^qvr_pat_\\.\\.\\.[A-Za-z0-9_-]{4}$",
        ),
    ]
    created_at: Annotated[AwareDatetime, Field(description="When it was created.")]
    expires_at: Annotated[
        AwareDatetime | None, Field(description="When it stops being accepted; null if never.")
    ]
    last_used_at: Annotated[
        AwareDatetime | None,
        Field(
            description="When it last authenticated a request, to within a minute; null if never."
        ),
    ]


class PersonalAccessTokenCreated(BaseModel):
    """
    A new personal access token with its secret, shown this once.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    id: UUID
    name: Annotated[
        str,
        Field(
            description="What the token is for, so its owner can recognise it (at least one non-space character).",
            max_length=100,
            min_length=1,
            pattern="^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
        ),
    ]
    scopes: Annotated[
        list[TokenScope],
        Field(
            description="The token's scopes, each once; returned in the order of `TokenScope`.",
            max_length=8,
            min_length=1,
        ),
    ]
    token_hint: Annotated[
        str,
        Field(
            description="The secret's prefix and last four characters, to tell tokens apart; not a secret.",
            examples=["qvr_pat_...x7Qa"],
            pattern="^qvr_pat_\\.\\.\\.[A-Za-z0-9_-]{4}$",
        ),
    ]
    created_at: Annotated[AwareDatetime, Field(description="When it was created.")]
    expires_at: Annotated[
        AwareDatetime | None, Field(description="When it stops being accepted; null if never.")
    ]
    last_used_at: Annotated[AwareDatetime | None, Field(description="Null for a new token.")]
    token: Annotated[
        str,
        Field(
            description="The secret, to send as `Authorization: Bearer <token>`. Shown only here.",
            pattern="^qvr_pat_[A-Za-z0-9_-]{43}$",
        ),
    ]


class PersonalAccessTokenPage(BaseModel):
    """
    One page of personal access tokens, newest first.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    items: list[PersonalAccessToken]
    next_cursor: Annotated[
        str | None, Field(description="Pass as `cursor` for the next page; null on the last page.")
    ]


class Readiness(BaseModel):
    """
    The process can serve requests.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    status: Annotated[
        Literal["ok"], Field(description="Always `ok` (a process that is not ready answers 503).")
    ]
    checks: ReadinessChecks
