from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.bowstyle import Bowstyle, check_bowstyle
from ..models.gender import Gender, check_gender
from ..types import UNSET, Unset

T = TypeVar("T", bound="ArcherUpdate")


@_attrs_define
class ArcherUpdate:
    """The fields of an archer to change; absent fields stay as they are.

    Attributes:
        email (str | Unset): An email address; compared without regard to case.
        first_name (str | Unset): A first or last name (at least one non-space character).
        last_name (str | Unset): A first or last name (at least one non-space character).
        bowstyle (Bowstyle | Unset): The archer's bow style.
        draw_weight_lb (float | Unset): The draw weight in pounds.
        date_of_birth (datetime.date | None | Unset): The date of birth, or null to remove it. In the years 1900 to
            2099.
        gender (Gender | None | Unset): The gender, or null to remove it.
    """

    email: str | Unset = UNSET
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    bowstyle: Bowstyle | Unset = UNSET
    draw_weight_lb: float | Unset = UNSET
    date_of_birth: datetime.date | None | Unset = UNSET
    gender: Gender | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        first_name = self.first_name

        last_name = self.last_name

        bowstyle: str | Unset = UNSET
        if not isinstance(self.bowstyle, Unset):
            bowstyle = self.bowstyle

        draw_weight_lb = self.draw_weight_lb

        date_of_birth: None | str | Unset
        if isinstance(self.date_of_birth, Unset):
            date_of_birth = UNSET
        elif isinstance(self.date_of_birth, datetime.date):
            date_of_birth = self.date_of_birth.isoformat()
        else:
            date_of_birth = self.date_of_birth

        gender: None | str | Unset
        if isinstance(self.gender, Unset):
            gender = UNSET
        elif isinstance(self.gender, str):
            gender = self.gender
        else:
            gender = self.gender

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if email is not UNSET:
            field_dict["email"] = email
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if bowstyle is not UNSET:
            field_dict["bowstyle"] = bowstyle
        if draw_weight_lb is not UNSET:
            field_dict["draw_weight_lb"] = draw_weight_lb
        if date_of_birth is not UNSET:
            field_dict["date_of_birth"] = date_of_birth
        if gender is not UNSET:
            field_dict["gender"] = gender

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email", UNSET)

        first_name = d.pop("first_name", UNSET)

        last_name = d.pop("last_name", UNSET)

        _bowstyle = d.pop("bowstyle", UNSET)
        bowstyle: Bowstyle | Unset
        if isinstance(_bowstyle, Unset):
            bowstyle = UNSET
        else:
            bowstyle = check_bowstyle(_bowstyle)

        draw_weight_lb = d.pop("draw_weight_lb", UNSET)

        def _parse_date_of_birth(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_of_birth_type_0 = datetime.date.fromisoformat(data)

                return date_of_birth_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        date_of_birth = _parse_date_of_birth(d.pop("date_of_birth", UNSET))

        def _parse_gender(data: object) -> Gender | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                gender_type_0 = check_gender(data)

                return gender_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Gender | None | Unset, data)

        gender = _parse_gender(d.pop("gender", UNSET))

        archer_update = cls(
            email=email,
            first_name=first_name,
            last_name=last_name,
            bowstyle=bowstyle,
            draw_weight_lb=draw_weight_lb,
            date_of_birth=date_of_birth,
            gender=gender,
        )

        return archer_update
