from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.end_group import EndGroup
    from ..models.group import Group


T = TypeVar("T", bound="SlotGroup")


@_attrs_define
class SlotGroup:
    """The group analysis of one slot.

    Attributes:
        slot_id (UUID): The slot.
        arrows_shot (int): Arrows recorded, plotted or not.
        overall (Group): A group of plotted arrows, each taken relative to the centre of the spot it scored on.
            Arrows entered by value only, and misses without a position, are not in it.
        ends (list[EndGroup]): The latest 100 ends holding at least one arrow, in order.
        end_count (int): Ends holding at least one arrow, including those `ends` leaves out.
    """

    slot_id: UUID
    arrows_shot: int
    overall: Group
    ends: list[EndGroup]
    end_count: int

    def to_dict(self) -> dict[str, Any]:
        slot_id = str(self.slot_id)

        arrows_shot = self.arrows_shot

        overall = self.overall.to_dict()

        ends = []
        for ends_item_data in self.ends:
            ends_item = ends_item_data.to_dict()
            ends.append(ends_item)

        end_count = self.end_count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "slot_id": slot_id,
                "arrows_shot": arrows_shot,
                "overall": overall,
                "ends": ends,
                "end_count": end_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.end_group import EndGroup  # noqa: PLC0415
        from ..models.group import Group  # noqa: PLC0415

        d = dict(src_dict)
        slot_id = UUID(d.pop("slot_id"))

        arrows_shot = d.pop("arrows_shot")

        overall = Group.from_dict(d.pop("overall"))

        ends = []
        _ends = d.pop("ends")
        for ends_item_data in _ends:
            ends_item = EndGroup.from_dict(ends_item_data)

            ends.append(ends_item)

        end_count = d.pop("end_count")

        slot_group = cls(
            slot_id=slot_id,
            arrows_shot=arrows_shot,
            overall=overall,
            ends=ends,
            end_count=end_count,
        )

        return slot_group
