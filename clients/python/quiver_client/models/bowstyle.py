from typing import Literal

Bowstyle = Literal["barebow", "compound", "longbow", "recurve"]

BOWSTYLE_VALUES: set[Bowstyle] = {
    "barebow",
    "compound",
    "longbow",
    "recurve",
}


def check_bowstyle(value: str) -> Bowstyle:
    if value in BOWSTYLE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BOWSTYLE_VALUES!r}")
