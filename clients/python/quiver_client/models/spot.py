from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Spot")


@_attrs_define
class Spot:
    """The centre of one scoring spot, as an offset from the face centre (x right, y up).

    Attributes:
        x_mm (float): Horizontal offset of the spot centre in millimetres.
        y_mm (float): Vertical offset of the spot centre in millimetres.
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

        spot = cls(
            x_mm=x_mm,
            y_mm=y_mm,
        )

        return spot
