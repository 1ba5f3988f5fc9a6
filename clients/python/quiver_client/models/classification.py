from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.agb_age_category import AgbAgeCategory, check_agb_age_category
from ..models.agb_classification_code import AgbClassificationCode, check_agb_classification_code
from ..models.agb_gender import AgbGender, check_agb_gender
from ..models.bowstyle import Bowstyle, check_bowstyle
from ..models.classification_system import ClassificationSystem, check_classification_system

T = TypeVar("T", bound="Classification")


@_attrs_define
class Classification:
    """The Archery GB classification a score achieves, and the category it was judged in.

    Attributes:
        code (AgbClassificationCode): An Archery GB classification: outdoor and field EMB, GMB, MB (Elite, Grand and
            Master
            Bowman), B1-B3 (Bowman), A1-A3 (Archer); indoor I-GMB, I-MB, I-B1-I-B3, I-A1-I-A3;
            `UC` (unclassified) below the lowest.
        name (str): The classification's full name, e.g. "Master Bowman"; "Unclassified" for `UC`.
        system (ClassificationSystem): The classification scheme, chosen by the round's location.
        bowstyle (Bowstyle): The archer's bow style.
        gender (AgbGender): An Archery GB gender category (`open` admits everyone).
        age_category (AgbAgeCategory): An Archery GB age category, by the age reached on 31 December of the session's
            year.
    """

    code: AgbClassificationCode
    name: str
    system: ClassificationSystem
    bowstyle: Bowstyle
    gender: AgbGender
    age_category: AgbAgeCategory

    def to_dict(self) -> dict[str, Any]:
        code: str = self.code

        name = self.name

        system: str = self.system

        bowstyle: str = self.bowstyle

        gender: str = self.gender

        age_category: str = self.age_category

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "name": name,
                "system": system,
                "bowstyle": bowstyle,
                "gender": gender,
                "age_category": age_category,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = check_agb_classification_code(d.pop("code"))

        name = d.pop("name")

        system = check_classification_system(d.pop("system"))

        bowstyle = check_bowstyle(d.pop("bowstyle"))

        gender = check_agb_gender(d.pop("gender"))

        age_category = check_agb_age_category(d.pop("age_category"))

        classification = cls(
            code=code,
            name=name,
            system=system,
            bowstyle=bowstyle,
            gender=gender,
            age_category=age_category,
        )

        return classification
