from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.bowstyle import Bowstyle, check_bowstyle
from ..models.gender import Gender, check_gender
from ..types import UNSET, Unset

T = TypeVar("T", bound="ArcherRegistration")


@_attrs_define
class ArcherRegistration:
    """The payload to register an archer.

    Attributes:
        email (str): An email address; compared without regard to case.
        password (str): The password (8 to 128 characters).
        first_name (str): A first or last name (at least one non-space character).
        last_name (str): A first or last name (at least one non-space character).
        bowstyle (Bowstyle): The archer's bow style.
        draw_weight_lb (float): The draw weight in pounds.
        date_of_birth (datetime.date | None | Unset): The date of birth, if the archer wants to give it. In the years
            1900 to 2099.
        gender (Gender | None | Unset): The gender, if the archer wants to give it.
    """

    email: str
    password: str
    first_name: str
    last_name: str
    bowstyle: Bowstyle
    draw_weight_lb: float
    date_of_birth: datetime.date | None | Unset = UNSET
    gender: Gender | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        password = self.password

        first_name = self.first_name

        last_name = self.last_name

        bowstyle: str = self.bowstyle

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

        field_dict.update(
            {
                "email": email,
                "password": password,
                "first_name": first_name,
                "last_name": last_name,
                "bowstyle": bowstyle,
                "draw_weight_lb": draw_weight_lb,
            }
        )
        if date_of_birth is not UNSET:
            field_dict["date_of_birth"] = date_of_birth
        if gender is not UNSET:
            field_dict["gender"] = gender

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        password = d.pop("password")

        first_name = d.pop("first_name")

        last_name = d.pop("last_name")

        bowstyle = check_bowstyle(d.pop("bowstyle"))

        draw_weight_lb = d.pop("draw_weight_lb")

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

        archer_registration = cls(
            email=email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            bowstyle=bowstyle,
            draw_weight_lb=draw_weight_lb,
            date_of_birth=date_of_birth,
            gender=gender,
        )

        return archer_registration
