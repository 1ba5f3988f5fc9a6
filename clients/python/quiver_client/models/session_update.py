from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionUpdate")


@_attrs_define
class SessionUpdate:
    """The fields of a session to change; absent fields stay as they are.

    Attributes:
        is_opened (bool | Unset): False closes the session (stamping `closed_at`), true re-opens it.
        start_time (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the years 1900 to 2199 as
            written. Stored and returned in UTC.
        location (str | Unset): Where the session takes place.
        is_indoor (bool | Unset): Indoor range.
        distance (float | Unset): The session's main shooting distance in metres, from 1 to 150.
    """

    is_opened: bool | Unset = UNSET
    start_time: datetime.datetime | Unset = UNSET
    location: str | Unset = UNSET
    is_indoor: bool | Unset = UNSET
    distance: float | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        is_opened = self.is_opened

        start_time: str | Unset = UNSET
        if not isinstance(self.start_time, Unset):
            start_time = self.start_time.isoformat()

        location = self.location

        is_indoor = self.is_indoor

        distance = self.distance

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if is_opened is not UNSET:
            field_dict["is_opened"] = is_opened
        if start_time is not UNSET:
            field_dict["start_time"] = start_time
        if location is not UNSET:
            field_dict["location"] = location
        if is_indoor is not UNSET:
            field_dict["is_indoor"] = is_indoor
        if distance is not UNSET:
            field_dict["distance"] = distance

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        is_opened = d.pop("is_opened", UNSET)

        _start_time = d.pop("start_time", UNSET)
        start_time: datetime.datetime | Unset
        if isinstance(_start_time, Unset):
            start_time = UNSET
        else:
            start_time = datetime.datetime.fromisoformat(_start_time)

        location = d.pop("location", UNSET)

        is_indoor = d.pop("is_indoor", UNSET)

        distance = d.pop("distance", UNSET)

        session_update = cls(
            is_opened=is_opened,
            start_time=start_time,
            location=location,
            is_indoor=is_indoor,
            distance=distance,
        )

        return session_update
