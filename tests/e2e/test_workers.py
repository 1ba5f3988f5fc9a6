"""`quiver serve --workers 2` on its embedded database, as `make run` serves on two cores.

The parent starts PostgreSQL once and its workers share the listening socket. To aim a
connection at one worker, the tests stop (SIGSTOP) the other while connecting: the kernel
then hands the connection to the one that still accepts.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import orjson
import pytest
from websockets.asyncio.client import connect

from conftest import join, open_session, postmaster_pid
from quiver.core.embedded import postmaster_alive
from tests.e2e.test_ws_processes import account, channel

ROOT = Path(__file__).resolve().parents[2]
ARROW = {"arrows": [{"x_mm": 0.0, "y_mm": 0.0}]}


@dataclass
class Served:
    """A running `quiver serve --workers 2` and where to reach it."""

    process: subprocess.Popen[bytes]
    url: str
    metrics_port: int
    pgdata: Path
    log: Path

    def workers(self) -> list[int]:
        """The worker processes' pids (the parent's spawned children)."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()
                cmdline = (stat.parent / "cmdline").read_bytes()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid and b"spawn_main" in cmdline:
                pids.append(int(stat.parent.name))
        return sorted(pids)


def _two_free_ports() -> int:
    """A port ``p`` such that ``p`` and ``p + 1`` are both free (the workers' metrics)."""
    while True:
        with socket.socket() as first:
            first.bind(("127.0.0.1", 0))
            port: int = first.getsockname()[1]
            with socket.socket() as second:
                try:
                    second.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
        with socket.socket() as api:
            api.bind(("127.0.0.1", 0))
        return port


def _free_port_apart_from(taken: range) -> int:
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port: int = sock.getsockname()[1]
        if port not in taken:
            return port


async def _metrics(port: int) -> str:
    async with httpx.AsyncClient(timeout=5) as http:
        response = await http.get(f"http://127.0.0.1:{port}/metrics")
    assert response.status_code == 200
    return response.text


async def _until_both_workers_serve(served: Served) -> None:
    async with asyncio.timeout(120):
        while True:
            assert served.process.poll() is None, served.log.read_text(encoding="utf-8")
            try:
                for port in (served.metrics_port, served.metrics_port + 1):
                    await _metrics(port)
                async with httpx.AsyncClient(timeout=5) as http:
                    if (await http.get(f"{served.url}/health/ready")).status_code == 200:
                        if len(served.workers()) == 2:
                            return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)


@asynccontextmanager
async def serve_workers(tmp_path: Path) -> AsyncIterator[Served]:
    """`python -m quiver serve --workers 2` in embedded mode, on a data directory of its own,
    once both workers serve."""
    metrics_port = _two_free_ports()
    port = _free_port_apart_from(range(metrics_port, metrics_port + 2))
    env = {
        key: value
        for key, value in os.environ.items()
        if key != "DATABASE_URL" and not key.startswith("QUIVER_")
    }
    env.update(
        QUIVER_PGDATA=str(tmp_path / "pgdata"),
        QUIVER_PORT=str(port),
        QUIVER_METRICS_PORT=str(metrics_port),
        QUIVER_ARGON2_TIME_COST="1",
        QUIVER_ARGON2_MEMORY_COST_KIB="8",
    )
    log = tmp_path / "serve.log"
    with (
        log.open("wb") as stderr,
        subprocess.Popen(
            [sys.executable, "-m", "quiver", "serve", "--workers", "2"],
            cwd=ROOT,
            env=env,
            stderr=stderr,
        ) as process,
    ):
        served = Served(process, f"http://127.0.0.1:{port}", metrics_port, tmp_path / "pgdata", log)
        try:
            await _until_both_workers_serve(served)
            yield served
        finally:
            for pid in served.workers():
                os.kill(pid, signal.SIGCONT)
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    await asyncio.to_thread(process.wait, 60)
                except subprocess.TimeoutExpired:
                    process.kill()


@contextmanager
def only(worker: int, workers: list[int]) -> Iterator[None]:
    """New connections go to ``worker``: the others are stopped meanwhile."""
    others = [pid for pid in workers if pid != worker]
    for pid in others:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in others:
            os.kill(pid, signal.SIGCONT)


async def _answers(url: str) -> int:
    """The status of a request on a fresh connection."""
    async with httpx.AsyncClient(base_url=url, timeout=20) as http:
        return (await http.get("/api/v0/face")).status_code


def _arrows_written(metrics: str) -> float:
    [line] = [
        line for line in metrics.splitlines() if line.startswith("quiver_arrows_written_total ")
    ]
    return float(line.rsplit(" ", 1)[1])


async def test_each_worker_serves_and_a_viewer_on_one_sees_arrows_written_through_the_other(
    tmp_path: Path,
) -> None:
    async with serve_workers(tmp_path) as served:
        viewing, writing = served.workers()
        for worker in (viewing, writing):
            with only(worker, [viewing, writing]):
                assert await _answers(served.url) == 200
        async with httpx.AsyncClient(base_url=served.url, timeout=20) as http:
            owner = await account(http)
            session_id = await open_session(http, owner)
            slot = await join(http, owner, session_id)
            address = await channel(http, owner, served.url, session_id)
        with only(viewing, [viewing, writing]):
            viewer = await connect(address)
        async with viewer:
            snapshot = orjson.loads(await asyncio.wait_for(viewer.recv(), 20))
            assert snapshot["type"] == "session.snapshot"
            with only(writing, [viewing, writing]):
                async with httpx.AsyncClient(base_url=served.url, timeout=20) as http:
                    posted = await http.post(
                        f"/api/v0/slot/{slot['id']}/shot", json=ARROW, headers=owner.headers
                    )
            assert posted.status_code == 201, posted.text
            event = orjson.loads(await asyncio.wait_for(viewer.recv(), 20))
            assert event["type"] == "shot.created"
            assert event["data"]["shots"] == posted.json()["items"]

        # Each worker has its metrics port, in the order the workers were started: the arrow
        # is counted once, by the worker that wrote it.
        written = [
            _arrows_written(await _metrics(port))
            for port in (served.metrics_port, served.metrics_port + 1)
        ]
        assert sorted(written) == [0.0, 1.0]


async def test_a_killed_worker_is_replaced(tmp_path: Path) -> None:
    async with serve_workers(tmp_path) as served:
        killed, kept = served.workers()
        os.kill(killed, signal.SIGKILL)
        async with asyncio.timeout(60):
            while len(replacement := [pid for pid in served.workers() if pid != kept]) != 1 or (
                replacement == [killed]
            ):
                await asyncio.sleep(0.1)
        [new] = replacement
        # It serves once it has built its app: its metrics port (the killed one's) answers.
        await _until_both_workers_serve(served)
        with only(new, [new, kept]):
            assert await _answers(served.url) == 200
        assert served.process.poll() is None


async def _send_slowly(
    url: str, path: str, token: str
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, bytes]:
    """Send a POST of ``ARROW`` but the end of its body: the connection, and what is left."""
    body = orjson.dumps(ARROW)
    host, port = url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    writer.write(head.encode() + body[:5])
    await writer.drain()
    return reader, writer, body[5:]


async def _until_logged(log: Path, text: str, times: int) -> None:
    async with asyncio.timeout(60):
        while log.read_text(encoding="utf-8", errors="replace").count(text) < times:
            await asyncio.sleep(0.1)


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
async def test_a_signal_lets_every_worker_finish_its_requests_then_stops_the_database(
    tmp_path: Path, stop_signal: signal.Signals
) -> None:
    async with serve_workers(tmp_path) as served:
        async with httpx.AsyncClient(base_url=served.url, timeout=20) as http:
            owner = await account(http)
            slot = await join(http, owner, await open_session(http, owner))
        postmaster = postmaster_pid(served.pgdata)
        reader, writer, rest = await _send_slowly(
            served.url, f"/api/v0/slot/{slot['id']}/shot", owner.token
        )
        served.process.send_signal(stop_signal)
        # Both workers are shutting down while the request's body is still on its way.
        await _until_logged(served.log, "shutting down", 2)
        writer.write(rest)
        await writer.drain()
        status = await asyncio.wait_for(reader.readline(), 20)
        writer.close()
        assert status.startswith(b"HTTP/1.1 201"), status
        assert await asyncio.to_thread(served.process.wait, 60) == 0
        async with asyncio.timeout(10):
            while postmaster_alive(postmaster):
                await asyncio.sleep(0.1)
