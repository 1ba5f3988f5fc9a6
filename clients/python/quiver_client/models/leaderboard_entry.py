from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.slot_letter import SlotLetter, check_slot_letter

T = TypeVar("T", bound="LeaderboardEntry")


@_attrs_define
class LeaderboardEntry:
    """One slot's place in the ranking.

    Attributes:
        rank (int): The place; tied slots share it.
        slot_id (UUID): The slot.
        archer_id (UUID): The archer.
        archer_name (str): The archer's name.
        lane (int): The lane.
        letter (SlotLetter): The archer's place on the lane's target.
        arrows_shot (int): Arrows recorded.
        total_score (int): The score.
        max_possible_score (int): The best score these arrows could have made.
        ten_count (int): Tens, Xs included (first tie-break).
        x_count (int): Xs (second tie-break).
    """

    rank: int
    slot_id: UUID
    archer_id: UUID
    archer_name: str
    lane: int
    letter: SlotLetter
    arrows_shot: int
    total_score: int
    max_possible_score: int
    ten_count: int
    x_count: int

    def to_dict(self) -> dict[str, Any]:
        rank = self.rank

        slot_id = str(self.slot_id)

        archer_id = str(self.archer_id)

        archer_name = self.archer_name

        lane = self.lane

        letter: str = self.letter

        arrows_shot = self.arrows_shot

        total_score = self.total_score

        max_possible_score = self.max_possible_score

        ten_count = self.ten_count

        x_count = self.x_count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rank": rank,
                "slot_id": slot_id,
                "archer_id": archer_id,
                "archer_name": archer_name,
                "lane": lane,
                "letter": letter,
                "arrows_shot": arrows_shot,
                "total_score": total_score,
                "max_possible_score": max_possible_score,
                "ten_count": ten_count,
                "x_count": x_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rank = d.pop("rank")

        slot_id = UUID(d.pop("slot_id"))

        archer_id = UUID(d.pop("archer_id"))

        archer_name = d.pop("archer_name")

        lane = d.pop("lane")

        letter = check_slot_letter(d.pop("letter"))

        arrows_shot = d.pop("arrows_shot")

        total_score = d.pop("total_score")

        max_possible_score = d.pop("max_possible_score")

        ten_count = d.pop("ten_count")

        x_count = d.pop("x_count")

        leaderboard_entry = cls(
            rank=rank,
            slot_id=slot_id,
            archer_id=archer_id,
            archer_name=archer_name,
            lane=lane,
            letter=letter,
            arrows_shot=arrows_shot,
            total_score=total_score,
            max_possible_score=max_possible_score,
            ten_count=ten_count,
            x_count=x_count,
        )

        return leaderboard_entry
