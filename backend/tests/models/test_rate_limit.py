"""SQL of models/rate_limit.py: GCRA in one upsert, shared by every connection."""

import asyncio
from collections.abc import Sequence
from datetime import timedelta

import asyncpg

from quiver.core.db import Connection, Executor, Pool
from quiver.core.ratelimit import Quota, take
from quiver.models import rate_limit as rate_limit_model

MICROSECOND = timedelta(microseconds=1)


async def check(db: Executor, *subjects: tuple[Quota, str, bool]) -> list[asyncpg.Record]:
    """Count one request against each (quota, subject, case-insensitive)."""
    return await rate_limit_model.upsert_rate_limits(
        db,
        policies=[quota.policy for quota, _, _ in subjects],
        subjects=[subject for _, subject, _ in subjects],
        case_insensitive=[fold for _, _, fold in subjects],
        emissions=[timedelta(microseconds=quota.emission_us) for quota, _, _ in subjects],
        periods=[timedelta(microseconds=quota.period_us) for quota, _, _ in subjects],
    )


def backlogs(rows: Sequence[asyncpg.Record]) -> list[int]:
    return [(row["tat"] - row["now"]) // MICROSECOND for row in rows]


async def test_the_statement_counts_as_the_pure_arithmetic(conn: Connection) -> None:
    """Within one transaction now() stands still: a burst at one instant, as ``take``."""
    quota = Quota("login", 7, 900)
    tat = 0
    for _ in range(9):
        (row,) = await check(conn, (quota, "robin@example.org", True))
        tat, expected = take(quota, tat, 0)
        assert row["allowed"] == expected.allowed
        assert backlogs([row]) == [tat]


async def test_each_key_is_decided_on_its_own(conn: Connection) -> None:
    email, address = Quota("login", 1, 900), Quota("login_address", 3, 900)
    first = await check(conn, (email, "robin@example.org", True), (address, "203.0.113.7", False))
    second = await check(conn, (email, "robin@example.org", True), (address, "203.0.113.7", False))
    assert {row["policy"]: row["allowed"] for row in first} == {
        "login": True,
        "login_address": True,
    }
    assert {row["policy"]: row["allowed"] for row in second} == {
        "login": False,
        "login_address": True,
    }


async def test_an_email_is_one_key_in_any_case_and_is_stored_hashed(
    conn: Connection,
) -> None:
    quota = Quota("login", 2, 900)
    await check(conn, (quota, "Robin@Example.ORG", True))
    await check(conn, (quota, "robin@example.org", True))
    (row,) = await check(conn, (quota, "ROBIN@EXAMPLE.ORG", True))
    assert not row["allowed"]
    keys = await conn.fetch("SELECT key FROM rate_limit")
    assert [bytes(key["key"]) for key in keys] == [
        await conn.fetchval("SELECT sha256('login:robin@example.org'::bytea)")
    ]


async def test_a_case_sensitive_subject_is_not_folded(conn: Connection) -> None:
    quota = Quota("register", 1, 3600)
    assert (await check(conn, (quota, "fe80::/64", False)))[0]["allowed"]
    assert (await check(conn, (quota, "FE80::/64", False)))[0]["allowed"]


async def test_concurrent_checks_from_many_connections_allow_exactly_the_quota(
    pool: Pool,
) -> None:
    quota = Quota("login", 5, 900)
    rows = await asyncio.gather(
        *(check(pool, (quota, "marian@example.org", True)) for _ in range(40))
    )
    assert sum(row["allowed"] for (row,) in rows) == 5
