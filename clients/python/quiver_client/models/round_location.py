from typing import Literal

RoundLocation = Literal["field", "indoor", "outdoor"]

ROUND_LOCATION_VALUES: set[RoundLocation] = {
    "field",
    "indoor",
    "outdoor",
}


def check_round_location(value: str) -> RoundLocation:
    if value in ROUND_LOCATION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ROUND_LOCATION_VALUES!r}")
