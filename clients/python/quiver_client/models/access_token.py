from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="AccessToken")


@_attrs_define
class AccessToken:
    """An opaque bearer token.

    Attributes:
        access_token (str): The token to send as `Authorization: Bearer <access_token>`.
        token_type (Literal['bearer']): Always `bearer`.
        expires_at (datetime.datetime): When the token stops being accepted.
        archer_id (UUID): The archer the token belongs to.
    """

    access_token: str
    token_type: Literal["bearer"]
    expires_at: datetime.datetime
    archer_id: UUID

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        token_type = self.token_type

        expires_at = self.expires_at.isoformat()

        archer_id = str(self.archer_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "access_token": access_token,
                "token_type": token_type,
                "expires_at": expires_at,
                "archer_id": archer_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        access_token = d.pop("access_token")

        token_type = cast(Literal["bearer"], d.pop("token_type"))
        if token_type != "bearer":
            raise ValueError(f"token_type must match const 'bearer', got '{token_type}'")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        archer_id = UUID(d.pop("archer_id"))

        access_token = cls(
            access_token=access_token,
            token_type=token_type,
            expires_at=expires_at,
            archer_id=archer_id,
        )

        return access_token
