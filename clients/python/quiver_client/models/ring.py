from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.ring_colour import RingColour, check_ring_colour

T = TypeVar("T", bound="Ring")


@_attrs_define
class Ring:
    """One scoring zone of a spot.

    Attributes:
        score (int): The value of an arrow in this zone.
        outer_diameter_mm (float): The outer diameter of the zone in millimetres.
        colour (RingColour): The printed colour of a scoring zone.
    """

    score: int
    outer_diameter_mm: float
    colour: RingColour

    def to_dict(self) -> dict[str, Any]:
        score = self.score

        outer_diameter_mm = self.outer_diameter_mm

        colour: str = self.colour

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "score": score,
                "outer_diameter_mm": outer_diameter_mm,
                "colour": colour,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        score = d.pop("score")

        outer_diameter_mm = d.pop("outer_diameter_mm")

        colour = check_ring_colour(d.pop("colour"))

        ring = cls(
            score=score,
            outer_diameter_mm=outer_diameter_mm,
            colour=colour,
        )

        return ring
