"""`quiver serve` in a subprocess with its own embedded database, and what the harness reads
of it from outside: its pid and memory, the postmaster's pid, a DSN for counting arrows."""

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import httpx

from quiver.core.ratelimit import rate_limit_variables

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"

# Small settings that make faults show within seconds: a request gives up on a pooled
# connection or a table lock after 2 s, and registering test archers costs no real hashing.
SERVER_SETTINGS = {
    "QUIVER_DB_ACQUIRE_TIMEOUT_SECONDS": "2",
    "QUIVER_ARGON2_TIME_COST": "1",
    "QUIVER_ARGON2_MEMORY_COST_KIB": "1024",
    "QUIVER_LOG_LEVEL": "WARNING",
    # Every rate limit on, but out of reach of the harness's load from one address.
    **dict.fromkeys(rate_limit_variables(), "1000000"),
}
# Variables of the caller's environment that would change the server under test.
_INHERITED_PREFIXES = ("QUIVER_", "POSTGRES_POOL_", "API_MAX_")


def process_alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting to be reaped does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def postmaster_pid(pgdata: Path) -> int | None:
    """The pid written in ``postmaster.pid`` (first line), if the file exists."""
    try:
        return int((pgdata / "postmaster.pid").read_text(encoding="utf-8").splitlines()[0])
    except (OSError, ValueError, IndexError):
        return None


def database_dsn(pgdata: Path) -> str:
    """A DSN for the embedded server of ``pgdata``, from ``postmaster.pid``: line 4 is the
    port and line 5 the socket directory. Read anew each time, as a restart may change them.

    Raises:
        RuntimeError: If no server has written its pid file.
    """
    try:
        lines = (pgdata / "postmaster.pid").read_text(encoding="utf-8").splitlines()
        port, socket_dir = int(lines[3]), lines[4]
    except (OSError, ValueError, IndexError) as error:
        raise RuntimeError(f"no running PostgreSQL on {pgdata}") from error
    return f"postgresql://postgres@/postgres?host={socket_dir}&port={port}"


def memory_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of ``pid`` in KiB: its resident memory now and at its peak."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])
    return fields["VmRSS"], fields["VmHWM"]


class ServeProcess:
    """One `quiver serve` at a time on ``port`` and ``workdir/pgdata``; started again on the
    same data directory after a stop. Its output is appended to ``workdir/serve.log``."""

    def __init__(self, workdir: Path, port: int) -> None:
        self.workdir = workdir
        self.port = port
        self.pgdata = workdir / "pgdata"
        self.log_path = workdir / "serve.log"
        self.base_url = f"http://{HOST}:{port}"
        self.starts = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def pid(self) -> int:
        """The pid of the current `quiver serve`."""
        assert self._process is not None, "not started"
        return self._process.pid

    def running(self) -> bool:
        """Whether the current `quiver serve` has not exited."""
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Spawn `quiver serve` (embedded mode); ``wait_until_serving`` waits for it."""
        env = {
            key: value
            for key, value in os.environ.items()
            if key != "DATABASE_URL" and not key.startswith(_INHERITED_PREFIXES)
        }
        env.update(SERVER_SETTINGS)
        env.update({"QUIVER_PGDATA": str(self.pgdata), "QUIVER_HOST": HOST})
        env["QUIVER_PORT"] = str(self.port)
        if self._log is None:
            self._log = self.log_path.open("ab")
        self._process = subprocess.Popen(  # pylint: disable=consider-using-with
            [sys.executable, "-m", "quiver", "serve"],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.starts += 1

    async def wait_until_serving(self, timeout: float = 60.0) -> None:
        """Wait until the API answers.

        Raises:
            RuntimeError: If the process exits or does not answer within ``timeout``.
        """
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient(base_url=self.base_url, timeout=1.0) as http:
            while time.monotonic() < deadline:
                if not self.running():
                    raise RuntimeError(f"quiver serve exited during start-up; see {self.log_path}")
                try:
                    if (await http.get("/api/v0/face/wa_122")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
        raise RuntimeError(f"quiver serve did not answer within {timeout:.0f} s")

    async def stop(self, sig: signal.Signals = signal.SIGTERM, timeout: float = 30.0) -> int | None:
        """Send ``sig`` and wait for the exit; after ``timeout``, SIGKILL.

        Returns:
            The exit code, or None when it had to be killed.
        """
        if self._process is None or self._process.poll() is not None:
            return None if self._process is None else self._process.returncode
        self._process.send_signal(sig)
        deadline = time.monotonic() + timeout
        while self._process.poll() is None and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
            return None
        return self._process.returncode

    async def close(self) -> None:
        """Stop `quiver serve` and any embedded server it left behind (say, one the harness
        could not stop through it)."""
        await self.stop()
        leftover = postmaster_pid(self.pgdata)
        if leftover is not None and process_alive(leftover):
            os.kill(leftover, signal.SIGINT)  # PostgreSQL's fast shutdown
            deadline = time.monotonic() + 10
            while process_alive(leftover) and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
        if self._log is not None:
            self._log.close()
            self._log = None
