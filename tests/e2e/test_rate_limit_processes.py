"""The acceptance test of the sign-in limits: a brute-force login loop against two `quiver
serve` processes on one database gets exactly the configured number of attempts through,
however the attempts are spread over the processes and however they interleave.
"""

import asyncio
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest

from conftest import fresh_database
from tests.e2e.test_ws_processes import account, quiver_serve

LIMIT = 5
ATTEMPTS = 40


@pytest.fixture
def limits_database(server_dsn: str, worker_id: str) -> Iterator[str]:
    with fresh_database(server_dsn, "quiver_limits_e2e", worker_id) as url:
        yield url


async def test_a_brute_force_login_loop_is_throttled_across_two_processes(
    limits_database: str,
) -> None:
    limits = {"rate_limit_login_per_email": str(LIMIT), "rate_limit_login_per_address": "1000"}
    async with (
        quiver_serve(limits_database, **limits) as (first_url, _),
        quiver_serve(limits_database, **limits) as (second_url, _),
    ):
        async with (
            httpx.AsyncClient(base_url=first_url, timeout=30) as first,
            httpx.AsyncClient(base_url=second_url, timeout=30) as second,
        ):
            victim = await account(first)

            async def guess(server: httpx.AsyncClient, number: int) -> httpx.Response:
                credentials = {"email": victim.email, "password": f"guess number {number}"}
                return await server.post("/api/v0/auth/login", json=credentials)

            # Half the guesses to each process, all at once.
            answers = await asyncio.gather(
                *(guess((first, second)[number % 2], number) for number in range(ATTEMPTS))
            )
            another = await first.post(
                "/api/v0/auth/login",
                json={"email": "someone-else@example.org", "password": "a guess"},
            )
    statuses = Counter(answer.status_code for answer in answers)
    # The account's registration and first login counted against its email too: with them,
    # exactly LIMIT attempts got through, and every other guess was refused.
    assert statuses[401] + 2 == LIMIT
    assert statuses[429] == ATTEMPTS - statuses[401]
    refused = [answer for answer in answers if answer.status_code == 429]
    assert {answer.headers["ratelimit-policy"] for answer in refused} == {
        f'"login";q={LIMIT};w=900, "login_address";q=1000;w=900'
    }
    assert all(int(answer.headers["retry-after"]) >= 1 for answer in refused)
    assert all(answer.json()["code"] == "rate_limited" for answer in refused)
    # Another email's quota is untouched.
    assert another.status_code == 401
