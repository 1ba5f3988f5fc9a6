from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="SlotProgress")


@_attrs_define
class SlotProgress:
    """How far the slot has shot.

    Attributes:
        arrows_shot (int): Arrows recorded.
        ends_shot (int): Ends with at least one arrow.
        total_score (int): The score so far.
        max_possible_score (int): The highest score the arrows recorded so far could have made.
        round_arrows (int | None): Arrows of the round, or null without a round.
        round_max_score (int | None): The round's maximum score, or null without a round.
        arrows_remaining (int | None): Arrows left in the round, or null without a round.
        current_pass (int | None): The 1-based pass of the round the next arrow belongs to; null without a round or when
            complete.
        is_complete (bool): Whether the round is finished (always false without a round).
    """

    arrows_shot: int
    ends_shot: int
    total_score: int
    max_possible_score: int
    round_arrows: int | None
    round_max_score: int | None
    arrows_remaining: int | None
    current_pass: int | None
    is_complete: bool

    def to_dict(self) -> dict[str, Any]:
        arrows_shot = self.arrows_shot

        ends_shot = self.ends_shot

        total_score = self.total_score

        max_possible_score = self.max_possible_score

        round_arrows: int | None
        round_arrows = self.round_arrows

        round_max_score: int | None
        round_max_score = self.round_max_score

        arrows_remaining: int | None
        arrows_remaining = self.arrows_remaining

        current_pass: int | None
        current_pass = self.current_pass

        is_complete = self.is_complete

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "arrows_shot": arrows_shot,
                "ends_shot": ends_shot,
                "total_score": total_score,
                "max_possible_score": max_possible_score,
                "round_arrows": round_arrows,
                "round_max_score": round_max_score,
                "arrows_remaining": arrows_remaining,
                "current_pass": current_pass,
                "is_complete": is_complete,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        arrows_shot = d.pop("arrows_shot")

        ends_shot = d.pop("ends_shot")

        total_score = d.pop("total_score")

        max_possible_score = d.pop("max_possible_score")

        def _parse_round_arrows(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        round_arrows = _parse_round_arrows(d.pop("round_arrows"))

        def _parse_round_max_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        round_max_score = _parse_round_max_score(d.pop("round_max_score"))

        def _parse_arrows_remaining(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        arrows_remaining = _parse_arrows_remaining(d.pop("arrows_remaining"))

        def _parse_current_pass(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        current_pass = _parse_current_pass(d.pop("current_pass"))

        is_complete = d.pop("is_complete")

        slot_progress = cls(
            arrows_shot=arrows_shot,
            ends_shot=ends_shot,
            total_score=total_score,
            max_possible_score=max_possible_score,
            round_arrows=round_arrows,
            round_max_score=round_max_score,
            arrows_remaining=arrows_remaining,
            current_pass=current_pass,
            is_complete=is_complete,
        )

        return slot_progress
