from typing import Literal

DistanceUnit = Literal["m", "yd"]

DISTANCE_UNIT_VALUES: set[DistanceUnit] = {
    "m",
    "yd",
}


def check_distance_unit(value: str) -> DistanceUnit:
    if value in DISTANCE_UNIT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {DISTANCE_UNIT_VALUES!r}")
