from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.distance_unit import DistanceUnit, check_distance_unit
from ..models.face_type import FaceType, check_face_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="SlotJoinFree")


@_attrs_define
class SlotJoinFree:
    """Join at a distance, on a face, with an end size.

    Attributes:
        distance (float): The shooting distance, in `distance_unit`, from 1 to 150 (every standard round's
            distances lie within 4 m and 100 yd).
        face_type (FaceType): A target face. `wa_*` are the World Archery target faces (`*_6_ring`: the reduced face
            with rings 5 to 10; `*_triple_*`: three spots of rings 6 to 10 in a vertical line or a
            triangle (the 40 cm triangle is the Vegas face); `*_compound`: only the inner ten scores
            10; `*_11_zone`: the experimental scoring where the inner ten scores 11). `imperial_*` are the same faces scored
            9-7-5-3-1 by colour (Archery GB imperial
            rounds). `wa_field_*`, `ifaa_field_*`, `ifaa_field_expert_*` and `aa_field_*` are the
            World Archery, IFAA (field and expert scoring) and Archery Australia field faces.
            `worcester` is the 16 inch Worcester face and `worcester_2_ring` its 5 and 4 rings only
            (one spot of the 5-spot version); `nfaa_indoor` is the 40 cm NFAA/IFAA indoor face. The
            number is the face diameter in centimetres.
        arrows_per_end (int): Arrows per end.
        distance_unit (DistanceUnit | Unset): `m` for metres, `yd` for yards.
        arrow_set_id (None | Unset | UUID): One of the caller's arrow sets (its shaft diameter is used for scoring).
        bow_id (None | Unset | UUID): One of the caller's bows.
    """

    distance: float
    face_type: FaceType
    arrows_per_end: int
    distance_unit: DistanceUnit | Unset = UNSET
    arrow_set_id: None | Unset | UUID = UNSET
    bow_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        distance = self.distance

        face_type: str = self.face_type

        arrows_per_end = self.arrows_per_end

        distance_unit: str | Unset = UNSET
        if not isinstance(self.distance_unit, Unset):
            distance_unit = self.distance_unit

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
                "distance": distance,
                "face_type": face_type,
                "arrows_per_end": arrows_per_end,
            }
        )
        if distance_unit is not UNSET:
            field_dict["distance_unit"] = distance_unit
        if arrow_set_id is not UNSET:
            field_dict["arrow_set_id"] = arrow_set_id
        if bow_id is not UNSET:
            field_dict["bow_id"] = bow_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        distance = d.pop("distance")

        face_type = check_face_type(d.pop("face_type"))

        arrows_per_end = d.pop("arrows_per_end")

        _distance_unit = d.pop("distance_unit", UNSET)
        distance_unit: DistanceUnit | Unset
        if isinstance(_distance_unit, Unset):
            distance_unit = UNSET
        else:
            distance_unit = check_distance_unit(_distance_unit)

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

        slot_join_free = cls(
            distance=distance,
            face_type=face_type,
            arrows_per_end=arrows_per_end,
            distance_unit=distance_unit,
            arrow_set_id=arrow_set_id,
            bow_id=bow_id,
        )

        return slot_join_free
