from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.practice_personal_best import PracticePersonalBest
    from ..models.round_personal_best import RoundPersonalBest


T = TypeVar("T", bound="PersonalBests")


@_attrs_define
class PersonalBests:
    """The caller's personal bests among the slots the history filter lets through.

    Attributes:
        min_practice_arrows (int): The arrows a free-practice slot needs to count (30).
        rounds (list[RoundPersonalBest]): One entry per round completed at least once, by round code.
        practice (list[PracticePersonalBest]): One entry per face, distance and unit of free practice, by face, unit and
            distance.
    """

    min_practice_arrows: int
    rounds: list[RoundPersonalBest]
    practice: list[PracticePersonalBest]

    def to_dict(self) -> dict[str, Any]:
        min_practice_arrows = self.min_practice_arrows

        rounds = []
        for rounds_item_data in self.rounds:
            rounds_item = rounds_item_data.to_dict()
            rounds.append(rounds_item)

        practice = []
        for practice_item_data in self.practice:
            practice_item = practice_item_data.to_dict()
            practice.append(practice_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "min_practice_arrows": min_practice_arrows,
                "rounds": rounds,
                "practice": practice,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.practice_personal_best import PracticePersonalBest  # noqa: PLC0415
        from ..models.round_personal_best import RoundPersonalBest  # noqa: PLC0415

        d = dict(src_dict)
        min_practice_arrows = d.pop("min_practice_arrows")

        rounds = []
        _rounds = d.pop("rounds")
        for rounds_item_data in _rounds:
            rounds_item = RoundPersonalBest.from_dict(rounds_item_data)

            rounds.append(rounds_item)

        practice = []
        _practice = d.pop("practice")
        for practice_item_data in _practice:
            practice_item = PracticePersonalBest.from_dict(practice_item_data)

            practice.append(practice_item)

        personal_bests = cls(
            min_practice_arrows=min_practice_arrows,
            rounds=rounds,
            practice=practice,
        )

        return personal_bests
