from typing import Literal

SlotLetter = Literal["A", "B", "C", "D"]

SLOT_LETTER_VALUES: set[SlotLetter] = {
    "A",
    "B",
    "C",
    "D",
}


def check_slot_letter(value: str) -> SlotLetter:
    if value in SLOT_LETTER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SLOT_LETTER_VALUES!r}")
