from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.personal_best_score import PersonalBestScore


T = TypeVar("T", bound="RoundPersonalBest")


@_attrs_define
class RoundPersonalBest:
    """The best total of one standard round among the caller's completed ones.

    Attributes:
        round_code (str): A stable snake_case round identifier (archeryutils' codename where it has one).
        round_name (str): The round's name in the catalogue.
        completed_rounds (int): Completed rounds of this kind the filter lets through.
        best (PersonalBestScore): The figures of the slot holding a personal best, as they are now.
    """

    round_code: str
    round_name: str
    completed_rounds: int
    best: PersonalBestScore

    def to_dict(self) -> dict[str, Any]:
        round_code = self.round_code

        round_name = self.round_name

        completed_rounds = self.completed_rounds

        best = self.best.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "round_code": round_code,
                "round_name": round_name,
                "completed_rounds": completed_rounds,
                "best": best,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.personal_best_score import PersonalBestScore  # noqa: PLC0415

        d = dict(src_dict)
        round_code = d.pop("round_code")

        round_name = d.pop("round_name")

        completed_rounds = d.pop("completed_rounds")

        best = PersonalBestScore.from_dict(d.pop("best"))

        round_personal_best = cls(
            round_code=round_code,
            round_name=round_name,
            completed_rounds=completed_rounds,
            best=best,
        )

        return round_personal_best
