from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.group_measures import GroupMeasures


T = TypeVar("T", bound="Group")


@_attrs_define
class Group:
    """A group of plotted arrows, each taken relative to the centre of the spot it scored on.
    Arrows entered by value only, and misses without a position, are not in it.

        Attributes:
            plotted_arrows (int): Arrows in the group.
            mm (GroupMeasures | None): The figures in millimetres; null for an empty group.
            mrad (GroupMeasures | None): The figures in milliradians; null for an empty group.
    """

    plotted_arrows: int
    mm: GroupMeasures | None
    mrad: GroupMeasures | None

    def to_dict(self) -> dict[str, Any]:
        from ..models.group_measures import GroupMeasures  # noqa: PLC0415

        plotted_arrows = self.plotted_arrows

        mm: dict[str, Any] | None
        if isinstance(self.mm, GroupMeasures):
            mm = self.mm.to_dict()
        else:
            mm = self.mm

        mrad: dict[str, Any] | None
        if isinstance(self.mrad, GroupMeasures):
            mrad = self.mrad.to_dict()
        else:
            mrad = self.mrad

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "plotted_arrows": plotted_arrows,
                "mm": mm,
                "mrad": mrad,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.group_measures import GroupMeasures  # noqa: PLC0415

        d = dict(src_dict)
        plotted_arrows = d.pop("plotted_arrows")

        def _parse_mm(data: object) -> GroupMeasures | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                mm_type_0 = GroupMeasures.from_dict(data)

                return mm_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GroupMeasures | None, data)

        mm = _parse_mm(d.pop("mm"))

        def _parse_mrad(data: object) -> GroupMeasures | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                mrad_type_0 = GroupMeasures.from_dict(data)

                return mrad_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GroupMeasures | None, data)

        mrad = _parse_mrad(d.pop("mrad"))

        group = cls(
            plotted_arrows=plotted_arrows,
            mm=mm,
            mrad=mrad,
        )

        return group
