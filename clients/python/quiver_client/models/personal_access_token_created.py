from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.token_scope import TokenScope, check_token_scope

T = TypeVar("T", bound="PersonalAccessTokenCreated")


@_attrs_define
class PersonalAccessTokenCreated:
    """A new personal access token with its secret, shown this once.

    Attributes:
        id (UUID):
        name (str): What the token is for, so its owner can recognise it (at least one non-space character).
        scopes (list[TokenScope]): The token's scopes, each once; returned in the order of `TokenScope`.
        token_hint (str): The secret's prefix and last four characters, to tell tokens apart; not a secret.
        created_at (datetime.datetime): When it was created.
        expires_at (datetime.datetime | None): When it stops being accepted; null if never.
        last_used_at (datetime.datetime | None): Null for a new token.
        token (str): The secret, to send as `Authorization: Bearer <token>`. Shown only here.
    """

    id: UUID
    name: str
    scopes: list[TokenScope]
    token_hint: str
    created_at: datetime.datetime
    expires_at: datetime.datetime | None
    last_used_at: datetime.datetime | None
    token: str

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        scopes = []
        for componentsschemas_token_scopes_item_data in self.scopes:
            componentsschemas_token_scopes_item: str = componentsschemas_token_scopes_item_data
            scopes.append(componentsschemas_token_scopes_item)

        token_hint = self.token_hint

        created_at = self.created_at.isoformat()

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        last_used_at: None | str
        if isinstance(self.last_used_at, datetime.datetime):
            last_used_at = self.last_used_at.isoformat()
        else:
            last_used_at = self.last_used_at

        token = self.token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "scopes": scopes,
                "token_hint": token_hint,
                "created_at": created_at,
                "expires_at": expires_at,
                "last_used_at": last_used_at,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        scopes = []
        _scopes = d.pop("scopes")
        for componentsschemas_token_scopes_item_data in _scopes:
            componentsschemas_token_scopes_item = check_token_scope(componentsschemas_token_scopes_item_data)

            scopes.append(componentsschemas_token_scopes_item)

        token_hint = d.pop("token_hint")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        def _parse_last_used_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_used_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_used_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_used_at = _parse_last_used_at(d.pop("last_used_at"))

        token = d.pop("token")

        personal_access_token_created = cls(
            id=id,
            name=name,
            scopes=scopes,
            token_hint=token_hint,
            created_at=created_at,
            expires_at=expires_at,
            last_used_at=last_used_at,
            token=token,
        )

        return personal_access_token_created
