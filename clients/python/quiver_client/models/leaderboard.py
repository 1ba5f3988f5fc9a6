from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.leaderboard_entry import LeaderboardEntry


T = TypeVar("T", bound="Leaderboard")


@_attrs_define
class Leaderboard:
    """The slots of a session, best first.

    Attributes:
        session_id (UUID): The session.
        items (list[LeaderboardEntry]):
    """

    session_id: UUID
    items: list[LeaderboardEntry]

    def to_dict(self) -> dict[str, Any]:
        session_id = str(self.session_id)

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "session_id": session_id,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.leaderboard_entry import LeaderboardEntry  # noqa: PLC0415

        d = dict(src_dict)
        session_id = UUID(d.pop("session_id"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = LeaderboardEntry.from_dict(items_item_data)

            items.append(items_item)

        leaderboard = cls(
            session_id=session_id,
            items=items,
        )

        return leaderboard
