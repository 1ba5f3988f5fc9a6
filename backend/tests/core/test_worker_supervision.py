"""The parent of `quiver serve --workers N`: which failed worker starts stop everything."""

from multiprocessing.context import SpawnProcess
from types import SimpleNamespace
from typing import cast

import pytest
import uvicorn
from fastapi import FastAPI
from uvicorn.config import STARTUP_FAILURE

from conftest import make_settings
from quiver.cli import _Worker, _Workers


class _FakeWorker(_Worker):
    """A worker process that is not started: it answers, or has exited with ``exitcode``."""

    def __init__(self, *, answers: bool, served: bool, exitcode: int | None = None) -> None:
        # pylint: disable=super-init-not-called
        self.served = served
        self._answers = answers
        self.process = cast(SpawnProcess, SimpleNamespace(pid=4242, exitcode=exitcode))

    def responsive(self, patience: float) -> bool:
        return self._answers

    def kill(self) -> None:
        pass

    def join(self) -> None:
        pass


def _supervisor(
    monkeypatch: pytest.MonkeyPatch, processes: list[_Worker]
) -> tuple[_Workers, list[int]]:
    settings = make_settings("postgresql://unused")
    workers = _Workers(uvicorn.Config(FastAPI(), workers=len(processes)), [], settings)
    started: list[int] = []

    def start(index: int) -> _Worker:
        started.append(index)
        return _FakeWorker(answers=True, served=False)

    monkeypatch.setattr(workers, "_start", start)
    workers.processes = list(processes)
    return workers, started


def test_a_worker_failing_to_start_before_any_served_stops_them_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workers, started = _supervisor(
        monkeypatch,
        [
            _FakeWorker(answers=False, served=False, exitcode=STARTUP_FAILURE),
            _FakeWorker(answers=True, served=False),
        ],
    )
    workers.keep_subprocess_alive()
    assert workers.failed and workers.should_exit.is_set() and not started


def test_a_worker_failing_to_start_once_another_served_is_replaced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Worker 0 serves; worker 1 failed its start-up (say, the database was being restarted).
    workers, started = _supervisor(
        monkeypatch,
        [
            _FakeWorker(answers=True, served=True),
            _FakeWorker(answers=False, served=False, exitcode=STARTUP_FAILURE),
        ],
    )
    workers.keep_subprocess_alive()
    assert not workers.failed and not workers.should_exit.is_set() and started == [1]
