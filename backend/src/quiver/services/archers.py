"""Archer accounts: registration, profile changes and deletion."""

from typing import Any
from uuid import UUID

import asyncpg

from quiver.core.db import Connection, Pool
from quiver.core.errors import ConflictError, NotFoundError
from quiver.core.security import Passwords
from quiver.models import archer as archer_model
from quiver.schemas.api import Archer, ArcherRegistration, ArcherUpdate

_EMAIL_TAKEN = "An archer with this email already exists."


def _to_archer(row: asyncpg.Record) -> Archer:
    return Archer.model_validate(dict(row))


async def register_archer(
    pool: Pool, passwords: Passwords, registration: ArcherRegistration
) -> Archer:
    """Create an account; the email must be new regardless of case.

    The password is hashed before a connection is borrowed for the one insert.
    """
    password_hash = await passwords.hash(registration.password)
    profile = registration.model_dump(exclude={"password"})
    try:
        row = await archer_model.insert_archer(
            pool,
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
        raise NotFoundError("archer_not_found", "The archer does not exist.")
    return _to_archer(row)


async def update_archer(conn: Connection, archer_id: UUID, changes: ArcherUpdate) -> Archer:
    """Apply the fields present in ``changes`` and keep the rest."""
    async with conn.transaction():
        row = await archer_model.select_archer_for_update(conn, archer_id)
        if row is None:
            raise NotFoundError("archer_not_found", "The archer does not exist.")
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


async def delete_archer(conn: Connection, archer_id: UUID) -> None:
    """Delete an account, its data and its tokens."""
    if not await archer_model.delete_archer(conn, archer_id):
        raise NotFoundError("archer_not_found", "The archer does not exist.")
