"""The ID-token verifier: claims, key cache, rotation and refetch limits, broken providers."""

import asyncio
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from jwt.warnings import InsecureKeyLengthWarning

from backend.tests.fake_oidc import ISSUER, FakeProvider, forged_token, oidc_settings, signing_key
from conftest import free_port, make_settings
from quiver.core.oidc import (
    IdTokenVerifier,
    InvalidIdTokenError,
    OidcVerifiers,
    ProviderUnavailableError,
    configured_providers,
)


@pytest.fixture
def provider() -> Iterator[FakeProvider]:
    with FakeProvider.serving() as fake:
        yield fake


def verifier(database_url: str, provider: FakeProvider, **overrides: Any) -> IdTokenVerifier:
    google = OidcVerifiers(oidc_settings(database_url, provider, **overrides)).get("google")
    assert google is not None
    return google


async def refusal(google: IdTokenVerifier, token: str) -> str:
    with pytest.raises(InvalidIdTokenError) as refused:
        await google.verify(token)
    return refused.value.detail


async def test_a_valid_token_yields_its_claims(database_url: str, provider: FakeProvider) -> None:
    claims = provider.claims()
    assert await verifier(database_url, provider).verify(provider.token(**claims)) == claims


async def test_google_issues_tokens_with_and_without_the_scheme(
    database_url: str, provider: FakeProvider
) -> None:
    google = verifier(database_url, provider)
    for issuer in (ISSUER, "accounts.google.com"):
        assert (await google.verify(provider.token(iss=issuer)))["iss"] == issuer
    assert "(iss)" in await refusal(google, provider.token(iss="http://accounts.google.com"))


async def test_clock_skew_is_allowed_up_to_the_leeway(
    database_url: str, provider: FakeProvider
) -> None:
    google = verifier(database_url, provider, oidc_leeway_seconds=60)
    now = int(provider.claims()["iat"])
    assert await google.verify(provider.token(exp=now - 30))
    assert await google.verify(provider.token(iat=now + 30))
    assert "expired" in await refusal(google, provider.token(exp=now - 120))
    assert "not valid yet" in await refusal(google, provider.token(iat=now + 120))


@pytest.mark.parametrize("claim", ["iss", "aud", "sub", "exp", "iat"])
async def test_a_token_without_a_required_claim_is_refused(
    database_url: str, provider: FakeProvider, claim: str
) -> None:
    detail = await refusal(verifier(database_url, provider), provider.token(**{claim: None}))
    assert detail == f"The ID token lacks the `{claim}` claim."


async def test_a_subject_that_is_not_a_string_is_refused(
    database_url: str, provider: FakeProvider
) -> None:
    detail = await refusal(verifier(database_url, provider), provider.token(sub=12345))
    assert "(sub)" in detail


@pytest.mark.parametrize(
    "token",
    ["", "not a token", "a.b.c", "ey.ey.ey", "é.é.é", "x" * 100],
)
async def test_a_malformed_token_is_refused_before_any_fetch(
    database_url: str, provider: FakeProvider, token: str
) -> None:
    detail = await refusal(verifier(database_url, provider), token)
    assert detail == "The ID token is not a well-formed JWT."
    assert provider.fetches == 0


async def test_a_token_naming_no_key_is_refused(database_url: str, provider: FakeProvider) -> None:
    token = forged_token({"alg": "RS256"}, provider.claims(), b"")
    assert "(kid)" in await refusal(verifier(database_url, provider), token)


async def test_a_key_under_2048_bits_is_refused(database_url: str, provider: FakeProvider) -> None:
    weak = signing_key("weak", bits=1024)
    provider.published = [weak]
    with pytest.warns(InsecureKeyLengthWarning):
        token = provider.token(key=weak)
    detail = await refusal(verifier(database_url, provider), token)
    assert "too weak" in detail


async def test_the_key_set_is_fetched_once_while_fresh(
    database_url: str, provider: FakeProvider
) -> None:
    google = verifier(database_url, provider)
    for _ in range(3):
        await google.verify(provider.token())
    assert provider.fetches == 1


async def test_a_key_set_past_its_ttl_is_fetched_again(
    database_url: str, provider: FakeProvider
) -> None:
    google = verifier(database_url, provider, oidc_jwks_ttl_seconds=1e-6)
    await google.verify(provider.token())
    await google.verify(provider.token())
    assert provider.fetches == 2


async def test_unknown_key_ids_cost_at_most_one_fetch_per_interval(
    database_url: str, provider: FakeProvider
) -> None:
    """A flood of made-up key ids cannot make the server hammer the provider."""
    google = verifier(database_url, provider, oidc_jwks_refetch_seconds=3600)
    await google.verify(provider.token())
    rotated = signing_key("key-2")
    provider.published.append(rotated)
    flood = [
        forged_token({"alg": "RS256", "kid": f"made-up-{n}"}, provider.claims(), b"")
        for n in range(20)
    ]
    details = await asyncio.gather(*(refusal(google, token) for token in flood))
    assert set(details) == {"No signing key of Google has the ID token's key id."}
    # Even a genuinely new key waits for the interval.
    assert "No signing key" in await refusal(google, provider.token(key=rotated))
    assert provider.fetches == 1


async def test_an_unreachable_provider_is_unavailable(
    database_url: str, provider: FakeProvider
) -> None:
    closed = f"http://127.0.0.1:{free_port()}/certs"
    google = verifier(database_url, provider, oidc_google_jwks_url=closed)
    with pytest.raises(ProviderUnavailableError):
        await google.verify(provider.token())


async def test_a_provider_that_does_not_answer_is_unavailable_after_the_timeout(
    database_url: str, provider: FakeProvider
) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # connections complete in the backlog, and nothing ever answers
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/certs"
        google = verifier(
            database_url, provider, oidc_google_jwks_url=url, oidc_jwks_timeout_seconds=0.2
        )
        with pytest.raises(ProviderUnavailableError):
            await google.verify(provider.token())


async def test_after_a_failed_fetch_logins_fail_at_once_for_the_retry_pause(
    database_url: str, provider: FakeProvider
) -> None:
    provider.raw_answer = b"<html>"
    google = verifier(database_url, provider)
    for _ in range(3):
        with pytest.raises(ProviderUnavailableError):
            await google.verify(provider.token())
    assert provider.fetches == 1


@pytest.mark.parametrize("answer", [b"<html>", b"[]", b'{"keys": []}', b'{"keys": "no"}'])
async def test_a_provider_answering_no_key_set_is_unavailable(
    database_url: str, provider: FakeProvider, answer: bytes
) -> None:
    provider.raw_answer = answer
    with pytest.raises(ProviderUnavailableError):
        await verifier(database_url, provider).verify(provider.token())


def test_google_is_off_until_its_client_id_is_set(database_url: str) -> None:
    assert not configured_providers(make_settings(database_url))
    [google] = configured_providers(
        make_settings(database_url, oidc_google_client_id="id", oidc_google_issuer="https://i.test")
    )
    assert google.issuers == ("https://i.test", "i.test")
