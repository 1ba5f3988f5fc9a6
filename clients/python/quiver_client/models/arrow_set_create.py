from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ArrowSetCreate")


@_attrs_define
class ArrowSetCreate:
    """A new arrow set.

    Attributes:
        name (str): A name the archer recognises the item by.
        shaft_diameter_mm (float): The arrow shaft diameter in millimetres.
        arrow_count (int): How many numbered arrows the set has (numbered 1 to this).
    """

    name: str
    shaft_diameter_mm: float
    arrow_count: int

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        shaft_diameter_mm = self.shaft_diameter_mm

        arrow_count = self.arrow_count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "shaft_diameter_mm": shaft_diameter_mm,
                "arrow_count": arrow_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        shaft_diameter_mm = d.pop("shaft_diameter_mm")

        arrow_count = d.pop("arrow_count")

        arrow_set_create = cls(
            name=name,
            shaft_diameter_mm=shaft_diameter_mm,
            arrow_count=arrow_count,
        )

        return arrow_set_create
