from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.group_ellipse import GroupEllipse


T = TypeVar("T", bound="GroupMeasures")


@_attrs_define
class GroupMeasures:
    """A group's figures in one unit: millimetres on the face, or milliradians (the offset in
    mm divided by the arrow's distance in metres). Standard deviations are population
    figures (divided by the arrow count).

        Attributes:
            mean_x (float): Mean point of impact, horizontal (right of the spot centre is positive).
            mean_y (float): Mean point of impact, vertical (above the spot centre is positive).
            sd_x (float): Standard deviation of x.
            sd_y (float): Standard deviation of y.
            radial_sd (float): Radial standard deviation around the mean point of impact, √(sd_x² + sd_y²).
            mean_radius (float): The mean distance of the arrows from the mean point of impact.
            ellipse (GroupEllipse | None): The covariance ellipse; null for a group of fewer than 2 arrows.
    """

    mean_x: float
    mean_y: float
    sd_x: float
    sd_y: float
    radial_sd: float
    mean_radius: float
    ellipse: GroupEllipse | None

    def to_dict(self) -> dict[str, Any]:
        from ..models.group_ellipse import GroupEllipse  # noqa: PLC0415

        mean_x = self.mean_x

        mean_y = self.mean_y

        sd_x = self.sd_x

        sd_y = self.sd_y

        radial_sd = self.radial_sd

        mean_radius = self.mean_radius

        ellipse: dict[str, Any] | None
        if isinstance(self.ellipse, GroupEllipse):
            ellipse = self.ellipse.to_dict()
        else:
            ellipse = self.ellipse

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mean_x": mean_x,
                "mean_y": mean_y,
                "sd_x": sd_x,
                "sd_y": sd_y,
                "radial_sd": radial_sd,
                "mean_radius": mean_radius,
                "ellipse": ellipse,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.group_ellipse import GroupEllipse  # noqa: PLC0415

        d = dict(src_dict)
        mean_x = d.pop("mean_x")

        mean_y = d.pop("mean_y")

        sd_x = d.pop("sd_x")

        sd_y = d.pop("sd_y")

        radial_sd = d.pop("radial_sd")

        mean_radius = d.pop("mean_radius")

        def _parse_ellipse(data: object) -> GroupEllipse | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                ellipse_type_0 = GroupEllipse.from_dict(data)

                return ellipse_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GroupEllipse | None, data)

        ellipse = _parse_ellipse(d.pop("ellipse"))

        group_measures = cls(
            mean_x=mean_x,
            mean_y=mean_y,
            sd_x=sd_x,
            sd_y=sd_y,
            radial_sd=radial_sd,
            mean_radius=mean_radius,
            ellipse=ellipse,
        )

        return group_measures
