from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.oidc_provider_id import OidcProviderId, check_oidc_provider_id

T = TypeVar("T", bound="AuthProvider")


@_attrs_define
class AuthProvider:
    """A sign-in provider this server is configured for.

    Attributes:
        id (OidcProviderId): An OpenID Connect provider Quiver can accept ID tokens from.
        name (str): The provider's name, for a sign-in button.
        client_id (str): The OAuth client id to request ID tokens for (their audience).
    """

    id: OidcProviderId
    name: str
    client_id: str

    def to_dict(self) -> dict[str, Any]:
        id: str = self.id

        name = self.name

        client_id = self.client_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "client_id": client_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = check_oidc_provider_id(d.pop("id"))

        name = d.pop("name")

        client_id = d.pop("client_id")

        auth_provider = cls(
            id=id,
            name=name,
            client_id=client_id,
        )

        return auth_provider
