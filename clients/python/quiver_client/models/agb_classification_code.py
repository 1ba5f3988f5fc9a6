from typing import Literal

AgbClassificationCode = Literal[
    "A1",
    "A2",
    "A3",
    "B1",
    "B2",
    "B3",
    "EMB",
    "GMB",
    "I-A1",
    "I-A2",
    "I-A3",
    "I-B1",
    "I-B2",
    "I-B3",
    "I-GMB",
    "I-MB",
    "MB",
    "UC",
]

AGB_CLASSIFICATION_CODE_VALUES: set[AgbClassificationCode] = {
    "A1",
    "A2",
    "A3",
    "B1",
    "B2",
    "B3",
    "EMB",
    "GMB",
    "I-A1",
    "I-A2",
    "I-A3",
    "I-B1",
    "I-B2",
    "I-B3",
    "I-GMB",
    "I-MB",
    "MB",
    "UC",
}


def check_agb_classification_code(value: str) -> AgbClassificationCode:
    if value in AGB_CLASSIFICATION_CODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {AGB_CLASSIFICATION_CODE_VALUES!r}")
