from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.plotted_arrow import PlottedArrow
    from ..models.value_arrow import ValueArrow


T = TypeVar("T", bound="ShotCreate")


@_attrs_define
class ShotCreate:
    """One arrow or a whole end, in shooting order.

    Attributes:
        arrows (list[PlottedArrow | ValueArrow]):
    """

    arrows: list[PlottedArrow | ValueArrow]

    def to_dict(self) -> dict[str, Any]:
        from ..models.plotted_arrow import PlottedArrow  # noqa: PLC0415

        arrows = []
        for arrows_item_data in self.arrows:
            arrows_item: dict[str, Any]
            if isinstance(arrows_item_data, PlottedArrow):
                arrows_item = arrows_item_data.to_dict()
            else:
                arrows_item = arrows_item_data.to_dict()

            arrows.append(arrows_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "arrows": arrows,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plotted_arrow import PlottedArrow  # noqa: PLC0415
        from ..models.value_arrow import ValueArrow  # noqa: PLC0415

        d = dict(src_dict)
        arrows = []
        _arrows = d.pop("arrows")
        for arrows_item_data in _arrows:

            def _parse_arrows_item(data: object) -> PlottedArrow | ValueArrow:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    arrows_item_type_0 = PlottedArrow.from_dict(data)

                    return arrows_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                arrows_item_type_1 = ValueArrow.from_dict(data)

                return arrows_item_type_1

            arrows_item = _parse_arrows_item(arrows_item_data)

            arrows.append(arrows_item)

        shot_create = cls(
            arrows=arrows,
        )

        return shot_create
