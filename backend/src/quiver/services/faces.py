"""The target-face catalogue: the single source of face geometry.

Every face is built once, at import, from a compact table of World Archery target faces. Ring
diameters are derived from the nominal face diameter D rather than typed in: the ten scoring zones
all have the same width, so zone k has an outer diameter of (11 - k) x D / 10, and the inner ten
(X) has a diameter of D / 20.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from quiver.schemas.api import Face, FaceType, Ring, RingColour, ScoringStyle, Spot

_ZONE_COLOURS: Mapping[int, RingColour] = MappingProxyType(
    {
        10: RingColour.GOLD,
        9: RingColour.GOLD,
        8: RingColour.RED,
        7: RingColour.RED,
        6: RingColour.LIGHT_BLUE,
        5: RingColour.LIGHT_BLUE,
        4: RingColour.BLACK,
        3: RingColour.BLACK,
        2: RingColour.WHITE,
        1: RingColour.WHITE,
    }
)

# Centre-to-centre distance of neighbouring spots on the triple faces. The exact figure could not
# be confirmed against the WA rulebook drawing. These values leave a 20 mm clear gap between the
# 6 rings: the smallest gap WA allows between the scoring zones of separate faces on one boss
# (Book 2 ch. 7.2.3, as summarised by karlstadsbk.se). MyTargets' WAVertical3Spot.kt draws the
# vertical triple at 2.125 spot radii (212.5 mm): close, but a drawing, not a specification.
# Scoring only needs the spots not to overlap, which both values guarantee.
_VERTICAL_TRIPLE_SPACING_MM = 220.0
_TRIANGULAR_TRIPLE_SPACING_MM = 320.0

_SINGLE_SPOT: tuple[tuple[float, float], ...] = ((0.0, 0.0),)

# Spots are listed in reading order (left to right, top to bottom), so spot 0 is the top one.
_VERTICAL_TRIPLE: tuple[tuple[float, float], ...] = (
    (0.0, _VERTICAL_TRIPLE_SPACING_MM),
    (0.0, 0.0),
    (0.0, -_VERTICAL_TRIPLE_SPACING_MM),
)

# An equilateral triangle, two spots on top and one below, centred on its centroid so every spot
# is the same distance (side / sqrt 3) from the face centre. Offsets are rounded to the micrometre
# to keep the wire values readable; the triangle stays equilateral to within 1 um.
_TRIANGLE_HEIGHT_MM = _TRIANGULAR_TRIPLE_SPACING_MM * math.sqrt(3.0) / 2.0
_TRIANGULAR_TRIPLE: tuple[tuple[float, float], ...] = (
    (-_TRIANGULAR_TRIPLE_SPACING_MM / 2.0, round(_TRIANGLE_HEIGHT_MM / 3.0, 3)),
    (_TRIANGULAR_TRIPLE_SPACING_MM / 2.0, round(_TRIANGLE_HEIGHT_MM / 3.0, 3)),
    (0.0, round(-2.0 * _TRIANGLE_HEIGHT_MM / 3.0, 3)),
)


@dataclass(frozen=True, slots=True)
class _FaceSpec:
    """One row of the catalogue table: what distinguishes a face from the others."""

    label: str
    diameter_mm: float
    lowest_score: int
    spots: tuple[tuple[float, float], ...]
    scoring_style: ScoringStyle = ScoringStyle.RECURVE_X


_COMPOUND = ScoringStyle.COMPOUND_INNER_TEN

_CATALOGUE: Mapping[FaceType, _FaceSpec] = MappingProxyType(
    {
        FaceType.WA_122: _FaceSpec("122 cm", 1220.0, 1, _SINGLE_SPOT),
        FaceType.WA_80: _FaceSpec("80 cm", 800.0, 1, _SINGLE_SPOT),
        FaceType.WA_60: _FaceSpec("60 cm", 600.0, 1, _SINGLE_SPOT),
        FaceType.WA_40: _FaceSpec("40 cm", 400.0, 1, _SINGLE_SPOT),
        FaceType.WA_80_6_RING: _FaceSpec("80 cm 6-ring", 800.0, 5, _SINGLE_SPOT),
        FaceType.WA_40_TRIPLE_VERTICAL: _FaceSpec(
            "40 cm triple (vertical)", 400.0, 6, _VERTICAL_TRIPLE
        ),
        FaceType.WA_60_TRIPLE_TRIANGULAR: _FaceSpec(
            "60 cm triple (triangular)", 600.0, 6, _TRIANGULAR_TRIPLE
        ),
        FaceType.WA_60_COMPOUND: _FaceSpec("60 cm", 600.0, 1, _SINGLE_SPOT, _COMPOUND),
        FaceType.WA_40_COMPOUND: _FaceSpec("40 cm", 400.0, 1, _SINGLE_SPOT, _COMPOUND),
        FaceType.WA_40_TRIPLE_VERTICAL_COMPOUND: _FaceSpec(
            "40 cm triple (vertical)", 400.0, 6, _VERTICAL_TRIPLE, _COMPOUND
        ),
        FaceType.WA_60_TRIPLE_TRIANGULAR_COMPOUND: _FaceSpec(
            "60 cm triple (triangular)", 600.0, 6, _TRIANGULAR_TRIPLE, _COMPOUND
        ),
    }
)


def _ring_outer_diameter_mm(spec: _FaceSpec, score: int) -> float:
    zone_step_mm = spec.diameter_mm / 10.0
    if score == 10 and spec.scoring_style is ScoringStyle.COMPOUND_INNER_TEN:
        # Compound scoring shrinks the 10 to the X; the old 10 becomes part of the 9.
        return spec.diameter_mm / 20.0
    return (11 - score) * zone_step_mm


def _build_face(face_type: FaceType, spec: _FaceSpec) -> Face:
    rings = [
        Ring(
            score=score,
            outer_diameter_mm=_ring_outer_diameter_mm(spec, score),
            colour=_ZONE_COLOURS[score],
        )
        for score in range(10, spec.lowest_score - 1, -1)
    ]
    name = f"World Archery {spec.label}"
    if spec.scoring_style is ScoringStyle.COMPOUND_INNER_TEN:
        name += ", compound"
    return Face(
        face_type=face_type,
        name=name,
        diameter_mm=spec.diameter_mm,
        scoring_style=spec.scoring_style,
        x_diameter_mm=spec.diameter_mm / 20.0,
        rings=rings,
        spots=[Spot(x_mm=x_mm, y_mm=y_mm) for x_mm, y_mm in spec.spots],
    )


# Built in FaceType order, so a face type missing from the table fails at import, not at runtime.
FACES: Mapping[FaceType, Face] = MappingProxyType(
    {face_type: _build_face(face_type, _CATALOGUE[face_type]) for face_type in FaceType}
)


def list_faces() -> list[Face]:
    """Return every face of the catalogue, in FaceType order.

    The faces are copies, so callers may change them without corrupting the catalogue.
    """
    return [face.model_copy(deep=True) for face in FACES.values()]


def get_face(face_type: FaceType) -> Face:
    """Return a copy of the catalogue face of the given type."""
    return FACES[face_type].model_copy(deep=True)
