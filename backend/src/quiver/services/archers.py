"""Archer accounts: registration, profile changes and deletion."""

from typing import Any
from uuid import UUID, uuid5

import asyncpg

from quiver.core.conditional import EntityTags
from quiver.core.db import Connection
from quiver.core.errors import ConflictError, NotFoundError
from quiver.models import archer as archer_model
from quiver.schemas.api import Archer, ArcherRegistration, ArcherUpdate

_EMAIL_TAKEN = "An archer with this email already exists."
# A namespace of its own for the UUIDs that stand for a registration's email.
_REGISTRATION_SCOPE = UUID("8f1c6d2e-5b0a-4f43-9a57-3c1e2b9d7a64")


def _to_archer(row: asyncpg.Record) -> Archer:
    return Archer.model_validate(dict(row))


def _archer_not_found() -> NotFoundError:
    return NotFoundError("archer_not_found", "The archer does not exist.")


def registration_scope(email: str) -> UUID:
    """The ``Idempotency-Key`` scope of a registration, which has no caller yet: its email,
    regardless of case, so that one client's key never replays another email's account."""
    return uuid5(_REGISTRATION_SCOPE, email.casefold())


def registration_fingerprint(registration: ArcherRegistration) -> ArcherRegistration:
    """What a retried registration must repeat: all but the password, of which the key's
    record would otherwise keep a fast (SHA-256) hash beside the email."""
    return registration.model_copy(update={"password": ""})


async def register_archer(
    conn: Connection, password_hash: str, registration: ArcherRegistration
) -> Archer:
    """Create an account with an already hashed password (hash it before borrowing ``conn``);
    the email must be new regardless of case."""
    profile = registration.model_dump(exclude={"password"})
    try:
        row = await archer_model.insert_archer(
            conn,
            email=registration.email,
            password_hash=password_hash,
            first_name=registration.first_name,
            last_name=registration.last_name,
            bowstyle=registration.bowstyle,
            draw_weight_lb=registration.draw_weight_lb,
            date_of_birth=profile.get("date_of_birth"),
            gender=profile.get("gender"),
        )
    except asyncpg.UniqueViolationError as exc:
        raise ConflictError("email_taken", _EMAIL_TAKEN) from exc
    return _to_archer(row)


async def get_archer(conn: Connection, archer_id: UUID) -> Archer:
    """One archer; a deleted account is simply not found."""
    row = await archer_model.select_archer(conn, archer_id)
    if row is None:
        raise _archer_not_found()
    return _to_archer(row)


async def update_archer(
    conn: Connection,
    archer_id: UUID,
    changes: ArcherUpdate,
    *,
    if_match: EntityTags | None = None,
) -> Archer:
    """Apply the fields present in ``changes`` and keep the rest, if ``if_match`` holds."""
    async with conn.transaction():
        row = await _locked_archer(conn, archer_id, if_match)
        fields: dict[str, Any] = dict(row)
        fields.update(changes.model_dump(exclude_unset=True))
        try:
            updated = await archer_model.update_archer(
                conn,
                archer_id,
                email=fields["email"],
                first_name=fields["first_name"],
                last_name=fields["last_name"],
                bowstyle=fields["bowstyle"],
                draw_weight_lb=fields["draw_weight_lb"],
                date_of_birth=fields["date_of_birth"],
                gender=fields["gender"],
            )
        except asyncpg.UniqueViolationError as exc:
            raise ConflictError("email_taken", _EMAIL_TAKEN) from exc
    assert updated is not None
    return _to_archer(updated)


async def delete_archer(
    conn: Connection, archer_id: UUID, *, if_match: EntityTags | None = None
) -> None:
    """Delete an account, its data and its tokens, if ``if_match`` holds."""
    async with conn.transaction():
        if if_match is not None:
            await _locked_archer(conn, archer_id, if_match)
        if not await archer_model.delete_archer(conn, archer_id):
            raise _archer_not_found()


async def _locked_archer(
    conn: Connection, archer_id: UUID, if_match: EntityTags | None
) -> asyncpg.Record:
    """The archer's row, locked until the transaction ends, after checking ``if_match``."""
    row = await archer_model.select_archer_for_update(conn, archer_id)
    if row is None:
        raise _archer_not_found()
    if if_match is not None:
        if_match.require(_to_archer(row))
    return row
