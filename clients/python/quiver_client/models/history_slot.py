from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.distance_unit import DistanceUnit, check_distance_unit
from ..models.face_type import FaceType, check_face_type

T = TypeVar("T", bound="HistorySlot")


@_attrs_define
class HistorySlot:
    """One scored slot of the caller's, with its session and totals.

    Attributes:
        slot_id (UUID): The slot.
        session_id (UUID): Its session.
        start_time (datetime.datetime): An instant with its UTC offset (RFC 3339), in the years 1900 to 2199 as written.
            Stored and returned in UTC.
        location (str): Where the session takes place.
        is_indoor (bool): The session was indoors.
        round_code (None | str): The standard round shot (a `RoundCode`); null for free practice.
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
        distance (float): The shooting distance, in `distance_unit`, from 1 to 150 (every standard round's
            distances lie within 4 m and 100 yd).
        distance_unit (DistanceUnit): `m` for metres, `yd` for yards.
        bow_id (None | UUID): The bow shot, if one was chosen (and still exists).
        arrow_set_id (None | UUID): The arrow set shot, if one was chosen (and still exists).
        arrows_shot (int): Arrows recorded.
        total_score (int): The score.
        max_possible_score (int): The best score these arrows could have made.
        x_count (int): Arrows in the X (inner ten).
        ten_count (int): Arrows scoring 10 or more, Xs included.
        miss_count (int): Misses.
        mean_per_arrow (float): Average arrow value, to 3 decimals.
        round_arrows (int | None): The arrows of the whole round; null for free practice.
        is_complete (bool): Every arrow of the round is recorded (`arrows_shot` equals `round_arrows`); always
            false for free practice.
    """

    slot_id: UUID
    session_id: UUID
    start_time: datetime.datetime
    location: str
    is_indoor: bool
    round_code: None | str
    face_type: FaceType
    distance: float
    distance_unit: DistanceUnit
    bow_id: None | UUID
    arrow_set_id: None | UUID
    arrows_shot: int
    total_score: int
    max_possible_score: int
    x_count: int
    ten_count: int
    miss_count: int
    mean_per_arrow: float
    round_arrows: int | None
    is_complete: bool

    def to_dict(self) -> dict[str, Any]:
        slot_id = str(self.slot_id)

        session_id = str(self.session_id)

        start_time = self.start_time.isoformat()

        location = self.location

        is_indoor = self.is_indoor

        round_code: None | str
        round_code = self.round_code

        face_type: str = self.face_type

        distance = self.distance

        distance_unit: str = self.distance_unit

        bow_id: None | str
        if isinstance(self.bow_id, UUID):
            bow_id = str(self.bow_id)
        else:
            bow_id = self.bow_id

        arrow_set_id: None | str
        if isinstance(self.arrow_set_id, UUID):
            arrow_set_id = str(self.arrow_set_id)
        else:
            arrow_set_id = self.arrow_set_id

        arrows_shot = self.arrows_shot

        total_score = self.total_score

        max_possible_score = self.max_possible_score

        x_count = self.x_count

        ten_count = self.ten_count

        miss_count = self.miss_count

        mean_per_arrow = self.mean_per_arrow

        round_arrows: int | None
        round_arrows = self.round_arrows

        is_complete = self.is_complete

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "slot_id": slot_id,
                "session_id": session_id,
                "start_time": start_time,
                "location": location,
                "is_indoor": is_indoor,
                "round_code": round_code,
                "face_type": face_type,
                "distance": distance,
                "distance_unit": distance_unit,
                "bow_id": bow_id,
                "arrow_set_id": arrow_set_id,
                "arrows_shot": arrows_shot,
                "total_score": total_score,
                "max_possible_score": max_possible_score,
                "x_count": x_count,
                "ten_count": ten_count,
                "miss_count": miss_count,
                "mean_per_arrow": mean_per_arrow,
                "round_arrows": round_arrows,
                "is_complete": is_complete,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        slot_id = UUID(d.pop("slot_id"))

        session_id = UUID(d.pop("session_id"))

        start_time = datetime.datetime.fromisoformat(d.pop("start_time"))

        location = d.pop("location")

        is_indoor = d.pop("is_indoor")

        def _parse_round_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        round_code = _parse_round_code(d.pop("round_code"))

        face_type = check_face_type(d.pop("face_type"))

        distance = d.pop("distance")

        distance_unit = check_distance_unit(d.pop("distance_unit"))

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

        arrows_shot = d.pop("arrows_shot")

        total_score = d.pop("total_score")

        max_possible_score = d.pop("max_possible_score")

        x_count = d.pop("x_count")

        ten_count = d.pop("ten_count")

        miss_count = d.pop("miss_count")

        mean_per_arrow = d.pop("mean_per_arrow")

        def _parse_round_arrows(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        round_arrows = _parse_round_arrows(d.pop("round_arrows"))

        is_complete = d.pop("is_complete")

        history_slot = cls(
            slot_id=slot_id,
            session_id=session_id,
            start_time=start_time,
            location=location,
            is_indoor=is_indoor,
            round_code=round_code,
            face_type=face_type,
            distance=distance,
            distance_unit=distance_unit,
            bow_id=bow_id,
            arrow_set_id=arrow_set_id,
            arrows_shot=arrows_shot,
            total_score=total_score,
            max_possible_score=max_possible_score,
            x_count=x_count,
            ten_count=ten_count,
            miss_count=miss_count,
            mean_per_arrow=mean_per_arrow,
            round_arrows=round_arrows,
            is_complete=is_complete,
        )

        return history_slot
