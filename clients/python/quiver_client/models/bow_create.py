from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.bowstyle import Bowstyle, check_bowstyle

T = TypeVar("T", bound="BowCreate")


@_attrs_define
class BowCreate:
    """A new bow.

    Attributes:
        name (str): A name the archer recognises the item by.
        bowstyle (Bowstyle): The archer's bow style.
        draw_weight_lb (float): The draw weight in pounds.
    """

    name: str
    bowstyle: Bowstyle
    draw_weight_lb: float

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        bowstyle: str = self.bowstyle

        draw_weight_lb = self.draw_weight_lb

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "bowstyle": bowstyle,
                "draw_weight_lb": draw_weight_lb,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        bowstyle = check_bowstyle(d.pop("bowstyle"))

        draw_weight_lb = d.pop("draw_weight_lb")

        bow_create = cls(
            name=name,
            bowstyle=bowstyle,
            draw_weight_lb=draw_weight_lb,
        )

        return bow_create
