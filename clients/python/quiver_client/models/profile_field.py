from typing import Literal

ProfileField = Literal["date_of_birth", "gender"]

PROFILE_FIELD_VALUES: set[ProfileField] = {
    "date_of_birth",
    "gender",
}


def check_profile_field(value: str) -> ProfileField:
    if value in PROFILE_FIELD_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PROFILE_FIELD_VALUES!r}")
