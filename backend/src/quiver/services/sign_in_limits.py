"""The sign-in limits (OWASP API2: broken authentication), shared by every process.

``logIn`` counts against its email (policy ``login``) and its client address
(``login_address``); ``registerArcher`` against its client address (``register``) and its
email (``login`` as well: one budget of attempts per email, however they come). The check
comes first, before any password is hashed and whether or not the email is registered, so a
refused attempt costs one statement and answers the same, in the same time, for every email.
The email is folded as the ``citext`` column compares it, so its case variants share one
budget. ``logInWithOidc`` counts against the client address alone: an ID token is checked
by its signature, there is no password to guess, and its email is only known, verified,
afterwards. Each quota decides on its own row, in the one statement: an attempt that one of
them refuses still counts against another that let it through.

Every attempt counts, not only failed ones. Counting failures alone would need a second
statement after the hash, once the outcome is known, and parallel guesses would all pass
the first check before any failure was recorded. Counting successes as well costs a person
nothing, as a token lasts for days. The trade-off OWASP warns of remains: someone who keeps
guessing one email keeps its owner throttled too. GCRA softens it: there is no lockout
period, one attempt comes back every window / limit, and the per-address limit slows the
guesser. The limits' values are the operator's (``QUIVER_RATE_LIMIT_*``; 0 switches one off).
"""

from dataclasses import dataclass
from datetime import timedelta

from quiver.core.db import Pool
from quiver.core.ratelimit import Quota, RateLimitedError, ratelimit_headers, verdict
from quiver.core.settings import Settings
from quiver.models import rate_limit as rate_limit_model

LOGIN_WINDOW_SECONDS = 15 * 60
REGISTER_WINDOW_SECONDS = 60 * 60
_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True)
class _Check:
    """One quota to count against, for one subject (an email or a client address)."""

    quota: Quota
    subject: str
    case_insensitive: bool = False


def _quota(policy: str, limit: int, window_seconds: int) -> Quota | None:
    return Quota(policy, limit, window_seconds) if limit else None


def _per_email(settings: Settings, email: str) -> _Check | None:
    quota = _quota("login", settings.rate_limit_login_per_email, LOGIN_WINDOW_SECONDS)
    return None if quota is None else _Check(quota, email, case_insensitive=True)


def _per_address(policy: str, limit: int, window_seconds: int, address: str) -> _Check | None:
    quota = _quota(policy, limit, window_seconds)
    return None if quota is None else _Check(quota, address)


async def _enforce(pool: Pool, *checks: _Check | None) -> dict[str, str]:
    """Count the request against every enabled check, in one statement; the RateLimit
    headers of the answer, or ``RateLimitedError`` when one of them refuses it."""
    active = [check for check in checks if check is not None]
    if not active:
        return {}
    rows = await rate_limit_model.upsert_rate_limits(
        pool,
        policies=[check.quota.policy for check in active],
        subjects=[check.subject for check in active],
        case_insensitive=[check.case_insensitive for check in active],
        emissions=[timedelta(microseconds=check.quota.emission_us) for check in active],
        periods=[timedelta(microseconds=check.quota.period_us) for check in active],
    )
    by_policy = {row["policy"]: row for row in rows}
    results = []
    for check in active:
        row = by_policy[check.quota.policy]
        backlog_us = (row["tat"] - row["now"]) // _MICROSECOND
        results.append((check.quota, verdict(check.quota, row["allowed"], backlog_us, 0)))
    headers = ratelimit_headers(results)
    if not all(result.allowed for _, result in results):
        raise RateLimitedError(headers)
    return headers


async def check_login(pool: Pool, settings: Settings, address: str, email: str) -> dict[str, str]:
    """Count a login attempt for ``email`` from ``address``."""
    return await _enforce(
        pool,
        _per_email(settings, email),
        _per_address(
            "login_address", settings.rate_limit_login_per_address, LOGIN_WINDOW_SECONDS, address
        ),
    )


async def check_registration(
    pool: Pool, settings: Settings, address: str, email: str
) -> dict[str, str]:
    """Count a registration attempt for ``email`` from ``address``."""
    return await _enforce(
        pool,
        _per_address(
            "register", settings.rate_limit_register_per_address, REGISTER_WINDOW_SECONDS, address
        ),
        _per_email(settings, email),
    )


async def check_oidc_login(pool: Pool, settings: Settings, address: str) -> dict[str, str]:
    """Count a sign-in attempt with an ID token from ``address``."""
    return await _enforce(
        pool,
        _per_address(
            "login_address", settings.rate_limit_login_per_address, LOGIN_WINDOW_SECONDS, address
        ),
    )
