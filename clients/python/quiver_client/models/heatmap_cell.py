from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="HeatmapCell")


@_attrs_define
class HeatmapCell:
    """One grid cell holding arrows.

    Attributes:
        column (int): The cell's column, from the left (0).
        row (int): The cell's row, from the bottom (0).
        count (int): Arrows in the cell.
    """

    column: int
    row: int
    count: int

    def to_dict(self) -> dict[str, Any]:
        column = self.column

        row = self.row

        count = self.count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "column": column,
                "row": row,
                "count": count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        column = d.pop("column")

        row = d.pop("row")

        count = d.pop("count")

        heatmap_cell = cls(
            column=column,
            row=row,
            count=count,
        )

        return heatmap_cell
