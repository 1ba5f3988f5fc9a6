from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.end_total import EndTotal
    from ..models.group_spread import GroupSpread
    from ..models.point_of_impact import PointOfImpact
    from ..models.value_count import ValueCount


T = TypeVar("T", bound="SlotStatistics")


@_attrs_define
class SlotStatistics:
    """Live statistics of one slot.

    Attributes:
        slot_id (UUID): The slot.
        arrows_shot (int): Arrows recorded.
        total_score (int): The score.
        max_possible_score (int): The best score these arrows could have made.
        percentage (float | None): Score as a percentage of the maximum; null before the first arrow.
        mean_per_arrow (float | None): Average arrow value; null before the first arrow.
        x_count (int): Arrows in the X (inner ten).
        ten_count (int): Arrows scoring 10 or more, Xs included.
        miss_count (int): Misses.
        ends (list[EndTotal]): The latest 100 ends at most (every end of every standard round: the longest has 36),
            in order, each with its total and the running total. A slot shot longer than that
            keeps its answer the same size: `end_count` counts every end, and each running
            total still includes the ends left out.
        end_count (int): Ends holding at least one arrow, including those `ends` leaves out.
        histogram (list[ValueCount]): Arrows per value, from X down to M; values nobody shot are left out.
        mean_point_of_impact (None | PointOfImpact): Null until an arrow is plotted.
        group_spread (GroupSpread | None): Null until an arrow is plotted.
    """

    slot_id: UUID
    arrows_shot: int
    total_score: int
    max_possible_score: int
    percentage: float | None
    mean_per_arrow: float | None
    x_count: int
    ten_count: int
    miss_count: int
    ends: list[EndTotal]
    end_count: int
    histogram: list[ValueCount]
    mean_point_of_impact: None | PointOfImpact
    group_spread: GroupSpread | None

    def to_dict(self) -> dict[str, Any]:
        from ..models.group_spread import GroupSpread  # noqa: PLC0415
        from ..models.point_of_impact import PointOfImpact  # noqa: PLC0415

        slot_id = str(self.slot_id)

        arrows_shot = self.arrows_shot

        total_score = self.total_score

        max_possible_score = self.max_possible_score

        percentage: float | None
        percentage = self.percentage

        mean_per_arrow: float | None
        mean_per_arrow = self.mean_per_arrow

        x_count = self.x_count

        ten_count = self.ten_count

        miss_count = self.miss_count

        ends = []
        for ends_item_data in self.ends:
            ends_item = ends_item_data.to_dict()
            ends.append(ends_item)

        end_count = self.end_count

        histogram = []
        for histogram_item_data in self.histogram:
            histogram_item = histogram_item_data.to_dict()
            histogram.append(histogram_item)

        mean_point_of_impact: dict[str, Any] | None
        if isinstance(self.mean_point_of_impact, PointOfImpact):
            mean_point_of_impact = self.mean_point_of_impact.to_dict()
        else:
            mean_point_of_impact = self.mean_point_of_impact

        group_spread: dict[str, Any] | None
        if isinstance(self.group_spread, GroupSpread):
            group_spread = self.group_spread.to_dict()
        else:
            group_spread = self.group_spread

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "slot_id": slot_id,
                "arrows_shot": arrows_shot,
                "total_score": total_score,
                "max_possible_score": max_possible_score,
                "percentage": percentage,
                "mean_per_arrow": mean_per_arrow,
                "x_count": x_count,
                "ten_count": ten_count,
                "miss_count": miss_count,
                "ends": ends,
                "end_count": end_count,
                "histogram": histogram,
                "mean_point_of_impact": mean_point_of_impact,
                "group_spread": group_spread,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.end_total import EndTotal  # noqa: PLC0415
        from ..models.group_spread import GroupSpread  # noqa: PLC0415
        from ..models.point_of_impact import PointOfImpact  # noqa: PLC0415
        from ..models.value_count import ValueCount  # noqa: PLC0415

        d = dict(src_dict)
        slot_id = UUID(d.pop("slot_id"))

        arrows_shot = d.pop("arrows_shot")

        total_score = d.pop("total_score")

        max_possible_score = d.pop("max_possible_score")

        def _parse_percentage(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        percentage = _parse_percentage(d.pop("percentage"))

        def _parse_mean_per_arrow(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_per_arrow = _parse_mean_per_arrow(d.pop("mean_per_arrow"))

        x_count = d.pop("x_count")

        ten_count = d.pop("ten_count")

        miss_count = d.pop("miss_count")

        ends = []
        _ends = d.pop("ends")
        for ends_item_data in _ends:
            ends_item = EndTotal.from_dict(ends_item_data)

            ends.append(ends_item)

        end_count = d.pop("end_count")

        histogram = []
        _histogram = d.pop("histogram")
        for histogram_item_data in _histogram:
            histogram_item = ValueCount.from_dict(histogram_item_data)

            histogram.append(histogram_item)

        def _parse_mean_point_of_impact(data: object) -> None | PointOfImpact:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                mean_point_of_impact_type_0 = PointOfImpact.from_dict(data)

                return mean_point_of_impact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PointOfImpact, data)

        mean_point_of_impact = _parse_mean_point_of_impact(d.pop("mean_point_of_impact"))

        def _parse_group_spread(data: object) -> GroupSpread | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                group_spread_type_0 = GroupSpread.from_dict(data)

                return group_spread_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GroupSpread | None, data)

        group_spread = _parse_group_spread(d.pop("group_spread"))

        slot_statistics = cls(
            slot_id=slot_id,
            arrows_shot=arrows_shot,
            total_score=total_score,
            max_possible_score=max_possible_score,
            percentage=percentage,
            mean_per_arrow=mean_per_arrow,
            x_count=x_count,
            ten_count=ten_count,
            miss_count=miss_count,
            ends=ends,
            end_count=end_count,
            histogram=histogram,
            mean_point_of_impact=mean_point_of_impact,
            group_spread=group_spread,
        )

        return slot_statistics
