from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PointOfImpact")


@_attrs_define
class PointOfImpact:
    """The mean position of the plotted arrows, in millimetres from the centre of the spot each scored on.

    Attributes:
        x_mm (float): Mean horizontal offset.
        y_mm (float): Mean vertical offset.
    """

    x_mm: float
    y_mm: float

    def to_dict(self) -> dict[str, Any]:
        x_mm = self.x_mm

        y_mm = self.y_mm

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "x_mm": x_mm,
                "y_mm": y_mm,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        x_mm = d.pop("x_mm")

        y_mm = d.pop("y_mm")

        point_of_impact = cls(
            x_mm=x_mm,
            y_mm=y_mm,
        )

        return point_of_impact
