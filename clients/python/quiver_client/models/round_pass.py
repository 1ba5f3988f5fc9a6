from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.distance_unit import DistanceUnit, check_distance_unit
from ..models.face_type import FaceType, check_face_type

T = TypeVar("T", bound="RoundPass")


@_attrs_define
class RoundPass:
    """Arrows shot at one distance on one face.

    Attributes:
        distance (float): The shooting distance, in `distance_unit`, from 1 to 150 (every standard round's
            distances lie within 4 m and 100 yd).
        distance_unit (DistanceUnit): `m` for metres, `yd` for yards.
        arrows (int): The number of arrows shot in this pass.
        arrows_per_end (int): Arrows per end: 6 outdoors, 3 indoors and on World Archery field courses; 5 for
            the Worcester, NFAA 300 and IFAA indoor rounds; 4 (one target) on IFAA and Archery
            Australia field courses, 3 for the IFAA International round. A pass shorter than
            that is a single end.
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
        max_score (int): The highest possible score of the pass.
    """

    distance: float
    distance_unit: DistanceUnit
    arrows: int
    arrows_per_end: int
    face_type: FaceType
    max_score: int

    def to_dict(self) -> dict[str, Any]:
        distance = self.distance

        distance_unit: str = self.distance_unit

        arrows = self.arrows

        arrows_per_end = self.arrows_per_end

        face_type: str = self.face_type

        max_score = self.max_score

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "distance": distance,
                "distance_unit": distance_unit,
                "arrows": arrows,
                "arrows_per_end": arrows_per_end,
                "face_type": face_type,
                "max_score": max_score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        distance = d.pop("distance")

        distance_unit = check_distance_unit(d.pop("distance_unit"))

        arrows = d.pop("arrows")

        arrows_per_end = d.pop("arrows_per_end")

        face_type = check_face_type(d.pop("face_type"))

        max_score = d.pop("max_score")

        round_pass = cls(
            distance=distance,
            distance_unit=distance_unit,
            arrows=arrows,
            arrows_per_end=arrows_per_end,
            face_type=face_type,
            max_score=max_score,
        )

        return round_pass
