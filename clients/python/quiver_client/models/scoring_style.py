from typing import Literal

ScoringStyle = Literal[
    "aa_field",
    "compound_inner_ten",
    "eleven_zone",
    "ifaa_field",
    "ifaa_field_expert",
    "imperial_five_zone",
    "nfaa_indoor",
    "recurve_x",
    "wa_field",
    "worcester",
]

SCORING_STYLE_VALUES: set[ScoringStyle] = {
    "aa_field",
    "compound_inner_ten",
    "eleven_zone",
    "ifaa_field",
    "ifaa_field_expert",
    "imperial_five_zone",
    "nfaa_indoor",
    "recurve_x",
    "wa_field",
    "worcester",
}


def check_scoring_style(value: str) -> ScoringStyle:
    if value in SCORING_STYLE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SCORING_STYLE_VALUES!r}")
