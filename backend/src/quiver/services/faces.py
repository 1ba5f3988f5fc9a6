"""The target-face catalogue: the single source of face geometry.

Every face is built once, at import, from a compact table. Ring diameters are derived from the
nominal face diameter D rather than typed in: every ring of every face family here is a whole
number of twentieths of D (the World Archery X is D/20, its ten zones step by D/10, the field,
Worcester and NFAA zones step by D/10 or D/5), so a ring is written as its score, its diameter
in twentieths of D and its colour. The geometry agrees with archeryutils' `Target.face_spec`.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from quiver.schemas.api import Face, FaceList, FaceType, Ring, RingColour, ScoringStyle, Spot

_ZONE_COLOURS: Mapping[int, RingColour] = MappingProxyType(
    {
        11: RingColour.GOLD,
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
_TRIANGULAR_TRIPLE_SPACING_MM = {400.0: 220.0, 600.0: 320.0}

_SINGLE_SPOT: tuple[tuple[float, float], ...] = ((0.0, 0.0),)

# Spots are listed in reading order (left to right, top to bottom), so spot 0 is the top one.
_VERTICAL_TRIPLE: tuple[tuple[float, float], ...] = (
    (0.0, _VERTICAL_TRIPLE_SPACING_MM),
    (0.0, 0.0),
    (0.0, -_VERTICAL_TRIPLE_SPACING_MM),
)


def _triangular_triple(side_mm: float) -> tuple[tuple[float, float], ...]:
    """An equilateral triangle, two spots on top and one below, centred on its centroid.

    Every spot is then the same distance (side / sqrt 3) from the face centre. Offsets are rounded
    to the micrometre to keep the wire values readable; the triangle stays equilateral to 1 um.
    """
    height_mm = side_mm * math.sqrt(3.0) / 2.0
    return (
        (-side_mm / 2.0, round(height_mm / 3.0, 3)),
        (side_mm / 2.0, round(height_mm / 3.0, 3)),
        (0.0, round(-2.0 * height_mm / 3.0, 3)),
    )


# (score, outer diameter in twentieths of the face diameter, colour), from the centre outwards.
_RingSpec = tuple[int, int, RingColour]

_BLACK = RingColour.BLACK
_WHITE = RingColour.WHITE
_YELLOW = RingColour.YELLOW


@dataclass(frozen=True, slots=True)
class _FaceSpec:
    """One row of the catalogue table: what distinguishes a face from the others."""

    name: str
    diameter_mm: float
    scoring_style: ScoringStyle
    rings: tuple[_RingSpec, ...]
    x_twentieths: int | None
    spots: tuple[tuple[float, float], ...] = _SINGLE_SPOT


def _ten_zone_rings(lowest_score: int, style: ScoringStyle) -> tuple[_RingSpec, ...]:
    rings = [
        (score, 2 * (11 - score), _ZONE_COLOURS[score]) for score in range(10, lowest_score - 1, -1)
    ]
    if style is ScoringStyle.COMPOUND_INNER_TEN:
        # Compound scoring shrinks the 10 to the X; the old 10 becomes part of the 9.
        rings[0] = (10, 1, _ZONE_COLOURS[10])
    elif style is ScoringStyle.ELEVEN_ZONE:
        # The X becomes a zone of its own, worth 11.
        rings.insert(0, (11, 1, _ZONE_COLOURS[11]))
    return tuple(rings)


def _world_archery(
    label: str,
    diameter_cm: int,
    *,
    lowest_score: int = 1,
    spots: tuple[tuple[float, float], ...] = _SINGLE_SPOT,
    style: ScoringStyle = ScoringStyle.RECURVE_X,
) -> _FaceSpec:
    suffix = {ScoringStyle.COMPOUND_INNER_TEN: ", compound", ScoringStyle.ELEVEN_ZONE: ", 11-zone"}
    return _FaceSpec(
        name=f"World Archery {label}{suffix.get(style, '')}",
        diameter_mm=diameter_cm * 10.0,
        scoring_style=style,
        rings=_ten_zone_rings(lowest_score, style),
        # The 11-zone X is a scoring zone of its own (scored "11"), not an X inside the 10.
        x_twentieths=None if style is ScoringStyle.ELEVEN_ZONE else 1,
        spots=spots,
    )


def _imperial(diameter_cm: int) -> _FaceSpec:
    # Archery GB imperial scoring: the World Archery face, one zone per colour, 9-7-5-3-1.
    colours = (RingColour.GOLD, RingColour.RED, RingColour.LIGHT_BLUE, _BLACK, _WHITE)
    return _FaceSpec(
        name=f"World Archery {diameter_cm} cm, imperial 5-zone",
        diameter_mm=diameter_cm * 10.0,
        scoring_style=ScoringStyle.IMPERIAL_FIVE_ZONE,
        rings=tuple(
            (9 - 2 * index, 4 * (index + 1), colour) for index, colour in enumerate(colours)
        ),
        x_twentieths=None,
    )


def _five_equal_zones(centre: RingColour, outer: RingColour) -> tuple[_RingSpec, ...]:
    return ((5, 4, centre),) + tuple((score, 4 * (6 - score), outer) for score in range(4, 0, -1))


def _wa_field(diameter_cm: int) -> _FaceSpec:
    # A yellow spot split into the 6 and the 5, then four black zones (WA Book 4).
    return _FaceSpec(
        name=f"World Archery field {diameter_cm} cm",
        diameter_mm=diameter_cm * 10.0,
        scoring_style=ScoringStyle.WA_FIELD,
        rings=((6, 2, _YELLOW), (5, 4, _YELLOW))
        + tuple((score, 4 * (6 - score), _BLACK) for score in range(4, 0, -1)),
        x_twentieths=None,
    )


def _ifaa_field(diameter_cm: int) -> _FaceSpec:
    # A black spot, a white ring twice as wide, a black outer ring of the same width. The X
    # printed inside the spot counts no extra point; its size is unconfirmed, so it is not given.
    return _FaceSpec(
        name=f"IFAA field {diameter_cm} cm",
        diameter_mm=diameter_cm * 10.0,
        scoring_style=ScoringStyle.IFAA_FIELD,
        rings=((5, 4, _BLACK), (4, 12, _WHITE), (3, 20, _BLACK)),
        x_twentieths=None,
    )


def _ifaa_field_expert(diameter_cm: int) -> _FaceSpec:
    # The IFAA field face with each ring split in two, giving five equal zones.
    return _FaceSpec(
        name=f"IFAA field {diameter_cm} cm, expert",
        diameter_mm=diameter_cm * 10.0,
        scoring_style=ScoringStyle.IFAA_FIELD_EXPERT,
        rings=((5, 4, _BLACK), (4, 8, _WHITE), (3, 12, _WHITE), (2, 16, _BLACK), (1, 20, _BLACK)),
        x_twentieths=None,
    )


def _aa_field(diameter_cm: int) -> _FaceSpec:
    # The field face scored in five equal zones (the 6 ring counts 5). Colours as the WA field
    # face it is printed like; Archery Australia's own drawing could not be checked.
    return _FaceSpec(
        name=f"Archery Australia field {diameter_cm} cm",
        diameter_mm=diameter_cm * 10.0,
        scoring_style=ScoringStyle.AA_FIELD,
        rings=_five_equal_zones(_YELLOW, _BLACK),
        x_twentieths=None,
    )


_WORCESTER_DIAMETER_MM = 406.4  # 16 inches

_WA = ScoringStyle.RECURVE_X
_COMPOUND = ScoringStyle.COMPOUND_INNER_TEN
_ELEVEN = ScoringStyle.ELEVEN_ZONE
_TRIANGLE_40 = _triangular_triple(_TRIANGULAR_TRIPLE_SPACING_MM[400.0])
_TRIANGLE_60 = _triangular_triple(_TRIANGULAR_TRIPLE_SPACING_MM[600.0])

_CATALOGUE: Mapping[FaceType, _FaceSpec] = MappingProxyType(
    {
        FaceType.WA_122: _world_archery("122 cm", 122),
        FaceType.WA_80: _world_archery("80 cm", 80),
        FaceType.WA_60: _world_archery("60 cm", 60),
        FaceType.WA_40: _world_archery("40 cm", 40),
        FaceType.WA_80_6_RING: _world_archery("80 cm 6-ring", 80, lowest_score=5),
        FaceType.WA_40_TRIPLE_VERTICAL: _world_archery(
            "40 cm triple (vertical)", 40, lowest_score=6, spots=_VERTICAL_TRIPLE
        ),
        FaceType.WA_60_TRIPLE_TRIANGULAR: _world_archery(
            "60 cm triple (triangular)", 60, lowest_score=6, spots=_TRIANGLE_60
        ),
        FaceType.WA_60_COMPOUND: _world_archery("60 cm", 60, style=_COMPOUND),
        FaceType.WA_40_COMPOUND: _world_archery("40 cm", 40, style=_COMPOUND),
        FaceType.WA_40_TRIPLE_VERTICAL_COMPOUND: _world_archery(
            "40 cm triple (vertical)", 40, lowest_score=6, spots=_VERTICAL_TRIPLE, style=_COMPOUND
        ),
        FaceType.WA_60_TRIPLE_TRIANGULAR_COMPOUND: _world_archery(
            "60 cm triple (triangular)", 60, lowest_score=6, spots=_TRIANGLE_60, style=_COMPOUND
        ),
        FaceType.WA_122_6_RING: _world_archery("122 cm 6-ring", 122, lowest_score=5),
        FaceType.WA_80_COMPOUND: _world_archery("80 cm", 80, style=_COMPOUND),
        FaceType.WA_40_TRIPLE_TRIANGULAR: _world_archery(
            "40 cm triple (triangular)", 40, lowest_score=6, spots=_TRIANGLE_40
        ),
        FaceType.WA_40_TRIPLE_TRIANGULAR_COMPOUND: _world_archery(
            "40 cm triple (triangular)", 40, lowest_score=6, spots=_TRIANGLE_40, style=_COMPOUND
        ),
        FaceType.WA_122_11_ZONE: _world_archery("122 cm", 122, style=_ELEVEN),
        FaceType.WA_80_11_ZONE: _world_archery("80 cm", 80, style=_ELEVEN),
        FaceType.WA_40_11_ZONE: _world_archery("40 cm", 40, style=_ELEVEN),
        FaceType.WA_80_6_RING_11_ZONE: _world_archery(
            "80 cm 6-ring", 80, lowest_score=5, style=_ELEVEN
        ),
        FaceType.WA_40_TRIPLE_VERTICAL_11_ZONE: _world_archery(
            "40 cm triple (vertical)", 40, lowest_score=6, spots=_VERTICAL_TRIPLE, style=_ELEVEN
        ),
        FaceType.IMPERIAL_122: _imperial(122),
        FaceType.IMPERIAL_80: _imperial(80),
        FaceType.IMPERIAL_60: _imperial(60),
        FaceType.IMPERIAL_40: _imperial(40),
        FaceType.WA_FIELD_80: _wa_field(80),
        FaceType.WA_FIELD_60: _wa_field(60),
        FaceType.WA_FIELD_40: _wa_field(40),
        FaceType.WA_FIELD_20: _wa_field(20),
        FaceType.IFAA_FIELD_65: _ifaa_field(65),
        FaceType.IFAA_FIELD_50: _ifaa_field(50),
        FaceType.IFAA_FIELD_35: _ifaa_field(35),
        FaceType.IFAA_FIELD_20: _ifaa_field(20),
        FaceType.IFAA_FIELD_EXPERT_65: _ifaa_field_expert(65),
        FaceType.IFAA_FIELD_EXPERT_50: _ifaa_field_expert(50),
        FaceType.IFAA_FIELD_EXPERT_35: _ifaa_field_expert(35),
        FaceType.IFAA_FIELD_EXPERT_20: _ifaa_field_expert(20),
        FaceType.AA_FIELD_80: _aa_field(80),
        FaceType.AA_FIELD_60: _aa_field(60),
        FaceType.AA_FIELD_40: _aa_field(40),
        FaceType.AA_FIELD_20: _aa_field(20),
        # Worcester: a white centre on a black face, five equal zones (Archery GB).
        FaceType.WORCESTER: _FaceSpec(
            name="Worcester 16 in",
            diameter_mm=_WORCESTER_DIAMETER_MM,
            scoring_style=ScoringStyle.WORCESTER,
            rings=_five_equal_zones(_WHITE, _BLACK),
            x_twentieths=None,
        ),
        # Only the 5 and the 4 of the Worcester face, as printed on its 5-spot version.
        FaceType.WORCESTER_2_RING: _FaceSpec(
            name="Worcester 16 in, 2-ring",
            diameter_mm=_WORCESTER_DIAMETER_MM,
            scoring_style=ScoringStyle.WORCESTER,
            rings=_five_equal_zones(_WHITE, _BLACK)[:2],
            x_twentieths=None,
        ),
        # NFAA indoor: an 8 cm white 5 ring holding a 4 cm X, then blue 4 to 1 (nfaausa.com).
        # IFAA indoor rounds use the same face.
        FaceType.NFAA_INDOOR: _FaceSpec(
            name="NFAA indoor 40 cm",
            diameter_mm=400.0,
            scoring_style=ScoringStyle.NFAA_INDOOR,
            rings=_five_equal_zones(_WHITE, RingColour.BLUE),
            x_twentieths=2,
        ),
    }
)


def _twentieths_mm(spec: _FaceSpec, twentieths: int) -> float:
    # Rounded to the nanometre so that 16-inch multiples read cleanly on the wire.
    return round(spec.diameter_mm * twentieths / 20.0, 6)


def _build_face(face_type: FaceType, spec: _FaceSpec) -> Face:
    rings = [
        Ring(score=score, outer_diameter_mm=_twentieths_mm(spec, twentieths), colour=colour)
        for score, twentieths, colour in spec.rings
    ]
    return Face(
        face_type=face_type,
        name=spec.name,
        diameter_mm=spec.diameter_mm,
        scoring_style=spec.scoring_style,
        x_diameter_mm=(
            None if spec.x_twentieths is None else _twentieths_mm(spec, spec.x_twentieths)
        ),
        max_arrow_score=max(ring.score for ring in rings),
        rings=rings,
        spots=[Spot(x_mm=x_mm, y_mm=y_mm) for x_mm, y_mm in spec.spots],
    )


# Built in FaceType order, so a face type missing from the table fails at import, not at runtime.
FACES: Mapping[FaceType, Face] = MappingProxyType(
    {face_type: _build_face(face_type, _CATALOGUE[face_type]) for face_type in FaceType}
)


# The catalogue's faces are shared, not copied: scoring reads one for every arrow, so callers
# treat them as read-only.


def list_faces() -> list[Face]:
    """Return every face of the catalogue, in FaceType order."""
    return list(FACES.values())


def get_face(face_type: FaceType) -> Face:
    """Return the catalogue face of the given type."""
    return FACES[face_type]


@cache
def face_list_json() -> bytes:
    """The contract's FaceList of the whole catalogue, serialised once."""
    return FaceList(items=list_faces()).model_dump_json().encode()


@cache
def face_json(face_type: FaceType) -> bytes:
    """One face as the contract's Face JSON, serialised once."""
    return FACES[face_type].model_dump_json().encode()
