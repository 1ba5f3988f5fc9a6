"""Logging set-up: one configured root handler and request-scoped context in every line."""

import logging
import sys
from contextvars import ContextVar

# Request-scoped (not process-wide) state: each asyncio task sees its own request's id.
request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

_FORMAT = "%(asctime)s %(levelname)s %(name)s [request_id=%(request_id)s] %(message)s"


class _RequestIdFilter(logging.Filter):
    """Stamps the current request id on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class LoggerFactory:
    """Hands out loggers that share one handler, configured on first use."""

    def __init__(self, level: str | int = logging.INFO) -> None:
        self._level = level

    def get_logger(self, name: str) -> logging.Logger:
        """Return the named logger, configuring the ``quiver`` handler once."""
        root = logging.getLogger("quiver")
        if not root.handlers:
            # The format uses none of the caller's file, thread or process: skip collecting
            # them for every record (the logging HOWTO's "Optimization"). The access log writes
            # a line per request.
            logging._srcfile = None  # pylint: disable=protected-access
            logging.logThreads = False
            logging.logProcesses = False
            logging.logMultiprocessing = False
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter(_FORMAT))
            handler.addFilter(_RequestIdFilter())
            root.addHandler(handler)
            root.setLevel(self._level)
            root.propagate = False
        return logging.getLogger(name)
