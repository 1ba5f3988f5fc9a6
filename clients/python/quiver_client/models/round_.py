from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.round_body import RoundBody, check_round_body
from ..models.round_location import RoundLocation, check_round_location

if TYPE_CHECKING:
    from ..models.round_pass import RoundPass


T = TypeVar("T", bound="Round")


@_attrs_define
class Round:
    """A standard round.

    Attributes:
        code (str): A stable snake_case round identifier (archeryutils' codename where it has one).
        name (str): A human-readable name.
        body (RoundBody): The body that defines a round: `world_archery`, `archery_gb`, `archery_australia`,
            `ifaa`, `nfaa`, or `other` for club and custom rounds.
        location (RoundLocation): Where a round is shot.
        passes (list[RoundPass]): The passes in shooting order.
        arrows (int): The number of arrows of the whole round.
        max_score (int): The highest possible score of the whole round.
    """

    code: str
    name: str
    body: RoundBody
    location: RoundLocation
    passes: list[RoundPass]
    arrows: int
    max_score: int

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        name = self.name

        body: str = self.body

        location: str = self.location

        passes = []
        for passes_item_data in self.passes:
            passes_item = passes_item_data.to_dict()
            passes.append(passes_item)

        arrows = self.arrows

        max_score = self.max_score

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "name": name,
                "body": body,
                "location": location,
                "passes": passes,
                "arrows": arrows,
                "max_score": max_score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.round_pass import RoundPass  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        name = d.pop("name")

        body = check_round_body(d.pop("body"))

        location = check_round_location(d.pop("location"))

        passes = []
        _passes = d.pop("passes")
        for passes_item_data in _passes:
            passes_item = RoundPass.from_dict(passes_item_data)

            passes.append(passes_item)

        arrows = d.pop("arrows")

        max_score = d.pop("max_score")

        round_ = cls(
            code=code,
            name=name,
            body=body,
            location=location,
            passes=passes,
            arrows=arrows,
            max_score=max_score,
        )

        return round_
