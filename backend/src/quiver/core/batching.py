"""Coalescing concurrent work of one process into batches (application-level group commit).

Under load, requests that would each send one small statement (and each pay for its round
trip, its commit and its NOTIFY) wait instead while a batch is running and go together in
the next one. An idle process runs each item at once, alone: nothing waits on a timer.
"""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

ItemT = TypeVar("ItemT")
ResultT = TypeVar("ResultT")


class _Waiting(Generic[ItemT, ResultT]):
    """An item waiting for its batch, its result, and the timer withdrawing it if any."""

    __slots__ = ("item", "result", "timer")

    def __init__(self, item: ItemT, result: "asyncio.Future[ResultT]") -> None:
        self.item = item
        self.result = result
        self.timer: asyncio.TimerHandle | None = None


class Coalescer(Generic[ItemT, ResultT]):
    """Runs submitted items through ``run_batch``, at most ``max_in_flight`` batches at once.

    ``run_batch`` returns one result per item, in order. When a batch of several items fails
    with one of the ``isolate`` errors, those that mean the batch left nothing behind (say, an
    error PostgreSQL reports for a statement, which rolls it back), each item is run again
    alone, so that the error reaches only the item that caused it; unless it is also one of
    the ``shared`` errors, those no item causes (a lock wait that timed out, a server shutting
    down): running the items one by one would only repeat the wait, or run an item again
    whose first run may have committed. Any other error (say, a connection lost after a
    commit, when whether it happened is unknown) reaches every item of the batch, and nothing
    is run again.

    An item still waiting for its batch after ``max_wait`` seconds is withdrawn, unrun, and
    its submitter gets a ``TimeoutError``: waiting here is waiting for a connection, and
    bounded like it. Once its batch has started, the submitter waits for its outcome.
    """

    # The batching policy is one knob each, hence the argument count.
    def __init__(  # pylint: disable=too-many-arguments
        self,
        run_batch: Callable[[Sequence[ItemT]], Awaitable[Sequence[ResultT]]],
        *,
        max_batch: int,
        max_in_flight: int,
        isolate: tuple[type[Exception], ...],
        shared: tuple[type[Exception], ...] = (),
        max_wait: float | None = None,
    ) -> None:
        self._run_batch = run_batch
        self._isolate = isolate
        self._shared = shared
        self._max_batch = max_batch
        self._max_in_flight = max_in_flight
        self._max_wait = max_wait
        self._waiting: list[_Waiting[ItemT, ResultT]] = []
        self._in_flight = 0
        self._draining: set[asyncio.Task[None]] = set()

    async def submit(self, item: ItemT) -> ResultT:
        """The result of ``item``, once its batch has run.

        Raises:
            TimeoutError: If no batch took the item within ``max_wait`` seconds.
        """
        loop = asyncio.get_running_loop()
        result: asyncio.Future[ResultT] = loop.create_future()
        entry = _Waiting(item, result)
        if self._max_wait is not None:
            # One timer, not a timeout around the wait: this is the hottest path.
            entry.timer = loop.call_later(self._max_wait, self._expire, entry)
        self._waiting.append(entry)
        if self._in_flight < self._max_in_flight:
            self._in_flight += 1
            drain = loop.create_task(self._drain())
            self._draining.add(drain)
            drain.add_done_callback(self._draining.discard)
        return await result

    def _expire(self, entry: "_Waiting[ItemT, ResultT]") -> None:
        """Withdraw an item no batch took within ``max_wait``."""
        for index, waiting in enumerate(self._waiting):
            if waiting is entry:
                del self._waiting[index]
                if not entry.result.done():
                    entry.result.set_exception(
                        TimeoutError(f"no batch started within {self._max_wait} s")
                    )
                return

    async def _drain(self) -> None:
        try:
            while self._waiting:
                taken = self._waiting[: self._max_batch]
                del self._waiting[: self._max_batch]
                for entry in taken:
                    if entry.timer is not None:
                        entry.timer.cancel()
                await self._run([(entry.item, entry.result) for entry in taken])
        finally:
            self._in_flight -= 1

    async def _run(self, batch: list[tuple[ItemT, "asyncio.Future[ResultT]"]]) -> None:
        try:
            results = await self._run_batch([item for item, _ in batch])
        except Exception as exc:  # pylint: disable=broad-exception-caught
            isolated = isinstance(exc, self._isolate) and not isinstance(exc, self._shared)
            if len(batch) > 1 and isolated:
                for single in batch:
                    await self._run([single])
                return
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        except BaseException:
            for _, future in batch:
                future.cancel()
            raise
        for (_, future), result in zip(batch, results, strict=True):
            if not future.done():  # else its submitter stopped waiting
                future.set_result(result)
