from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="GroupEllipse")


@_attrs_define
class GroupEllipse:
    """The group's covariance ellipse at one standard deviation: centred on the mean point of
    impact, its semi-axes are the square roots of the eigenvalues of the 2 × 2 population
    covariance matrix of (x, y), the major axis along the eigenvector of the larger one.
    For a bivariate normal group, about 39.3 % of arrows fall inside it; multiply both
    semi-axes by 2.4477 (the square root of the 95 % quantile of χ² with 2 degrees of
    freedom, √(−2 ln 0.05)) for the ellipse holding 95 %, or by 1.1774 (√(2 ln 2)) for 50 %.

        Attributes:
            centre_x (float): Horizontal centre (the mean x), in the unit of the enclosing measures.
            centre_y (float): Vertical centre (the mean y), in the unit of the enclosing measures.
            semi_major (float): The larger semi-axis (one standard deviation along the major axis).
            semi_minor (float): The smaller semi-axis; at most `semi_major`, 0 when every arrow lies on one line.
            angle_deg (float): The angle of the major axis from the x axis, counter-clockwise (y up), in degrees in
                (−90, 90]; 0 for a circular group.
    """

    centre_x: float
    centre_y: float
    semi_major: float
    semi_minor: float
    angle_deg: float

    def to_dict(self) -> dict[str, Any]:
        centre_x = self.centre_x

        centre_y = self.centre_y

        semi_major = self.semi_major

        semi_minor = self.semi_minor

        angle_deg = self.angle_deg

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "centre_x": centre_x,
                "centre_y": centre_y,
                "semi_major": semi_major,
                "semi_minor": semi_minor,
                "angle_deg": angle_deg,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        centre_x = d.pop("centre_x")

        centre_y = d.pop("centre_y")

        semi_major = d.pop("semi_major")

        semi_minor = d.pop("semi_minor")

        angle_deg = d.pop("angle_deg")

        group_ellipse = cls(
            centre_x=centre_x,
            centre_y=centre_y,
            semi_major=semi_major,
            semi_minor=semi_minor,
            angle_deg=angle_deg,
        )

        return group_ellipse
