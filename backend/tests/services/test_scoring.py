"""The scoring engine: line cutters, X, compound tens, 11s, spots and value-only arrows."""

import itertools
import math
import re
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiver.schemas.api import Face, FaceType, ScoringStyle, Spot
from quiver.services.faces import FACES, list_faces
from quiver.services.scoring import (
    DEFAULT_ARROW_DIAMETER_INDOOR_MM,
    DEFAULT_ARROW_DIAMETER_OUTDOOR_MM,
    InvalidArrowValue,
    ScoredArrow,
    arrow_value_label,
    default_arrow_diameter_mm,
    max_arrow_score,
    possible_values,
    score_plotted,
    score_value_only,
)

PROPERTIES = settings(max_examples=200, deadline=None, database=None)

# How far past a boundary an arrow must be to fall into the next zone.
JUST_OUTSIDE_MM = 0.01

_SINGLE_SPOT_FACES = [face for face in list_faces() if len(face.spots) == 1]


class Expected(NamedTuple):
    """A plotted arrow and the score it must get."""

    face_type: FaceType
    x_mm: float
    y_mm: float
    arrow_diameter_mm: float
    value: int
    is_x: bool
    spot_index: int | None


# Written out by hand from the WA face sizes, so the generated table below cannot agree with the
# engine merely because both read the same catalogue.
_HAND_WRITTEN = {
    "122 cm, 5.5 mm arrow at 63.7 mm touches the 10 line": Expected(
        FaceType.WA_122, 63.7, 0.0, 5.5, 10, False, 0
    ),
    "122 cm, 5.5 mm arrow at 63.8 mm is a 9": Expected(
        FaceType.WA_122, 63.8, 0.0, 5.5, 9, False, 0
    ),
    "122 cm, dead centre is an X": Expected(FaceType.WA_122, 0.0, 0.0, 5.5, 10, True, 0),
    "122 cm, touching the X line is an X": Expected(FaceType.WA_122, 0.0, 33.25, 5.5, 10, True, 0),
    "122 cm, just off the X line is a 10": Expected(FaceType.WA_122, 0.0, 33.26, 5.5, 10, False, 0),
    "122 cm, touching the edge is a 1": Expected(FaceType.WA_122, -612.75, 0.0, 5.5, 1, False, 0),
    "122 cm, just off the edge is a miss": Expected(
        FaceType.WA_122, -612.76, 0.0, 5.5, 0, False, None
    ),
    "80 cm, 5.5 mm arrow touching the 8 line": Expected(
        FaceType.WA_80, 0.0, -122.75, 5.5, 8, False, 0
    ),
    "80 cm 6-ring, touching the edge is a 5": Expected(
        FaceType.WA_80_6_RING, 242.75, 0.0, 5.5, 5, False, 0
    ),
    "80 cm 6-ring, just off the edge is a miss": Expected(
        FaceType.WA_80_6_RING, 242.76, 0.0, 5.5, 0, False, None
    ),
    "40 cm, 9.3 mm arrow touching the 10 line": Expected(
        FaceType.WA_40, 0.0, 24.65, 9.3, 10, False, 0
    ),
    "40 cm, 9.3 mm arrow just off the 10 line": Expected(
        FaceType.WA_40, 0.0, 24.66, 9.3, 9, False, 0
    ),
    "60 cm, touching the 6 line": Expected(FaceType.WA_60, 154.65, 0.0, 9.3, 6, False, 0),
    "40 cm compound, touching the X line is a 10 and an X": Expected(
        FaceType.WA_40_COMPOUND, 14.65, 0.0, 9.3, 10, True, 0
    ),
    "40 cm compound, the old 10 ring is a 9": Expected(
        FaceType.WA_40_COMPOUND, 14.66, 0.0, 9.3, 9, False, 0
    ),
    "40 cm compound, touching the 9 line": Expected(
        FaceType.WA_40_COMPOUND, 44.65, 0.0, 9.3, 9, False, 0
    ),
    "40 cm compound, just off the 9 line": Expected(
        FaceType.WA_40_COMPOUND, 44.66, 0.0, 9.3, 8, False, 0
    ),
    "60 cm compound, just off the X line is a 9": Expected(
        FaceType.WA_60_COMPOUND, 0.0, -19.66, 9.3, 9, False, 0
    ),
    "40 cm vertical triple, top spot centre": Expected(
        FaceType.WA_40_TRIPLE_VERTICAL, 0.0, 220.0, 9.3, 10, True, 0
    ),
    "40 cm vertical triple, bottom spot centre": Expected(
        FaceType.WA_40_TRIPLE_VERTICAL, 0.0, -220.0, 9.3, 10, True, 2
    ),
    "40 cm vertical triple, touching the top of the top spot": Expected(
        FaceType.WA_40_TRIPLE_VERTICAL, 0.0, 324.65, 9.3, 6, False, 0
    ),
    "40 cm vertical triple, above the top spot": Expected(
        FaceType.WA_40_TRIPLE_VERTICAL, 0.0, 324.66, 9.3, 0, False, None
    ),
    "40 cm vertical triple, touching the side of the middle spot": Expected(
        FaceType.WA_40_TRIPLE_VERTICAL, -104.65, 0.0, 9.3, 6, False, 1
    ),
    "40 cm vertical triple, halfway between two spots": Expected(
        FaceType.WA_40_TRIPLE_VERTICAL, 0.0, 110.0, 9.3, 0, False, None
    ),
    "40 cm vertical triple compound, old 10 of the bottom spot": Expected(
        FaceType.WA_40_TRIPLE_VERTICAL_COMPOUND, 14.66, -220.0, 9.3, 9, False, 2
    ),
    "60 cm triangular triple, top left spot centre": Expected(
        FaceType.WA_60_TRIPLE_TRIANGULAR, -160.0, 92.376, 9.3, 10, True, 0
    ),
    "60 cm triangular triple, top right spot centre": Expected(
        FaceType.WA_60_TRIPLE_TRIANGULAR, 160.0, 92.376, 9.3, 10, True, 1
    ),
    "60 cm triangular triple, bottom spot centre": Expected(
        FaceType.WA_60_TRIPLE_TRIANGULAR, 0.0, -184.752, 9.3, 10, True, 2
    ),
    "60 cm triangular triple, the face centre is between the spots": Expected(
        FaceType.WA_60_TRIPLE_TRIANGULAR, 0.0, 0.0, 9.3, 0, False, None
    ),
    "60 cm triangular triple, touching the 10 line of the top right spot": Expected(
        FaceType.WA_60_TRIPLE_TRIANGULAR, 194.65, 92.376, 9.3, 10, False, 1
    ),
    "60 cm triangular triple compound, touching the X of the top right spot": Expected(
        FaceType.WA_60_TRIPLE_TRIANGULAR_COMPOUND, 179.65, 92.376, 9.3, 10, True, 1
    ),
    "60 cm triangular triple compound, just off the X of the top right spot": Expected(
        FaceType.WA_60_TRIPLE_TRIANGULAR_COMPOUND, 179.66, 92.376, 9.3, 9, False, 1
    ),
    "122 cm, a zero-diameter arrow scores by its centre": Expected(
        FaceType.WA_122, 61.0, 0.0, 0.0, 10, False, 0
    ),
    "122 cm, a zero-diameter arrow just past the 10 line": Expected(
        FaceType.WA_122, 61.01, 0.0, 0.0, 9, False, 0
    ),
    "122 cm 11-zone, touching the 11 line is an 11, not an X": Expected(
        FaceType.WA_122_11_ZONE, 33.25, 0.0, 5.5, 11, False, 0
    ),
    "122 cm 11-zone, just off the 11 line is a 10": Expected(
        FaceType.WA_122_11_ZONE, 33.26, 0.0, 5.5, 10, False, 0
    ),
    "40 cm vertical triple 11-zone, bottom spot centre is an 11": Expected(
        FaceType.WA_40_TRIPLE_VERTICAL_11_ZONE, 0.0, -220.0, 9.3, 11, False, 2
    ),
    "122 cm imperial, touching the gold is a 9": Expected(
        FaceType.IMPERIAL_122, 124.75, 0.0, 5.5, 9, False, 0
    ),
    "122 cm imperial, just off the gold is a 7": Expected(
        FaceType.IMPERIAL_122, 124.76, 0.0, 5.5, 7, False, 0
    ),
    "122 cm imperial, dead centre is a 9 and no X": Expected(
        FaceType.IMPERIAL_122, 0.0, 0.0, 5.5, 9, False, 0
    ),
    "40 cm triangular triple, top right spot centre": Expected(
        FaceType.WA_40_TRIPLE_TRIANGULAR, 110.0, 63.509, 9.3, 10, True, 1
    ),
    "40 cm triangular triple compound, just off the X of the bottom spot": Expected(
        FaceType.WA_40_TRIPLE_TRIANGULAR_COMPOUND, 0.0, -141.677, 9.3, 9, False, 2
    ),
    "80 cm field, touching the 6 line": Expected(
        FaceType.WA_FIELD_80, 42.75, 0.0, 5.5, 6, False, 0
    ),
    "80 cm field, just off the 6 line is a 5": Expected(
        FaceType.WA_FIELD_80, 42.76, 0.0, 5.5, 5, False, 0
    ),
    "65 cm IFAA field, touching the spot is a 5": Expected(
        FaceType.IFAA_FIELD_65, 0.0, 67.75, 5.5, 5, False, 0
    ),
    "65 cm IFAA field, just off the spot is a 4": Expected(
        FaceType.IFAA_FIELD_65, 0.0, 67.76, 5.5, 4, False, 0
    ),
    "65 cm IFAA field, just off the white ring is a 3": Expected(
        FaceType.IFAA_FIELD_65, 0.0, 197.76, 5.5, 3, False, 0
    ),
    "Worcester, touching the white is a 5": Expected(
        FaceType.WORCESTER, 45.29, 0.0, 9.3, 5, False, 0
    ),
    "Worcester, just off the white is a 4": Expected(
        FaceType.WORCESTER, 45.30, 0.0, 9.3, 4, False, 0
    ),
    "Worcester, just off the edge is a miss": Expected(
        FaceType.WORCESTER, 207.86, 0.0, 9.3, 0, False, None
    ),
    "Worcester 2-ring, touching the edge is a 4": Expected(
        FaceType.WORCESTER_2_RING, 0.0, -85.93, 9.3, 4, False, 0
    ),
    "Worcester 2-ring, just off the edge is a miss": Expected(
        FaceType.WORCESTER_2_RING, 0.0, -85.94, 9.3, 0, False, None
    ),
    "NFAA indoor, touching the X line is an X worth 5": Expected(
        FaceType.NFAA_INDOOR, 24.65, 0.0, 9.3, 5, True, 0
    ),
    "NFAA indoor, just off the X line is a plain 5": Expected(
        FaceType.NFAA_INDOOR, 24.66, 0.0, 9.3, 5, False, 0
    ),
    "NFAA indoor, just off the white is a 4": Expected(
        FaceType.NFAA_INDOOR, 44.66, 0.0, 9.3, 4, False, 0
    ),
    "NFAA indoor, touching the edge is a 1": Expected(
        FaceType.NFAA_INDOOR, 0.0, 204.65, 9.3, 1, False, 0
    ),
    "NFAA indoor, just off the edge is a miss": Expected(
        FaceType.NFAA_INDOOR, 0.0, 204.66, 9.3, 0, False, None
    ),
}

# Directions to walk out from each spot centre: along both axes and off-axis (a 3-4-5 triangle).
_DIRECTIONS = {"right": (1.0, 0.0), "down": (0.0, -1.0), "up-right": (0.6, 0.8)}
_ARROW_DIAMETERS_MM = (DEFAULT_ARROW_DIAMETER_OUTDOOR_MM, DEFAULT_ARROW_DIAMETER_INDOOR_MM)


def _score_inside_ring(face: Face, ring_index: int) -> int:
    score = face.rings[ring_index].score
    if face.scoring_style is ScoringStyle.COMPOUND_INNER_TEN and score == 10:
        return 10 if _inside_x(face, face.rings[ring_index].outer_diameter_mm) else 9
    return score


def _inside_x(face: Face, diameter_mm: float) -> bool:
    return face.x_diameter_mm is not None and diameter_mm <= face.x_diameter_mm


def _along(spot: Spot, direction: tuple[float, float], distance_mm: float) -> tuple[float, float]:
    return spot.x_mm + distance_mm * direction[0], spot.y_mm + distance_mm * direction[1]


def _boundary_rows(face: Face) -> dict[str, Expected]:
    """Every line of every spot of the face: exactly touching it, and just past it."""
    rows: dict[str, Expected] = {}
    compound = face.scoring_style is ScoringStyle.COMPOUND_INNER_TEN
    top_score = face.rings[0].score
    has_x = face.x_diameter_mm is not None
    combinations = itertools.product(
        enumerate(face.spots), _DIRECTIONS.items(), _ARROW_DIAMETERS_MM
    )
    for (spot_index, spot), (direction_name, direction), arrow_mm in combinations:
        prefix = f"{face.face_type.value} spot {spot_index} {direction_name} {arrow_mm} mm"
        rows[f"{prefix} centre"] = Expected(
            face.face_type, *_along(spot, direction, 0.0), arrow_mm, top_score, has_x, spot_index
        )
        if face.x_diameter_mm is not None:
            touching_x = face.x_diameter_mm / 2.0 + arrow_mm / 2.0
            rows[f"{prefix} touching X"] = Expected(
                face.face_type,
                *_along(spot, direction, touching_x),
                arrow_mm,
                top_score,
                True,
                spot_index,
            )
            rows[f"{prefix} past X"] = Expected(
                face.face_type,
                *_along(spot, direction, touching_x + JUST_OUTSIDE_MM),
                arrow_mm,
                9 if compound else top_score,
                False,
                spot_index,
            )
        for ring_index, ring in enumerate(face.rings):
            touching = ring.outer_diameter_mm / 2.0 + arrow_mm / 2.0
            inside = _score_inside_ring(face, ring_index)
            outside = (
                _score_inside_ring(face, ring_index + 1) if ring_index + 1 < len(face.rings) else 0
            )
            rows[f"{prefix} touching {ring.score} line"] = Expected(
                face.face_type,
                *_along(spot, direction, touching),
                arrow_mm,
                inside,
                _inside_x(face, ring.outer_diameter_mm),
                spot_index,
            )
            rows[f"{prefix} past {ring.score} line"] = Expected(
                face.face_type,
                *_along(spot, direction, touching + JUST_OUTSIDE_MM),
                arrow_mm,
                outside,
                False,
                spot_index if outside else None,
            )
    return rows


def _generated_rows() -> dict[str, Expected]:
    rows: dict[str, Expected] = {}
    for face in list_faces():
        rows.update(_boundary_rows(face))
    return rows


_TABLE = {**_HAND_WRITTEN, **_generated_rows()}


@pytest.mark.parametrize("expected", list(_TABLE.values()), ids=list(_TABLE))
def test_plotted_arrow_scores_by_the_line_cutter_rule(expected: Expected) -> None:
    scored = score_plotted(
        FACES[expected.face_type], expected.x_mm, expected.y_mm, expected.arrow_diameter_mm
    )

    assert (scored.value, scored.is_x, scored.spot_index) == (
        expected.value,
        expected.is_x,
        expected.spot_index,
    )


def test_arrow_touching_the_ten_line_scores_ten() -> None:
    face = FACES[FaceType.WA_122]

    assert score_plotted(face, 63.7, 0.0, 5.5) == ScoredArrow(10, False, 0, 63.7)
    assert score_plotted(face, 63.8, 0.0, 5.5) == ScoredArrow(9, False, 0, 63.8)


def test_distance_is_measured_from_the_centre_of_the_scoring_spot() -> None:
    scored = score_plotted(FACES[FaceType.WA_40_TRIPLE_VERTICAL], 30.0, -260.0, 9.3)

    assert scored.spot_index == 2
    assert scored.distance_mm == pytest.approx(50.0)


def test_a_miss_reports_the_distance_to_the_nearest_spot_but_no_spot() -> None:
    scored = score_plotted(FACES[FaceType.WA_40], 0.0, -300.0, 9.3)

    assert scored == ScoredArrow(value=0, is_x=False, spot_index=None, distance_mm=300.0)


@pytest.mark.parametrize(
    ("x_mm", "y_mm"), [(math.nan, 0.0), (0.0, math.inf), (-math.inf, math.nan)]
)
def test_plotting_rejects_a_position_that_is_not_a_number(x_mm: float, y_mm: float) -> None:
    with pytest.raises(ValueError, match="not finite"):
        score_plotted(FACES[FaceType.WA_122], x_mm, y_mm, 5.5)


@pytest.mark.parametrize("arrow_diameter_mm", [-0.1, math.nan, math.inf])
def test_plotting_rejects_an_impossible_arrow_diameter(arrow_diameter_mm: float) -> None:
    with pytest.raises(ValueError, match="arrow diameter"):
        score_plotted(FACES[FaceType.WA_122], 0.0, 0.0, arrow_diameter_mm)


@pytest.mark.parametrize(
    ("is_indoor", "diameter_mm"), [(True, 9.3), (False, 5.5)], ids=["indoor", "outdoor"]
)
def test_default_arrow_diameter_follows_archeryutils(is_indoor: bool, diameter_mm: float) -> None:
    assert default_arrow_diameter_mm(is_indoor) == diameter_mm


@pytest.mark.parametrize(
    ("value", "is_x", "label"),
    [
        (10, True, "X"),
        (5, True, "X"),
        (11, False, "11"),
        (10, False, "10"),
        (9, False, "9"),
        (1, False, "1"),
        (0, False, "M"),
    ],
)
def test_arrow_value_label_reads_as_on_a_score_sheet(value: int, is_x: bool, label: str) -> None:
    assert arrow_value_label(value, is_x) == label


# An X worth 5 is an NFAA X, so only a miss cannot be an X.
@pytest.mark.parametrize(("value", "is_x"), [(12, False), (-1, False), (0, True)])
def test_arrow_value_label_rejects_impossible_arrows(value: int, is_x: bool) -> None:
    with pytest.raises(ValueError):
        arrow_value_label(value, is_x)


@pytest.mark.parametrize("face", list_faces(), ids=lambda face: face.face_type.value)
def test_one_arrow_scores_at_most_the_face_max_arrow_score(face: Face) -> None:
    assert max_arrow_score(face) == face.max_arrow_score <= 11


@pytest.mark.parametrize(
    ("face_type", "values"),
    [
        (FaceType.WA_122, ["X", "10", "9", "8", "7", "6", "5", "4", "3", "2", "1", "M"]),
        (FaceType.WA_40_COMPOUND, ["X", "9", "8", "7", "6", "5", "4", "3", "2", "1", "M"]),
        (FaceType.WA_80_6_RING, ["X", "10", "9", "8", "7", "6", "5", "M"]),
        (FaceType.WA_40_TRIPLE_VERTICAL, ["X", "10", "9", "8", "7", "6", "M"]),
        (FaceType.WA_60_TRIPLE_TRIANGULAR_COMPOUND, ["X", "9", "8", "7", "6", "M"]),
        (FaceType.WA_80_6_RING_11_ZONE, ["11", "10", "9", "8", "7", "6", "5", "M"]),
        (FaceType.IMPERIAL_60, ["9", "7", "5", "3", "1", "M"]),
        (FaceType.WA_FIELD_20, ["6", "5", "4", "3", "2", "1", "M"]),
        (FaceType.IFAA_FIELD_35, ["5", "4", "3", "M"]),
        (FaceType.WORCESTER, ["5", "4", "3", "2", "1", "M"]),
        (FaceType.WORCESTER_2_RING, ["5", "4", "M"]),
        (FaceType.NFAA_INDOOR, ["X", "5", "4", "3", "2", "1", "M"]),
    ],
)
def test_possible_values_list_what_the_face_can_score_highest_first(
    face_type: FaceType, values: list[str]
) -> None:
    assert possible_values(FACES[face_type]) == values


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("X", ScoredArrow(10, True, None, None)),
        ("10", ScoredArrow(10, False, None, None)),
        ("7", ScoredArrow(7, False, None, None)),
        ("1", ScoredArrow(1, False, None, None)),
        ("M", ScoredArrow(0, False, None, None)),
    ],
)
def test_value_only_arrow_has_its_value_but_no_spot_or_distance(
    value: str, expected: ScoredArrow
) -> None:
    assert score_value_only(FACES[FaceType.WA_122], value) == expected


@pytest.mark.parametrize(
    ("face_type", "value"),
    [
        (FaceType.WA_80_6_RING, "4"),
        (FaceType.WA_80_6_RING, "1"),
        (FaceType.WA_40_TRIPLE_VERTICAL, "5"),
        (FaceType.WA_60_TRIPLE_TRIANGULAR, "1"),
        (FaceType.WA_122, "11"),
        (FaceType.WA_122, "0"),
        (FaceType.WA_122, "x"),
        (FaceType.WA_122, " 9"),
        (FaceType.WA_122, ""),
    ],
)
def test_value_only_rejects_a_value_the_face_cannot_produce(
    face_type: FaceType, value: str
) -> None:
    with pytest.raises(InvalidArrowValue, match="is not a possible value on the World Archery"):
        score_value_only(FACES[face_type], value)


@pytest.mark.parametrize(
    ("face_type", "value", "expected"),
    [
        (FaceType.WA_40_COMPOUND, "X", ScoredArrow(10, True, None, None)),
        (FaceType.NFAA_INDOOR, "X", ScoredArrow(5, True, None, None)),
        (FaceType.NFAA_INDOOR, "5", ScoredArrow(5, False, None, None)),
        (FaceType.WA_122_11_ZONE, "11", ScoredArrow(11, False, None, None)),
        (FaceType.IMPERIAL_122, "7", ScoredArrow(7, False, None, None)),
        (FaceType.WORCESTER, "M", ScoredArrow(0, False, None, None)),
    ],
)
def test_value_only_arrow_is_worth_what_the_face_gives_it(
    face_type: FaceType, value: str, expected: ScoredArrow
) -> None:
    assert score_value_only(FACES[face_type], value) == expected


@pytest.mark.parametrize(
    ("face_type", "value"),
    [
        (FaceType.WA_122_11_ZONE, "X"),
        (FaceType.IMPERIAL_122, "X"),
        (FaceType.IMPERIAL_122, "10"),
        (FaceType.IMPERIAL_122, "8"),
        (FaceType.WA_FIELD_80, "X"),
        (FaceType.IFAA_FIELD_65, "2"),
        (FaceType.WORCESTER_2_RING, "3"),
        (FaceType.NFAA_INDOOR, "6"),
        (FaceType.NFAA_INDOOR, "10"),
    ],
)
def test_value_only_rejects_a_value_that_other_face_families_cannot_produce(
    face_type: FaceType, value: str
) -> None:
    face = FACES[face_type]

    with pytest.raises(
        InvalidArrowValue, match=re.escape(f"not a possible value on the {face.name}")
    ):
        score_value_only(face, value)


def test_value_only_asks_compound_archers_to_record_their_ten_as_an_x() -> None:
    with pytest.raises(InvalidArrowValue, match="record it as X"):
        score_value_only(FACES[FaceType.WA_40_COMPOUND], "10")


def test_compound_scoring_makes_the_gold_outside_the_x_a_nine_even_on_a_wide_ten() -> None:
    # A compound face printed with the recurve 10 ring: the scoring style alone must decide.
    face = FACES[FaceType.WA_40].model_copy(
        update={"scoring_style": ScoringStyle.COMPOUND_INNER_TEN}
    )

    assert score_plotted(face, 14.65, 0.0, 9.3).value == 10
    assert score_plotted(face, 14.66, 0.0, 9.3) == ScoredArrow(9, False, 0, 14.66)
    assert score_plotted(face, 24.65, 0.0, 9.3) == ScoredArrow(9, False, 0, 24.65)


def test_an_invalid_arrow_value_is_a_value_error() -> None:
    assert issubclass(InvalidArrowValue, ValueError)


# --- Properties -------------------------------------------------------------------------------


def _rank(scored: ScoredArrow) -> tuple[int, bool]:
    return scored.value, scored.is_x


def _room_around_spot_mm(face: Face, spot_index: int) -> float:
    """How far an arrow can move from a spot's centre and still be nearest to that spot."""
    centre = face.spots[spot_index]
    others = [
        math.dist((centre.x_mm, centre.y_mm), (spot.x_mm, spot.y_mm))
        for index, spot in enumerate(face.spots)
        if index != spot_index
    ]
    # Single-spot faces: walk well past the edge to cover misses too.
    return min(others) / 2.0 if others else face.diameter_mm


class Ray(NamedTuple):
    """Two arrows on one ray out of a spot centre."""

    face: Face
    spot_index: int
    angle: float
    near_mm: float
    far_mm: float
    arrow_diameter_mm: float


@st.composite
def rays(draw: st.DrawFn) -> Ray:
    face = draw(st.sampled_from(list_faces()))
    spot_index = draw(st.integers(min_value=0, max_value=len(face.spots) - 1))
    room_mm = _room_around_spot_mm(face, spot_index)
    # Stay a hair inside the half-way line, where rounding could hand the arrow to a neighbour.
    distances = st.floats(min_value=0.0, max_value=room_mm * 0.999)
    first, second = draw(distances), draw(distances)
    return Ray(
        face=face,
        spot_index=spot_index,
        angle=draw(st.floats(min_value=0.0, max_value=2.0 * math.pi)),
        near_mm=min(first, second),
        far_mm=max(first, second),
        arrow_diameter_mm=draw(st.floats(min_value=0.0, max_value=12.0)),
    )


@PROPERTIES
@given(ray=rays())
def test_score_never_rises_as_the_arrow_moves_away_from_its_spot(ray: Ray) -> None:
    centre = ray.face.spots[ray.spot_index]
    scores = [
        score_plotted(
            ray.face,
            centre.x_mm + distance * math.cos(ray.angle),
            centre.y_mm + distance * math.sin(ray.angle),
            ray.arrow_diameter_mm,
        )
        for distance in (ray.near_mm, ray.far_mm)
    ]
    # Rounding can reorder two nearly equal distances, so order by the distance actually scored.
    near, far = sorted(scores, key=lambda scored: scored.distance_mm or 0.0)

    assert _rank(far) <= _rank(near)
    assert {near.spot_index, far.spot_index} <= {ray.spot_index, None}


_ON_SINGLE_SPOT_FACE = st.floats(min_value=-800.0, max_value=800.0)


@PROPERTIES
@given(
    face=st.sampled_from(_SINGLE_SPOT_FACES),
    x_mm=_ON_SINGLE_SPOT_FACE,
    y_mm=_ON_SINGLE_SPOT_FACE,
    arrow_diameter_mm=st.floats(min_value=0.0, max_value=12.0),
)
def test_score_on_a_single_spot_face_does_not_change_under_rotation(
    face: Face, x_mm: float, y_mm: float, arrow_diameter_mm: float
) -> None:
    scored = score_plotted(face, x_mm, y_mm, arrow_diameter_mm)
    # Quarter turns and mirror images are exact in floating point; any other angle is covered
    # by moving the arrow onto the positive x axis at the same distance.
    images = [
        (-y_mm, x_mm),
        (-x_mm, -y_mm),
        (y_mm, -x_mm),
        (x_mm, -y_mm),
        (math.hypot(x_mm, y_mm), 0.0),
    ]

    for image_x, image_y in images:
        assert score_plotted(face, image_x, image_y, arrow_diameter_mm) == scored


@PROPERTIES
@given(
    face=st.sampled_from(list_faces()),
    x_mm=st.floats(allow_nan=False, allow_infinity=False),
    y_mm=st.floats(allow_nan=False, allow_infinity=False),
    arrow_diameter_mm=st.floats(min_value=0.0, max_value=20.0),
)
def test_scoring_any_finite_position_gives_a_possible_value(
    face: Face, x_mm: float, y_mm: float, arrow_diameter_mm: float
) -> None:
    scored = score_plotted(face, x_mm, y_mm, arrow_diameter_mm)

    assert arrow_value_label(scored.value, scored.is_x) in possible_values(face)
    assert (scored.spot_index is None) == (scored.value == 0)


_CANDIDATE_VALUES = st.one_of(
    st.sampled_from(["M", "X", "m", "x", "0", "11", "12", "-1", "10.0", " 10", "05", ""]),
    st.integers(min_value=0, max_value=12).map(str),
    st.text(max_size=3),
)


@PROPERTIES
@given(face=st.sampled_from(list_faces()), value=_CANDIDATE_VALUES)
def test_value_only_accepts_exactly_the_possible_values(face: Face, value: str) -> None:
    if value in possible_values(face):
        scored = score_value_only(face, value)
        assert arrow_value_label(scored.value, scored.is_x) == value
    else:
        with pytest.raises(InvalidArrowValue):
            score_value_only(face, value)
