from typing import Literal

HandicapUnavailableReason = Literal["face_not_supported", "round_not_supported", "score_zero", "too_few_arrows"]

HANDICAP_UNAVAILABLE_REASON_VALUES: set[HandicapUnavailableReason] = {
    "face_not_supported",
    "round_not_supported",
    "score_zero",
    "too_few_arrows",
}


def check_handicap_unavailable_reason(value: str) -> HandicapUnavailableReason:
    if value in HANDICAP_UNAVAILABLE_REASON_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {HANDICAP_UNAVAILABLE_REASON_VALUES!r}")
