"""Rate limits: the GCRA arithmetic, the IETF RateLimit headers, and the per-principal limiter.

GCRA (the generic cell rate algorithm, as in redis-cell and throttled) keeps one instant per
key, its theoretical arrival time (TAT). A quota of ``q`` requests per window ``w`` lets one
request through every ``w / q`` (the emission interval), and up to ``q`` at once after a
quiet spell. A request is allowed when the TAT, moved on by one interval, lies at most one
window ahead of now; only then is the TAT moved. So a refused request costs nothing, and a
key whose TAT has passed holds its whole quota, the same as a key never seen.

The same arithmetic runs in PostgreSQL for the sign-in limits that every process shares
(``models.rate_limit``) and here, in memory, for the per-principal limit of one process.
Times are integer microseconds: PostgreSQL's resolution, and exact, so that ``q`` requests at
one instant fill a window exactly.

Written here rather than taken from a library: ``limits`` (behind slowapi) offers fixed, moving
and sliding windows, not GCRA, over Redis, Memcached, MongoDB, etcd or memory, not PostgreSQL;
the arithmetic is a few lines, and the shared state is one SQL statement either way.
"""

import hashlib
import ipaddress
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from http import HTTPStatus
from typing import Any, NamedTuple

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from quiver.core.errors import ApiError, send_problem
from quiver.core.settings import Settings

MICROSECONDS = 1_000_000
# Keys an in-memory limiter remembers at most (about 200 bytes each): past it the least
# recently seen is forgotten, which hands it a fresh quota, rather than memory growing
# without bound under a flood of new addresses or tokens.
MAX_KEYS = 100_000
# The operations with limits of their own, shared by every process (services.sign_in_limits):
# the per-principal limit leaves them alone.
SIGN_IN_OPERATIONS = frozenset({"logIn", "registerArcher", "logInWithOidc"})
RATE_LIMITED = "rate_limited"
# Where a sign-in operation leaves the RateLimit headers of its checks for the middleware,
# which puts them on whatever response the operation gives (a stored idempotent replay too).
SIGN_IN_HEADERS = "rate_limit_headers"


@dataclass(frozen=True, slots=True)
class Quota:
    """``limit`` requests per ``window_seconds``, under the policy name the headers give."""

    policy: str
    limit: int
    window_seconds: int
    emission_us: int = field(init=False)
    period_us: int = field(init=False)
    policy_header: str = field(init=False)

    def __post_init__(self) -> None:
        if not 0 < self.limit <= self.window_seconds * MICROSECONDS:
            raise ValueError(f"a quota allows 1 request up to one a microsecond, not {self.limit}")
        emission = self.window_seconds * MICROSECONDS // self.limit
        object.__setattr__(self, "emission_us", emission)
        # The window as GCRA sees it: whole intervals, so a full burst fits it exactly.
        object.__setattr__(self, "period_us", emission * self.limit)
        header = f'"{self.policy}";q={self.limit};w={self.window_seconds}'
        object.__setattr__(self, "policy_header", header)


def rate_limit_variables() -> list[str]:
    """The environment variables of the limits (which load tests set out of their reach)."""
    names = Settings.model_fields.keys()
    return [f"QUIVER_{name.upper()}" for name in names if name.startswith("rate_limit_")]


class Verdict(NamedTuple):
    """The outcome of one request against one quota."""

    allowed: bool
    # Requests still allowed right now.
    remaining: int
    # Seconds until the whole quota is back.
    reset_seconds: int
    # Seconds until the next request is allowed; 0 when this one was.
    retry_after_seconds: int


# Written for speed (conditionals rather than max(), no helper calls): both run on every
# /api request.
def verdict(quota: Quota, allowed: bool, tat_us: int, now_us: int) -> Verdict:
    """The verdict of a request, from the key's TAT after it was counted (or refused)."""
    backlog = tat_us - now_us if tat_us > now_us else 0
    reset = -(-backlog // MICROSECONDS)
    if allowed:
        # Counted, so the TAT lies at most one period ahead: never negative.
        return Verdict(True, (quota.period_us - backlog) // quota.emission_us, reset, 0)
    # Refused: less than one emission interval is left in the period.
    retry_after = -(-(backlog + quota.emission_us - quota.period_us) // MICROSECONDS)
    return Verdict(False, 0, reset, retry_after)


def take(quota: Quota, tat_us: int, now_us: int) -> tuple[int, Verdict]:
    """Count one request at ``now_us`` on a key whose TAT is ``tat_us``: the new TAT and the
    verdict. ``models.rate_limit`` does the same in SQL."""
    candidate = (tat_us if tat_us > now_us else now_us) + quota.emission_us
    if candidate - now_us <= quota.period_us:
        return candidate, verdict(quota, True, candidate, now_us)
    return tat_us, verdict(quota, False, tat_us, now_us)


def ratelimit_headers(results: Iterable[tuple[Quota, Verdict]]) -> dict[str, str]:
    """``RateLimit-Policy`` and ``RateLimit`` (draft-ietf-httpapi-ratelimit-headers), one list
    member per quota, and ``Retry-After`` when one of them refused the request."""
    results = list(results)
    headers = {
        "RateLimit-Policy": ", ".join(quota.policy_header for quota, _ in results),
        "RateLimit": ", ".join(
            f'"{quota.policy}";r={result.remaining};t={result.reset_seconds}'
            for quota, result in results
        ),
    }
    retry_after = max(result.retry_after_seconds for _, result in results)
    if retry_after:
        headers["Retry-After"] = str(retry_after)
    return headers


def _detail(retry_after: str) -> str:
    return f"Too many requests; retry in {retry_after} s."


class RateLimitedError(ApiError):
    """Over a quota: 429 with ``Retry-After`` and the RateLimit headers."""

    def __init__(self, headers: Mapping[str, str]) -> None:
        super().__init__(
            HTTPStatus.TOO_MANY_REQUESTS,
            RATE_LIMITED,
            _detail(headers["Retry-After"]),
            headers=headers,
        )


@lru_cache(maxsize=4096)
def address_key(host: str) -> str:
    """The key of a client address: IPv4 as is, IPv6 by its /64 prefix (one subscriber's
    allocation, which would otherwise hand a client 2^64 quotas)."""
    if ":" not in host:
        return host
    try:
        address = ipaddress.IPv6Address(host)
    except ValueError:
        return host
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.IPv6Network((address, 64), strict=False))


def client_address(scope: Scope) -> str:
    """The key of the request's client address: the ASGI scope's client, which uvicorn takes
    from ``X-Forwarded-For`` only for the proxies in ``FORWARDED_ALLOW_IPS``."""
    client = scope.get("client")
    return address_key(client[0]) if client else "unknown"


def monotonic_us() -> int:
    """The in-memory limiters' clock: monotonic microseconds."""
    return time.monotonic_ns() // 1000


class MemoryLimiter:
    """GCRA over one quota for many keys, in one process, in bounded memory."""

    def __init__(self, quota: Quota, max_keys: int = MAX_KEYS) -> None:
        self.quota = quota
        self._max_keys = max_keys
        # Least recently seen first. An OrderedDict, as its first entry is found and removed
        # in constant time, where a dict's first live entry is found past every deleted one.
        self._tats: OrderedDict[str, int] = OrderedDict()

    def __len__(self) -> int:
        return len(self._tats)

    def take(self, key: str, now_us: int) -> Verdict:
        """Count one request of ``key`` at ``now_us``."""
        tats = self._tats
        tat, result = take(self.quota, tats.pop(key, 0), now_us)
        tats[key] = tat
        # One step of eviction per request: the least recently seen key goes once it is idle
        # (its TAT has passed: it holds a whole quota, as a key never seen), or when too many.
        oldest = next(iter(tats))
        if tats[oldest] <= now_us or len(tats) > self._max_keys:
            del tats[oldest]
        return result


def _bearer_digest(headers: Sequence[tuple[bytes, bytes]]) -> bytes | None:
    """The SHA-256 of the request's bearer token, as ``core.security.token_digest`` has it."""
    for name, value in headers:
        if name == b"authorization":
            scheme, _, token = value.partition(b" ")
            token = token.strip()
            if scheme.lower() == b"bearer" and token:
                return hashlib.sha256(token).digest()
            return None
    return None


def sign_in_routes(contract: Mapping[str, Any]) -> frozenset[tuple[str, str]]:
    """The (method, path) of every sign-in operation in the contract."""
    return frozenset(
        (method.upper(), path)
        for path, operations in contract["paths"].items()
        for method, operation in operations.items()
        if isinstance(operation, dict) and operation.get("operationId") in SIGN_IN_OPERATIONS
    )


def _raw(headers: Mapping[str, str]) -> list[tuple[bytes, bytes]]:
    return [(name.lower().encode(), value.encode()) for name, value in headers.items()]


def note_sign_in_headers(scope: Scope, headers: Mapping[str, str]) -> None:
    """Have the RateLimit headers of a sign-in operation's checks sent with its response."""
    scope.setdefault("state", {})[SIGN_IN_HEADERS] = _raw(headers)


class RateLimitMiddleware:
    """The per-principal limit of every ``/api`` operation but the sign-in ones, whose own
    limits' headers it adds to their responses.

    The principal is the archer behind the bearer token once a response has shown who that
    is (``request.state.principal``), so an archer's tokens share one quota; before that, and
    for anonymous calls, it is the client address. An unproven token never gets a quota of
    its own, or made-up tokens would each bring a fresh one. Tokens are remembered by their
    SHA-256 only. Health probes, the docs and the web app are outside ``/api`` and unlimited.
    Without a quota only the sign-in operations' headers are added.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        quota: Quota | None,
        sign_in: Collection[tuple[str, str]],
        max_keys: int = MAX_KEYS,
        clock: Callable[[], int] = monotonic_us,
    ) -> None:
        self._app = app
        self._clock = clock
        self._limiter = None if quota is None else MemoryLimiter(quota, max_keys)
        self._sign_in = frozenset(sign_in)
        self._max_keys = max_keys
        # The archer of each token seen authenticated, oldest first.
        self._archers: OrderedDict[bytes, str] = OrderedDict()
        policy = "" if quota is None else quota.policy
        self._policy_header = b"" if quota is None else quota.policy_header.encode()
        self._standing_prefix = f'"{policy}";r='.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limiter = self._limiter
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self._app(scope, receive, send)
            return
        if (scope["method"], scope["path"]) in self._sign_in:
            await self._app(scope, receive, _with_sign_in_headers(scope, send))
            return
        if limiter is None:
            await self._app(scope, receive, send)
            return
        # The rest runs on every limited request: kept lean (measured in
        # scripts/bench/ratelimit_bench.py).
        digest = _bearer_digest(scope["headers"])
        key = self._archers.get(digest) if digest is not None else None
        by_archer = key is not None
        if key is None:
            key = client_address(scope)
        result = limiter.take(key, self._clock())
        limit_headers = [
            (b"ratelimit-policy", self._policy_header),
            (
                b"ratelimit",
                self._standing_prefix + b"%d;t=%d" % (result.remaining, result.reset_seconds),
            ),
        ]
        if not result.allowed:
            retry_after = str(result.retry_after_seconds)
            await send_problem(
                send,
                scope["path"],
                HTTPStatus.TOO_MANY_REQUESTS,
                RATE_LIMITED,
                _detail(retry_after),
                {
                    "Retry-After": retry_after,
                    **{name.decode(): value.decode() for name, value in limit_headers},
                },
            )
            return

        async def send_with_limits(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *limit_headers]
            await send(message)

        await self._app(scope, receive, send_with_limits)
        if digest is not None and not by_archer:
            principal = scope.get("state", {}).get("principal")
            if principal is not None:
                self._remember(digest, f"archer:{principal}")

    def _remember(self, digest: bytes, key: str) -> None:
        """Key the token by its archer from now on; the oldest binding goes past the bound."""
        archers = self._archers
        archers[digest] = key
        if len(archers) > self._max_keys:
            archers.popitem(last=False)


def _with_sign_in_headers(scope: Scope, send: Send) -> Send:
    async def send_with_limits(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = scope.get("state", {}).get(SIGN_IN_HEADERS)
            if headers:
                message["headers"] = [*message.get("headers", ()), *headers]
        await send(message)

    return send_with_limits
