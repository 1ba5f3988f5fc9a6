"""The standard-round catalogue: completeness, structure, and agreement with archeryutils."""

import importlib
import re
from collections.abc import MutableMapping
from typing import Any, cast

import pytest

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
from quiver.services.rounds import ROUNDS, get_round, list_rounds, round_list_json

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

_NAMED_ROUNDS = {
    "wa1440_90",
    "wa1440_70",
    "wa1440_60",
    "wa720_70",
    "wa720_60",
    "wa720_50_c",
    "wa720_50_b",
    "wa18",
    "wa18_triple",
    "wa18_compound",
    "wa25",
    "wa25_triple",
    "vegas_300",
    "vegas",
    "portsmouth",
    "worcester",
    "nfaa_300",
}

_HAND_WRITTEN = {"nfaa_300"}


def _archeryutils_rounds() -> dict[str, Any]:
    # archeryutils ships no py.typed marker; importing it by name keeps mypy --strict quiet.
    load_rounds = importlib.import_module("archeryutils.load_rounds")
    rounds: dict[str, Any] = {}
    for group in _ARCHERYUTILS_GROUPS:
        rounds.update(getattr(load_rounds, group).items())
    return rounds


_ARCHERYUTILS = _archeryutils_rounds()
_IMPORTED = sorted(_ARCHERYUTILS)


def _pass(
    distance: float,
    unit: DistanceUnit,
    arrows: int,
    per_end: int,
    face_type: FaceType,
    max_score: int,
) -> RoundPass:
    return RoundPass(
        distance=distance,
        distance_unit=unit,
        arrows=arrows,
        arrows_per_end=per_end,
        face_type=face_type,
        max_score=max_score,
    )


_M, _YD = DistanceUnit.M, DistanceUnit.YD

_EXPECTED = {
    "wa1440_90": Round(
        code="wa1440_90",
        name="WA 1440 (90m)",
        body=RoundBody.WORLD_ARCHERY,
        location=RoundLocation.OUTDOOR,
        passes=[
            _pass(90.0, _M, 36, 6, FaceType.WA_122, 360),
            _pass(70.0, _M, 36, 6, FaceType.WA_122, 360),
            _pass(50.0, _M, 36, 6, FaceType.WA_80, 360),
            _pass(30.0, _M, 36, 6, FaceType.WA_80, 360),
        ],
        arrows=144,
        max_score=1440,
    ),
    "wa18": Round(
        code="wa18",
        name="WA 18m",
        body=RoundBody.WORLD_ARCHERY,
        location=RoundLocation.INDOOR,
        passes=[
            _pass(18.0, _M, 30, 3, FaceType.WA_40, 300),
            _pass(18.0, _M, 30, 3, FaceType.WA_40, 300),
        ],
        arrows=60,
        max_score=600,
    ),
    "portsmouth": Round(
        code="portsmouth",
        name="Portsmouth",
        body=RoundBody.ARCHERY_GB,
        location=RoundLocation.INDOOR,
        passes=[
            _pass(20.0, _YD, 30, 3, FaceType.WA_60, 300),
            _pass(20.0, _YD, 30, 3, FaceType.WA_60, 300),
        ],
        arrows=60,
        max_score=600,
    ),
    "worcester": Round(
        code="worcester",
        name="Worcester",
        body=RoundBody.ARCHERY_GB,
        location=RoundLocation.INDOOR,
        passes=[
            _pass(20.0, _YD, 30, 5, FaceType.WORCESTER, 150),
            _pass(20.0, _YD, 30, 5, FaceType.WORCESTER, 150),
        ],
        arrows=60,
        max_score=300,
    ),
    "nfaa_300": Round(
        code="nfaa_300",
        name="NFAA 300",
        body=RoundBody.NFAA,
        location=RoundLocation.INDOOR,
        passes=[_pass(20.0, _YD, 60, 5, FaceType.NFAA_INDOOR, 300)],
        arrows=60,
        max_score=300,
    ),
    "vegas_300": Round(
        code="vegas_300",
        name="Vegas 300",
        body=RoundBody.ARCHERY_GB,
        location=RoundLocation.INDOOR,
        passes=[_pass(20.0, _YD, 30, 3, FaceType.WA_40, 300)],
        arrows=30,
        max_score=300,
    ),
}


def test_catalogue_has_the_named_standard_rounds() -> None:
    assert _NAMED_ROUNDS <= set(ROUNDS)


def test_catalogue_imports_every_archeryutils_round_and_the_hand_written_ones() -> None:
    assert set(ROUNDS) == set(_ARCHERYUTILS) | _HAND_WRITTEN
    assert len(ROUNDS) == len(_ARCHERYUTILS) + len(_HAND_WRITTEN)


@pytest.mark.parametrize("code", list(_EXPECTED))
def test_round_has_its_exact_structure(code: str) -> None:
    assert ROUNDS[code] == _EXPECTED[code]


def test_nfaa_300_is_twelve_ends_of_five_arrows() -> None:
    (only_pass,) = ROUNDS["nfaa_300"].passes

    assert only_pass.arrows // only_pass.arrows_per_end == 12


@pytest.mark.parametrize("code", ["vegas", "vegas_compound", "vegas_300_triple"])
def test_vegas_triples_are_shot_on_the_triangular_40_cm_face(code: str) -> None:
    faces = {pass_.face_type for pass_ in ROUNDS[code].passes}

    assert faces <= {FaceType.WA_40_TRIPLE_TRIANGULAR, FaceType.WA_40_TRIPLE_TRIANGULAR_COMPOUND}


@pytest.mark.parametrize("code", _IMPORTED)
def test_max_score_and_arrows_match_archeryutils(code: str) -> None:
    definition = _ARCHERYUTILS[code]

    assert ROUNDS[code].max_score == int(definition.max_score())
    assert ROUNDS[code].arrows == int(definition.n_arrows)
    assert ROUNDS[code].name == str(definition.name)


@pytest.mark.parametrize("code", _IMPORTED)
def test_every_pass_is_shot_on_a_face_with_the_archeryutils_rings(code: str) -> None:
    definition = _ARCHERYUTILS[code]
    passes = ROUNDS[code].passes

    assert len(passes) == len(definition.passes)
    for pass_, source in zip(passes, definition.passes, strict=True):
        expected = sorted(
            (float(diameter_m) * 1000.0, int(score))
            for diameter_m, score in source.target.face_spec.items()
        )
        rings = sorted(
            (ring.outer_diameter_mm, ring.score) for ring in FACES[pass_.face_type].rings
        )
        assert [score for _, score in rings] == [score for _, score in expected]
        assert [diameter for diameter, _ in rings] == pytest.approx(
            [diameter for diameter, _ in expected], abs=1e-6
        )
        assert pass_.arrows == int(source.n_arrows)
        assert pass_.distance == float(source.target.native_distance.value)
        assert (
            pass_.distance_unit.value
            == {"metre": "m", "yard": "yd"}[str(source.target.native_distance.units)]
        )


@pytest.mark.parametrize("round_", list(ROUNDS.values()), ids=lambda round_: round_.code)
def test_totals_add_up_and_ends_divide_every_pass(round_: Round) -> None:
    assert round_.arrows == sum(pass_.arrows for pass_ in round_.passes)
    assert round_.max_score == sum(pass_.max_score for pass_ in round_.passes)
    assert re.fullmatch(r"[a-z0-9][a-z0-9_]*", round_.code) and len(round_.code) <= 64
    for pass_ in round_.passes:
        assert pass_.face_type in FACES
        assert pass_.max_score == pass_.arrows * FACES[pass_.face_type].max_arrow_score
        assert pass_.arrows % pass_.arrows_per_end == 0


@pytest.mark.parametrize(
    ("code", "arrows_per_end"),
    [
        ("wa1440_90", 6),
        ("york", 6),
        ("wa18", 3),
        ("bray_i", 3),
        ("australian_indoor_1", 3),
        ("wa_field_24_red_marked", 3),
        ("worcester", 5),
        ("worcester_5_centre", 5),
        ("nfaa_300", 5),
        ("ifaa_indoor", 5),
        ("ifaa_international", 3),
        ("national_field_red", 4),
    ],
)
def test_arrows_per_end_follow_the_documented_rule(code: str, arrows_per_end: int) -> None:
    full_ends = [pass_ for pass_ in ROUNDS[code].passes if pass_.arrows >= arrows_per_end]

    assert full_ends
    assert {pass_.arrows_per_end for pass_ in full_ends} == {arrows_per_end}


def test_a_pass_shorter_than_an_end_is_a_single_end() -> None:
    single_arrow = ROUNDS["ifaa_field_unit"].passes[0]

    assert (single_arrow.arrows, single_arrow.arrows_per_end) == (1, 1)


@pytest.mark.parametrize(
    ("code", "body", "location"),
    [
        ("wa1440_90", RoundBody.WORLD_ARCHERY, RoundLocation.OUTDOOR),
        ("wa660_70", RoundBody.WORLD_ARCHERY, RoundLocation.OUTDOOR),
        ("18_vi", RoundBody.WORLD_ARCHERY, RoundLocation.INDOOR),
        ("wa_field_12_blue_unmarked", RoundBody.WORLD_ARCHERY, RoundLocation.FIELD),
        ("york", RoundBody.ARCHERY_GB, RoundLocation.OUTDOOR),
        ("burntwood_york", RoundBody.ARCHERY_GB, RoundLocation.OUTDOOR),
        ("canberra", RoundBody.ARCHERY_AUSTRALIA, RoundLocation.OUTDOOR),
        ("hunters_round", RoundBody.ARCHERY_AUSTRALIA, RoundLocation.FIELD),
        ("ifaa_field", RoundBody.IFAA, RoundLocation.FIELD),
        ("ifaa_indoor", RoundBody.IFAA, RoundLocation.INDOOR),
        ("lancaster", RoundBody.OTHER, RoundLocation.INDOOR),
        ("nfaa_300", RoundBody.NFAA, RoundLocation.INDOOR),
    ],
)
def test_rounds_carry_their_body_and_location(
    code: str, body: RoundBody, location: RoundLocation
) -> None:
    assert (ROUNDS[code].body, ROUNDS[code].location) == (body, location)


def test_every_face_of_the_catalogue_is_used_by_some_round() -> None:
    used = {pass_.face_type for round_ in ROUNDS.values() for pass_ in round_.passes}

    assert used == set(FaceType)


def test_list_rounds_without_filters_returns_the_whole_catalogue_in_order() -> None:
    assert [round_.code for round_ in list_rounds()] == list(ROUNDS)
    assert list_rounds()[0].code == "wa1440_90"
    assert list_rounds()[-1].code == "nfaa_300"


@pytest.mark.parametrize("location", list(RoundLocation))
def test_list_rounds_filters_by_location(location: RoundLocation) -> None:
    listed = list_rounds(location=location)

    assert listed
    assert [round_.code for round_ in listed] == [
        code for code, round_ in ROUNDS.items() if round_.location is location
    ]


@pytest.mark.parametrize("body", list(RoundBody))
def test_list_rounds_filters_by_body(body: RoundBody) -> None:
    listed = list_rounds(body=body)

    assert listed
    assert all(round_.body is body for round_ in listed)


def test_list_rounds_combines_filters() -> None:
    listed = list_rounds(location=RoundLocation.INDOOR, body=RoundBody.WORLD_ARCHERY)

    assert {round_.code for round_ in listed} == {
        "wa18",
        "wa18_compound",
        "wa18_triple",
        "wa18_compound_triple",
        "wa25",
        "wa25_compound",
        "wa25_triple",
        "wa25_compound_triple",
        "18_vi",
    }


def test_get_round_returns_the_catalogue_round() -> None:
    assert get_round("portsmouth") == ROUNDS["portsmouth"]


def test_get_round_of_an_unknown_code_is_round_not_found() -> None:
    with pytest.raises(NotFoundError) as raised:
        get_round("wa1440_100")

    assert raised.value.code == "round_not_found"
    assert "wa1440_100" in raised.value.detail


def test_the_serialised_round_lists_are_the_catalogue() -> None:
    assert RoundList.model_validate_json(round_list_json(None, None)).items == list_rounds()
    indoor = RoundList.model_validate_json(round_list_json(RoundLocation.INDOOR, None)).items
    assert indoor == list_rounds(location=RoundLocation.INDOOR)


def test_catalogue_mapping_cannot_be_changed() -> None:
    mutable = cast(MutableMapping[str, Round], ROUNDS)

    with pytest.raises(TypeError):
        mutable["wa18"] = ROUNDS["wa25"]
