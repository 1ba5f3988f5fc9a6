from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.arrow_value import ArrowValue, check_arrow_value
from ..types import UNSET, Unset

T = TypeVar("T", bound="ValueArrow")


@_attrs_define
class ValueArrow:
    """An arrow entered by value, for archers who do not plot.

    Attributes:
        value (ArrowValue): The value of an arrow as called at the target; `X` is the inner ten, `M` a miss.
        arrow_number (int | None | Unset): Which arrow of the slot's arrow set this was (1 to its `arrow_count`).
        shot_at (datetime.datetime | Unset): An instant with its UTC offset (RFC 3339), in the years 1900 to 2199 as
            written. Stored and returned in UTC.
    """

    value: ArrowValue
    arrow_number: int | None | Unset = UNSET
    shot_at: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        value: str = self.value

        arrow_number: int | None | Unset
        if isinstance(self.arrow_number, Unset):
            arrow_number = UNSET
        else:
            arrow_number = self.arrow_number

        shot_at: str | Unset = UNSET
        if not isinstance(self.shot_at, Unset):
            shot_at = self.shot_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "value": value,
            }
        )
        if arrow_number is not UNSET:
            field_dict["arrow_number"] = arrow_number
        if shot_at is not UNSET:
            field_dict["shot_at"] = shot_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        value = check_arrow_value(d.pop("value"))

        def _parse_arrow_number(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        arrow_number = _parse_arrow_number(d.pop("arrow_number", UNSET))

        _shot_at = d.pop("shot_at", UNSET)
        shot_at: datetime.datetime | Unset
        if isinstance(_shot_at, Unset):
            shot_at = UNSET
        else:
            shot_at = datetime.datetime.fromisoformat(_shot_at)

        value_arrow = cls(
            value=value,
            arrow_number=arrow_number,
            shot_at=shot_at,
        )

        return value_arrow
