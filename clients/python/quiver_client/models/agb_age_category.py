from typing import Literal

AgbAgeCategory = Literal["adult", "over_50", "under_12", "under_14", "under_15", "under_16", "under_18", "under_21"]

AGB_AGE_CATEGORY_VALUES: set[AgbAgeCategory] = {
    "adult",
    "over_50",
    "under_12",
    "under_14",
    "under_15",
    "under_16",
    "under_18",
    "under_21",
}


def check_agb_age_category(value: str) -> AgbAgeCategory:
    if value in AGB_AGE_CATEGORY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {AGB_AGE_CATEGORY_VALUES!r}")
