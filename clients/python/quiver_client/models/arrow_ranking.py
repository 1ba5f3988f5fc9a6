from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ArrowRanking")


@_attrs_define
class ArrowRanking:
    """One numbered arrow of the set. Offsets are its mean point of impact less the group's
    (`ArrowSetRanking.group_mean_point_of_impact`); they and the spread are null when the
    arrow was never plotted.

        Attributes:
            rank (int): Its place, 1 for the best (see `getArrowSetRanking` for the order).
            arrow_number (int): The number on the arrow.
            arrows_shot (int): Times it was shot, plotted or not.
            mean_score (float): Its mean value, misses counting 0.
            plotted_arrows (int): Times it was plotted.
            offset_x_mm (float | None): Horizontal offset from the group's mean point of impact, in millimetres.
            offset_y_mm (float | None): Vertical offset from the group's mean point of impact, in millimetres.
            offset_mm (float | None): Distance of its mean point of impact from the group's, in millimetres.
            offset_x_mrad (float | None): Horizontal offset, in milliradians.
            offset_y_mrad (float | None): Vertical offset, in milliradians.
            offset_mrad (float | None): Distance of its mean point of impact from the group's, in milliradians.
            radial_sd_mm (float | None): Its radial standard deviation around its own mean point of impact, in millimetres.
            radial_sd_mrad (float | None): The same in milliradians.
    """

    rank: int
    arrow_number: int
    arrows_shot: int
    mean_score: float
    plotted_arrows: int
    offset_x_mm: float | None
    offset_y_mm: float | None
    offset_mm: float | None
    offset_x_mrad: float | None
    offset_y_mrad: float | None
    offset_mrad: float | None
    radial_sd_mm: float | None
    radial_sd_mrad: float | None

    def to_dict(self) -> dict[str, Any]:
        rank = self.rank

        arrow_number = self.arrow_number

        arrows_shot = self.arrows_shot

        mean_score = self.mean_score

        plotted_arrows = self.plotted_arrows

        offset_x_mm: float | None
        offset_x_mm = self.offset_x_mm

        offset_y_mm: float | None
        offset_y_mm = self.offset_y_mm

        offset_mm: float | None
        offset_mm = self.offset_mm

        offset_x_mrad: float | None
        offset_x_mrad = self.offset_x_mrad

        offset_y_mrad: float | None
        offset_y_mrad = self.offset_y_mrad

        offset_mrad: float | None
        offset_mrad = self.offset_mrad

        radial_sd_mm: float | None
        radial_sd_mm = self.radial_sd_mm

        radial_sd_mrad: float | None
        radial_sd_mrad = self.radial_sd_mrad

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rank": rank,
                "arrow_number": arrow_number,
                "arrows_shot": arrows_shot,
                "mean_score": mean_score,
                "plotted_arrows": plotted_arrows,
                "offset_x_mm": offset_x_mm,
                "offset_y_mm": offset_y_mm,
                "offset_mm": offset_mm,
                "offset_x_mrad": offset_x_mrad,
                "offset_y_mrad": offset_y_mrad,
                "offset_mrad": offset_mrad,
                "radial_sd_mm": radial_sd_mm,
                "radial_sd_mrad": radial_sd_mrad,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rank = d.pop("rank")

        arrow_number = d.pop("arrow_number")

        arrows_shot = d.pop("arrows_shot")

        mean_score = d.pop("mean_score")

        plotted_arrows = d.pop("plotted_arrows")

        def _parse_offset_x_mm(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        offset_x_mm = _parse_offset_x_mm(d.pop("offset_x_mm"))

        def _parse_offset_y_mm(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        offset_y_mm = _parse_offset_y_mm(d.pop("offset_y_mm"))

        def _parse_offset_mm(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        offset_mm = _parse_offset_mm(d.pop("offset_mm"))

        def _parse_offset_x_mrad(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        offset_x_mrad = _parse_offset_x_mrad(d.pop("offset_x_mrad"))

        def _parse_offset_y_mrad(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        offset_y_mrad = _parse_offset_y_mrad(d.pop("offset_y_mrad"))

        def _parse_offset_mrad(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        offset_mrad = _parse_offset_mrad(d.pop("offset_mrad"))

        def _parse_radial_sd_mm(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        radial_sd_mm = _parse_radial_sd_mm(d.pop("radial_sd_mm"))

        def _parse_radial_sd_mrad(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        radial_sd_mrad = _parse_radial_sd_mrad(d.pop("radial_sd_mrad"))

        arrow_ranking = cls(
            rank=rank,
            arrow_number=arrow_number,
            arrows_shot=arrows_shot,
            mean_score=mean_score,
            plotted_arrows=plotted_arrows,
            offset_x_mm=offset_x_mm,
            offset_y_mm=offset_y_mm,
            offset_mm=offset_mm,
            offset_x_mrad=offset_x_mrad,
            offset_y_mrad=offset_y_mrad,
            offset_mrad=offset_mrad,
            radial_sd_mm=radial_sd_mm,
            radial_sd_mrad=radial_sd_mrad,
        )

        return arrow_ranking
