"""The target-face catalogue: completeness, geometry, and agreement with archeryutils."""

import importlib
import itertools
import math
from collections.abc import MutableMapping
from typing import Any, cast

import pytest

from quiver.schemas.api import Face, FaceList, FaceType, RingColour, ScoringStyle
from quiver.services.faces import FACES, face_json, face_list_json, get_face, list_faces
from quiver.services.scoring import DEFAULT_ARROW_DIAMETER_INDOOR_MM

_TRIPLE_FACES = [
    FaceType.WA_40_TRIPLE_VERTICAL,
    FaceType.WA_60_TRIPLE_TRIANGULAR,
    FaceType.WA_40_TRIPLE_VERTICAL_COMPOUND,
    FaceType.WA_60_TRIPLE_TRIANGULAR_COMPOUND,
    FaceType.WA_40_TRIPLE_TRIANGULAR,
    FaceType.WA_40_TRIPLE_TRIANGULAR_COMPOUND,
    FaceType.WA_40_TRIPLE_VERTICAL_11_ZONE,
]

_VERTICAL_TRIPLES = [
    FaceType.WA_40_TRIPLE_VERTICAL,
    FaceType.WA_40_TRIPLE_VERTICAL_COMPOUND,
    FaceType.WA_40_TRIPLE_VERTICAL_11_ZONE,
]

# Triangular triples and the side of their triangle.
_TRIANGULAR_TRIPLES = {
    FaceType.WA_60_TRIPLE_TRIANGULAR: 320.0,
    FaceType.WA_60_TRIPLE_TRIANGULAR_COMPOUND: 320.0,
    FaceType.WA_40_TRIPLE_TRIANGULAR: 220.0,
    FaceType.WA_40_TRIPLE_TRIANGULAR_COMPOUND: 220.0,
}

_COMPOUND_VERSION_OF = {
    FaceType.WA_80: FaceType.WA_80_COMPOUND,
    FaceType.WA_60: FaceType.WA_60_COMPOUND,
    FaceType.WA_40: FaceType.WA_40_COMPOUND,
    FaceType.WA_40_TRIPLE_VERTICAL: FaceType.WA_40_TRIPLE_VERTICAL_COMPOUND,
    FaceType.WA_60_TRIPLE_TRIANGULAR: FaceType.WA_60_TRIPLE_TRIANGULAR_COMPOUND,
    FaceType.WA_40_TRIPLE_TRIANGULAR: FaceType.WA_40_TRIPLE_TRIANGULAR_COMPOUND,
}

_ELEVEN_ZONE_VERSION_OF = {
    FaceType.WA_122: FaceType.WA_122_11_ZONE,
    FaceType.WA_80: FaceType.WA_80_11_ZONE,
    FaceType.WA_40: FaceType.WA_40_11_ZONE,
    FaceType.WA_80_6_RING: FaceType.WA_80_6_RING_11_ZONE,
    FaceType.WA_40_TRIPLE_VERTICAL: FaceType.WA_40_TRIPLE_VERTICAL_11_ZONE,
}

# Every archeryutils scoring system and face size (cm) that describes the same rings as a face.
# Some faces appear twice: archeryutils' rounds score the IFAA expert faces and the 40 cm IFAA
# indoor face with its "Worcester" system, whose rings are the same.
_ARCHERYUTILS_SYSTEMS: list[tuple[FaceType, str, float]] = [
    (FaceType.WA_122, "10_zone", 122),
    (FaceType.WA_80, "10_zone", 80),
    (FaceType.WA_60, "10_zone", 60),
    (FaceType.WA_40, "10_zone", 40),
    (FaceType.WA_80_6_RING, "10_zone_6_ring", 80),
    (FaceType.WA_40_TRIPLE_VERTICAL, "10_zone_5_ring", 40),
    (FaceType.WA_60_TRIPLE_TRIANGULAR, "10_zone_5_ring", 60),
    (FaceType.WA_60_COMPOUND, "10_zone_compound", 60),
    (FaceType.WA_40_COMPOUND, "10_zone_compound", 40),
    (FaceType.WA_40_TRIPLE_VERTICAL_COMPOUND, "10_zone_5_ring_compound", 40),
    (FaceType.WA_60_TRIPLE_TRIANGULAR_COMPOUND, "10_zone_5_ring_compound", 60),
    (FaceType.WA_122_6_RING, "10_zone_6_ring", 122),
    (FaceType.WA_80_COMPOUND, "10_zone_compound", 80),
    (FaceType.WA_40_TRIPLE_TRIANGULAR, "10_zone_5_ring", 40),
    (FaceType.WA_40_TRIPLE_TRIANGULAR_COMPOUND, "10_zone_5_ring_compound", 40),
    (FaceType.WA_122_11_ZONE, "11_zone", 122),
    (FaceType.WA_80_11_ZONE, "11_zone", 80),
    (FaceType.WA_40_11_ZONE, "11_zone", 40),
    (FaceType.WA_80_6_RING_11_ZONE, "11_zone_6_ring", 80),
    (FaceType.WA_40_TRIPLE_VERTICAL_11_ZONE, "11_zone_5_ring", 40),
    (FaceType.IMPERIAL_122, "5_zone", 122),
    (FaceType.IMPERIAL_80, "5_zone", 80),
    (FaceType.IMPERIAL_60, "5_zone", 60),
    (FaceType.IMPERIAL_40, "5_zone", 40),
    (FaceType.WA_FIELD_80, "WA_field", 80),
    (FaceType.WA_FIELD_60, "WA_field", 60),
    (FaceType.WA_FIELD_40, "WA_field", 40),
    (FaceType.WA_FIELD_20, "WA_field", 20),
    (FaceType.IFAA_FIELD_65, "IFAA_field", 65),
    (FaceType.IFAA_FIELD_50, "IFAA_field", 50),
    (FaceType.IFAA_FIELD_35, "IFAA_field", 35),
    (FaceType.IFAA_FIELD_20, "IFAA_field", 20),
    (FaceType.IFAA_FIELD_EXPERT_65, "IFAA_field_expert", 65),
    (FaceType.IFAA_FIELD_EXPERT_50, "IFAA_field_expert", 50),
    (FaceType.IFAA_FIELD_EXPERT_35, "IFAA_field_expert", 35),
    (FaceType.IFAA_FIELD_EXPERT_20, "IFAA_field_expert", 20),
    (FaceType.IFAA_FIELD_EXPERT_65, "Worcester", 65),
    (FaceType.IFAA_FIELD_EXPERT_50, "Worcester", 50),
    (FaceType.IFAA_FIELD_EXPERT_35, "Worcester", 35),
    (FaceType.IFAA_FIELD_EXPERT_20, "Worcester", 20),
    (FaceType.AA_FIELD_80, "AA_national_field", 80),
    (FaceType.AA_FIELD_60, "AA_national_field", 60),
    (FaceType.AA_FIELD_40, "AA_national_field", 40),
    (FaceType.AA_FIELD_20, "AA_national_field", 20),
    (FaceType.WORCESTER, "Worcester", 40.64),
    (FaceType.WORCESTER_2_RING, "Worcester_2_ring", 40.64),
    (FaceType.NFAA_INDOOR, "Worcester", 40),
]

# The World Archery colours: each covers two zones, from the centre out (the 11 is in the gold).
_COLOUR_OF_ZONES = {
    (11, 10, 9): RingColour.GOLD,
    (8, 7): RingColour.RED,
    (6, 5): RingColour.LIGHT_BLUE,
    (4, 3): RingColour.BLACK,
    (2, 1): RingColour.WHITE,
}
_EXPECTED_COLOURS = {score: colour for zones, colour in _COLOUR_OF_ZONES.items() for score in zones}
_WORLD_ARCHERY_STYLES = {
    ScoringStyle.RECURVE_X,
    ScoringStyle.COMPOUND_INNER_TEN,
    ScoringStyle.ELEVEN_ZONE,
    ScoringStyle.IMPERIAL_FIVE_ZONE,
}
_FIELD_AND_INDOOR_COLOURS = {
    ScoringStyle.WA_FIELD: [RingColour.YELLOW] * 2 + [RingColour.BLACK] * 4,
    ScoringStyle.AA_FIELD: [RingColour.YELLOW] + [RingColour.BLACK] * 4,
    ScoringStyle.IFAA_FIELD: [RingColour.BLACK, RingColour.WHITE, RingColour.BLACK],
    ScoringStyle.IFAA_FIELD_EXPERT: [RingColour.BLACK]
    + [RingColour.WHITE] * 2
    + [RingColour.BLACK] * 2,
    ScoringStyle.NFAA_INDOOR: [RingColour.WHITE] + [RingColour.BLUE] * 4,
}

# Faces whose X is a marker inside the top ring rather than a zone of its own.
_X_STYLES = {ScoringStyle.RECURVE_X, ScoringStyle.COMPOUND_INNER_TEN, ScoringStyle.NFAA_INDOOR}


def _face_id(face: Face) -> str:
    return face.face_type.value


ALL_FACES = pytest.mark.parametrize("face", list_faces(), ids=_face_id)


def _archeryutils_target(system: str, diameter_cm: float) -> Any:
    # archeryutils ships no py.typed marker; importing it by name keeps mypy --strict quiet
    # without a mypy ignore comment, and callers convert the values they read.
    archeryutils = importlib.import_module("archeryutils")
    return archeryutils.Target(system, (diameter_cm, "cm"), (18, "m"))


def _archeryutils_rings_mm(system: str, diameter_cm: float) -> list[tuple[float, int]]:
    target = _archeryutils_target(system, diameter_cm)
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


def test_the_serialised_catalogue_is_the_catalogue() -> None:
    assert FaceList.model_validate_json(face_list_json()).items == list_faces()
    for face_type, face in FACES.items():
        assert Face.model_validate_json(face_json(face_type)) == face


@ALL_FACES
def test_rings_grow_outwards_while_their_scores_fall(face: Face) -> None:
    diameters = [ring.outer_diameter_mm for ring in face.rings]
    scores = [ring.score for ring in face.rings]
    # Imperial scoring gives one zone per colour, so its scores fall two at a time.
    step = 2 if face.scoring_style is ScoringStyle.IMPERIAL_FIVE_ZONE else 1

    assert all(inner < outer for inner, outer in itertools.pairwise(diameters))
    assert scores == list(range(scores[0], scores[0] - step * len(scores), -step))
    assert face.rings[-1].outer_diameter_mm <= face.diameter_mm


@ALL_FACES
def test_max_arrow_score_is_the_score_of_the_centre_ring(face: Face) -> None:
    assert face.max_arrow_score == face.rings[0].score == max(ring.score for ring in face.rings)


@pytest.mark.parametrize(
    "face",
    [face for face in list_faces() if face.scoring_style in _WORLD_ARCHERY_STYLES],
    ids=_face_id,
)
def test_world_archery_faces_wear_the_world_archery_colours(face: Face) -> None:
    assert all(ring.colour is _EXPECTED_COLOURS[ring.score] for ring in face.rings)


@pytest.mark.parametrize(
    "face",
    [face for face in list_faces() if face.scoring_style in _FIELD_AND_INDOOR_COLOURS],
    ids=_face_id,
)
def test_field_and_nfaa_faces_wear_their_own_colours(face: Face) -> None:
    assert [ring.colour for ring in face.rings] == _FIELD_AND_INDOOR_COLOURS[face.scoring_style]


@pytest.mark.parametrize("face_type", [FaceType.WORCESTER, FaceType.WORCESTER_2_RING])
def test_the_worcester_face_is_a_white_centre_on_black(face_type: FaceType) -> None:
    colours = [ring.colour for ring in FACES[face_type].rings]

    assert colours[0] is RingColour.WHITE
    assert set(colours[1:]) == {RingColour.BLACK}


@ALL_FACES
def test_only_faces_with_a_marked_x_have_an_x_diameter(face: Face) -> None:
    assert (face.x_diameter_mm is not None) == (face.scoring_style in _X_STYLES)


@pytest.mark.parametrize(
    "face", [face for face in list_faces() if face.x_diameter_mm is not None], ids=_face_id
)
def test_the_x_lies_inside_the_centre_ring(face: Face) -> None:
    centre = face.rings[0]

    assert face.x_diameter_mm is not None
    assert face.x_diameter_mm <= centre.outer_diameter_mm
    if face.scoring_style is ScoringStyle.NFAA_INDOOR:
        assert (centre.score, face.x_diameter_mm) == (5, 40.0)
    else:
        assert centre.score == 10
        assert face.x_diameter_mm == face.diameter_mm / 20.0


@ALL_FACES
def test_a_face_has_one_centred_spot_or_three_spots(face: Face) -> None:
    if face.face_type in _TRIPLE_FACES:
        assert len(face.spots) == 3
        assert face.face_type in _VERTICAL_TRIPLES or face.face_type in _TRIANGULAR_TRIPLES
    else:
        assert _spot_centres(face) == [(0.0, 0.0)]


@pytest.mark.parametrize("face_type", _TRIPLE_FACES)
def test_triple_spots_are_far_enough_apart_that_no_arrow_touches_two(face_type: FaceType) -> None:
    face = FACES[face_type]
    spot_diameter_mm = face.rings[-1].outer_diameter_mm

    for first, second in itertools.combinations(_spot_centres(face), 2):
        assert math.dist(first, second) > spot_diameter_mm + DEFAULT_ARROW_DIAMETER_INDOOR_MM


@pytest.mark.parametrize("face_type", _VERTICAL_TRIPLES)
def test_vertical_triple_spots_stand_on_a_vertical_line_from_top_to_bottom(
    face_type: FaceType,
) -> None:
    assert _spot_centres(FACES[face_type]) == [(0.0, 220.0), (0.0, 0.0), (0.0, -220.0)]


@pytest.mark.parametrize(("face_type", "side_mm"), list(_TRIANGULAR_TRIPLES.items()))
def test_triangular_triple_spots_form_an_equilateral_triangle_with_two_on_top(
    face_type: FaceType, side_mm: float
) -> None:
    left, right, bottom = _spot_centres(FACES[face_type])
    sides = [math.dist(left, right), math.dist(right, bottom), math.dist(bottom, left)]

    assert sides == pytest.approx([side_mm] * 3, abs=0.01)
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
        (FaceType.WA_122_6_RING, 1220.0, 122.0, 61.0, 732.0, 5),
        (FaceType.WA_80_COMPOUND, 800.0, 40.0, 40.0, 800.0, 1),
        (FaceType.WA_40_TRIPLE_TRIANGULAR, 400.0, 40.0, 20.0, 200.0, 6),
        (FaceType.WA_40_TRIPLE_TRIANGULAR_COMPOUND, 400.0, 20.0, 20.0, 200.0, 6),
        (FaceType.WA_122_11_ZONE, 1220.0, 61.0, None, 1220.0, 1),
        (FaceType.WA_80_6_RING_11_ZONE, 800.0, 40.0, None, 480.0, 5),
        (FaceType.WA_40_TRIPLE_VERTICAL_11_ZONE, 400.0, 20.0, None, 200.0, 6),
        (FaceType.IMPERIAL_122, 1220.0, 244.0, None, 1220.0, 1),
        (FaceType.IMPERIAL_40, 400.0, 80.0, None, 400.0, 1),
        (FaceType.WA_FIELD_80, 800.0, 80.0, None, 800.0, 1),
        (FaceType.WA_FIELD_20, 200.0, 20.0, None, 200.0, 1),
        (FaceType.IFAA_FIELD_65, 650.0, 130.0, None, 650.0, 3),
        (FaceType.IFAA_FIELD_20, 200.0, 40.0, None, 200.0, 3),
        (FaceType.IFAA_FIELD_EXPERT_35, 350.0, 70.0, None, 350.0, 1),
        (FaceType.AA_FIELD_60, 600.0, 120.0, None, 600.0, 1),
        (FaceType.WORCESTER, 406.4, 81.28, None, 406.4, 1),
        (FaceType.WORCESTER_2_RING, 406.4, 81.28, None, 162.56, 4),
        (FaceType.NFAA_INDOOR, 400.0, 80.0, 40.0, 400.0, 1),
    ],
)
def test_faces_have_their_published_sizes(
    face_type: FaceType,
    diameter_mm: float,
    ten_mm: float,
    x_mm: float | None,
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


def test_the_nfaa_indoor_face_has_an_8_cm_white_five_and_4_cm_x_in_blue_rings() -> None:
    face = FACES[FaceType.NFAA_INDOOR]

    assert [(ring.score, ring.outer_diameter_mm, ring.colour) for ring in face.rings] == [
        (5, 80.0, RingColour.WHITE),
        (4, 160.0, RingColour.BLUE),
        (3, 240.0, RingColour.BLUE),
        (2, 320.0, RingColour.BLUE),
        (1, 400.0, RingColour.BLUE),
    ]
    assert face.x_diameter_mm == 40.0


def test_imperial_scoring_gives_each_colour_one_odd_score() -> None:
    face = FACES[FaceType.IMPERIAL_122]

    assert [(ring.score, ring.outer_diameter_mm, ring.colour) for ring in face.rings] == [
        (9, 244.0, RingColour.GOLD),
        (7, 488.0, RingColour.RED),
        (5, 732.0, RingColour.LIGHT_BLUE),
        (3, 976.0, RingColour.BLACK),
        (1, 1220.0, RingColour.WHITE),
    ]


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


@pytest.mark.parametrize(("ten_zone", "eleven_zone"), list(_ELEVEN_ZONE_VERSION_OF.items()))
def test_an_eleven_zone_face_turns_the_x_into_a_ring_worth_eleven(
    ten_zone: FaceType, eleven_zone: FaceType
) -> None:
    ten_face, eleven_face = FACES[ten_zone], FACES[eleven_zone]

    assert eleven_face.scoring_style is ScoringStyle.ELEVEN_ZONE
    assert eleven_face.rings[0].score == eleven_face.max_arrow_score == 11
    assert eleven_face.rings[0].outer_diameter_mm == ten_face.x_diameter_mm
    assert eleven_face.rings[1:] == ten_face.rings
    assert eleven_face.spots == ten_face.spots
    assert eleven_face.x_diameter_mm is None
    assert eleven_face.name == f"{ten_face.name}, 11-zone"


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
        (FaceType.WA_122_11_ZONE, "World Archery 122 cm, 11-zone"),
        (FaceType.IMPERIAL_80, "World Archery 80 cm, imperial 5-zone"),
        (FaceType.WA_FIELD_40, "World Archery field 40 cm"),
        (FaceType.IFAA_FIELD_50, "IFAA field 50 cm"),
        (FaceType.IFAA_FIELD_EXPERT_50, "IFAA field 50 cm, expert"),
        (FaceType.AA_FIELD_20, "Archery Australia field 20 cm"),
        (FaceType.WORCESTER, "Worcester 16 in"),
        (FaceType.WORCESTER_2_RING, "Worcester 16 in, 2-ring"),
        (FaceType.NFAA_INDOOR, "NFAA indoor 40 cm"),
    ],
)
def test_faces_have_readable_names(face_type: FaceType, name: str) -> None:
    assert FACES[face_type].name == name


def test_every_face_is_cross_checked_against_archeryutils() -> None:
    assert {face_type for face_type, _, _ in _ARCHERYUTILS_SYSTEMS} == set(FaceType)


@pytest.mark.parametrize(("face_type", "system", "diameter_cm"), _ARCHERYUTILS_SYSTEMS)
def test_rings_match_the_archeryutils_face_spec(
    face_type: FaceType, system: str, diameter_cm: float
) -> None:
    expected = _archeryutils_rings_mm(system, diameter_cm)
    rings = sorted((ring.outer_diameter_mm, ring.score) for ring in FACES[face_type].rings)

    assert [score for _, score in rings] == [score for _, score in expected]
    assert [diameter for diameter, _ in rings] == pytest.approx(
        [diameter for diameter, _ in expected], abs=1e-6
    )


@pytest.mark.parametrize(("face_type", "system", "diameter_cm"), _ARCHERYUTILS_SYSTEMS)
def test_max_arrow_score_matches_archeryutils(
    face_type: FaceType, system: str, diameter_cm: float
) -> None:
    target = _archeryutils_target(system, diameter_cm)

    assert FACES[face_type].max_arrow_score == int(target.max_score())
    assert FACES[face_type].diameter_mm == pytest.approx(float(target.diameter) * 1000.0)
