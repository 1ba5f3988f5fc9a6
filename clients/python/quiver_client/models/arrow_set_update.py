from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ArrowSetUpdate")


@_attrs_define
class ArrowSetUpdate:
    """The fields of an arrow set to change.

    Attributes:
        name (str | Unset): A name the archer recognises the item by.
        shaft_diameter_mm (float | Unset): The arrow shaft diameter in millimetres.
        arrow_count (int | Unset): How many numbered arrows the set has (numbered 1 to this).
    """

    name: str | Unset = UNSET
    shaft_diameter_mm: float | Unset = UNSET
    arrow_count: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        shaft_diameter_mm = self.shaft_diameter_mm

        arrow_count = self.arrow_count

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if shaft_diameter_mm is not UNSET:
            field_dict["shaft_diameter_mm"] = shaft_diameter_mm
        if arrow_count is not UNSET:
            field_dict["arrow_count"] = arrow_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        shaft_diameter_mm = d.pop("shaft_diameter_mm", UNSET)

        arrow_count = d.pop("arrow_count", UNSET)

        arrow_set_update = cls(
            name=name,
            shaft_diameter_mm=shaft_diameter_mm,
            arrow_count=arrow_count,
        )

        return arrow_set_update
