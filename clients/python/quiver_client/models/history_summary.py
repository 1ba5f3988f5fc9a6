from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.history_trend import HistoryTrend
    from ..models.history_week import HistoryWeek


T = TypeVar("T", bound="HistorySummary")


@_attrs_define
class HistorySummary:
    """Weekly volume and mean per arrow over a filtered history, and their trend.

    Attributes:
        time_zone (str): The time zone the weeks were cut in.
        slots (int): Scored slots the filter lets through (all weeks).
        arrows_shot (int): Their arrows (all weeks).
        total_score (int): Their score (all weeks).
        mean_per_arrow (float | None): Mean per arrow over all of them, to 3 decimals; null without arrows.
        weeks (list[HistoryWeek]): The latest 520 weeks holding arrows at most, oldest first.
        weeks_omitted (int): Earlier weeks holding arrows that `weeks` leaves out (counted in the totals).
        trend (HistoryTrend): The least-squares line of the weekly mean per arrow against the week, one point per
            week returned.
    """

    time_zone: str
    slots: int
    arrows_shot: int
    total_score: int
    mean_per_arrow: float | None
    weeks: list[HistoryWeek]
    weeks_omitted: int
    trend: HistoryTrend

    def to_dict(self) -> dict[str, Any]:
        time_zone = self.time_zone

        slots = self.slots

        arrows_shot = self.arrows_shot

        total_score = self.total_score

        mean_per_arrow: float | None
        mean_per_arrow = self.mean_per_arrow

        weeks = []
        for weeks_item_data in self.weeks:
            weeks_item = weeks_item_data.to_dict()
            weeks.append(weeks_item)

        weeks_omitted = self.weeks_omitted

        trend = self.trend.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "time_zone": time_zone,
                "slots": slots,
                "arrows_shot": arrows_shot,
                "total_score": total_score,
                "mean_per_arrow": mean_per_arrow,
                "weeks": weeks,
                "weeks_omitted": weeks_omitted,
                "trend": trend,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.history_trend import HistoryTrend  # noqa: PLC0415
        from ..models.history_week import HistoryWeek  # noqa: PLC0415

        d = dict(src_dict)
        time_zone = d.pop("time_zone")

        slots = d.pop("slots")

        arrows_shot = d.pop("arrows_shot")

        total_score = d.pop("total_score")

        def _parse_mean_per_arrow(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_per_arrow = _parse_mean_per_arrow(d.pop("mean_per_arrow"))

        weeks = []
        _weeks = d.pop("weeks")
        for weeks_item_data in _weeks:
            weeks_item = HistoryWeek.from_dict(weeks_item_data)

            weeks.append(weeks_item)

        weeks_omitted = d.pop("weeks_omitted")

        trend = HistoryTrend.from_dict(d.pop("trend"))

        history_summary = cls(
            time_zone=time_zone,
            slots=slots,
            arrows_shot=arrows_shot,
            total_score=total_score,
            mean_per_arrow=mean_per_arrow,
            weeks=weeks,
            weeks_omitted=weeks_omitted,
            trend=trend,
        )

        return history_summary
