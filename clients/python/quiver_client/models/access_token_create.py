from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.token_scope import TokenScope, check_token_scope

T = TypeVar("T", bound="AccessTokenCreate")


@_attrs_define
class AccessTokenCreate:
    """A new personal access token.

    Attributes:
        name (str): What the token is for, so its owner can recognise it (at least one non-space character).
        scopes (list[TokenScope]): The token's scopes, each once; returned in the order of `TokenScope`.
        expires_in_days (int | None): Days until the token expires, up to a year; null for a token that never expires.
    """

    name: str
    scopes: list[TokenScope]
    expires_in_days: int | None

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        scopes = []
        for componentsschemas_token_scopes_item_data in self.scopes:
            componentsschemas_token_scopes_item: str = componentsschemas_token_scopes_item_data
            scopes.append(componentsschemas_token_scopes_item)

        expires_in_days: int | None
        expires_in_days = self.expires_in_days

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "scopes": scopes,
                "expires_in_days": expires_in_days,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        scopes = []
        _scopes = d.pop("scopes")
        for componentsschemas_token_scopes_item_data in _scopes:
            componentsschemas_token_scopes_item = check_token_scope(componentsschemas_token_scopes_item_data)

            scopes.append(componentsschemas_token_scopes_item)

        def _parse_expires_in_days(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        expires_in_days = _parse_expires_in_days(d.pop("expires_in_days"))

        access_token_create = cls(
            name=name,
            scopes=scopes,
            expires_in_days=expires_in_days,
        )

        return access_token_create
