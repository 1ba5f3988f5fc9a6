from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="GroupPoint")


@_attrs_define
class GroupPoint:
    """A mean point of impact, in millimetres and in milliradians.

    Attributes:
        x_mm (float): Horizontal, in millimetres.
        y_mm (float): Vertical, in millimetres.
        x_mrad (float): Horizontal, in milliradians.
        y_mrad (float): Vertical, in milliradians.
    """

    x_mm: float
    y_mm: float
    x_mrad: float
    y_mrad: float

    def to_dict(self) -> dict[str, Any]:
        x_mm = self.x_mm

        y_mm = self.y_mm

        x_mrad = self.x_mrad

        y_mrad = self.y_mrad

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "x_mm": x_mm,
                "y_mm": y_mm,
                "x_mrad": x_mrad,
                "y_mrad": y_mrad,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        x_mm = d.pop("x_mm")

        y_mm = d.pop("y_mm")

        x_mrad = d.pop("x_mrad")

        y_mrad = d.pop("y_mrad")

        group_point = cls(
            x_mm=x_mm,
            y_mm=y_mm,
            x_mrad=x_mrad,
            y_mrad=y_mrad,
        )

        return group_point
