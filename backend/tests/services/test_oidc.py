"""Sign-in rules: which identity a verified token carries, and which archer it links to."""

import asyncio
from typing import Any

import pytest

from backend.tests.fake_oidc import FakeProvider, oidc_settings
from quiver.core.db import Pool
from quiver.core.oidc import InvalidIdTokenError, OidcVerifiers
from quiver.schemas.api import OidcLogin
from quiver.services.oidc import identity_of, log_in_with_oidc, names_of

EMAIL = "maid.marian@example.org"


def claims(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {"sub": "1234", "email": EMAIL, "email_verified": True}
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ({"given_name": "Maid", "family_name": "Marian", "name": "Lady M"}, ("Maid", "Marian")),
        ({"name": "Maid Marian of Leaford"}, ("Maid", "Marian of Leaford")),
        ({"given_name": "Maid", "name": "Maid Marian"}, ("Maid", "Marian")),
        ({"name": "Cher"}, ("Cher", "-")),
        ({}, ("maid.marian", "-")),
        ({"given_name": "  ", "family_name": "\x00", "name": 7}, ("maid.marian", "-")),
        ({"given_name": " Ma\x00id ", "family_name": "M" * 150}, ("Maid", "M" * 100)),
    ],
)
def test_names_come_from_the_claims_and_fit_the_contract(
    names: dict[str, Any], expected: tuple[str, str]
) -> None:
    assert names_of(names, EMAIL) == expected


def test_an_identity_is_the_subject_and_the_verified_email() -> None:
    identity = identity_of("google", claims(given_name="Maid", family_name="Marian"))
    assert (identity.provider, identity.subject, identity.email) == ("google", "1234", EMAIL)
    # Some providers send the flag as a string.
    assert identity_of("google", claims(email_verified="true")).email == EMAIL


@pytest.mark.parametrize(
    ("overrides", "detail"),
    [
        ({"email_verified": None}, "(email_verified)"),
        ({"email_verified": "false"}, "(email_verified)"),
        ({"email_verified": 1}, "(email_verified)"),
        ({"email": None}, "no usable email"),
        ({"email": "not an address"}, "no usable email"),
        ({"email": "a@" + "b" * 253}, "no usable email"),
        ({"sub": ""}, "(sub)"),
        ({"sub": "1" * 256}, "(sub)"),
    ],
)
def test_an_identity_needs_a_verified_usable_email_and_a_bounded_subject(
    overrides: dict[str, Any], detail: str
) -> None:
    with pytest.raises(InvalidIdTokenError) as refused:
        identity_of("google", claims(**overrides))
    assert detail in refused.value.detail


async def test_simultaneous_first_sign_ins_make_one_archer(pool: Pool, database_url: str) -> None:
    """The requests race on the new email and subject; the losers find the winner's archer."""
    with FakeProvider.serving() as provider:
        verifiers = OidcVerifiers(oidc_settings(database_url, provider))
        login = OidcLogin(provider="google", id_token=provider.token())
        tokens = await asyncio.gather(
            *(log_in_with_oidc(pool, verifiers, login, 3600) for _ in range(4))
        )
    assert len({token.archer_id for token in tokens}) == 1
    assert len({token.access_token for token in tokens}) == 4
    assert await pool.fetchval("SELECT count(*) FROM archer_identity") == 1
