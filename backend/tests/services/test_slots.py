"""The pure half of services/slots.py: progress through a round and place assignment."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiver.schemas.api import DistanceUnit, FaceType, SlotLetter
from quiver.services.rounds import get_round
from quiver.services.shots import ShootingPass
from quiver.services.slots import Place, RangeSlot, RoundPosition, assign_place, round_position

M, YD = DistanceUnit.M, DistanceUnit.YD
A, B, C, D = SlotLetter.A, SlotLetter.B, SlotLetter.C, SlotLetter.D
OPEN = [ShootingPass(FaceType.WA_40, 18, M, 3, None)]
WA_1440 = [
    ShootingPass(FaceType.WA_122, 90, M, 6, 36),
    ShootingPass(FaceType.WA_122, 70, M, 6, 36),
    ShootingPass(FaceType.WA_80, 50, M, 6, 36),
    ShootingPass(FaceType.WA_80, 30, M, 6, 36),
]


@pytest.mark.parametrize("next_seq", [0, 1, 599])
def test_open_practice_is_never_complete_and_has_no_pass(next_seq: int) -> None:
    assert round_position(OPEN, next_seq) == RoundPosition(0, None, None, False)


@pytest.mark.parametrize(
    ("next_seq", "expected"),
    [
        (0, RoundPosition(0, 1, 144, False)),
        (35, RoundPosition(0, 1, 109, False)),
        (36, RoundPosition(1, 2, 108, False)),
        (107, RoundPosition(2, 3, 37, False)),
        (143, RoundPosition(3, 4, 1, False)),
        (144, RoundPosition(3, None, 0, True)),
        (150, RoundPosition(3, None, 0, True)),
    ],
)
def test_a_round_slot_is_in_the_pass_of_its_next_arrow(
    next_seq: int, expected: RoundPosition
) -> None:
    assert round_position(WA_1440, next_seq) == expected


@given(st.integers(min_value=0, max_value=200))
def test_arrows_remaining_and_completion_agree_with_the_round(next_seq: int) -> None:
    round_ = get_round("wa1440_90")
    position = round_position(WA_1440, next_seq)
    assert position.arrows_remaining == max(round_.arrows - next_seq, 0)
    assert position.is_complete is (next_seq >= round_.arrows)
    assert (position.current_pass is None) is position.is_complete


def at(lane: int, letter: SlotLetter, distance: float = 18, active: bool = True) -> RangeSlot:
    return RangeSlot(Place(lane, letter), distance, M, active)


def test_the_first_archer_gets_lane_1_a() -> None:
    assert assign_place([], 18, M) == Place(1, A)


def test_a_lane_fills_a_to_d_before_the_next_opens() -> None:
    assert assign_place([at(1, A), at(1, B)], 18, M) == Place(1, C)
    assert assign_place([at(1, A), at(1, B), at(1, C), at(1, D)], 18, M) == Place(2, A)


def test_the_lowest_lane_at_the_distance_with_a_free_letter_wins() -> None:
    slots = [at(1, A), at(1, B), at(1, C), at(1, D), at(2, A, 30), at(3, A), at(4, A)]
    assert assign_place(slots, 18, M) == Place(3, B)
    assert assign_place(slots, 30, M) == Place(2, B)


def test_the_lowest_free_letter_is_taken_even_behind_a_later_one() -> None:
    assert assign_place([at(1, B), at(1, D)], 18, M) == Place(1, A)


def test_another_unit_is_another_distance() -> None:
    assert assign_place([at(1, A)], 18, YD) == Place(2, A)


def test_a_new_lane_comes_after_the_highest_lane_ever_used() -> None:
    slots = [at(1, A), at(5, A, 30, active=False)]
    assert assign_place(slots, 50, M) == Place(6, A)
    # A lane whose archers all left is no longer at any distance.
    assert assign_place([at(2, A, active=False)], 18, M) == Place(3, A)


def test_a_left_place_is_free_again() -> None:
    assert assign_place([at(1, A, active=False), at(1, B)], 18, M) == Place(1, A)


def test_a_returning_archer_gets_its_old_place_back_when_free() -> None:
    slots = [at(1, A), at(2, C, active=False)]
    assert assign_place(slots, 18, M, preferred=Place(2, C)) == Place(2, C)
    assert assign_place(slots, 18, M, preferred=Place(1, A)) == Place(1, B)


def test_a_returning_archer_does_not_go_back_to_a_lane_now_at_another_distance() -> None:
    slots = [at(1, A, 90), at(1, B, 90, active=False)]
    assert assign_place(slots, 70, M, preferred=Place(1, B)) == Place(2, A)


@given(st.lists(st.sampled_from([18.0, 30.0, 50.0]), max_size=60))
def test_sequential_assignment_never_repeats_a_place_or_mixes_distances(
    distances: list[float],
) -> None:
    slots: list[RangeSlot] = []
    for distance in distances:
        place = assign_place(slots, distance, M)
        slots.append(RangeSlot(place, distance, M, True))
    assert len({slot.place for slot in slots}) == len(slots)
    lane_distances = {(slot.place.lane, slot.distance) for slot in slots}
    assert len(lane_distances) == len({slot.place.lane for slot in slots})
