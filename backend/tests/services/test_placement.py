"""Where each arrow falls: pass, end and position (services/shots.place_arrow)."""

import pytest

from quiver.schemas.api import DistanceUnit, FaceType
from quiver.services.shots import ShootingPass, place_arrow

OPEN = [ShootingPass(FaceType.WA_122, 70, DistanceUnit.M, 6, None)]
WA_1440 = [
    ShootingPass(FaceType.WA_122, 90, DistanceUnit.M, 6, 36),
    ShootingPass(FaceType.WA_122, 70, DistanceUnit.M, 6, 36),
    ShootingPass(FaceType.WA_80, 50, DistanceUnit.M, 6, 36),
    ShootingPass(FaceType.WA_80, 30, DistanceUnit.M, 6, 36),
]
ODD = [
    ShootingPass(FaceType.WA_122, 60, DistanceUnit.YD, 6, 8),
    ShootingPass(FaceType.WA_122, 50, DistanceUnit.YD, 6, 4),
]


@pytest.mark.parametrize(
    ("seq", "expected"),
    [(0, (0, 1, 1)), (5, (0, 1, 6)), (6, (0, 2, 1)), (599, (0, 100, 6))],
)
def test_open_practice_numbers_ends_forever(seq: int, expected: tuple[int, int, int]) -> None:
    placement = place_arrow(OPEN, seq)
    assert placement is not None
    assert (placement.pass_index, placement.end_number, placement.position) == expected


@pytest.mark.parametrize(
    ("seq", "expected"),
    [
        (0, (0, 1, 1)),
        (35, (0, 6, 6)),
        (36, (1, 7, 1)),
        (72, (2, 13, 1)),
        (143, (3, 24, 6)),
    ],
)
def test_a_round_continues_end_numbers_across_passes(
    seq: int, expected: tuple[int, int, int]
) -> None:
    placement = place_arrow(WA_1440, seq)
    assert placement is not None
    assert (placement.pass_index, placement.end_number, placement.position) == expected


def test_a_pass_that_ends_mid_end_starts_the_next_pass_on_a_new_end() -> None:
    placements = [place_arrow(ODD, seq) for seq in range(12)]
    assert [(p.pass_index, p.end_number, p.position) for p in placements if p] == [
        (0, 1, 1), (0, 1, 2), (0, 1, 3), (0, 1, 4), (0, 1, 5), (0, 1, 6),
        (0, 2, 1), (0, 2, 2),
        (1, 3, 1), (1, 3, 2), (1, 3, 3), (1, 3, 4),
    ]  # fmt: skip


def test_no_arrow_falls_past_the_end_of_a_round() -> None:
    assert place_arrow(WA_1440, 144) is None
    assert place_arrow(ODD, 12) is None


def test_yards_convert_to_metres() -> None:
    assert ODD[0].distance_m == pytest.approx(54.864)
    assert OPEN[0].distance_m == 70
