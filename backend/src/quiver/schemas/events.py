"""Pydantic WebSocket message models generated from openapi/v0/asyncapi.yaml by datamodel-codegen. Do not edit."""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from quiver.schemas.api import (
    DistanceUnit,
    FaceType,
    Leaderboard,
    PersonalBestScore,
    Session,
    Shot,
    Slot,
    SlotStatistics,
)


class CloseCode(IntEnum):
    """
    The WebSocket close codes the server uses (see the table in the description):
    1001 shutting down, 1011 server error or missed pings, 4400 the client sent a
    message, 4401 bad ticket or no longer valid token, 4404 session not visible,
    4408 the client did not read.

    """

    GOING_AWAY = 1001
    INTERNAL_ERROR = 1011
    CLIENT_MESSAGE = 4400
    INVALID_TICKET = 4401
    SESSION_NOT_FOUND = 4404
    NOT_READING = 4408


class SessionSnapshot(BaseModel):
    """
    A session with its slots, each slot's statistics and the leaderboard.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    session: Session
    slots: Annotated[
        list[Slot], Field(description="Every slot, left ones included, by lane then letter.")
    ]
    statistics: Annotated[
        list[SlotStatistics],
        Field(description="The statistics of every slot, in the order of `slots`."),
    ]
    leaderboard: Leaderboard


class ShotsCreated(BaseModel):
    """
    The arrows one request recorded in a slot, and the slot's statistics after them.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    slot_id: Annotated[UUID, Field(description="The slot.")]
    shots: Annotated[
        list[Shot],
        Field(
            description="The arrows in shooting order (one, or a whole end).",
            max_length=10,
            min_length=1,
        ),
    ]
    statistics: SlotStatistics


class ShotUpdated(BaseModel):
    """
    The changed arrow and its slot's statistics.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    slot_id: Annotated[UUID, Field(description="The slot.")]
    shot: Shot
    statistics: SlotStatistics


class Kind(StrEnum):
    """
    A best total of a standard round, or a best mean per arrow in free practice.
    """

    ROUND = "round"
    PRACTICE = "practice"


class PersonalBestAchieved(BaseModel):
    """
    The slot that is its archer's new personal best, what it is a best of (a round, or a
    face at a distance for free practice), its figures and those of the best it beat.

    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    slot_id: Annotated[UUID, Field(description="The slot.")]
    archer_id: Annotated[UUID, Field(description="Its archer.")]
    archer_name: Annotated[str, Field(description="The archer's name.")]
    kind: Annotated[
        Kind,
        Field(
            description="A best total of a standard round, or a best mean per arrow in free practice."
        ),
    ]
    round_code: Annotated[
        str | None,
        Field(
            description="The round (`kind` round), else null.",
            max_length=64,
            min_length=1,
            pattern="^[a-z0-9][a-z0-9_]*$",
        ),
    ]
    face_type: Annotated[
        FaceType | None, Field(description="The face (`kind` practice), else null.")
    ]
    distance: Annotated[
        float | None,
        Field(
            description="The distance in `distance_unit` (`kind` practice), else null.",
            ge=1.0,
            le=150.0,
        ),
    ]
    distance_unit: Annotated[
        DistanceUnit | None,
        Field(description="The unit of `distance` (`kind` practice), else null."),
    ]
    best: PersonalBestScore
    previous: Annotated[
        PersonalBestScore | None,
        Field(description="The personal best it beat, null when this is the archer's first."),
    ]


class ShotDeleted(BaseModel):
    """
    The id of the deleted arrow and its slot's statistics.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    slot_id: Annotated[UUID, Field(description="The slot.")]
    shot_id: Annotated[UUID, Field(description="The deleted arrow.")]
    statistics: SlotStatistics


class SessionSnapshotPayload(BaseModel):
    """
    The whole live state of a session.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    type: Annotated[Literal["session.snapshot"], Field(description="The event name.")]
    ts: Annotated[
        AwareDatetime, Field(description="When the server sent the message (UTC, RFC 3339).")
    ]
    event_id: Annotated[
        UUID,
        Field(
            description="The server's id of the event: the same for every viewer of one change, in every server process; each snapshot has its own."
        ),
    ]
    data: SessionSnapshot


class ShotCreatedPayload(BaseModel):
    """
    Arrows recorded by one request.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    type: Annotated[Literal["shot.created"], Field(description="The event name.")]
    ts: Annotated[
        AwareDatetime, Field(description="When the server sent the message (UTC, RFC 3339).")
    ]
    event_id: Annotated[
        UUID,
        Field(
            description="The server's id of the event: the same for every viewer of one change, in every server process; each snapshot has its own."
        ),
    ]
    data: ShotsCreated


class ShotUpdatedPayload(BaseModel):
    """
    An arrow re-plotted or re-entered.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    type: Annotated[Literal["shot.updated"], Field(description="The event name.")]
    ts: Annotated[
        AwareDatetime, Field(description="When the server sent the message (UTC, RFC 3339).")
    ]
    event_id: Annotated[
        UUID,
        Field(
            description="The server's id of the event: the same for every viewer of one change, in every server process; each snapshot has its own."
        ),
    ]
    data: ShotUpdated


class ShotDeletedPayload(BaseModel):
    """
    An arrow deleted.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    type: Annotated[Literal["shot.deleted"], Field(description="The event name.")]
    ts: Annotated[
        AwareDatetime, Field(description="When the server sent the message (UTC, RFC 3339).")
    ]
    event_id: Annotated[
        UUID,
        Field(
            description="The server's id of the event: the same for every viewer of one change, in every server process; each snapshot has its own."
        ),
    ]
    data: ShotDeleted


class SlotJoinedPayload(BaseModel):
    """
    An archer joined the session, or came back to the range (re-join).
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    type: Annotated[Literal["slot.joined"], Field(description="The event name.")]
    ts: Annotated[
        AwareDatetime, Field(description="When the server sent the message (UTC, RFC 3339).")
    ]
    event_id: Annotated[
        UUID,
        Field(
            description="The server's id of the event: the same for every viewer of one change, in every server process; each snapshot has its own."
        ),
    ]
    data: Slot


class SlotLeftPayload(BaseModel):
    """
    An archer left the range.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    type: Annotated[Literal["slot.left"], Field(description="The event name.")]
    ts: Annotated[
        AwareDatetime, Field(description="When the server sent the message (UTC, RFC 3339).")
    ]
    event_id: Annotated[
        UUID,
        Field(
            description="The server's id of the event: the same for every viewer of one change, in every server process; each snapshot has its own."
        ),
    ]
    data: Slot


class SessionUpdatedPayload(BaseModel):
    """
    The session's details changed, or it was re-opened.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    type: Annotated[Literal["session.updated"], Field(description="The event name.")]
    ts: Annotated[
        AwareDatetime, Field(description="When the server sent the message (UTC, RFC 3339).")
    ]
    event_id: Annotated[
        UUID,
        Field(
            description="The server's id of the event: the same for every viewer of one change, in every server process; each snapshot has its own."
        ),
    ]
    data: Session


class SessionClosedPayload(BaseModel):
    """
    The session was closed.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    type: Annotated[Literal["session.closed"], Field(description="The event name.")]
    ts: Annotated[
        AwareDatetime, Field(description="When the server sent the message (UTC, RFC 3339).")
    ]
    event_id: Annotated[
        UUID,
        Field(
            description="The server's id of the event: the same for every viewer of one change, in every server process; each snapshot has its own."
        ),
    ]
    data: Session


class SlotPersonalBestPayload(BaseModel):
    """
    A new personal best.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    type: Annotated[Literal["slot.personal_best"], Field(description="The event name.")]
    ts: Annotated[
        AwareDatetime, Field(description="When the server sent the message (UTC, RFC 3339).")
    ]
    event_id: Annotated[
        UUID,
        Field(
            description="The server's id of the event: the same for every viewer of one change, in every server process; each snapshot has its own."
        ),
    ]
    data: PersonalBestAchieved


class HeartbeatPayload(BaseModel):
    """
    Proof of life, every 30 seconds; it has no `event_id` and no `data`.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    type: Annotated[Literal["heartbeat"], Field(description="The message name.")]
    ts: Annotated[
        AwareDatetime, Field(description="When the server sent the message (UTC, RFC 3339).")
    ]


class SessionWsQuery(BaseModel):
    """
    The query string of the handshake.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    ticket: Annotated[str, Field(description="The ticket from `createWsTicket`.", min_length=1)]
