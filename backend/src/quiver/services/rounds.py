"""The standard-round catalogue.

Built once, at import, from the round definitions archeryutils ships (`load_rounds`), plus a
small hand-written table for rounds it lacks (the NFAA 300). Each archeryutils pass names a
scoring system and a face diameter; `_FACE_OF_TARGET` maps that pair to a catalogue face.

archeryutils has no end structure, so arrows per end follow World Archery practice: 6 arrows
outdoors, 3 indoors and on WA field courses. The exceptions follow the rounds' own rules: 5 for
the Worcester, the NFAA 300 and the IFAA indoor round, 4 per target on IFAA and Archery Australia
field courses, 3 for the IFAA International round. A pass shorter than that is a single end.
"""

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from quiver.core.errors import NotFoundError
from quiver.schemas.api import (
    DistanceUnit,
    FaceType,
    Round,
    RoundBody,
    RoundList,
    RoundLocation,
    RoundPass,
)
from quiver.services.faces import FACES

# The archeryutils round groups, in catalogue order.
_ARCHERYUTILS_GROUPS = (
    "WA_outdoor",
    "WA_indoor",
    "WA_field",
    "WA_experimental",
    "WA_VI",
    "AGB_outdoor_imperial",
    "AGB_outdoor_metric",
    "AGB_indoor",
    "AGB_VI",
    "AA_outdoor_metric",
    "AA_indoor",
    "AA_field",
    "IFAA_field",
    "misc",
)

_BODY_OF: Mapping[str, RoundBody] = MappingProxyType(
    {
        "WA": RoundBody.WORLD_ARCHERY,
        "WAExp": RoundBody.WORLD_ARCHERY,
        "WA-VI": RoundBody.WORLD_ARCHERY,
        "AGB": RoundBody.ARCHERY_GB,
        "AGB-VI": RoundBody.ARCHERY_GB,
        "AA": RoundBody.ARCHERY_AUSTRALIA,
        "IFAA": RoundBody.IFAA,
        "custom": RoundBody.OTHER,
    }
)

_UNIT_OF: Mapping[str, DistanceUnit] = MappingProxyType(
    {"metre": DistanceUnit.M, "yard": DistanceUnit.YD}
)

# (archeryutils scoring system, face diameter in cm) -> face. The diameter is rounded to 0.01 cm,
# which keeps the 16-inch Worcester face (40.64 cm) exact.
_FACE_OF_TARGET: Mapping[tuple[str, float], FaceType] = MappingProxyType(
    {
        ("10_zone", 122.0): FaceType.WA_122,
        ("10_zone", 80.0): FaceType.WA_80,
        ("10_zone", 60.0): FaceType.WA_60,
        ("10_zone", 40.0): FaceType.WA_40,
        ("10_zone_6_ring", 122.0): FaceType.WA_122_6_RING,
        ("10_zone_6_ring", 80.0): FaceType.WA_80_6_RING,
        ("10_zone_5_ring", 40.0): FaceType.WA_40_TRIPLE_VERTICAL,
        ("10_zone_5_ring", 60.0): FaceType.WA_60_TRIPLE_TRIANGULAR,
        ("10_zone_5_ring_compound", 40.0): FaceType.WA_40_TRIPLE_VERTICAL_COMPOUND,
        ("10_zone_5_ring_compound", 60.0): FaceType.WA_60_TRIPLE_TRIANGULAR_COMPOUND,
        ("10_zone_compound", 80.0): FaceType.WA_80_COMPOUND,
        ("10_zone_compound", 60.0): FaceType.WA_60_COMPOUND,
        ("10_zone_compound", 40.0): FaceType.WA_40_COMPOUND,
        ("11_zone", 122.0): FaceType.WA_122_11_ZONE,
        ("11_zone", 80.0): FaceType.WA_80_11_ZONE,
        ("11_zone", 40.0): FaceType.WA_40_11_ZONE,
        ("11_zone_6_ring", 80.0): FaceType.WA_80_6_RING_11_ZONE,
        ("11_zone_5_ring", 40.0): FaceType.WA_40_TRIPLE_VERTICAL_11_ZONE,
        ("5_zone", 122.0): FaceType.IMPERIAL_122,
        ("5_zone", 80.0): FaceType.IMPERIAL_80,
        ("5_zone", 60.0): FaceType.IMPERIAL_60,
        ("5_zone", 40.0): FaceType.IMPERIAL_40,
        ("WA_field", 80.0): FaceType.WA_FIELD_80,
        ("WA_field", 60.0): FaceType.WA_FIELD_60,
        ("WA_field", 40.0): FaceType.WA_FIELD_40,
        ("WA_field", 20.0): FaceType.WA_FIELD_20,
        ("IFAA_field", 65.0): FaceType.IFAA_FIELD_65,
        ("IFAA_field", 50.0): FaceType.IFAA_FIELD_50,
        ("IFAA_field", 35.0): FaceType.IFAA_FIELD_35,
        ("IFAA_field", 20.0): FaceType.IFAA_FIELD_20,
        ("AA_national_field", 80.0): FaceType.AA_FIELD_80,
        ("AA_national_field", 60.0): FaceType.AA_FIELD_60,
        ("AA_national_field", 40.0): FaceType.AA_FIELD_40,
        ("AA_national_field", 20.0): FaceType.AA_FIELD_20,
        ("Worcester", 40.64): FaceType.WORCESTER,
        ("Worcester_2_ring", 40.64): FaceType.WORCESTER_2_RING,
        # archeryutils scores the IFAA expert round on the field faces as five equal zones
        # ("Worcester" geometry), and the IFAA indoor round on the 40 cm face with the same rings
        # as the NFAA indoor face.
        ("Worcester", 65.0): FaceType.IFAA_FIELD_EXPERT_65,
        ("Worcester", 50.0): FaceType.IFAA_FIELD_EXPERT_50,
        ("Worcester", 35.0): FaceType.IFAA_FIELD_EXPERT_35,
        ("Worcester", 20.0): FaceType.IFAA_FIELD_EXPERT_20,
        ("Worcester", 40.0): FaceType.NFAA_INDOOR,
    }
)

# archeryutils says "triple" without the layout; the Vegas rounds use the triangular 40 cm face.
_TRIANGULAR_40_ROUNDS = frozenset({"vegas", "vegas_compound", "vegas_300_triple"})
_TRIANGULAR_40: Mapping[FaceType, FaceType] = MappingProxyType(
    {
        FaceType.WA_40_TRIPLE_VERTICAL: FaceType.WA_40_TRIPLE_TRIANGULAR,
        FaceType.WA_40_TRIPLE_VERTICAL_COMPOUND: FaceType.WA_40_TRIPLE_TRIANGULAR_COMPOUND,
    }
)

# archeryutils files the IFAA indoor rounds with its field rounds.
_INDOOR_ROUNDS = frozenset({"ifaa_indoor", "ifaa_indoor_unit"})

_ARROWS_PER_END_AT: Mapping[RoundLocation, int] = MappingProxyType(
    {RoundLocation.OUTDOOR: 6, RoundLocation.INDOOR: 3, RoundLocation.FIELD: 3}
)
_FIELD_ARROWS_PER_TARGET: Mapping[RoundBody, int] = MappingProxyType(
    {RoundBody.IFAA: 4, RoundBody.ARCHERY_AUSTRALIA: 4}
)
_ARROWS_PER_END_OF_ROUND: Mapping[str, int] = MappingProxyType(
    {
        "worcester": 5,
        "worcester_5_centre": 5,
        "ifaa_indoor": 5,
        "ifaa_indoor_unit": 5,
        "ifaa_international": 3,
        "ifaa_international_unit": 3,
        "nfaa_300": 5,
    }
)


@dataclass(frozen=True, slots=True)
class _PassSpec:
    distance: float
    distance_unit: DistanceUnit
    arrows: int
    face_type: FaceType


@dataclass(frozen=True, slots=True)
class _RoundSpec:
    code: str
    name: str
    body: RoundBody
    location: RoundLocation
    passes: tuple[_PassSpec, ...]


# Rounds archeryutils lacks. NFAA 300: 12 ends of 5 arrows at 20 yd on the 40 cm blue face
# (nfaausa.com, "Indoor Nationals: how the event works").
_HAND_WRITTEN: tuple[_RoundSpec, ...] = (
    _RoundSpec(
        code="nfaa_300",
        name="NFAA 300",
        body=RoundBody.NFAA,
        location=RoundLocation.INDOOR,
        passes=(_PassSpec(20.0, DistanceUnit.YD, 60, FaceType.NFAA_INDOOR),),
    ),
)


def _arrows_per_end(spec: _RoundSpec, arrows: int) -> int:
    per_end = _ARROWS_PER_END_OF_ROUND.get(spec.code)
    if per_end is None and spec.location is RoundLocation.FIELD:
        per_end = _FIELD_ARROWS_PER_TARGET.get(spec.body)
    if per_end is None:
        per_end = _ARROWS_PER_END_AT[spec.location]
    return min(per_end, arrows)


def _build_round(spec: _RoundSpec) -> Round:
    passes = [
        RoundPass(
            distance=pass_spec.distance,
            distance_unit=pass_spec.distance_unit,
            arrows=pass_spec.arrows,
            arrows_per_end=_arrows_per_end(spec, pass_spec.arrows),
            face_type=pass_spec.face_type,
            max_score=pass_spec.arrows * FACES[pass_spec.face_type].max_arrow_score,
        )
        for pass_spec in spec.passes
    ]
    return Round(
        code=spec.code,
        name=spec.name,
        body=spec.body,
        location=spec.location,
        passes=passes,
        arrows=sum(pass_.arrows for pass_ in passes),
        max_score=sum(pass_.max_score for pass_ in passes),
    )


def _face_of(code: str, target: Any) -> FaceType | None:
    diameter_cm = round(float(target.diameter) * 100.0, 2)
    face_type = _FACE_OF_TARGET.get((str(target.scoring_system), diameter_cm))
    if face_type is not None and code in _TRIANGULAR_40_ROUNDS:
        return _TRIANGULAR_40.get(face_type, face_type)
    return face_type


def _from_archeryutils(code: str, definition: Any) -> _RoundSpec | None:
    """Translate one archeryutils round; None when one of its faces has no catalogue face."""
    passes: list[_PassSpec] = []
    for pass_ in definition.passes:
        face_type = _face_of(code, pass_.target)
        if face_type is None:
            return None
        distance = pass_.target.native_distance
        passes.append(
            _PassSpec(
                distance=float(distance.value),
                distance_unit=_UNIT_OF[str(distance.units)],
                arrows=int(pass_.n_arrows),
                face_type=face_type,
            )
        )
    location = RoundLocation(str(definition.location))
    return _RoundSpec(
        code=code,
        name=str(definition.name),
        body=_BODY_OF[str(definition.body)],
        location=RoundLocation.INDOOR if code in _INDOOR_ROUNDS else location,
        passes=tuple(passes),
    )


def _archeryutils_rounds() -> list[_RoundSpec]:
    # archeryutils ships no py.typed marker; importing it by name keeps mypy --strict quiet
    # without an ignore comment, and _from_archeryutils converts every value it reads.
    load_rounds = importlib.import_module("archeryutils.load_rounds")
    specs: list[_RoundSpec] = []
    for group in _ARCHERYUTILS_GROUPS:
        for code, definition in getattr(load_rounds, group).items():
            spec = _from_archeryutils(str(code), definition)
            if spec is not None:
                specs.append(spec)
    return specs


def _build_catalogue() -> Mapping[str, Round]:
    catalogue: dict[str, Round] = {}
    for spec in [*_archeryutils_rounds(), *_HAND_WRITTEN]:
        if spec.code in catalogue:
            raise ValueError(f"round code {spec.code!r} is defined twice")
        catalogue[spec.code] = _build_round(spec)
    return MappingProxyType(catalogue)


ROUNDS: Mapping[str, Round] = _build_catalogue()


def list_rounds(
    location: RoundLocation | None = None, body: RoundBody | None = None
) -> list[Round]:
    """Return the catalogue rounds that match every filter given, in catalogue order.

    Rounds are shared, not copied (slots read one for every arrow): treat them as read-only.
    """
    return [
        round_
        for round_ in ROUNDS.values()
        if (location is None or round_.location is location)
        and (body is None or round_.body is body)
    ]


def get_round(code: str) -> Round:
    """Return the catalogue round with the given code (shared: treat it as read-only).

    Raises:
        NotFoundError: If no round has that code.
    """
    round_ = ROUNDS.get(code)
    if round_ is None:
        raise NotFoundError("round_not_found", f"There is no round with the code {code!r}.")
    return round_


@cache
def round_list_json(location: RoundLocation | None, body: RoundBody | None) -> bytes:
    """The contract's RoundList for one combination of filters, serialised once."""
    return RoundList(items=list_rounds(location=location, body=body)).model_dump_json().encode()
