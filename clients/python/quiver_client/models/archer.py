from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.bowstyle import Bowstyle, check_bowstyle
from ..models.gender import Gender, check_gender

T = TypeVar("T", bound="Archer")


@_attrs_define
class Archer:
    """An archer account.

    Attributes:
        id (UUID): The archer id.
        email (str): An email address; compared without regard to case.
        first_name (str): A first or last name (at least one non-space character).
        last_name (str): A first or last name (at least one non-space character).
        bowstyle (Bowstyle): The archer's bow style.
        draw_weight_lb (float): The draw weight in pounds.
        date_of_birth (datetime.date | None): The date of birth, if given.
        gender (Gender | None): The gender, if given.
        created_at (datetime.datetime): When the account was created.
        updated_at (datetime.datetime): When the account was last changed.
    """

    id: UUID
    email: str
    first_name: str
    last_name: str
    bowstyle: Bowstyle
    draw_weight_lb: float
    date_of_birth: datetime.date | None
    gender: Gender | None
    created_at: datetime.datetime
    updated_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        email = self.email

        first_name = self.first_name

        last_name = self.last_name

        bowstyle: str = self.bowstyle

        draw_weight_lb = self.draw_weight_lb

        date_of_birth: None | str
        if isinstance(self.date_of_birth, datetime.date):
            date_of_birth = self.date_of_birth.isoformat()
        else:
            date_of_birth = self.date_of_birth

        gender: None | str
        if isinstance(self.gender, str):
            gender = self.gender
        else:
            gender = self.gender

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "email": email,
                "first_name": first_name,
                "last_name": last_name,
                "bowstyle": bowstyle,
                "draw_weight_lb": draw_weight_lb,
                "date_of_birth": date_of_birth,
                "gender": gender,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        email = d.pop("email")

        first_name = d.pop("first_name")

        last_name = d.pop("last_name")

        bowstyle = check_bowstyle(d.pop("bowstyle"))

        draw_weight_lb = d.pop("draw_weight_lb")

        def _parse_date_of_birth(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_of_birth_type_0 = datetime.date.fromisoformat(data)

                return date_of_birth_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        date_of_birth = _parse_date_of_birth(d.pop("date_of_birth"))

        def _parse_gender(data: object) -> Gender | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                gender_type_0 = check_gender(data)

                return gender_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Gender | None, data)

        gender = _parse_gender(d.pop("gender"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        archer = cls(
            id=id,
            email=email,
            first_name=first_name,
            last_name=last_name,
            bowstyle=bowstyle,
            draw_weight_lb=draw_weight_lb,
            date_of_birth=date_of_birth,
            gender=gender,
            created_at=created_at,
            updated_at=updated_at,
        )

        return archer
