"""Logins under load: do they starve other requests, and does their time tell emails apart?

Starts `quiver serve` (embedded database, default Argon2id cost) and measures:

- `GET /api/v0/archer/me` latency alone, then while N clients send wrong-password logins as
  fast as they can (N = 4 and 16 by default): median, p95, and its answers by status;
- the time of a wrong-password login for a registered email and for an unknown one (medians):
  equal work on both paths means no timing oracle.

Usage: .venv/bin/python scripts/bench/login_bench.py [--seconds 8] [--clients 4,16]
"""

import argparse
import asyncio
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from uuid import uuid4

import httpx

from quiver.core.ratelimit import rate_limit_variables

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _wait_until_serving(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "quiver serve exited"
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(url, timeout=1).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError("quiver serve did not start within 60 s")


async def _timed_login(http: httpx.AsyncClient, email: str) -> float:
    started = time.perf_counter()
    await http.post("/api/v0/auth/login", json={"email": email, "password": "wrong"})
    return (time.perf_counter() - started) * 1000


async def _me_under_logins(
    http: httpx.AsyncClient, token: str, email: str, clients: int, seconds: float
) -> tuple[list[float], Counter[int]]:
    """Latencies (ms) and statuses of GET /archer/me while ``clients`` log in wrongly."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds

    async def guess(index: int) -> None:
        target = email if index % 2 else f"nobody-{uuid4().hex[:8]}@example.org"
        while loop.time() < deadline:
            await http.post("/api/v0/auth/login", json={"email": target, "password": "wrong"})

    guessers = [asyncio.create_task(guess(index)) for index in range(clients)]
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    headers = {"Authorization": f"Bearer {token}"}
    await asyncio.sleep(0.5)
    while loop.time() < deadline:
        started = time.perf_counter()
        response = await http.get("/api/v0/archer/me", headers=headers)
        latencies.append((time.perf_counter() - started) * 1000)
        statuses[response.status_code] += 1
        await asyncio.sleep(0.02)
    await asyncio.gather(*guessers)
    return latencies, statuses


async def _login_medians(http: httpx.AsyncClient, email: str, rounds: int) -> tuple[float, float]:
    known, unknown = [], []
    for _ in range(rounds):
        known.append(await _timed_login(http, email))
        unknown.append(await _timed_login(http, f"nobody-{uuid4().hex[:8]}@example.org"))
    return statistics.median(known), statistics.median(unknown)


async def run(seconds: float, client_counts: list[int]) -> None:
    """Start the server, measure, print a table."""
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="quiver-login-bench-") as scratch:
        env = {
            key: value
            for key, value in os.environ.items()
            if key != "DATABASE_URL" and not key.startswith("QUIVER_")
        }
        env.update({"QUIVER_PGDATA": str(Path(scratch) / "pgdata"), "QUIVER_PORT": str(port)})
        env["QUIVER_LOG_LEVEL"] = "WARNING"
        # Every rate limit on (its cost is part of the measure), but out of reach of the load.
        env.update(dict.fromkeys(rate_limit_variables(), "1000000"))
        with subprocess.Popen(
            [sys.executable, "-m", "quiver", "serve"],
            cwd=ROOT,
            env=env,
            stderr=subprocess.DEVNULL,
        ) as server:
            try:
                async with httpx.AsyncClient(
                    base_url=f"http://127.0.0.1:{port}", timeout=30
                ) as http:
                    _wait_until_serving(f"http://127.0.0.1:{port}/api/v0/face", server)
                    email = f"bench-{uuid4().hex[:8]}@example.org"
                    await http.post(
                        "/api/v0/archer",
                        json={
                            "email": email,
                            "password": PASSWORD,
                            "first_name": "Bench",
                            "last_name": "Archer",
                            "bowstyle": "recurve",
                            "draw_weight_lb": 30,
                        },
                    )
                    login = await http.post(
                        "/api/v0/auth/login", json={"email": email, "password": PASSWORD}
                    )
                    token = login.json()["access_token"]
                    known, unknown = await _login_medians(http, email, 20)
                    print(f"wrong-password login, median: registered email {known:.1f} ms, ")
                    print(f"  unknown email {unknown:.1f} ms (ratio {known / unknown:.2f})")
                    print()
                    print("| logins in parallel | GET /archer/me median | p95 | answers |")
                    print("|---:|---:|---:|---|")
                    for clients in [0, *client_counts]:
                        latencies, statuses = await _me_under_logins(
                            http, token, email, clients, seconds
                        )
                        answers = " ".join(f"{code}:{n}" for code, n in sorted(statuses.items()))
                        print(
                            f"| {clients} | {statistics.median(latencies):.1f} ms "
                            f"| {_percentile(latencies, 0.95):.1f} ms | {answers} |"
                        )
            finally:
                server.terminate()
                server.wait(timeout=30)


def main() -> None:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--clients", default="4,16")
    args = parser.parse_args()
    asyncio.run(run(args.seconds, [int(n) for n in args.clients.split(",")]))


if __name__ == "__main__":
    main()
