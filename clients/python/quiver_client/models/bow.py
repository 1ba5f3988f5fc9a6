from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.bowstyle import Bowstyle, check_bowstyle

T = TypeVar("T", bound="Bow")


@_attrs_define
class Bow:
    """One of the archer's bows.

    Attributes:
        id (UUID): The bow id.
        name (str): A name the archer recognises the item by.
        bowstyle (Bowstyle): The archer's bow style.
        draw_weight_lb (float): The draw weight in pounds.
        created_at (datetime.datetime): When it was added.
        updated_at (datetime.datetime): When it was last changed.
    """

    id: UUID
    name: str
    bowstyle: Bowstyle
    draw_weight_lb: float
    created_at: datetime.datetime
    updated_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        bowstyle: str = self.bowstyle

        draw_weight_lb = self.draw_weight_lb

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "bowstyle": bowstyle,
                "draw_weight_lb": draw_weight_lb,
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

        bowstyle = check_bowstyle(d.pop("bowstyle"))

        draw_weight_lb = d.pop("draw_weight_lb")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        bow = cls(
            id=id,
            name=name,
            bowstyle=bowstyle,
            draw_weight_lb=draw_weight_lb,
            created_at=created_at,
            updated_at=updated_at,
        )

        return bow
