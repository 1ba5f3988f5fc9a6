"""The target-face catalogue: completeness, geometry, and agreement with archeryutils."""

import importlib
import itertools
import math
from collections.abc import MutableMapping
from typing import cast

import pytest

from quiver.schemas.api import Face, FaceType, RingColour, ScoringStyle
from quiver.services.faces import FACES, get_face, list_faces
from quiver.services.scoring import DEFAULT_ARROW_DIAMETER_INDOOR_MM

_TRIPLE_FACES = [
    FaceType.WA_40_TRIPLE_VERTICAL,
    FaceType.WA_60_TRIPLE_TRIANGULAR,
    FaceType.WA_40_TRIPLE_VERTICAL_COMPOUND,
    FaceType.WA_60_TRIPLE_TRIANGULAR_COMPOUND,
]

_COMPOUND_VERSION_OF = {
    FaceType.WA_60: FaceType.WA_60_COMPOUND,
    FaceType.WA_40: FaceType.WA_40_COMPOUND,
    FaceType.WA_40_TRIPLE_VERTICAL: FaceType.WA_40_TRIPLE_VERTICAL_COMPOUND,
    FaceType.WA_60_TRIPLE_TRIANGULAR: FaceType.WA_60_TRIPLE_TRIANGULAR_COMPOUND,
}

# The archeryutils scoring system that describes the same rings, and the face size to ask for.
_ARCHERYUTILS_SYSTEM = {
    FaceType.WA_122: ("10_zone", 122),
    FaceType.WA_80: ("10_zone", 80),
    FaceType.WA_60: ("10_zone", 60),
    FaceType.WA_40: ("10_zone", 40),
    FaceType.WA_80_6_RING: ("10_zone_6_ring", 80),
    FaceType.WA_40_TRIPLE_VERTICAL: ("10_zone_5_ring", 40),
    FaceType.WA_60_TRIPLE_TRIANGULAR: ("10_zone_5_ring", 60),
    FaceType.WA_60_COMPOUND: ("10_zone_compound", 60),
    FaceType.WA_40_COMPOUND: ("10_zone_compound", 40),
    FaceType.WA_40_TRIPLE_VERTICAL_COMPOUND: ("10_zone_5_ring_compound", 40),
    FaceType.WA_60_TRIPLE_TRIANGULAR_COMPOUND: ("10_zone_5_ring_compound", 60),
}

# Each colour covers two zones, from the centre out.
_COLOUR_OF_ZONES = {
    (10, 9): RingColour.GOLD,
    (8, 7): RingColour.RED,
    (6, 5): RingColour.LIGHT_BLUE,
    (4, 3): RingColour.BLACK,
    (2, 1): RingColour.WHITE,
}
_EXPECTED_COLOURS = {score: colour for zones, colour in _COLOUR_OF_ZONES.items() for score in zones}

ALL_FACES = pytest.mark.parametrize("face", list_faces(), ids=lambda face: face.face_type.value)


def _archeryutils_rings_mm(system: str, diameter_cm: int) -> list[tuple[float, int]]:
    # archeryutils ships no py.typed marker; importing it by name keeps mypy --strict quiet
    # without a mypy ignore comment, and the conversions below give the values real types.
    archeryutils = importlib.import_module("archeryutils")
    target = archeryutils.Target(system, (diameter_cm, "cm"), (18, "m"))
    return sorted(
        (float(diameter_m) * 1000.0, int(score)) for diameter_m, score in target.face_spec.items()
    )


def _spot_centres(face: Face) -> list[tuple[float, float]]:
    return [(spot.x_mm, spot.y_mm) for spot in face.spots]


def test_catalogue_has_a_face_for_every_face_type() -> None:
    assert set(FACES) == set(FaceType)
    assert all(face_type is face.face_type for face_type, face in FACES.items())


def test_catalogue_lists_faces_in_face_type_order() -> None:
    assert [face.face_type for face in list_faces()] == list(FaceType)


@pytest.mark.parametrize("face_type", list(FaceType))
def test_get_face_returns_the_catalogue_face_of_that_type(face_type: FaceType) -> None:
    assert get_face(face_type) == FACES[face_type]


def test_catalogue_mapping_cannot_be_changed() -> None:
    # Pretend to be a caller that ignored the Mapping annotation.
    mutable = cast(MutableMapping[FaceType, Face], FACES)

    with pytest.raises(TypeError):
        mutable[FaceType.WA_122] = FACES[FaceType.WA_40]


def test_changing_a_returned_face_leaves_the_catalogue_untouched() -> None:
    face = get_face(FaceType.WA_122)
    face.rings[0].outer_diameter_mm = 1.0
    face.spots.clear()
    listed = list_faces()[0]
    listed.name = "changed"

    assert FACES[FaceType.WA_122].rings[0].outer_diameter_mm == 122.0
    assert len(FACES[FaceType.WA_122].spots) == 1
    assert FACES[FaceType.WA_122].name == "World Archery 122 cm"


@ALL_FACES
def test_rings_grow_outwards_while_their_scores_fall_one_by_one(face: Face) -> None:
    diameters = [ring.outer_diameter_mm for ring in face.rings]
    scores = [ring.score for ring in face.rings]

    assert all(inner < outer for inner, outer in itertools.pairwise(diameters))
    assert scores == list(range(10, 10 - len(scores), -1))


@ALL_FACES
def test_rings_wear_the_world_archery_colours(face: Face) -> None:
    assert all(ring.colour is _EXPECTED_COLOURS[ring.score] for ring in face.rings)


@ALL_FACES
def test_the_x_lies_inside_the_ten(face: Face) -> None:
    ten = face.rings[0]

    assert ten.score == 10
    assert face.x_diameter_mm <= ten.outer_diameter_mm
    assert face.x_diameter_mm == face.diameter_mm / 20.0


@ALL_FACES
def test_a_face_has_one_centred_spot_or_three_spots(face: Face) -> None:
    if face.face_type in _TRIPLE_FACES:
        assert len(face.spots) == 3
    else:
        assert _spot_centres(face) == [(0.0, 0.0)]


@pytest.mark.parametrize("face_type", _TRIPLE_FACES)
def test_triple_spots_are_far_enough_apart_that_no_arrow_touches_two(face_type: FaceType) -> None:
    face = FACES[face_type]
    spot_diameter_mm = face.rings[-1].outer_diameter_mm

    for first, second in itertools.combinations(_spot_centres(face), 2):
        assert math.dist(first, second) > spot_diameter_mm + DEFAULT_ARROW_DIAMETER_INDOOR_MM


@pytest.mark.parametrize(
    "face_type", [FaceType.WA_40_TRIPLE_VERTICAL, FaceType.WA_40_TRIPLE_VERTICAL_COMPOUND]
)
def test_vertical_triple_spots_stand_on_a_vertical_line_from_top_to_bottom(
    face_type: FaceType,
) -> None:
    assert _spot_centres(FACES[face_type]) == [(0.0, 220.0), (0.0, 0.0), (0.0, -220.0)]


@pytest.mark.parametrize(
    "face_type", [FaceType.WA_60_TRIPLE_TRIANGULAR, FaceType.WA_60_TRIPLE_TRIANGULAR_COMPOUND]
)
def test_triangular_triple_spots_form_an_equilateral_triangle_with_two_on_top(
    face_type: FaceType,
) -> None:
    left, right, bottom = _spot_centres(FACES[face_type])
    sides = [math.dist(left, right), math.dist(right, bottom), math.dist(bottom, left)]

    assert sides == pytest.approx([320.0] * 3, abs=0.01)
    assert left[1] == right[1] > bottom[1]
    assert left[0] < bottom[0] == 0.0 < right[0]
    assert sum(x for x, _ in (left, right, bottom)) == 0.0
    assert sum(y for _, y in (left, right, bottom)) == pytest.approx(0.0, abs=0.01)


@pytest.mark.parametrize(
    ("face_type", "diameter_mm", "ten_mm", "x_mm", "outermost_mm", "outermost_score"),
    [
        (FaceType.WA_122, 1220.0, 122.0, 61.0, 1220.0, 1),
        (FaceType.WA_80, 800.0, 80.0, 40.0, 800.0, 1),
        (FaceType.WA_60, 600.0, 60.0, 30.0, 600.0, 1),
        (FaceType.WA_40, 400.0, 40.0, 20.0, 400.0, 1),
        (FaceType.WA_80_6_RING, 800.0, 80.0, 40.0, 480.0, 5),
        (FaceType.WA_40_TRIPLE_VERTICAL, 400.0, 40.0, 20.0, 200.0, 6),
        (FaceType.WA_60_TRIPLE_TRIANGULAR, 600.0, 60.0, 30.0, 300.0, 6),
        (FaceType.WA_60_COMPOUND, 600.0, 30.0, 30.0, 600.0, 1),
        (FaceType.WA_40_COMPOUND, 400.0, 20.0, 20.0, 400.0, 1),
        (FaceType.WA_40_TRIPLE_VERTICAL_COMPOUND, 400.0, 20.0, 20.0, 200.0, 6),
        (FaceType.WA_60_TRIPLE_TRIANGULAR_COMPOUND, 600.0, 30.0, 30.0, 300.0, 6),
    ],
)
def test_faces_have_the_world_archery_sizes(
    face_type: FaceType,
    diameter_mm: float,
    ten_mm: float,
    x_mm: float,
    outermost_mm: float,
    outermost_score: int,
) -> None:
    face = FACES[face_type]

    assert face.diameter_mm == diameter_mm
    assert face.rings[0].outer_diameter_mm == ten_mm
    assert face.x_diameter_mm == x_mm
    assert (face.rings[-1].outer_diameter_mm, face.rings[-1].score) == (
        outermost_mm,
        outermost_score,
    )


def test_the_122_cm_face_has_rings_every_61_mm_of_radius() -> None:
    assert [ring.outer_diameter_mm for ring in FACES[FaceType.WA_122].rings] == [
        122.0,
        244.0,
        366.0,
        488.0,
        610.0,
        732.0,
        854.0,
        976.0,
        1098.0,
        1220.0,
    ]


@pytest.mark.parametrize(("recurve", "compound"), list(_COMPOUND_VERSION_OF.items()))
def test_a_compound_face_only_shrinks_the_ten_to_the_x(
    recurve: FaceType, compound: FaceType
) -> None:
    recurve_face, compound_face = FACES[recurve], FACES[compound]

    assert recurve_face.scoring_style is ScoringStyle.RECURVE_X
    assert compound_face.scoring_style is ScoringStyle.COMPOUND_INNER_TEN
    assert compound_face.rings[0].outer_diameter_mm == compound_face.x_diameter_mm
    assert compound_face.rings[1:] == recurve_face.rings[1:]
    assert compound_face.spots == recurve_face.spots
    assert compound_face.x_diameter_mm == recurve_face.x_diameter_mm
    assert compound_face.name == f"{recurve_face.name}, compound"


@pytest.mark.parametrize(
    ("face_type", "name"),
    [
        (FaceType.WA_122, "World Archery 122 cm"),
        (FaceType.WA_80_6_RING, "World Archery 80 cm 6-ring"),
        (FaceType.WA_60_TRIPLE_TRIANGULAR, "World Archery 60 cm triple (triangular)"),
        (
            FaceType.WA_40_TRIPLE_VERTICAL_COMPOUND,
            "World Archery 40 cm triple (vertical), compound",
        ),
    ],
)
def test_faces_have_readable_names(face_type: FaceType, name: str) -> None:
    assert FACES[face_type].name == name


def test_every_face_is_cross_checked_against_archeryutils() -> None:
    assert set(_ARCHERYUTILS_SYSTEM) == set(FaceType)


@pytest.mark.parametrize(("face_type", "system"), list(_ARCHERYUTILS_SYSTEM.items()))
def test_rings_match_the_archeryutils_face_spec(
    face_type: FaceType, system: tuple[str, int]
) -> None:
    expected = _archeryutils_rings_mm(*system)
    rings = sorted((ring.outer_diameter_mm, ring.score) for ring in FACES[face_type].rings)

    assert [score for _, score in rings] == [score for _, score in expected]
    assert [diameter for diameter, _ in rings] == pytest.approx(
        [diameter for diameter, _ in expected], abs=1e-6
    )
