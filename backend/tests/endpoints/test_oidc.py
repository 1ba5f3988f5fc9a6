"""POST /api/v0/auth/oidc and GET /api/v0/auth/providers, against a fake Google on loopback."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from backend.tests.endpoints.test_auth import CountingHasher
from backend.tests.fake_oidc import (
    CLIENT_ID,
    ISSUER,
    FakeProvider,
    forged_token,
    oidc_settings,
    signing_key,
)
from conftest import PASSWORD, ArcherFactory, free_port, make_settings
from quiver.app import create_app
from quiver.core.db import Pool
from quiver.core.oidc import OidcVerifiers
from quiver.core.security import Passwords
from quiver.core.settings import Settings

OIDC = "/api/v0/auth/oidc"


@contextmanager
def verifying_with(app: FastAPI, settings: Settings) -> Iterator[None]:
    """The app verifies ID tokens as ``settings`` say, with a fresh key cache.

    (pytest's monkeypatch cannot restore an attribute of Starlette's ``State``.)
    """
    previous = app.state.oidc
    app.state.oidc = OidcVerifiers(settings)
    try:
        yield
    finally:
        app.state.oidc = previous


@pytest.fixture
def google(app: FastAPI, database_url: str) -> Iterator[FakeProvider]:
    """Google sign-in turned on in the app, served by a fake Google."""
    with (
        FakeProvider.serving() as provider,
        verifying_with(app, oidc_settings(database_url, provider)),
    ):
        yield provider


async def sign_in(client: AsyncClient, token: str) -> Any:
    return await client.post(OIDC, json={"provider": "google", "id_token": token})


async def me(client: AsyncClient, access_token: str) -> dict[str, Any]:
    response = await client.get(
        "/api/v0/archer/me", headers={"Authorization": f"Bearer {access_token}"}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def identities(pool: Pool) -> int:
    count: int = await pool.fetchval("SELECT count(*) FROM archer_identity")
    return count


async def test_first_sign_in_creates_an_archer_and_the_next_signs_in_the_same_one(
    client: AsyncClient, google: FakeProvider
) -> None:
    claims = google.claims()
    first = await sign_in(client, google.token(**claims))
    assert first.status_code == 200, first.text
    token = first.json()
    assert token["token_type"] == "bearer"
    archer = await me(client, token["access_token"])
    assert archer["id"] == token["archer_id"]
    assert (archer["email"], archer["first_name"], archer["last_name"]) == (
        claims["email"],
        "Maid",
        "Marian",
    )
    assert (archer["bowstyle"], archer["draw_weight_lb"]) == ("recurve", 30)
    # The subject identifies the archer, whatever the email becomes.
    again = await sign_in(client, google.token(sub=claims["sub"], email="renamed@example.org"))
    assert again.status_code == 200, again.text
    assert again.json()["archer_id"] == token["archer_id"]
    assert again.json()["access_token"] != token["access_token"]


async def test_sign_in_links_the_password_account_with_the_same_verified_email(
    client: AsyncClient, google: FakeProvider, archer_factory: ArcherFactory, pool: Pool
) -> None:
    archer = await archer_factory()
    response = await sign_in(client, google.token(email=archer.email.upper()))
    assert response.status_code == 200, response.text
    assert response.json()["archer_id"] == archer.id
    assert (await me(client, response.json()["access_token"]))["first_name"] == "Robin"
    assert await identities(pool) == 1
    password_login = await client.post(
        "/api/v0/auth/login", json={"email": archer.email, "password": PASSWORD}
    )
    assert password_login.status_code == 200


async def test_an_account_created_by_sign_in_has_no_password(
    app: FastAPI, client: AsyncClient, google: FakeProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Password login fails as for a wrong password, after a verification of the same cost."""
    email = "no-password@example.org"
    assert (await sign_in(client, google.token(email=email))).status_code == 200
    passwords: Passwords = app.state.passwords
    counting = CountingHasher(passwords._hasher)
    monkeypatch.setattr(passwords, "_hasher", counting)
    answers = [
        await client.post("/api/v0/auth/login", json={"email": address, "password": PASSWORD})
        for address in (email, "nobody-at-all@example.org")
    ]
    assert [answer.status_code for answer in answers] == [401, 401]
    assert answers[0].json()["detail"] == answers[1].json()["detail"]
    assert answers[0].json()["code"] == answers[1].json()["code"] == "unauthenticated"
    assert counting.verified == [passwords._decoy_hash] * 2


async def test_a_deleted_account_signs_in_anew(
    client: AsyncClient, google: FakeProvider, pool: Pool
) -> None:
    claims = google.claims()
    first = (await sign_in(client, google.token(**claims))).json()
    headers = {"Authorization": f"Bearer {first['access_token']}"}
    assert (await client.delete("/api/v0/archer/me", headers=headers)).status_code == 204
    assert await identities(pool) == 0
    second = await sign_in(client, google.token(**claims))
    assert second.status_code == 200
    assert second.json()["archer_id"] != first["archer_id"]


REFUSALS = {
    "wrong audience": ({"aud": "someone-else.apps.googleusercontent.com"}, "(aud)"),
    "wrong issuer": ({"iss": "https://accounts.example.org"}, "(iss)"),
    "expired": ({"iat": 1_700_000_000, "exp": 1_700_003_600}, "expired"),
    "unverified email": ({"email_verified": False}, "(email_verified)"),
    "no email": ({"email": None}, "no usable email"),
}


@pytest.mark.parametrize(("claims", "detail"), REFUSALS.values(), ids=REFUSALS.keys())
async def test_a_refused_token_is_a_precise_401(
    client: AsyncClient, google: FakeProvider, pool: Pool, claims: dict[str, Any], detail: str
) -> None:
    response = await sign_in(client, google.token(**claims))
    assert response.status_code == 401, response.text
    assert response.json()["code"] == "invalid_id_token"
    assert detail in response.json()["detail"]
    assert response.headers["www-authenticate"].startswith("Bearer ")
    assert await identities(pool) == 0


async def test_a_token_signed_with_another_key_is_refused(
    client: AsyncClient, google: FakeProvider
) -> None:
    impostor = signing_key("impostor")
    token = google.token(key=impostor).split(".")
    # The impostor's signature under the published key's id.
    header = google.token().split(".")[0]
    response = await sign_in(client, ".".join([header, *token[1:]]))
    assert response.status_code == 401
    assert response.json()["detail"] == "The ID token's signature does not verify."


@pytest.mark.parametrize("secret", [None, b"hmac"], ids=["alg none", "HS256"])
async def test_unsigned_and_hmac_tokens_are_refused_before_any_fetch(
    client: AsyncClient, google: FakeProvider, secret: bytes | None
) -> None:
    alg = "none" if secret is None else "HS256"
    # The HMAC "secret" an attacker would use: the provider's public key.
    key = google.published[0].public_pem() if secret else None
    token = forged_token({"alg": alg, "kid": "key-1", "typ": "JWT"}, google.claims(), key)
    response = await sign_in(client, token)
    assert response.status_code == 401
    assert response.json()["detail"] == "The ID token is not signed with RS256."
    assert google.fetches == 0


async def test_a_rotated_key_is_fetched_and_the_retired_one_refused(
    client: AsyncClient, google: FakeProvider
) -> None:
    old_key, new_key = google.published[0], signing_key("key-2")
    old_token = google.token()
    assert (await sign_in(client, old_token)).status_code == 200
    assert google.fetches == 1
    google.published = [new_key]
    rotated = await sign_in(client, google.token(key=new_key))
    assert rotated.status_code == 200, rotated.text
    assert google.fetches == 2
    retired = await sign_in(client, google.token(key=old_key))
    assert retired.status_code == 401
    assert retired.json()["detail"] == "No signing key of Google has the ID token's key id."


async def test_an_unreachable_provider_is_a_503(
    app: FastAPI, client: AsyncClient, database_url: str
) -> None:
    with FakeProvider.serving() as provider:
        token = provider.token()
    closed = f"http://127.0.0.1:{free_port()}/certs"
    settings = oidc_settings(database_url, provider, oidc_google_jwks_url=closed)
    with verifying_with(app, settings):
        response = await sign_in(client, token)
    assert response.status_code == 503
    assert response.json()["code"] == "provider_unavailable"
    assert response.headers["retry-after"] == "5"


async def test_a_provider_that_is_not_configured_is_a_404(client: AsyncClient) -> None:
    response = await client.post(OIDC, json={"provider": "google", "id_token": "a.b.c"})
    assert response.status_code == 404
    assert response.json()["code"] == "provider_not_configured"


@pytest.mark.parametrize(
    "body",
    [
        {"provider": "facebook", "id_token": "a.b.c"},
        {"provider": "google", "id_token": ""},
        {"provider": "google", "id_token": "a" * 8193},
        {"provider": "google"},
    ],
    ids=["unknown provider", "empty token", "token too long", "no token"],
)
async def test_a_malformed_request_is_a_validation_problem(
    client: AsyncClient, body: dict[str, Any]
) -> None:
    response = await client.post(OIDC, json=body)
    assert response.status_code == 422
    assert response.json()["code"] == "validation_failed"


async def test_providers_lists_google_only_when_configured(
    client: AsyncClient, google: FakeProvider, database_url: str, app: FastAPI
) -> None:
    on = await client.get("/api/v0/auth/providers")
    assert on.status_code == 200
    assert google.fetches == 0
    assert on.json() == {"items": [{"id": "google", "name": "Google", "client_id": CLIENT_ID}]}
    with verifying_with(app, make_settings(database_url)):
        off = await client.get("/api/v0/auth/providers")
    assert off.json() == {"items": []}


def test_the_app_turns_google_sign_in_on_from_its_settings(database_url: str) -> None:
    with FakeProvider.serving() as provider:
        application = create_app(oidc_settings(database_url, provider))
    [google] = application.state.oidc.providers
    assert (google.id, google.client_id, google.jwks_url) == (
        "google",
        CLIENT_ID,
        provider.jwks_url,
    )
    assert google.issuers == (ISSUER, "accounts.google.com")
