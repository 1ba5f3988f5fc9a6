"""SQL for the ``rate_limit`` table: the sign-in limits every process shares."""

from collections.abc import Sequence
from datetime import timedelta

import asyncpg

from quiver.core.db import Executor


async def upsert_rate_limits(
    db: Executor,
    *,
    policies: Sequence[str],
    subjects: Sequence[str],
    case_insensitive: Sequence[bool],
    emissions: Sequence[timedelta],
    periods: Sequence[timedelta],
) -> list[asyncpg.Record]:
    """Count one request against each key, in one statement; per key its policy, verdict
    (``allowed``), TAT afterwards and ``now``.

    GCRA as ``core.ratelimit.take``: allowed when the TAT moved on by one emission interval
    lies at most one period ahead, and only then moved. Each key is decided on its row, locked
    by the upsert, so concurrent checks from any process count exactly. Keys are taken in
    their order, so two checks never wait for each other's rows crosswise. A subject marked
    case-insensitive is folded with ``lower()``, as the ``citext`` email column compares.
    """
    return await db.fetch(
        """WITH request AS (
               SELECT sha256(convert_to(
                          policy || ':' || CASE WHEN fold THEN lower(subject) ELSE subject END,
                          'UTF8')) AS key,
                      policy, emission, period
               FROM unnest($1::text[], $2::text[], $3::boolean[], $4::interval[], $5::interval[])
                   AS r(policy, subject, fold, emission, period)
           )
           INSERT INTO rate_limit AS l (key, tat, allowed)
           SELECT key, now() + emission, true FROM request ORDER BY key
           ON CONFLICT (key) DO UPDATE SET (tat, allowed) = (
               SELECT CASE WHEN next_tat - r.period <= now() THEN next_tat ELSE l.tat END,
                      next_tat - r.period <= now()
               FROM request r, LATERAL (SELECT greatest(l.tat, now()) + r.emission) AS n(next_tat)
               WHERE r.key = l.key)
           RETURNING (SELECT policy FROM request r WHERE r.key = l.key) AS policy,
               allowed, tat, now() AS now""",
        list(policies),
        list(subjects),
        list(case_insensitive),
        list(emissions),
        list(periods),
    )
