from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.arrow_value import ArrowValue, check_arrow_value
from ..models.face_type import FaceType, check_face_type

T = TypeVar("T", bound="Shot")


@_attrs_define
class Shot:
    """A recorded arrow and its authoritative score.

    Attributes:
        id (UUID): The shot id.
        slot_id (UUID): The slot.
        archer_id (UUID): The archer who shot it.
        end_number (int): The end (1-based).
        position (int): The arrow's place in its end (1-based).
        value (int): The score (0 for a miss).
        value_label (ArrowValue): The value of an arrow as called at the target; `X` is the inner ten, `M` a miss.
        is_x (bool): Whether the arrow is in the inner ten (X).
        is_plotted (bool): Whether the arrow has a position on the face.
        x_mm (float | None): Millimetres right of the face centre; null when not plotted.
        y_mm (float | None): Millimetres above the face centre; null when not plotted.
        spot_index (int | None): The scoring spot (0-based) on multi-spot faces; null for a miss or an unplotted arrow.
        distance_mm (float | None): Distance from the centre of the nearest spot; null when not plotted.
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
        arrow_diameter_mm (float): The arrow diameter used for the line-cutter rule.
        arrow_number (int | None): Which arrow of the slot's arrow set this was (1 to its `arrow_count`).
        shot_at (datetime.datetime): When the arrow was shot.
        created_at (datetime.datetime): When it was recorded.
        updated_at (datetime.datetime): When it was last moved or re-entered.
    """

    id: UUID
    slot_id: UUID
    archer_id: UUID
    end_number: int
    position: int
    value: int
    value_label: ArrowValue
    is_x: bool
    is_plotted: bool
    x_mm: float | None
    y_mm: float | None
    spot_index: int | None
    distance_mm: float | None
    face_type: FaceType
    arrow_diameter_mm: float
    arrow_number: int | None
    shot_at: datetime.datetime
    created_at: datetime.datetime
    updated_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        slot_id = str(self.slot_id)

        archer_id = str(self.archer_id)

        end_number = self.end_number

        position = self.position

        value = self.value

        value_label: str = self.value_label

        is_x = self.is_x

        is_plotted = self.is_plotted

        x_mm: float | None
        x_mm = self.x_mm

        y_mm: float | None
        y_mm = self.y_mm

        spot_index: int | None
        spot_index = self.spot_index

        distance_mm: float | None
        distance_mm = self.distance_mm

        face_type: str = self.face_type

        arrow_diameter_mm = self.arrow_diameter_mm

        arrow_number: int | None
        arrow_number = self.arrow_number

        shot_at = self.shot_at.isoformat()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "slot_id": slot_id,
                "archer_id": archer_id,
                "end_number": end_number,
                "position": position,
                "value": value,
                "value_label": value_label,
                "is_x": is_x,
                "is_plotted": is_plotted,
                "x_mm": x_mm,
                "y_mm": y_mm,
                "spot_index": spot_index,
                "distance_mm": distance_mm,
                "face_type": face_type,
                "arrow_diameter_mm": arrow_diameter_mm,
                "arrow_number": arrow_number,
                "shot_at": shot_at,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        slot_id = UUID(d.pop("slot_id"))

        archer_id = UUID(d.pop("archer_id"))

        end_number = d.pop("end_number")

        position = d.pop("position")

        value = d.pop("value")

        value_label = check_arrow_value(d.pop("value_label"))

        is_x = d.pop("is_x")

        is_plotted = d.pop("is_plotted")

        def _parse_x_mm(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        x_mm = _parse_x_mm(d.pop("x_mm"))

        def _parse_y_mm(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        y_mm = _parse_y_mm(d.pop("y_mm"))

        def _parse_spot_index(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        spot_index = _parse_spot_index(d.pop("spot_index"))

        def _parse_distance_mm(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        distance_mm = _parse_distance_mm(d.pop("distance_mm"))

        face_type = check_face_type(d.pop("face_type"))

        arrow_diameter_mm = d.pop("arrow_diameter_mm")

        def _parse_arrow_number(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        arrow_number = _parse_arrow_number(d.pop("arrow_number"))

        shot_at = datetime.datetime.fromisoformat(d.pop("shot_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        shot = cls(
            id=id,
            slot_id=slot_id,
            archer_id=archer_id,
            end_number=end_number,
            position=position,
            value=value,
            value_label=value_label,
            is_x=is_x,
            is_plotted=is_plotted,
            x_mm=x_mm,
            y_mm=y_mm,
            spot_index=spot_index,
            distance_mm=distance_mm,
            face_type=face_type,
            arrow_diameter_mm=arrow_diameter_mm,
            arrow_number=arrow_number,
            shot_at=shot_at,
            created_at=created_at,
            updated_at=updated_at,
        )

        return shot
