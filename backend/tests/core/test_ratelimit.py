"""GCRA arithmetic, RateLimit headers, client-address keys and the per-principal middleware."""

from typing import Any

import orjson
import pytest
from starlette.types import Message, Receive, Scope, Send

from quiver.core.contract import load_contract
from quiver.core.ratelimit import (
    MemoryLimiter,
    Quota,
    RateLimitMiddleware,
    Verdict,
    address_key,
    note_sign_in_headers,
    ratelimit_headers,
    sign_in_routes,
    take,
    verdict,
)
from quiver.core.security import new_token
from quiver.core.settings import Settings

SECOND = 1_000_000
T0 = 1_000 * SECOND


def burst(quota: Quota, requests: int, now: int = T0, tat: int = 0) -> tuple[int, list[Verdict]]:
    """``requests`` requests at one instant: the final TAT and each verdict."""
    verdicts = []
    for _ in range(requests):
        tat, result = take(quota, tat, now)
        verdicts.append(result)
    return tat, verdicts


def test_a_quota_lets_its_whole_limit_through_at_once_then_refuses() -> None:
    quota = Quota("default", 3, 60)
    _, verdicts = burst(quota, 4)
    assert verdicts == [
        Verdict(True, 2, 20, 0),
        Verdict(True, 1, 40, 0),
        Verdict(True, 0, 60, 0),
        Verdict(False, 0, 60, 20),
    ]


def test_a_quota_that_does_not_divide_its_window_still_fits_a_whole_burst() -> None:
    quota = Quota("login", 7, 60)
    _, verdicts = burst(quota, 8)
    assert [result.allowed for result in verdicts] == [True] * 7 + [False]
    assert verdicts[6].remaining == 0
    assert quota.period_us <= 60 * SECOND


def test_a_refused_request_costs_nothing() -> None:
    quota = Quota("default", 2, 60)
    tat, _ = burst(quota, 2)
    assert take(quota, tat, T0) == (tat, Verdict(False, 0, 60, 30))
    assert take(quota, tat, T0 + 10 * SECOND) == (tat, Verdict(False, 0, 50, 20))


def test_one_request_comes_back_every_emission_interval() -> None:
    quota = Quota("default", 4, 60)
    tat, _ = burst(quota, 4)
    assert not take(quota, tat, T0 + 15 * SECOND - 1)[1].allowed
    tat, result = take(quota, tat, T0 + 15 * SECOND)
    assert result == Verdict(True, 0, 60, 0)
    assert not take(quota, tat, T0 + 15 * SECOND)[1].allowed


def test_after_a_quiet_window_the_whole_quota_is_back() -> None:
    quota = Quota("default", 5, 60)
    tat, _ = burst(quota, 5)
    later = T0 + 60 * SECOND
    assert verdict(quota, True, tat, later) == Verdict(True, 5, 0, 0)
    _, verdicts = burst(quota, 6, now=later, tat=tat)
    assert [result.allowed for result in verdicts] == [True] * 5 + [False]


def test_seconds_round_up_so_a_client_never_retries_too_early() -> None:
    quota = Quota("default", 600, 60)
    tat, verdicts = burst(quota, 601)
    assert verdicts[0] == Verdict(True, 599, 1, 0)
    assert verdicts[-1] == Verdict(False, 0, 60, 1)
    assert take(quota, tat, T0 + 100_000)[1] == Verdict(True, 0, 60, 0)


@pytest.mark.parametrize("limit", [0, -1, 60 * SECOND + 1])
def test_a_quota_needs_at_least_one_microsecond_per_request(limit: int) -> None:
    with pytest.raises(ValueError):
        Quota("default", limit, 60)


def test_headers_name_every_policy_and_retry_after_only_when_refused() -> None:
    login, address = Quota("login", 10, 900), Quota("login_address", 100, 900)
    allowed = ratelimit_headers(
        [(login, Verdict(True, 9, 90, 0)), (address, Verdict(True, 99, 9, 0))]
    )
    assert allowed == {
        "RateLimit-Policy": '"login";q=10;w=900, "login_address";q=100;w=900',
        "RateLimit": '"login";r=9;t=90, "login_address";r=99;t=9',
    }
    refused = ratelimit_headers(
        [(login, Verdict(False, 0, 900, 90)), (address, Verdict(True, 98, 18, 0))]
    )
    assert refused["Retry-After"] == "90"
    assert refused["RateLimit"] == '"login";r=0;t=900, "login_address";r=98;t=18'


@pytest.mark.parametrize(
    ("host", "key"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("not-an-address:", "not-an-address:"),
    ],
)
def test_an_ipv6_client_is_keyed_by_its_64_bit_prefix(host: str, key: str) -> None:
    assert address_key(host) == key


def test_a_limiter_forgets_keys_once_idle() -> None:
    limiter = MemoryLimiter(Quota("default", 2, 60))
    limiter.take("a", T0)
    limiter.take("b", T0 + SECOND)
    assert len(limiter) == 2
    # "a" has its whole quota back 30 s after its one request: it goes with the next request.
    limiter.take("b", T0 + 30 * SECOND)
    assert len(limiter) == 1
    assert limiter.take("a", T0 + 31 * SECOND) == Verdict(True, 1, 30, 0)


def test_a_limiter_holds_at_most_its_number_of_keys() -> None:
    limiter = MemoryLimiter(Quota("default", 2, 60), max_keys=100)
    for number in range(1000):
        limiter.take(f"client-{number}", T0)
    assert len(limiter) == 100


def test_the_sign_in_operations_are_found_in_the_contract() -> None:
    routes = sign_in_routes(load_contract(Settings().contract_path))
    assert {("POST", "/api/v0/auth/login"), ("POST", "/api/v0/archer")} <= routes
    assert ("POST", "/api/v0/auth/oidc") in routes


# The middleware around a stand-in app that authenticates "Bearer <known token>" as its archer.
class FakeApp:
    """Answers 200, or 401 for a token it does not know; records the requests it got."""

    def __init__(self, tokens: dict[str, str]) -> None:
        self.tokens = tokens
        self.calls = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls += 1
        authorization = dict(scope["headers"]).get(b"authorization", b"").decode()
        archer = self.tokens.get(authorization.removeprefix("Bearer "))
        if archer is not None:
            scope["state"]["principal"] = archer
        if scope["path"] == "/api/v0/auth/login":
            note_sign_in_headers(scope, {"RateLimit": '"login";r=9;t=90'})
        status = 200 if archer is not None or not authorization else 401
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})


class Clock:
    """A clock that stands still until a test moves it."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> int:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def tokens() -> dict[str, str]:
    return {new_token()[0]: "robin", new_token()[0]: "robin", new_token()[0]: "marian"}


@pytest.fixture
def limited(tokens: dict[str, str], clock: Clock) -> tuple[RateLimitMiddleware, FakeApp]:
    """The middleware with a quota of 3 per minute, and the app behind it."""
    inner = FakeApp(tokens)
    sign_in = {("POST", "/api/v0/auth/login")}
    quota = Quota("default", 3, 60)
    return RateLimitMiddleware(inner, quota=quota, sign_in=sign_in, clock=clock), inner


async def call(
    middleware: RateLimitMiddleware,
    path: str = "/api/v0/face",
    *,
    token: str | None = None,
    client: str = "203.0.113.7",
    method: str = "GET",
) -> tuple[int, dict[str, str], dict[str, Any]]:
    """One request through the middleware: status, headers and JSON body."""
    headers = [(b"authorization", f"Bearer {token}".encode())] if token else []
    scope: Scope = {
        "type": "http",
        "method": method,
        "path": path,
        "headers": headers,
        "client": (client, 50000),
        "state": {},
    }
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    await middleware(scope, receive, send)
    start, body = sent[0], sent[-1]
    response_headers = {name.decode(): value.decode() for name, value in start["headers"]}
    return start["status"], response_headers, orjson.loads(body["body"])


async def test_each_answer_carries_its_policy_and_the_callers_standing(
    limited: tuple[RateLimitMiddleware, FakeApp],
) -> None:
    middleware, _ = limited
    status, headers, _ = await call(middleware)
    assert status == 200
    assert headers["ratelimit-policy"] == '"default";q=3;w=60'
    assert headers["ratelimit"] == '"default";r=2;t=20'


async def test_over_the_limit_the_app_is_not_called_and_the_answer_is_a_429(
    limited: tuple[RateLimitMiddleware, FakeApp], clock: Clock
) -> None:
    middleware, inner = limited
    for _ in range(3):
        assert (await call(middleware))[0] == 200
    clock.now += 5 * SECOND
    status, headers, body = await call(middleware)
    assert (status, inner.calls) == (429, 3)
    assert headers["content-type"] == "application/problem+json"
    assert headers["retry-after"] == "15"
    assert headers["ratelimit"] == '"default";r=0;t=55'
    assert headers["ratelimit-policy"] == '"default";q=3;w=60'
    assert body["code"] == "rate_limited"
    assert body["status"] == 429


async def test_anonymous_callers_are_limited_per_client_address(
    limited: tuple[RateLimitMiddleware, FakeApp],
) -> None:
    middleware, _ = limited
    for _ in range(3):
        await call(middleware, client="203.0.113.7")
    assert (await call(middleware, client="203.0.113.7"))[0] == 429
    assert (await call(middleware, client="198.51.100.2"))[0] == 200


async def test_the_tokens_of_one_archer_share_one_quota(
    limited: tuple[RateLimitMiddleware, FakeApp], tokens: dict[str, str]
) -> None:
    middleware, _ = limited
    first, second, other = tokens
    # Unproven, each token's first request counts against the address (two of its three).
    assert (await call(middleware, token=first))[0] == 200
    assert (await call(middleware, token=second))[0] == 200
    # Proven: both count against Robin, wherever they come from.
    assert (await call(middleware, token=first, client="198.51.100.1"))[0] == 200
    assert (await call(middleware, token=second, client="198.51.100.2"))[0] == 200
    assert (await call(middleware, token=first, client="198.51.100.3"))[0] == 200
    assert (await call(middleware, token=second, client="198.51.100.4"))[0] == 429
    # Marian has a quota of her own; the address has one request left.
    assert (await call(middleware, token=other))[0] == 200
    assert (await call(middleware, token=other))[0] == 200


async def test_made_up_tokens_share_the_quota_of_their_address(
    limited: tuple[RateLimitMiddleware, FakeApp],
) -> None:
    middleware, _ = limited
    for _ in range(3):
        assert (await call(middleware, token=new_token()[0]))[0] == 401
    assert (await call(middleware, token=new_token()[0]))[0] == 429


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/health/live"),
        ("GET", "/health/ready"),
        ("GET", "/docs"),
        ("GET", "/openapi.json"),
        ("GET", "/"),
        ("GET", "/assets/index.js"),
    ],
)
async def test_probes_docs_and_the_app_are_outside_this_limit(
    limited: tuple[RateLimitMiddleware, FakeApp], method: str, path: str
) -> None:
    middleware, inner = limited
    for _ in range(5):
        status, headers, _ = await call(middleware, path, method=method)
        assert status == 200
        assert "ratelimit" not in headers
    assert inner.calls == 5


async def test_sign_in_is_outside_this_limit_and_carries_its_own_limits_headers(
    limited: tuple[RateLimitMiddleware, FakeApp],
) -> None:
    middleware, inner = limited
    for _ in range(5):
        status, headers, _ = await call(middleware, "/api/v0/auth/login", method="POST")
        assert status == 200
        assert headers["ratelimit"] == '"login";r=9;t=90'
        assert "ratelimit-policy" not in headers
    assert inner.calls == 5


async def test_without_a_quota_only_the_sign_in_headers_are_added(clock: Clock) -> None:
    middleware = RateLimitMiddleware(
        FakeApp({}), quota=None, sign_in={("POST", "/api/v0/auth/login")}, clock=clock
    )
    for _ in range(5):
        assert "ratelimit" not in (await call(middleware))[1]
    assert "ratelimit" in (await call(middleware, "/api/v0/auth/login", method="POST"))[1]
