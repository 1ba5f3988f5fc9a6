from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.end_group import EndGroup
    from ..models.group import Group


T = TypeVar("T", bound="HistoryGroup")


@_attrs_define
class HistoryGroup:
    """The group analysis of the caller's filtered history.

    Attributes:
        slot_count (int): The caller's slots the filter lets through, with arrows or not.
        arrows_shot (int): Arrows of those slots, plotted or not.
        overall (Group): A group of plotted arrows, each taken relative to the centre of the spot it scored on.
            Arrows entered by value only, and misses without a position, are not in it.
        ends (list[EndGroup]): Per end number from 1 to 100 (each slot's end of that number together), those holding
            arrows.
    """

    slot_count: int
    arrows_shot: int
    overall: Group
    ends: list[EndGroup]

    def to_dict(self) -> dict[str, Any]:
        slot_count = self.slot_count

        arrows_shot = self.arrows_shot

        overall = self.overall.to_dict()

        ends = []
        for ends_item_data in self.ends:
            ends_item = ends_item_data.to_dict()
            ends.append(ends_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "slot_count": slot_count,
                "arrows_shot": arrows_shot,
                "overall": overall,
                "ends": ends,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.end_group import EndGroup  # noqa: PLC0415
        from ..models.group import Group  # noqa: PLC0415

        d = dict(src_dict)
        slot_count = d.pop("slot_count")

        arrows_shot = d.pop("arrows_shot")

        overall = Group.from_dict(d.pop("overall"))

        ends = []
        _ends = d.pop("ends")
        for ends_item_data in _ends:
            ends_item = EndGroup.from_dict(ends_item_data)

            ends.append(ends_item)

        history_group = cls(
            slot_count=slot_count,
            arrows_shot=arrows_shot,
            overall=overall,
            ends=ends,
        )

        return history_group
