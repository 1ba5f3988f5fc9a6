from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.distance_unit import DistanceUnit, check_distance_unit
from ..models.face_type import FaceType, check_face_type

if TYPE_CHECKING:
    from ..models.personal_best_score import PersonalBestScore


T = TypeVar("T", bound="PracticePersonalBest")


@_attrs_define
class PracticePersonalBest:
    """The best mean per arrow of one free-practice slot at a face and distance.

    Attributes:
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
        qualifying_slots (int): Free-practice slots of at least `min_practice_arrows` arrows here.
        best (PersonalBestScore): The figures of the slot holding a personal best, as they are now.
    """

    face_type: FaceType
    distance: float
    distance_unit: DistanceUnit
    qualifying_slots: int
    best: PersonalBestScore

    def to_dict(self) -> dict[str, Any]:
        face_type: str = self.face_type

        distance = self.distance

        distance_unit: str = self.distance_unit

        qualifying_slots = self.qualifying_slots

        best = self.best.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "face_type": face_type,
                "distance": distance,
                "distance_unit": distance_unit,
                "qualifying_slots": qualifying_slots,
                "best": best,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.personal_best_score import PersonalBestScore  # noqa: PLC0415

        d = dict(src_dict)
        face_type = check_face_type(d.pop("face_type"))

        distance = d.pop("distance")

        distance_unit = check_distance_unit(d.pop("distance_unit"))

        qualifying_slots = d.pop("qualifying_slots")

        best = PersonalBestScore.from_dict(d.pop("best"))

        practice_personal_best = cls(
            face_type=face_type,
            distance=distance,
            distance_unit=distance_unit,
            qualifying_slots=qualifying_slots,
            best=best,
        )

        return practice_personal_best
