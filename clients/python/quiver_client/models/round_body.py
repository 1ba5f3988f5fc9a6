from typing import Literal

RoundBody = Literal["archery_australia", "archery_gb", "ifaa", "nfaa", "other", "world_archery"]

ROUND_BODY_VALUES: set[RoundBody] = {
    "archery_australia",
    "archery_gb",
    "ifaa",
    "nfaa",
    "other",
    "world_archery",
}


def check_round_body(value: str) -> RoundBody:
    if value in ROUND_BODY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ROUND_BODY_VALUES!r}")
