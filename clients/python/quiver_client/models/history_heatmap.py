from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.face_type import FaceType, check_face_type

if TYPE_CHECKING:
    from ..models.heatmap_cell import HeatmapCell


T = TypeVar("T", bound="HistoryHeatmap")


@_attrs_define
class HistoryHeatmap:
    """A density grid of plotted arrows on one face, relative to a spot's centre.

    Attributes:
        face_type (FaceType): A target face. `wa_*` are the World Archery target faces (`*_6_ring`: the reduced face
            with rings 5 to 10; `*_triple_*`: three spots of rings 6 to 10 in a vertical line or a
            triangle (the 40 cm triangle is the Vegas face); `*_compound`: only the inner ten scores
            10; `*_11_zone`: the experimental scoring where the inner ten scores 11). `imperial_*` are the same faces scored
            9-7-5-3-1 by colour (Archery GB imperial
            rounds). `wa_field_*`, `ifaa_field_*`, `ifaa_field_expert_*` and `aa_field_*` are the
            World Archery, IFAA (field and expert scoring) and Archery Australia field faces.
            `worcester` is the 16 inch Worcester face and `worcester_2_ring` its 5 and 4 rings only
            (one spot of the 5-spot version); `nfaa_indoor` is the 40 cm NFAA/IFAA indoor face. The
            number is the face diameter in centimetres.
        spot_count (int): Spots on the face; all of them add to this one grid.
        cell_mm (float): The side of a cell in millimetres (the spot's scoring diameter / 40).
        origin_x_mm (float): The left edge of column 0, in millimetres from the spot centre.
        origin_y_mm (float): The bottom edge of row 0, in millimetres from the spot centre.
        columns (int): Columns of the grid.
        rows (int): Rows of the grid.
        plotted_arrows (int): Plotted arrows on this face in the filter, in the grid or not.
        outside_grid (int): Plotted arrows beyond the grid.
        max_count (int): The largest count of a cell (0 when the grid is empty), for a colour scale.
        cells (list[HeatmapCell]): The cells holding arrows (at most 48 × 48), rows from the bottom, then columns from
            the left.
    """

    face_type: FaceType
    spot_count: int
    cell_mm: float
    origin_x_mm: float
    origin_y_mm: float
    columns: int
    rows: int
    plotted_arrows: int
    outside_grid: int
    max_count: int
    cells: list[HeatmapCell]

    def to_dict(self) -> dict[str, Any]:
        face_type: str = self.face_type

        spot_count = self.spot_count

        cell_mm = self.cell_mm

        origin_x_mm = self.origin_x_mm

        origin_y_mm = self.origin_y_mm

        columns = self.columns

        rows = self.rows

        plotted_arrows = self.plotted_arrows

        outside_grid = self.outside_grid

        max_count = self.max_count

        cells = []
        for cells_item_data in self.cells:
            cells_item = cells_item_data.to_dict()
            cells.append(cells_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "face_type": face_type,
                "spot_count": spot_count,
                "cell_mm": cell_mm,
                "origin_x_mm": origin_x_mm,
                "origin_y_mm": origin_y_mm,
                "columns": columns,
                "rows": rows,
                "plotted_arrows": plotted_arrows,
                "outside_grid": outside_grid,
                "max_count": max_count,
                "cells": cells,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.heatmap_cell import HeatmapCell  # noqa: PLC0415

        d = dict(src_dict)
        face_type = check_face_type(d.pop("face_type"))

        spot_count = d.pop("spot_count")

        cell_mm = d.pop("cell_mm")

        origin_x_mm = d.pop("origin_x_mm")

        origin_y_mm = d.pop("origin_y_mm")

        columns = d.pop("columns")

        rows = d.pop("rows")

        plotted_arrows = d.pop("plotted_arrows")

        outside_grid = d.pop("outside_grid")

        max_count = d.pop("max_count")

        cells = []
        _cells = d.pop("cells")
        for cells_item_data in _cells:
            cells_item = HeatmapCell.from_dict(cells_item_data)

            cells.append(cells_item)

        history_heatmap = cls(
            face_type=face_type,
            spot_count=spot_count,
            cell_mm=cell_mm,
            origin_x_mm=origin_x_mm,
            origin_y_mm=origin_y_mm,
            columns=columns,
            rows=rows,
            plotted_arrows=plotted_arrows,
            outside_grid=outside_grid,
            max_count=max_count,
            cells=cells,
        )

        return history_heatmap
