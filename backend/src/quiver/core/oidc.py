"""Verifying OpenID Connect ID tokens against the keys their provider publishes (JWKS).

PyJWT checks the signature and the registered claims; its ``PyJWKClient`` caches the key set
for a TTL, fetches it again when a token names a key it lacks (key rotation), and lets such
fetches happen at most once per cooldown, so tokens with made-up key ids cannot make the
server hammer the provider.
"""

import time
from asyncio import Lock
from dataclasses import dataclass
from http import HTTPStatus
from typing import Annotated, Any, Literal

import jwt
from fastapi import Depends, Request
from jwt import PyJWK, PyJWKClient
from jwt.exceptions import InvalidSubjectError
from starlette.concurrency import run_in_threadpool

from quiver.core.errors import ApiError
from quiver.core.settings import Settings

# Google signs ID tokens with RS256 only; accepting nothing else rules out `none` and the
# HMAC algorithms (whose "secret" an attacker could take from the public key).
ALGORITHM = "RS256"
REQUIRED_CLAIMS = ["iss", "aud", "sub", "exp", "iat"]
PROVIDER_RETRY_AFTER_SECONDS = "5"
FAILURE_PAUSE = float(PROVIDER_RETRY_AFTER_SECONDS)
# The providers the server knows how to configure (the contract's OidcProviderId).
ProviderId = Literal["google"]


@dataclass(frozen=True)
class OidcProvider:
    """A provider whose ID tokens the server accepts."""

    id: ProviderId
    name: str
    client_id: str
    issuers: tuple[str, ...]
    jwks_url: str


def configured_providers(settings: Settings) -> tuple[OidcProvider, ...]:
    """The providers the settings turn on: Google when its client id is set."""
    if settings.oidc_google_client_id is None:
        return ()
    issuer = settings.oidc_google_issuer
    # Google's tokens carry its issuer with or without the scheme (its sign-in documentation
    # says to accept both).
    issuers = tuple(dict.fromkeys((issuer, issuer.removeprefix("https://"))))
    google = OidcProvider(
        id="google",
        name="Google",
        client_id=settings.oidc_google_client_id,
        issuers=issuers,
        jwks_url=settings.oidc_google_jwks_url,
    )
    return (google,)


class InvalidIdTokenError(ApiError):
    """The ID token was refused; ``detail`` says which check failed."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            HTTPStatus.UNAUTHORIZED,
            "invalid_id_token",
            detail,
            headers={"WWW-Authenticate": 'Bearer realm="quiver", error="invalid_token"'},
        )


class ProviderUnavailableError(ApiError):
    """The provider's keys could not be fetched, so no token of it can be checked now."""

    def __init__(self, provider: OidcProvider) -> None:
        super().__init__(
            HTTPStatus.SERVICE_UNAVAILABLE,
            "provider_unavailable",
            f"{provider.name}'s signing keys cannot be fetched; retry shortly.",
            headers={"Retry-After": PROVIDER_RETRY_AFTER_SECONDS},
        )


# What each of PyJWT's refusals means, most specific first (some subclass others).
_REFUSALS: tuple[tuple[type[jwt.PyJWTError], str], ...] = (
    (jwt.InvalidSignatureError, "The ID token's signature does not verify."),
    (jwt.ExpiredSignatureError, "The ID token has expired (exp)."),
    (jwt.InvalidAudienceError, "The ID token is for another client (aud)."),
    (jwt.InvalidIssuerError, "The ID token comes from another issuer (iss)."),
    (jwt.ImmatureSignatureError, "The ID token is not valid yet (iat or nbf is in the future)."),
    (jwt.InvalidIssuedAtError, "The ID token's issue time (iat) is not a number."),
    (jwt.InvalidAlgorithmError, f"The ID token is not signed with {ALGORITHM}."),
    (InvalidSubjectError, "The ID token's subject (sub) is not a string."),
    (jwt.InvalidKeyError, "The provider's key for the ID token is too weak (under 2048 bits)."),
)


def _refusal(exc: jwt.PyJWTError) -> InvalidIdTokenError:
    if isinstance(exc, jwt.MissingRequiredClaimError):
        return InvalidIdTokenError(f"The ID token lacks the `{exc.claim}` claim.")
    for kind, detail in _REFUSALS:
        if isinstance(exc, kind):
            return InvalidIdTokenError(detail)
    return InvalidIdTokenError("The ID token is not a well-formed JWT.")


def _key_id(token: str) -> str:
    """The key id of a token that claims the one accepted algorithm, read before any fetch."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise InvalidIdTokenError("The ID token is not a well-formed JWT.") from exc
    if header.get("alg") != ALGORITHM:
        raise InvalidIdTokenError(f"The ID token is not signed with {ALGORITHM}.")
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise InvalidIdTokenError("The ID token names no signing key (kid).")
    return kid


class _KeySetClient(PyJWKClient):
    """PyJWT's JWKS client, for which any failed fetch means the provider is unavailable.

    PyJWT raises its connection error only for network failures; an answer that is not a key
    set raises the same error type as a key id that matches no key, or escapes as a
    ``ValueError`` (not JSON) or an ``OSError`` (connection reset while reading). After a
    failed fetch, fetches fail at once for as long as the 503 tells clients to wait, so a
    provider that is down or hanging costs one timeout per pause, not one per login.
    """

    def __init__(self, uri: str, **options: Any) -> None:
        super().__init__(uri, **options)
        self._failed_at: float | None = None

    def fetch_data(self) -> Any:
        if self._failed_at is not None and time.monotonic() - self._failed_at < FAILURE_PAUSE:
            raise jwt.PyJWKClientConnectionError("the last fetch failed moments ago")
        try:
            data = super().fetch_data()
        except (jwt.PyJWKClientError, jwt.PyJWKSetError, OSError, ValueError) as exc:
            self._failed_at = time.monotonic()
            raise jwt.PyJWKClientConnectionError(str(exc)) from exc
        self._failed_at = None
        return data


class IdTokenVerifier:
    """Checks one provider's ID tokens: signature, issuer, audience, expiry and issue time."""

    def __init__(self, provider: OidcProvider, settings: Settings) -> None:
        self.provider = provider
        self._leeway = settings.oidc_leeway_seconds
        self._keys = _KeySetClient(
            provider.jwks_url,
            cache_jwk_set=True,
            lifespan=settings.oidc_jwks_ttl_seconds,
            timeout=settings.oidc_jwks_timeout_seconds,
            cooldown_duration=settings.oidc_jwks_refetch_seconds,
        )
        # One lookup at a time: while the provider is slow, waiting logins hold no thread.
        self._lookup = Lock()

    async def verify(self, token: str) -> dict[str, Any]:
        """The claims of a valid token; anything else raises ``InvalidIdTokenError``."""
        key = await self._signing_key(_key_id(token))
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                audience=self.provider.client_id,
                issuer=self.provider.issuers,
                leeway=self._leeway,
                # Keys shorter than 2048 bits are refused, not merely warned about.
                options={"require": REQUIRED_CLAIMS, "enforce_minimum_key_length": True},
            )
        except jwt.PyJWTError as exc:
            raise _refusal(exc) from exc
        return claims

    async def _signing_key(self, kid: str) -> PyJWK:
        # PyJWKClient fetches with blocking urllib (under its timeout): off the event loop.
        async with self._lookup:
            try:
                return await run_in_threadpool(self._keys.get_signing_key, kid)
            except jwt.PyJWKClientConnectionError as exc:
                raise ProviderUnavailableError(self.provider) from exc
            except jwt.PyJWKClientError as exc:
                raise InvalidIdTokenError(
                    f"No signing key of {self.provider.name} has the ID token's key id."
                ) from exc


class OidcVerifiers:
    """The verifier of each configured provider, by provider id."""

    def __init__(self, settings: Settings) -> None:
        self._by_id = {
            provider.id: IdTokenVerifier(provider, settings)
            for provider in configured_providers(settings)
        }

    @property
    def providers(self) -> list[OidcProvider]:
        """The configured providers."""
        return [verifier.provider for verifier in self._by_id.values()]

    def get(self, provider_id: ProviderId) -> IdTokenVerifier | None:
        """The verifier of a provider, or ``None`` when it is not configured."""
        return self._by_id.get(provider_id)


async def get_oidc(request: Request) -> OidcVerifiers:
    """The verifiers created with the app."""
    verifiers: OidcVerifiers = request.app.state.oidc
    return verifiers


Oidc = Annotated[OidcVerifiers, Depends(get_oidc)]
