from typing import Literal

CheckOutcome = Literal["failing", "ok"]

CHECK_OUTCOME_VALUES: set[CheckOutcome] = {
    "failing",
    "ok",
}


def check_check_outcome(value: str) -> CheckOutcome:
    if value in CHECK_OUTCOME_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHECK_OUTCOME_VALUES!r}")
