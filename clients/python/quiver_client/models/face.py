from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.face_type import FaceType, check_face_type
from ..models.scoring_style import ScoringStyle, check_scoring_style

if TYPE_CHECKING:
    from ..models.ring import Ring
    from ..models.spot import Spot


T = TypeVar("T", bound="Face")


@_attrs_define
class Face:
    """A target face and its geometry. Every spot has the same rings.

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
        name (str): A human-readable name.
        diameter_mm (float): The nominal size of the face in millimetres (e.g. 1220 for the 122 cm face).
        scoring_style (ScoringStyle): How a face family is scored; descriptive only, since `rings` give every zone's
            score.
            `recurve_x`: the ten ring scores 10 and the inner ten (X) counts as an X.
            `compound_inner_ten`: only the inner ten scores 10 (and counts as an X); the rest of
            the gold scores 9.
            `eleven_zone`: the inner ten scores 11; there is no separate X.
            `imperial_five_zone`: each colour is one zone, scoring 9, 7, 5, 3, 1.
            `wa_field`: World Archery field, 6 (inner spot) to 1.
            `ifaa_field`: IFAA field, 5 (spot), 4, 3.
            `ifaa_field_expert`: IFAA expert scoring, five equal zones 5 to 1.
            `aa_field`: Archery Australia national field, five equal zones 5 to 1.
            `worcester`: five equal zones 5 to 1, white centre on black.
            `nfaa_indoor`: five equal zones 5 to 1 with an X inside the 5 that scores 5.
        x_diameter_mm (float | None): The diameter of the X ring in millimetres: an arrow inside it is recorded as X and
            scores the value of the ring it lies in. Null when the face has no X (imperial,
            Worcester, field and 11-zone faces, where a centre ring has its own score).
        max_arrow_score (int): The most points one arrow can score on the face.
        rings (list[Ring]): The scoring zones of each spot, from the centre outwards (highest score first).
        spots (list[Spot]): The spot centres; one spot at (0, 0) for a single-spot face.
    """

    face_type: FaceType
    name: str
    diameter_mm: float
    scoring_style: ScoringStyle
    x_diameter_mm: float | None
    max_arrow_score: int
    rings: list[Ring]
    spots: list[Spot]

    def to_dict(self) -> dict[str, Any]:
        face_type: str = self.face_type

        name = self.name

        diameter_mm = self.diameter_mm

        scoring_style: str = self.scoring_style

        x_diameter_mm: float | None
        x_diameter_mm = self.x_diameter_mm

        max_arrow_score = self.max_arrow_score

        rings = []
        for rings_item_data in self.rings:
            rings_item = rings_item_data.to_dict()
            rings.append(rings_item)

        spots = []
        for spots_item_data in self.spots:
            spots_item = spots_item_data.to_dict()
            spots.append(spots_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "face_type": face_type,
                "name": name,
                "diameter_mm": diameter_mm,
                "scoring_style": scoring_style,
                "x_diameter_mm": x_diameter_mm,
                "max_arrow_score": max_arrow_score,
                "rings": rings,
                "spots": spots,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ring import Ring  # noqa: PLC0415
        from ..models.spot import Spot  # noqa: PLC0415

        d = dict(src_dict)
        face_type = check_face_type(d.pop("face_type"))

        name = d.pop("name")

        diameter_mm = d.pop("diameter_mm")

        scoring_style = check_scoring_style(d.pop("scoring_style"))

        def _parse_x_diameter_mm(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        x_diameter_mm = _parse_x_diameter_mm(d.pop("x_diameter_mm"))

        max_arrow_score = d.pop("max_arrow_score")

        rings = []
        _rings = d.pop("rings")
        for rings_item_data in _rings:
            rings_item = Ring.from_dict(rings_item_data)

            rings.append(rings_item)

        spots = []
        _spots = d.pop("spots")
        for spots_item_data in _spots:
            spots_item = Spot.from_dict(spots_item_data)

            spots.append(spots_item)

        face = cls(
            face_type=face_type,
            name=name,
            diameter_mm=diameter_mm,
            scoring_style=scoring_style,
            x_diameter_mm=x_diameter_mm,
            max_arrow_score=max_arrow_score,
            rings=rings,
            spots=spots,
        )

        return face
