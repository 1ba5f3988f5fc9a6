from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="PersonalBestScore")


@_attrs_define
class PersonalBestScore:
    """The figures of the slot holding a personal best, as they are now.

    Attributes:
        slot_id (UUID): The slot.
        session_id (UUID): Its session.
        start_time (datetime.datetime): When the session started (the date of the personal best).
        arrows_shot (int): Arrows the slot holds.
        total_score (int): Their score.
        max_possible_score (int): The best score these arrows could have made.
        mean_per_arrow (float): The score per arrow, rounded to 3 decimals.
        ten_count (int): Tens, Xs included.
        x_count (int): Xs.
    """

    slot_id: UUID
    session_id: UUID
    start_time: datetime.datetime
    arrows_shot: int
    total_score: int
    max_possible_score: int
    mean_per_arrow: float
    ten_count: int
    x_count: int

    def to_dict(self) -> dict[str, Any]:
        slot_id = str(self.slot_id)

        session_id = str(self.session_id)

        start_time = self.start_time.isoformat()

        arrows_shot = self.arrows_shot

        total_score = self.total_score

        max_possible_score = self.max_possible_score

        mean_per_arrow = self.mean_per_arrow

        ten_count = self.ten_count

        x_count = self.x_count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "slot_id": slot_id,
                "session_id": session_id,
                "start_time": start_time,
                "arrows_shot": arrows_shot,
                "total_score": total_score,
                "max_possible_score": max_possible_score,
                "mean_per_arrow": mean_per_arrow,
                "ten_count": ten_count,
                "x_count": x_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        slot_id = UUID(d.pop("slot_id"))

        session_id = UUID(d.pop("session_id"))

        start_time = datetime.datetime.fromisoformat(d.pop("start_time"))

        arrows_shot = d.pop("arrows_shot")

        total_score = d.pop("total_score")

        max_possible_score = d.pop("max_possible_score")

        mean_per_arrow = d.pop("mean_per_arrow")

        ten_count = d.pop("ten_count")

        x_count = d.pop("x_count")

        personal_best_score = cls(
            slot_id=slot_id,
            session_id=session_id,
            start_time=start_time,
            arrows_shot=arrows_shot,
            total_score=total_score,
            max_possible_score=max_possible_score,
            mean_per_arrow=mean_per_arrow,
            ten_count=ten_count,
            x_count=x_count,
        )

        return personal_best_score
