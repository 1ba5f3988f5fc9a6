from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="HistoryTrend")


@_attrs_define
class HistoryTrend:
    """The least-squares line of the weekly mean per arrow against the week, one point per
    week returned.

        Attributes:
            weeks (int): The weeks fitted.
            slope_per_week (float | None): Change of the mean per arrow per week, in points; null under 3 weeks.
            slope_standard_error (float | None): The slope's standard error, in points per arrow per week; null under 3
                weeks.
    """

    weeks: int
    slope_per_week: float | None
    slope_standard_error: float | None

    def to_dict(self) -> dict[str, Any]:
        weeks = self.weeks

        slope_per_week: float | None
        slope_per_week = self.slope_per_week

        slope_standard_error: float | None
        slope_standard_error = self.slope_standard_error

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "weeks": weeks,
                "slope_per_week": slope_per_week,
                "slope_standard_error": slope_standard_error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        weeks = d.pop("weeks")

        def _parse_slope_per_week(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        slope_per_week = _parse_slope_per_week(d.pop("slope_per_week"))

        def _parse_slope_standard_error(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        slope_standard_error = _parse_slope_standard_error(d.pop("slope_standard_error"))

        history_trend = cls(
            weeks=weeks,
            slope_per_week=slope_per_week,
            slope_standard_error=slope_standard_error,
        )

        return history_trend
