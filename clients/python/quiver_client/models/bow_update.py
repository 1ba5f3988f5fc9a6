from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.bowstyle import Bowstyle, check_bowstyle
from ..types import UNSET, Unset

T = TypeVar("T", bound="BowUpdate")


@_attrs_define
class BowUpdate:
    """The fields of a bow to change.

    Attributes:
        name (str | Unset): A name the archer recognises the item by.
        bowstyle (Bowstyle | Unset): The archer's bow style.
        draw_weight_lb (float | Unset): The draw weight in pounds.
    """

    name: str | Unset = UNSET
    bowstyle: Bowstyle | Unset = UNSET
    draw_weight_lb: float | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        bowstyle: str | Unset = UNSET
        if not isinstance(self.bowstyle, Unset):
            bowstyle = self.bowstyle

        draw_weight_lb = self.draw_weight_lb

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if bowstyle is not UNSET:
            field_dict["bowstyle"] = bowstyle
        if draw_weight_lb is not UNSET:
            field_dict["draw_weight_lb"] = draw_weight_lb

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        _bowstyle = d.pop("bowstyle", UNSET)
        bowstyle: Bowstyle | Unset
        if isinstance(_bowstyle, Unset):
            bowstyle = UNSET
        else:
            bowstyle = check_bowstyle(_bowstyle)

        draw_weight_lb = d.pop("draw_weight_lb", UNSET)

        bow_update = cls(
            name=name,
            bowstyle=bowstyle,
            draw_weight_lb=draw_weight_lb,
        )

        return bow_update
