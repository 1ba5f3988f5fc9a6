"""What the rate limits cost per request (timeit; best of several runs, in microseconds).

The in-process figures are CPU time of this process (``time.process_time``), which other
processes competing for the cores do not inflate as they do wall-clock time.

- the per-principal limiter (``RateLimitMiddleware``, in process): the middleware around a
  minimal ASGI app that answers 200, minus that app alone, for an anonymous request (keyed by
  client address) and for a bearer-token request whose archer it knows (SHA-256 of the token
  included), among 10,000 active keys; the GCRA arithmetic alone besides;
- the sign-in limits (PostgreSQL): one login check (email and address in one statement) on
  a pooled connection, against ``SELECT 1`` on the same pool for the round trip alone.

Usage: .venv/bin/python scripts/bench/ratelimit_bench.py [--dsn postgresql://...]
(without --dsn an embedded server is started in a temporary directory).
"""

import argparse
import asyncio
import tempfile
import time
import timeit
from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.types import Message, Receive, Scope, Send

from quiver.core.db import create_pool
from quiver.core.embedded import start_embedded_postgres
from quiver.core.migrate import migrate
from quiver.core.ratelimit import Quota, RateLimitMiddleware, take
from quiver.core.security import new_token
from quiver.core.settings import Settings
from quiver.services.sign_in_limits import check_login

REPEAT = 7
ACTIVE_KEYS = 10_000


class OkApp:
    """Answers 200 at once; names ``principal`` as the caller while it is set."""

    def __init__(self) -> None:
        self.principal: str | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        del receive
        if self.principal is not None:
            scope["state"]["principal"] = self.principal
        start: Message = {"type": "http.response.start", "status": 200, "headers": []}
        await send(start)
        await send({"type": "http.response.body", "body": b"{}"})


async def _send(message: Message) -> None:
    del message


async def _receive() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def _scope(headers: list[tuple[bytes, bytes]], client: str) -> Scope:
    return {"type": "http", "method": "POST", "path": "/api/v0/slot/x/shot", "headers": headers,
            "client": (client, 50000), "state": {}}  # fmt: skip


def best_us(
    loop: asyncio.AbstractEventLoop, make: Callable[[], Awaitable[None]], number: int
) -> float:
    """Microseconds per call of ``make()``, best of REPEAT runs of ``number`` calls each."""

    async def batch() -> None:
        for _ in range(number):
            await make()

    runs = timeit.repeat(
        lambda: loop.run_until_complete(batch()), repeat=REPEAT, number=1, timer=time.process_time
    )
    return min(runs) / number * 1e6


def middleware_costs() -> None:
    loop = asyncio.new_event_loop()
    app = OkApp()
    # Out of reach, as in production for a well-behaved client: every request is allowed.
    middleware = RateLimitMiddleware(app, quota=Quota("default", 1_000_000, 60), sign_in=())
    token = new_token()[0]
    typical = [(b"host", b"quiver.example"), (b"user-agent", b"scorer/1.0"),
               (b"content-type", b"application/json"), (b"content-length", b"40")]  # fmt: skip
    authenticated = _scope(
        [*typical, (b"authorization", f"Bearer {token}".encode())], "203.0.113.7"
    )
    anonymous = _scope(typical, "203.0.113.8")

    async def learn() -> None:
        # Other active principals, then this token's archer, as a response would show it.
        for number in range(ACTIVE_KEYS):
            await middleware(
                _scope(typical, f"10.0.{number // 256}.{number % 256}"), _receive, _send
            )
        app.principal = "7f1c3a52-2d0e-4c4b-9a57-0d6f1f3e9b10"
        await middleware(dict(authenticated, state={}), _receive, _send)
        app.principal = None

    loop.run_until_complete(learn())
    number = 20_000
    bare = best_us(loop, lambda: app(dict(anonymous, state={}), _receive, _send), number)
    anon = best_us(loop, lambda: middleware(dict(anonymous, state={}), _receive, _send), number)
    auth = best_us(loop, lambda: middleware(dict(authenticated, state={}), _receive, _send), number)
    quota = Quota("default", 600, 60)
    runs = timeit.repeat(
        lambda: take(quota, 5_000_000, 4_000_000),
        repeat=REPEAT,
        number=200_000,
        timer=time.process_time,
    )
    gcra = min(runs) / 200_000 * 1e6
    print("per-principal limiter (in process), per request:")
    print(f"  minimal ASGI app alone:                   {bare:6.2f} us")
    print(f"  + limiter, anonymous (client address):    {anon - bare:6.2f} us")
    print(f"  + limiter, bearer token of known archer:  {auth - bare:6.2f} us")
    print(f"  GCRA arithmetic alone (take):             {gcra:6.2f} us")
    loop.close()


async def sign_in_costs(dsn: str) -> None:
    settings = Settings(
        database_url=dsn,
        postgres_pool_min_size=1,
        postgres_pool_max_size=1,
        rate_limit_login_per_email=1_000_000,
        rate_limit_login_per_address=1_000_000,
    )
    pool = await create_pool(settings, dsn)
    try:
        async with pool.acquire() as conn:
            await migrate(conn)
        number = 2_000

        async def timed(make: Callable[[], Awaitable[object]]) -> float:
            best = float("inf")
            for _ in range(REPEAT):
                start = asyncio.get_running_loop().time()
                for _ in range(number):
                    await make()
                best = min(best, asyncio.get_running_loop().time() - start)
            return best / number * 1e6

        select = await timed(lambda: pool.fetchval("SELECT 1"))
        check = await timed(lambda: check_login(pool, settings, "203.0.113.7", "robin@example.org"))
        print("sign-in limits (PostgreSQL), per login or registration:")
        print(f"  SELECT 1 round trip:                      {select:6.1f} us")
        print(f"  login check (email + address, 1 stmt):    {check:6.1f} us")
        await pool.execute("DELETE FROM rate_limit")
    finally:
        await pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dsn", help="a PostgreSQL database to migrate and use")
    args = parser.parse_args()
    middleware_costs()
    if args.dsn:
        asyncio.run(sign_in_costs(args.dsn))
        return
    with tempfile.TemporaryDirectory(prefix="quiver-ratelimit-bench-") as scratch:
        server = start_embedded_postgres(Path(scratch) / "pgdata")
        try:
            asyncio.run(sign_in_costs(server.get_uri()))
        finally:
            server.cleanup()


if __name__ == "__main__":
    main()
