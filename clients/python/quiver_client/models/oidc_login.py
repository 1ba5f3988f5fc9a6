from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.oidc_provider_id import OidcProviderId, check_oidc_provider_id

T = TypeVar("T", bound="OidcLogin")


@_attrs_define
class OidcLogin:
    """An ID token to log in with.

    Attributes:
        provider (OidcProviderId): An OpenID Connect provider Quiver can accept ID tokens from.
        id_token (str): The ID token (a signed JWT) the provider issued for the listed `client_id`.
    """

    provider: OidcProviderId
    id_token: str

    def to_dict(self) -> dict[str, Any]:
        provider: str = self.provider

        id_token = self.id_token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "provider": provider,
                "id_token": id_token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        provider = check_oidc_provider_id(d.pop("provider"))

        id_token = d.pop("id_token")

        oidc_login = cls(
            provider=provider,
            id_token=id_token,
        )

        return oidc_login
