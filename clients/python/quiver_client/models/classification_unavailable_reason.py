from typing import Literal

ClassificationUnavailableReason = Literal[
    "estimated_handicap", "no_handicap", "profile_incomplete", "round_not_classified"
]

CLASSIFICATION_UNAVAILABLE_REASON_VALUES: set[ClassificationUnavailableReason] = {
    "estimated_handicap",
    "no_handicap",
    "profile_incomplete",
    "round_not_classified",
}


def check_classification_unavailable_reason(value: str) -> ClassificationUnavailableReason:
    if value in CLASSIFICATION_UNAVAILABLE_REASON_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CLASSIFICATION_UNAVAILABLE_REASON_VALUES!r}")
