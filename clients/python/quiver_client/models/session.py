from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="Session")


@_attrs_define
class Session:
    """A practice session at a range.

    Attributes:
        id (UUID): The session id.
        owner_archer_id (UUID): The archer who created the session.
        is_opened (bool): Whether arrows can be recorded.
        start_time (datetime.datetime): When the session starts.
        location (str): Where the session takes place.
        is_indoor (bool): Indoor range.
        distance (float): The session's main shooting distance in metres, from 1 to 150.
        created_at (datetime.datetime): When the session was created.
        updated_at (datetime.datetime): When the session was last changed.
        closed_at (datetime.datetime | None): When the session was last closed; null while open.
    """

    id: UUID
    owner_archer_id: UUID
    is_opened: bool
    start_time: datetime.datetime
    location: str
    is_indoor: bool
    distance: float
    created_at: datetime.datetime
    updated_at: datetime.datetime
    closed_at: datetime.datetime | None

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        owner_archer_id = str(self.owner_archer_id)

        is_opened = self.is_opened

        start_time = self.start_time.isoformat()

        location = self.location

        is_indoor = self.is_indoor

        distance = self.distance

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "owner_archer_id": owner_archer_id,
                "is_opened": is_opened,
                "start_time": start_time,
                "location": location,
                "is_indoor": is_indoor,
                "distance": distance,
                "created_at": created_at,
                "updated_at": updated_at,
                "closed_at": closed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        owner_archer_id = UUID(d.pop("owner_archer_id"))

        is_opened = d.pop("is_opened")

        start_time = datetime.datetime.fromisoformat(d.pop("start_time"))

        location = d.pop("location")

        is_indoor = d.pop("is_indoor")

        distance = d.pop("distance")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        session = cls(
            id=id,
            owner_archer_id=owner_archer_id,
            is_opened=is_opened,
            start_time=start_time,
            location=location,
            is_indoor=is_indoor,
            distance=distance,
            created_at=created_at,
            updated_at=updated_at,
            closed_at=closed_at,
        )

        return session
