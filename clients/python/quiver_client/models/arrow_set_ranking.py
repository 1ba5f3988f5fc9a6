from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.arrow_ranking import ArrowRanking
    from ..models.group_point import GroupPoint


T = TypeVar("T", bound="ArrowSetRanking")


@_attrs_define
class ArrowSetRanking:
    """The per-arrow ranking of one arrow set over the filtered history.

    Attributes:
        arrow_set_id (UUID): The arrow set.
        slot_count (int): The caller's slots shot with this set that the filter lets through.
        arrows_shot (int): Arrows of those slots, numbered or not.
        unnumbered_arrows (int): Arrows of those slots recorded without an arrow number.
        group_mean_point_of_impact (GroupPoint | None): The mean point of impact of every plotted arrow of those slots;
            null when none was plotted.
        items (list[ArrowRanking]): Every arrow number shot at least once, best first.
    """

    arrow_set_id: UUID
    slot_count: int
    arrows_shot: int
    unnumbered_arrows: int
    group_mean_point_of_impact: GroupPoint | None
    items: list[ArrowRanking]

    def to_dict(self) -> dict[str, Any]:
        from ..models.group_point import GroupPoint  # noqa: PLC0415

        arrow_set_id = str(self.arrow_set_id)

        slot_count = self.slot_count

        arrows_shot = self.arrows_shot

        unnumbered_arrows = self.unnumbered_arrows

        group_mean_point_of_impact: dict[str, Any] | None
        if isinstance(self.group_mean_point_of_impact, GroupPoint):
            group_mean_point_of_impact = self.group_mean_point_of_impact.to_dict()
        else:
            group_mean_point_of_impact = self.group_mean_point_of_impact

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "arrow_set_id": arrow_set_id,
                "slot_count": slot_count,
                "arrows_shot": arrows_shot,
                "unnumbered_arrows": unnumbered_arrows,
                "group_mean_point_of_impact": group_mean_point_of_impact,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.arrow_ranking import ArrowRanking  # noqa: PLC0415
        from ..models.group_point import GroupPoint  # noqa: PLC0415

        d = dict(src_dict)
        arrow_set_id = UUID(d.pop("arrow_set_id"))

        slot_count = d.pop("slot_count")

        arrows_shot = d.pop("arrows_shot")

        unnumbered_arrows = d.pop("unnumbered_arrows")

        def _parse_group_mean_point_of_impact(data: object) -> GroupPoint | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                group_mean_point_of_impact_type_0 = GroupPoint.from_dict(data)

                return group_mean_point_of_impact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GroupPoint | None, data)

        group_mean_point_of_impact = _parse_group_mean_point_of_impact(d.pop("group_mean_point_of_impact"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ArrowRanking.from_dict(items_item_data)

            items.append(items_item)

        arrow_set_ranking = cls(
            arrow_set_id=arrow_set_id,
            slot_count=slot_count,
            arrows_shot=arrows_shot,
            unnumbered_arrows=unnumbered_arrows,
            group_mean_point_of_impact=group_mean_point_of_impact,
            items=items,
        )

        return arrow_set_ranking
