"""`quiver serve` as a user runs it: embedded database, migrations, API, clean shutdown."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from conftest import free_port, postmaster_pid

ROOT = Path(__file__).resolve().parents[2]


def _is_running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _wait_until_serving(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "quiver serve exited during start-up"
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail("quiver serve did not answer within 60 s")


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_serve_starts_its_own_database_and_stops_it_on_a_signal(
    tmp_path: Path, stop_signal: signal.Signals
) -> None:
    pgdata = tmp_path / "pgdata"
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL",) and not key.startswith("QUIVER_")
    }
    env.update({"QUIVER_PGDATA": str(pgdata), "QUIVER_PORT": str(port)})
    with subprocess.Popen(
        [sys.executable, "-m", "quiver", "serve"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
    ) as server:
        try:
            _wait_until_serving(f"http://127.0.0.1:{port}/api/v0/face", server)
            assert httpx.get(f"http://127.0.0.1:{port}/openapi.json").status_code == 200
            postmaster = postmaster_pid(pgdata)
            server.send_signal(stop_signal)
            assert server.wait(timeout=20) == 0
            deadline = time.monotonic() + 10
            while _is_running(postmaster) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not _is_running(postmaster), "the embedded PostgreSQL outlived quiver serve"
        finally:
            if server.poll() is None:
                server.kill()
