from typing import Literal

AgbGender = Literal["female", "open"]

AGB_GENDER_VALUES: set[AgbGender] = {
    "female",
    "open",
}


def check_agb_gender(value: str) -> AgbGender:
    if value in AGB_GENDER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {AGB_GENDER_VALUES!r}")
