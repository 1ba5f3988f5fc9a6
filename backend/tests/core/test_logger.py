"""Log formats: the text line and one JSON object per line."""

import io
import json
import logging
import os
from collections.abc import Iterator

import pytest

from quiver.core.logger import LoggerFactory, configure_logging, request_id_var


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """The quiver handler's output, restored to text on stderr afterwards."""
    handlers = LoggerFactory().get_logger("quiver").handlers
    [handler] = [candidate for candidate in handlers if candidate.name == "quiver"]
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(previous)
        configure_logging("WARNING", "text")


def test_json_logs_are_one_object_per_line_with_the_request_and_extra_fields(
    captured: io.StringIO,
) -> None:
    configure_logging("INFO", "json")
    token = request_id_var.set("req-42")
    try:
        logger = LoggerFactory().get_logger("quiver.test")
        logger.info("recorded %d arrows", 6, extra={"principal": "archer-1", "status": 201})
    finally:
        request_id_var.reset(token)
    logger.warning("second line")
    first, second = (json.loads(line) for line in captured.getvalue().splitlines())
    assert first["message"] == "recorded 6 arrows"
    assert (first["level"], first["logger"], first["request_id"]) == (
        "INFO",
        "quiver.test",
        "req-42",
    )
    assert (first["principal"], first["status"]) == ("archer-1", 201)
    assert "ts" in first
    assert (second["level"], second["request_id"]) == ("WARNING", "-")


def test_text_logs_keep_the_request_id_in_the_line(captured: io.StringIO) -> None:
    configure_logging("INFO", "text")
    token = request_id_var.set("req-7")
    try:
        LoggerFactory().get_logger("quiver.test").info("hello")
    finally:
        request_id_var.reset(token)
    assert captured.getvalue().rstrip().endswith("INFO quiver.test [request_id=req-7] hello")


def test_other_handlers_keep_their_own_format() -> None:
    """pytest's capture (or any handler added by others) is left alone."""
    quiver = LoggerFactory().get_logger("quiver")
    foreign = logging.StreamHandler(io.StringIO())
    foreign.setFormatter(logging.Formatter("%(message)s"))
    quiver.addHandler(foreign)
    try:
        configure_logging("INFO", "json")
        assert foreign.formatter is not None and foreign.formatter._fmt == "%(message)s"
    finally:
        quiver.removeHandler(foreign)
        configure_logging("WARNING", "text")


def test_text_lines_render_times_as_the_standard_formatter_does() -> None:
    """The text formatter renders each second once; its lines stay the standard ones."""
    configure_logging("INFO", "text")
    (handler,) = [h for h in logging.getLogger("quiver").handlers if h.get_name() == "quiver"]
    assert handler.formatter is not None
    standard = logging.Formatter(handler.formatter._fmt)
    record = logging.LogRecord("quiver.t", logging.INFO, "", 0, "m %s", ("x",), None)
    record.request_id = "r"
    for step in (0.0, 0.25, 1.5, 3600.0):
        record.created += step
        record.msecs = (record.created - int(record.created)) * 1000
        assert handler.formatter.format(record) == standard.format(record)


def test_every_line_names_its_process_so_workers_can_be_told_apart(
    captured: io.StringIO,
) -> None:
    logger = LoggerFactory().get_logger("quiver.test")
    configure_logging("INFO", "text")
    logger.info("as text")
    configure_logging("INFO", "json")
    logger.info("as json")
    text, as_json = captured.getvalue().splitlines()
    assert f" [{os.getpid()}] INFO quiver.test " in text
    assert json.loads(as_json)["pid"] == os.getpid()
