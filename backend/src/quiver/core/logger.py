"""Logging set-up: one configured root handler and request-scoped context in every line."""

import logging
import sys
from contextvars import ContextVar
from typing import Literal

from pythonjsonlogger.json import JsonFormatter

# Request-scoped (not process-wide) state: each asyncio task sees its own request's id.
request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
# The live-channel events a request announces, named in its access-log line: the one place
# where an event id (which viewers see) meets the writer's request id (which they never do).
event_ids_var: ContextVar[list[str] | None] = ContextVar("event_ids", default=None)

# The process id tells the workers of `quiver serve --workers` apart.
_FORMAT = "%(asctime)s [%(process)d] %(levelname)s %(name)s [request_id=%(request_id)s] %(message)s"
LogFormat = Literal["text", "json"]
_HANDLER_NAME = "quiver"


class _TextFormatter(logging.Formatter):
    """The text format, with each second's timestamp rendered once rather than per line (the
    access log writes a line per request)."""

    def __init__(self) -> None:
        super().__init__(_FORMAT)
        self._second = -1
        self._second_text = ""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        second = int(record.created)
        if second != self._second or datefmt is not None:
            self._second_text = super().formatTime(record, datefmt).rsplit(",", 1)[0]
            self._second = second
        return f"{self._second_text},{int(record.msecs):03d}"


def _formatter(log_format: LogFormat) -> logging.Formatter:
    if log_format == "text":
        return _TextFormatter()
    # One object per line; a record's ``extra`` fields (the access log's method, path, status,
    # duration, principal and operation) become keys of their own.
    return JsonFormatter(
        "%(asctime)s %(process)d %(levelname)s %(name)s %(message)s %(request_id)s",
        rename_fields={"asctime": "ts", "process": "pid", "levelname": "level", "name": "logger"},
        timestamp=False,
    )


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
            # The format uses none of the caller's file, thread or process name (only its
            # pid): skip collecting them for every record (the logging HOWTO's
            # "Optimization"). The access log writes a line per request.
            logging._srcfile = None  # pylint: disable=protected-access
            logging.logThreads = False
            logging.logMultiprocessing = False
            handler = logging.StreamHandler(sys.stderr)
            handler.set_name(_HANDLER_NAME)
            handler.setFormatter(_formatter("text"))
            handler.addFilter(_RequestIdFilter())
            root.addHandler(handler)
            root.setLevel(self._level)
            root.propagate = False
        return logging.getLogger(name)


def configure_logging(level: str, log_format: LogFormat) -> None:
    """Apply the app's settings to the ``quiver`` loggers' one handler (not to handlers that
    others, such as pytest's log capture, attach)."""
    root = LoggerFactory().get_logger("quiver")
    root.setLevel(level)
    for handler in root.handlers:
        if handler.get_name() == _HANDLER_NAME:
            handler.setFormatter(_formatter(log_format))
