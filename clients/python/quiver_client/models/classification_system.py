from typing import Literal

ClassificationSystem = Literal["agb_field", "agb_indoor", "agb_outdoor"]

CLASSIFICATION_SYSTEM_VALUES: set[ClassificationSystem] = {
    "agb_field",
    "agb_indoor",
    "agb_outdoor",
}


def check_classification_system(value: str) -> ClassificationSystem:
    if value in CLASSIFICATION_SYSTEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CLASSIFICATION_SYSTEM_VALUES!r}")
