from typing import Literal

OidcProviderId = Literal["google"]

OIDC_PROVIDER_ID_VALUES: set[OidcProviderId] = {
    "google",
}


def check_oidc_provider_id(value: str) -> OidcProviderId:
    if value in OIDC_PROVIDER_ID_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OIDC_PROVIDER_ID_VALUES!r}")
