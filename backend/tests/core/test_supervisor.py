"""The embedded server's supervisor: it notices a dead postmaster and restarts the server."""

import asyncio
import threading

from quiver.core.supervisor import EmbeddedSupervisor

INTERVAL = 0.01


class FakeServer:
    """Postmasters as pids: ``kill`` ends the current one, ``restart`` starts the next."""

    def __init__(self, *, reaped_after: int = 0) -> None:
        self.pid = 100
        self.running = {100}
        self.restarted = asyncio.Event()
        self.loop = asyncio.get_running_loop()
        # Restarts that still find the dead postmaster (not yet reaped) before one works.
        self._unreaped = reaped_after
        self.attempts = 0
        self.release = threading.Event()
        self.release.set()

    def kill(self) -> None:
        self.running.discard(self.pid)

    def restart(self) -> int:
        self.attempts += 1
        self.release.wait()
        if self._unreaped:
            self._unreaped -= 1
            return self.pid  # The package adopts what it takes for a running server.
        self.pid += 1
        self.running.add(self.pid)
        self.loop.call_soon_threadsafe(self.restarted.set)
        return self.pid

    def alive(self, pid: int) -> bool:
        return pid in self.running


class FakePool:
    """Records that the connections were expired."""

    def __init__(self) -> None:
        self.expired = asyncio.Event()

    async def expire_connections(self) -> None:
        self.expired.set()


def supervise(server: FakeServer, pool: FakePool) -> EmbeddedSupervisor:
    supervisor = EmbeddedSupervisor(
        pool, INTERVAL, postmaster=lambda: server.pid, restart=server.restart, alive=server.alive
    )
    supervisor.start()
    return supervisor


async def test_a_dead_postmaster_is_restarted_and_the_pool_reconnects() -> None:
    server, pool = FakeServer(), FakePool()
    supervisor = supervise(server, pool)
    try:
        await asyncio.sleep(INTERVAL * 5)
        assert server.attempts == 0, "a live postmaster is left alone"
        server.kill()
        await asyncio.wait_for(pool.expired.wait(), 10)
        assert server.alive(server.pid) and server.pid == 101
        assert supervisor.restarts == 1
    finally:
        await supervisor.stop()


async def test_a_postmaster_that_is_not_reaped_yet_is_not_taken_for_the_new_one() -> None:
    server, pool = FakeServer(reaped_after=2), FakePool()
    supervisor = supervise(server, pool)
    try:
        server.kill()
        await asyncio.wait_for(pool.expired.wait(), 10)
        assert server.attempts == 3 and server.pid == 101
    finally:
        await supervisor.stop()


async def test_a_failed_restart_is_retried() -> None:
    server, pool = FakeServer(), FakePool()
    failures = [RuntimeError("pg_ctl: could not start server")]

    def flaky_restart() -> int:
        if failures:
            raise failures.pop()
        return server.restart()

    supervisor = EmbeddedSupervisor(
        pool, INTERVAL, postmaster=lambda: server.pid, restart=flaky_restart, alive=server.alive
    )
    supervisor.start()
    try:
        server.kill()
        await asyncio.wait_for(pool.expired.wait(), 10)
        assert not failures and server.pid == 101
    finally:
        await supervisor.stop()


async def test_stop_waits_for_a_restart_under_way() -> None:
    server, pool = FakeServer(), FakePool()
    server.release.clear()
    supervisor = supervise(server, pool)
    server.kill()
    while server.attempts == 0:
        await asyncio.sleep(INTERVAL)
    stopping = asyncio.create_task(supervisor.stop())
    await asyncio.sleep(INTERVAL * 5)
    assert not stopping.done(), "the server being started must not outlive the cleanup"
    server.release.set()
    await asyncio.wait_for(stopping, 10)
    assert server.restarted.is_set()
