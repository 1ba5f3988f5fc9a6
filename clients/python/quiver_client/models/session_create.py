from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SessionCreate")


@_attrs_define
class SessionCreate:
    """A new practice session.

    Attributes:
        is_opened (bool): Whether the session is open for shooting; false logs a finished session.
        start_time (datetime.datetime): An instant with its UTC offset (RFC 3339), in the years 1900 to 2199 as written.
            Stored and returned in UTC.
        location (str): Where the session takes place.
        is_indoor (bool): Indoor range (sets the default arrow diameter to 9.3 mm, else 5.5 mm).
        distance (float): The session's main shooting distance in metres, from 1 to 150.
    """

    is_opened: bool
    start_time: datetime.datetime
    location: str
    is_indoor: bool
    distance: float

    def to_dict(self) -> dict[str, Any]:
        is_opened = self.is_opened

        start_time = self.start_time.isoformat()

        location = self.location

        is_indoor = self.is_indoor

        distance = self.distance

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "is_opened": is_opened,
                "start_time": start_time,
                "location": location,
                "is_indoor": is_indoor,
                "distance": distance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        is_opened = d.pop("is_opened")

        start_time = datetime.datetime.fromisoformat(d.pop("start_time"))

        location = d.pop("location")

        is_indoor = d.pop("is_indoor")

        distance = d.pop("distance")

        session_create = cls(
            is_opened=is_opened,
            start_time=start_time,
            location=location,
            is_indoor=is_indoor,
            distance=distance,
        )

        return session_create
