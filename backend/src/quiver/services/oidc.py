"""Signing in with an OpenID Connect provider: which archer holds a verified ID token.

An identity is linked to an archer by the provider's subject (``sub``), which never changes.
The first sign-in links the account with the same email, which the provider must have
verified (anyone can put any address in an unverified claim); without one, it creates an
account that has no password.
"""

import re
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import asyncpg

from quiver.core.db import Connection, Pool
from quiver.core.errors import NotFoundError
from quiver.core.oidc import InvalidIdTokenError, OidcVerifiers
from quiver.models import archer as archer_model
from quiver.models import identity as identity_model
from quiver.schemas.api import AccessToken, AuthProvider, AuthProviderList, OidcLogin
from quiver.services.auth import issue_token

# A new account's equipment profile, which no ID token carries: the most common bow style and
# a beginner's draw weight, both changed with updateMyArcher (the contract says so).
NEW_ARCHER_BOWSTYLE = "recurve"
NEW_ARCHER_DRAW_WEIGHT_LB = 30.0
# The contract's bounds: PersonName, Email, and the subject column.
NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254
SUBJECT_MAX_LENGTH = 255
_EMAIL = re.compile(r"^[^@\s\x00]+@[^@\s\x00]+$")
# The last name of an account whose token has none (a single-word name).
UNKNOWN_NAME = "-"


@dataclass(frozen=True)
class Identity:
    """Who a verified ID token says its holder is."""

    provider: str
    subject: str
    email: str
    first_name: str
    last_name: str


def list_providers(verifiers: OidcVerifiers) -> AuthProviderList:
    """The providers whose ID tokens are accepted."""
    return AuthProviderList(
        items=[
            AuthProvider(id=provider.id, name=provider.name, client_id=provider.client_id)
            for provider in verifiers.providers
        ]
    )


async def log_in_with_oidc(
    pool: Pool, verifiers: OidcVerifiers, login: OidcLogin, ttl_seconds: int
) -> AccessToken:
    """Issue a login token to the archer the ID token identifies, creating one if needed.

    No connection is held while the token is checked, which may fetch the provider's keys.
    """
    verifier = verifiers.get(login.provider)
    if verifier is None:
        raise NotFoundError(
            "provider_not_configured",
            f"Sign-in with {login.provider} is not configured on this server.",
        )
    claims = await verifier.verify(login.id_token)
    archer_id = await _archer_of(pool, identity_of(login.provider, claims))
    return await issue_token(pool, archer_id, ttl_seconds)


def identity_of(provider: str, claims: dict[str, Any]) -> Identity:
    """The identity in a token's checked claims; refused when the email is not verified."""
    subject = claims["sub"]
    if not 0 < len(subject) <= SUBJECT_MAX_LENGTH:
        raise InvalidIdTokenError("The ID token's subject (sub) is empty or too long.")
    email = claims.get("email")
    if not isinstance(email, str) or len(email) > EMAIL_MAX_LENGTH or not _EMAIL.match(email):
        raise InvalidIdTokenError("The ID token carries no usable email (email).")
    # Google sends a boolean; some providers have sent the string. (1 == True: compare by identity.)
    verified = claims.get("email_verified")
    if not (verified is True or verified == "true"):
        raise InvalidIdTokenError("The provider has not verified the email (email_verified).")
    first_name, last_name = names_of(claims, email)
    return Identity(provider, subject, email, first_name, last_name)


def names_of(claims: dict[str, Any], email: str) -> tuple[str, str]:
    """First and last name from the given and family names, else the full name, else the
    email's local part; each fits the contract's PersonName."""
    first = _person_name(claims.get("given_name"))
    last = _person_name(claims.get("family_name"))
    full = _person_name(claims.get("name"))
    if full is not None:
        head, _, tail = full.partition(" ")
        first = first or _person_name(head)
        last = last or _person_name(tail)
    first = first or _person_name(email.partition("@")[0]) or UNKNOWN_NAME
    return first, last or UNKNOWN_NAME


def _person_name(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    name = value.replace("\x00", "").strip()[:NAME_MAX_LENGTH].strip()
    return name or None


async def _archer_of(pool: Pool, identity: Identity) -> UUID:
    """The archer linked to the identity, linking or creating one on first sign-in."""
    try:
        return await _link_in_transaction(pool, identity)
    except asyncpg.UniqueViolationError:
        # Two first sign-ins at once raced on the email or the subject, and the other one
        # committed first: what it linked is there now.
        return await _link_in_transaction(pool, identity)


async def _link_in_transaction(pool: Pool, identity: Identity) -> UUID:
    async with pool.acquire() as conn, conn.transaction():
        return await _find_or_link(conn, identity)


async def _find_or_link(conn: Connection, identity: Identity) -> UUID:
    linked = await identity_model.select_identity(conn, identity.provider, identity.subject)
    if linked is not None:
        archer_id: UUID = linked["archer_id"]
        return archer_id
    account = await archer_model.select_archer_credentials(conn, identity.email)
    if account is None:
        account = await archer_model.insert_archer(
            conn,
            email=identity.email,
            password_hash=None,
            first_name=identity.first_name,
            last_name=identity.last_name,
            bowstyle=NEW_ARCHER_BOWSTYLE,
            draw_weight_lb=NEW_ARCHER_DRAW_WEIGHT_LB,
            date_of_birth=None,
            gender=None,
        )
    archer_id = account["id"]
    await identity_model.insert_identity(conn, identity.provider, identity.subject, archer_id)
    return archer_id
