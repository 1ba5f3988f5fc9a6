from typing import Literal

RingColour = Literal["black", "blue", "gold", "light_blue", "red", "white", "yellow"]

RING_COLOUR_VALUES: set[RingColour] = {
    "black",
    "blue",
    "gold",
    "light_blue",
    "red",
    "white",
    "yellow",
}


def check_ring_colour(value: str) -> RingColour:
    if value in RING_COLOUR_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RING_COLOUR_VALUES!r}")
