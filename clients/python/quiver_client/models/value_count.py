from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.arrow_value import ArrowValue, check_arrow_value

T = TypeVar("T", bound="ValueCount")


@_attrs_define
class ValueCount:
    """How many arrows scored one value.

    Attributes:
        value_label (ArrowValue): The value of an arrow as called at the target; `X` is the inner ten, `M` a miss.
        count (int): Arrows with this value.
    """

    value_label: ArrowValue
    count: int

    def to_dict(self) -> dict[str, Any]:
        value_label: str = self.value_label

        count = self.count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "value_label": value_label,
                "count": count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        value_label = check_arrow_value(d.pop("value_label"))

        count = d.pop("count")

        value_count = cls(
            value_label=value_label,
            count=count,
        )

        return value_count
