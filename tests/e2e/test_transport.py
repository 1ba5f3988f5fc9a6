"""The HTTP server as clients meet it on a real socket: slow and oversize requests, HEAD,
errors and disconnects, shutdown.

The server is ``quiver serve``'s own uvicorn configuration (``server_config``), run in a
thread so that a test app can add a route; one test runs ``quiver serve`` itself.
"""

import asyncio
import http.client
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson
import pytest
from fastapi import FastAPI

from conftest import free_port, fresh_database, make_settings
from quiver.app import create_app
from quiver.cli import Server, server_config
from quiver.core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
MAX_CONCURRENT = 5
PROBLEM_KEYS = {"type", "title", "status", "detail", "instance", "code", "request_id"}
UPLOAD = (
    b"POST /api/v0/auth/login HTTP/1.1\r\nHost: quiver\r\nContent-Type: application/json\r\n"
    b"Content-Length: 100000\r\nExpect: 100-continue\r\n"
)


class Records(logging.Handler):
    """Every log record of the server, from any thread."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def wait_for(self, matches: Callable[[logging.LogRecord], bool]) -> logging.LogRecord:
        deadline = time.monotonic() + 10
        while not (found := [record for record in self.records if matches(record)]):
            assert time.monotonic() < deadline, "the server logged no such line"
            time.sleep(0.02)
        return found[0]


def _stamp_request_id(record: logging.LogRecord) -> bool:
    record.request_id = getattr(record, "request_id", "-")
    return True


@contextmanager
def serving(settings: Settings, app: FastAPI) -> Iterator[Server]:
    """``app`` behind the server ``quiver serve`` runs, until the block ends."""
    server = Server(server_config(settings, app, own_logging=False), app)
    thread = threading.Thread(target=server.run, name="quiver-serve")
    level = logging.getLogger("quiver").level
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.02)
        yield server
    finally:
        server.should_exit = True
        thread.join(timeout=60)
        logging.getLogger("quiver").setLevel(level)


def _settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "port": free_port(),
        "api_max_concurrent_requests": MAX_CONCURRENT,
        "header_timeout_seconds": 1,
        "body_timeout_seconds": 1,
        "shutdown_grace_seconds": 1,
        "log_level": "INFO",
    }
    values.update(overrides)
    return make_settings(database_url, **values)


@pytest.fixture(scope="module")
def transport_database(server_dsn: str, worker_id: str) -> Iterator[str]:
    with fresh_database(server_dsn, "quiver_transport", worker_id) as url:
        yield url


@pytest.fixture(scope="module", autouse=True)
def logs() -> Iterator[Records]:
    handler = Records()
    loggers = [logging.getLogger("quiver"), logging.getLogger("uvicorn")]
    for logger in loggers:
        logger.addHandler(handler)
    # pytest's capturing handlers are shared with the quiver logger, which gives them its
    # format: uvicorn's records need the request id that quiver's filter stamps on its own.
    uvicorn_error = logging.getLogger("uvicorn.error")
    uvicorn_error.addFilter(_stamp_request_id)
    yield handler
    uvicorn_error.removeFilter(_stamp_request_id)
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.fixture(scope="module")
def port(transport_database: str) -> Iterator[int]:
    """A server whose app has one more route, which fails."""
    settings = _settings(transport_database)
    app = create_app(settings)

    async def explode() -> None:
        raise RuntimeError("secret internals")

    app.add_api_route("/api/v0/test/explode", explode)
    with serving(settings, app):
        yield settings.port


def _connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def _read_head(sock: socket.socket) -> bytes:
    """Bytes up to the end of one response's head (an interim 100 Continue, say)."""
    data = b""
    while not data.endswith(b"\r\n\r\n"):
        chunk = sock.recv(1)
        assert chunk, "the connection closed"
        data += chunk
    return data


def _read_to_end(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(65_536):
        data += chunk
    return data


def _parse(raw: bytes) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of the one response in ``raw``."""
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body


def _assert_problem(raw: bytes, status: int, code: str) -> dict[str, str]:
    got, headers, body = _parse(raw)
    assert got == status, raw[:300]
    assert headers["content-type"] == "application/problem+json"
    assert "server" not in headers
    problem = orjson.loads(body)
    assert PROBLEM_KEYS <= set(problem) and problem["code"] == code
    return headers


def _start_upload(port: int) -> socket.socket:
    """A client that sends its headers and a first byte of a 100 kB body, then stalls."""
    sock = _connect(port)
    sock.sendall(UPLOAD + b"\r\n")
    # The interim answer comes once the app reads the body: the request is being served.
    assert _read_head(sock).startswith(b"HTTP/1.1 100 ")
    sock.sendall(b"{")
    return sock


def test_stalled_uploads_lock_no_one_out_and_get_a_408_after_the_body_timeout(port: int) -> None:
    uploads = [_start_upload(port) for _ in range(MAX_CONCURRENT + 3)]
    try:
        face = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        face.request("GET", "/api/v0/face/wa_122")
        assert face.getresponse().status == 200
        face.close()
        for upload in uploads:
            headers = _assert_problem(_read_to_end(upload), 408, "request_timeout")
            assert headers["connection"] == "close"
    finally:
        for upload in uploads:
            upload.close()


def test_headers_that_do_not_arrive_in_time_get_a_408_and_the_connection_closes(
    port: int,
) -> None:
    with _connect(port) as sock:
        sock.sendall(b"GET /api/v0/face HTTP/1.1\r\nHost: quiver\r\nX-Slow: ")
        headers = _assert_problem(_read_to_end(sock), 408, "request_timeout")
    assert headers["connection"] == "close"


def test_a_connection_that_sends_nothing_is_closed_after_the_header_timeout(port: int) -> None:
    with _connect(port) as sock:
        assert _read_to_end(sock) == b""


def test_an_oversize_header_is_a_431_problem(port: int) -> None:
    with _connect(port) as sock:
        sock.sendall(
            b"GET /api/v0/face/wa_122 HTTP/1.1\r\nHost: quiver\r\n"
            b"Authorization: Bearer " + b"a" * (1 << 20) + b"\r\n\r\n"
        )
        _assert_problem(_read_to_end(sock), 431, "request_header_fields_too_large")


def test_too_many_headers_are_a_431_problem(port: int) -> None:
    fields = b"".join(b"X-Field-%d: 1\r\n" % number for number in range(200))
    with _connect(port) as sock:
        sock.sendall(b"GET /api/v0/face/wa_122 HTTP/1.1\r\nHost: quiver\r\n" + fields + b"\r\n")
        _assert_problem(_read_to_end(sock), 431, "request_header_fields_too_large")


def test_a_request_that_is_not_http_is_a_400_problem(port: int) -> None:
    with _connect(port) as sock:
        sock.sendall(b"NOT HTTP AT ALL\r\n\r\n")
        _assert_problem(_read_to_end(sock), 400, "bad_request")


def test_head_answers_the_get_headers_without_a_body_and_no_server_header(port: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/api/v0/face/wa_122")
    get = connection.getresponse()
    body = get.read()
    connection.request("HEAD", "/api/v0/face/wa_122")
    head = connection.getresponse()
    assert head.status == 200
    assert head.read() == b""
    assert head.getheader("content-length") == str(len(body))
    assert head.getheader("content-type") == get.getheader("content-type")
    assert get.getheader("server") is None and head.getheader("server") is None
    # Had the HEAD answer carried a body, this would read it instead of its own answer.
    connection.request("HEAD", "/openapi.json")
    contract = connection.getresponse()
    assert contract.status == 200 and contract.read() == b""
    connection.request("GET", "/api/v0/face/wa_122")
    assert connection.getresponse().read() == body
    connection.close()


def test_an_unhandled_error_is_a_500_problem_and_the_connection_stays_open(port: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/api/v0/test/explode")
    failed = connection.getresponse()
    raw = failed.read()
    assert failed.status == 500
    assert failed.getheader("content-type") == "application/problem+json"
    assert orjson.loads(raw)["code"] == "internal_error" and b"secret" not in raw
    sock = connection.sock
    assert sock is not None, "the server closed the connection"
    connection.request("GET", "/api/v0/face/wa_122")
    assert connection.getresponse().status == 200
    assert connection.sock is sock
    connection.close()


def test_a_client_gone_mid_upload_is_an_info_line_and_no_error(port: int, logs: Records) -> None:
    first = len(logs.records)
    with _connect(port) as sock:
        sock.sendall(UPLOAD + b"X-Request-ID: gone-mid-upload\r\n\r\n")
        assert _read_head(sock).startswith(b"HTTP/1.1 100 ")
        sock.sendall(b'{"email": ')
    line = logs.wait_for(lambda record: getattr(record, "request_id", "") == "gone-mid-upload")
    assert line.name == "quiver.access" and line.levelno == logging.INFO
    assert " 499 " in line.getMessage()
    assert [record for record in logs.records[first:] if record.levelno >= logging.ERROR] == []


def test_a_request_cut_off_by_the_shutdown_gets_a_503_problem(transport_database: str) -> None:
    settings = _settings(transport_database)
    app = create_app(settings)
    entered = threading.Event()

    async def hang() -> None:
        entered.set()
        await asyncio.Event().wait()

    app.add_api_route("/api/v0/test/hang", hang)
    with serving(settings, app) as server, _connect(settings.port) as sock:
        sock.sendall(b"GET /api/v0/test/hang HTTP/1.1\r\nHost: quiver\r\n\r\n")
        assert entered.wait(timeout=10)
        server.should_exit = True
        headers = _assert_problem(_read_to_end(sock), 503, "shutting_down")
    assert headers["connection"] == "close"


def test_quiver_serve_bounds_headers_and_names_no_server(transport_database: str) -> None:
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("QUIVER_")}
    env.update(
        {
            "DATABASE_URL": transport_database,
            "QUIVER_PORT": str(port),
            "QUIVER_MAX_HEADER_COUNT": "5",
        }
    )
    with subprocess.Popen(
        [sys.executable, "-m", "quiver", "serve"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
    ) as process:
        try:
            deadline = time.monotonic() + 60
            while True:
                assert process.poll() is None and time.monotonic() < deadline, "not serving"
                try:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    connection.request("GET", "/api/v0/face/wa_122")
                    response = connection.getresponse()
                    break
                except OSError:
                    time.sleep(0.1)
            assert response.status == 200 and response.getheader("server") is None
            connection.close()
            fields = b"".join(b"X-Field-%d: 1\r\n" % number for number in range(6))
            with _connect(port) as sock:
                sock.sendall(b"GET /api/v0/face HTTP/1.1\r\nHost: quiver\r\n" + fields + b"\r\n")
                _assert_problem(_read_to_end(sock), 431, "request_header_fields_too_large")
        finally:
            process.terminate()
            process.wait(timeout=20)
