from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SlotJoinRound")


@_attrs_define
class SlotJoinRound:
    """Join to shoot a standard round, which sets distances, faces and end size.

    Attributes:
        round_code (str): A stable snake_case round identifier (archeryutils' codename where it has one).
        arrow_set_id (None | Unset | UUID): One of the caller's arrow sets (its shaft diameter is used for scoring).
        bow_id (None | Unset | UUID): One of the caller's bows.
    """

    round_code: str
    arrow_set_id: None | Unset | UUID = UNSET
    bow_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        round_code = self.round_code

        arrow_set_id: None | str | Unset
        if isinstance(self.arrow_set_id, Unset):
            arrow_set_id = UNSET
        elif isinstance(self.arrow_set_id, UUID):
            arrow_set_id = str(self.arrow_set_id)
        else:
            arrow_set_id = self.arrow_set_id

        bow_id: None | str | Unset
        if isinstance(self.bow_id, Unset):
            bow_id = UNSET
        elif isinstance(self.bow_id, UUID):
            bow_id = str(self.bow_id)
        else:
            bow_id = self.bow_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "round_code": round_code,
            }
        )
        if arrow_set_id is not UNSET:
            field_dict["arrow_set_id"] = arrow_set_id
        if bow_id is not UNSET:
            field_dict["bow_id"] = bow_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        round_code = d.pop("round_code")

        def _parse_arrow_set_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                arrow_set_id_type_0 = UUID(data)

                return arrow_set_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        arrow_set_id = _parse_arrow_set_id(d.pop("arrow_set_id", UNSET))

        def _parse_bow_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                bow_id_type_0 = UUID(data)

                return bow_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        bow_id = _parse_bow_id(d.pop("bow_id", UNSET))

        slot_join_round = cls(
            round_code=round_code,
            arrow_set_id=arrow_set_id,
            bow_id=bow_id,
        )

        return slot_join_round
