from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="ArrowSet")


@_attrs_define
class ArrowSet:
    """A set of numbered arrows.

    Attributes:
        id (UUID): The arrow set id.
        name (str): A name the archer recognises the item by.
        shaft_diameter_mm (float): The arrow shaft diameter in millimetres.
        arrow_count (int): How many numbered arrows the set has (numbered 1 to this).
        created_at (datetime.datetime): When it was added.
        updated_at (datetime.datetime): When it was last changed.
    """

    id: UUID
    name: str
    shaft_diameter_mm: float
    arrow_count: int
    created_at: datetime.datetime
    updated_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        shaft_diameter_mm = self.shaft_diameter_mm

        arrow_count = self.arrow_count

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "shaft_diameter_mm": shaft_diameter_mm,
                "arrow_count": arrow_count,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        shaft_diameter_mm = d.pop("shaft_diameter_mm")

        arrow_count = d.pop("arrow_count")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        arrow_set = cls(
            id=id,
            name=name,
            shaft_diameter_mm=shaft_diameter_mm,
            arrow_count=arrow_count,
            created_at=created_at,
            updated_at=updated_at,
        )

        return arrow_set
