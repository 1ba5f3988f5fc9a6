from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="GroupSpread")


@_attrs_define
class GroupSpread:
    """The spread of the plotted arrows around their mean point of impact.

    Attributes:
        plotted_arrows (int): Arrows the figures are computed from.
        radial_sd_mm (float): Radial standard deviation, sqrt(var(x) + var(y)), in millimetres.
        radial_sd_mrad (float): The same as an angle in milliradians at the slot's distance, comparable across
            distances.
    """

    plotted_arrows: int
    radial_sd_mm: float
    radial_sd_mrad: float

    def to_dict(self) -> dict[str, Any]:
        plotted_arrows = self.plotted_arrows

        radial_sd_mm = self.radial_sd_mm

        radial_sd_mrad = self.radial_sd_mrad

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "plotted_arrows": plotted_arrows,
                "radial_sd_mm": radial_sd_mm,
                "radial_sd_mrad": radial_sd_mrad,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        plotted_arrows = d.pop("plotted_arrows")

        radial_sd_mm = d.pop("radial_sd_mm")

        radial_sd_mrad = d.pop("radial_sd_mrad")

        group_spread = cls(
            plotted_arrows=plotted_arrows,
            radial_sd_mm=radial_sd_mm,
            radial_sd_mrad=radial_sd_mrad,
        )

        return group_spread
