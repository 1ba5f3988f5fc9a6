from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="HistoryWeek")


@_attrs_define
class HistoryWeek:
    """One week holding arrows.

    Attributes:
        week_start (datetime.date): The Monday that starts the ISO week, in the summary's `time_zone`.
        slots (int): Slots counted in the week.
        arrows_shot (int): Arrows shot in the week (training volume).
        total_score (int): Their score.
        mean_per_arrow (float): The week's total over its arrows, to 3 decimals.
    """

    week_start: datetime.date
    slots: int
    arrows_shot: int
    total_score: int
    mean_per_arrow: float

    def to_dict(self) -> dict[str, Any]:
        week_start = self.week_start.isoformat()

        slots = self.slots

        arrows_shot = self.arrows_shot

        total_score = self.total_score

        mean_per_arrow = self.mean_per_arrow

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "week_start": week_start,
                "slots": slots,
                "arrows_shot": arrows_shot,
                "total_score": total_score,
                "mean_per_arrow": mean_per_arrow,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        week_start = datetime.date.fromisoformat(d.pop("week_start"))

        slots = d.pop("slots")

        arrows_shot = d.pop("arrows_shot")

        total_score = d.pop("total_score")

        mean_per_arrow = d.pop("mean_per_arrow")

        history_week = cls(
            week_start=week_start,
            slots=slots,
            arrows_shot=arrows_shot,
            total_score=total_score,
            mean_per_arrow=mean_per_arrow,
        )

        return history_week
