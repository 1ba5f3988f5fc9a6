from typing import Literal

ArrowValue = Literal["1", "10", "11", "2", "3", "4", "5", "6", "7", "8", "9", "M", "X"]

ARROW_VALUE_VALUES: set[ArrowValue] = {
    "1",
    "10",
    "11",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "M",
    "X",
}


def check_arrow_value(value: str) -> ArrowValue:
    if value in ARROW_VALUE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ARROW_VALUE_VALUES!r}")
