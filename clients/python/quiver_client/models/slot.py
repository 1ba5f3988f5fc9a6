from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.distance_unit import DistanceUnit, check_distance_unit
from ..models.face_type import FaceType, check_face_type
from ..models.slot_letter import SlotLetter, check_slot_letter

if TYPE_CHECKING:
    from ..models.slot_progress import SlotProgress


T = TypeVar("T", bound="Slot")


@_attrs_define
class Slot:
    """An archer's place on the range for a session.

    Attributes:
        id (UUID): The slot id.
        session_id (UUID): The session.
        archer_id (UUID): The archer shooting in this slot.
        archer_name (str): The archer's first and last name.
        lane (int): The lane (target butt) number.
        letter (SlotLetter): The archer's place on the lane's target.
        distance (float): The shooting distance, in `distance_unit`, from 1 to 150 (every standard round's
            distances lie within 4 m and 100 yd).
        distance_unit (DistanceUnit): `m` for metres, `yd` for yards.
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
        arrows_per_end (int): Arrows per end (from the round when the slot follows one).
        round_code (None | str): The code of the standard round followed, if any.
        arrow_set_id (None | UUID): The arrow set used, if any.
        bow_id (None | UUID): The bow used, if any.
        arrow_diameter_mm (float): The arrow diameter new arrows are scored with.
        is_active (bool): False after the archer left the range.
        joined_at (datetime.datetime): When the archer (last) joined.
        left_at (datetime.datetime | None): When the archer left; null while active.
        progress (SlotProgress): How far the slot has shot.
    """

    id: UUID
    session_id: UUID
    archer_id: UUID
    archer_name: str
    lane: int
    letter: SlotLetter
    distance: float
    distance_unit: DistanceUnit
    face_type: FaceType
    arrows_per_end: int
    round_code: None | str
    arrow_set_id: None | UUID
    bow_id: None | UUID
    arrow_diameter_mm: float
    is_active: bool
    joined_at: datetime.datetime
    left_at: datetime.datetime | None
    progress: SlotProgress

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        session_id = str(self.session_id)

        archer_id = str(self.archer_id)

        archer_name = self.archer_name

        lane = self.lane

        letter: str = self.letter

        distance = self.distance

        distance_unit: str = self.distance_unit

        face_type: str = self.face_type

        arrows_per_end = self.arrows_per_end

        round_code: None | str
        round_code = self.round_code

        arrow_set_id: None | str
        if isinstance(self.arrow_set_id, UUID):
            arrow_set_id = str(self.arrow_set_id)
        else:
            arrow_set_id = self.arrow_set_id

        bow_id: None | str
        if isinstance(self.bow_id, UUID):
            bow_id = str(self.bow_id)
        else:
            bow_id = self.bow_id

        arrow_diameter_mm = self.arrow_diameter_mm

        is_active = self.is_active

        joined_at = self.joined_at.isoformat()

        left_at: None | str
        if isinstance(self.left_at, datetime.datetime):
            left_at = self.left_at.isoformat()
        else:
            left_at = self.left_at

        progress = self.progress.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "session_id": session_id,
                "archer_id": archer_id,
                "archer_name": archer_name,
                "lane": lane,
                "letter": letter,
                "distance": distance,
                "distance_unit": distance_unit,
                "face_type": face_type,
                "arrows_per_end": arrows_per_end,
                "round_code": round_code,
                "arrow_set_id": arrow_set_id,
                "bow_id": bow_id,
                "arrow_diameter_mm": arrow_diameter_mm,
                "is_active": is_active,
                "joined_at": joined_at,
                "left_at": left_at,
                "progress": progress,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.slot_progress import SlotProgress  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        session_id = UUID(d.pop("session_id"))

        archer_id = UUID(d.pop("archer_id"))

        archer_name = d.pop("archer_name")

        lane = d.pop("lane")

        letter = check_slot_letter(d.pop("letter"))

        distance = d.pop("distance")

        distance_unit = check_distance_unit(d.pop("distance_unit"))

        face_type = check_face_type(d.pop("face_type"))

        arrows_per_end = d.pop("arrows_per_end")

        def _parse_round_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        round_code = _parse_round_code(d.pop("round_code"))

        def _parse_arrow_set_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                arrow_set_id_type_0 = UUID(data)

                return arrow_set_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        arrow_set_id = _parse_arrow_set_id(d.pop("arrow_set_id"))

        def _parse_bow_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                bow_id_type_0 = UUID(data)

                return bow_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        bow_id = _parse_bow_id(d.pop("bow_id"))

        arrow_diameter_mm = d.pop("arrow_diameter_mm")

        is_active = d.pop("is_active")

        joined_at = datetime.datetime.fromisoformat(d.pop("joined_at"))

        def _parse_left_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                left_at_type_0 = datetime.datetime.fromisoformat(data)

                return left_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        left_at = _parse_left_at(d.pop("left_at"))

        progress = SlotProgress.from_dict(d.pop("progress"))

        slot = cls(
            id=id,
            session_id=session_id,
            archer_id=archer_id,
            archer_name=archer_name,
            lane=lane,
            letter=letter,
            distance=distance,
            distance_unit=distance_unit,
            face_type=face_type,
            arrows_per_end=arrows_per_end,
            round_code=round_code,
            arrow_set_id=arrow_set_id,
            bow_id=bow_id,
            arrow_diameter_mm=arrow_diameter_mm,
            is_active=is_active,
            joined_at=joined_at,
            left_at=left_at,
            progress=progress,
        )

        return slot
