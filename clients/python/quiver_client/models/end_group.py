from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.group import Group


T = TypeVar("T", bound="EndGroup")


@_attrs_define
class EndGroup:
    """The group of one end (of one slot, or every slot's end of that number).

    Attributes:
        end_number (int): The end number, from 1.
        arrows_shot (int): Arrows of the end, plotted or not.
        group (Group): A group of plotted arrows, each taken relative to the centre of the spot it scored on.
            Arrows entered by value only, and misses without a position, are not in it.
    """

    end_number: int
    arrows_shot: int
    group: Group

    def to_dict(self) -> dict[str, Any]:
        end_number = self.end_number

        arrows_shot = self.arrows_shot

        group = self.group.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "end_number": end_number,
                "arrows_shot": arrows_shot,
                "group": group,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.group import Group  # noqa: PLC0415

        d = dict(src_dict)
        end_number = d.pop("end_number")

        arrows_shot = d.pop("arrows_shot")

        group = Group.from_dict(d.pop("group"))

        end_group = cls(
            end_number=end_number,
            arrows_shot=arrows_shot,
            group=group,
        )

        return end_group
