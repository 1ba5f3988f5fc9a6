from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EndTotal")


@_attrs_define
class EndTotal:
    """The score of one end.

    Attributes:
        end_number (int): The end.
        arrows (int): Arrows recorded in the end.
        total (int): The end's score.
        running_total (int): The score up to and including this end.
    """

    end_number: int
    arrows: int
    total: int
    running_total: int

    def to_dict(self) -> dict[str, Any]:
        end_number = self.end_number

        arrows = self.arrows

        total = self.total

        running_total = self.running_total

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "end_number": end_number,
                "arrows": arrows,
                "total": total,
                "running_total": running_total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        end_number = d.pop("end_number")

        arrows = d.pop("arrows")

        total = d.pop("total")

        running_total = d.pop("running_total")

        end_total = cls(
            end_number=end_number,
            arrows=arrows,
            total=total,
            running_total=running_total,
        )

        return end_total
