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


class Coalescer(Generic[ItemT, ResultT]):
    """Runs submitted items through ``run_batch``, at most ``max_in_flight`` batches at once.

    ``run_batch`` returns one result per item, in order. When a batch of several items fails
    with one of the ``isolate`` errors, those that mean the batch left nothing behind (say, an
    error PostgreSQL reports for a statement, which rolls it back), each item is run again
    alone, so that the error reaches only the item that caused it. Any other error (say, a
    connection lost after a commit, when whether it happened is unknown) reaches every item
    of the batch, and nothing is run again.
    """

    def __init__(
        self,
        run_batch: Callable[[Sequence[ItemT]], Awaitable[Sequence[ResultT]]],
        *,
        max_batch: int,
        max_in_flight: int,
        isolate: tuple[type[Exception], ...],
    ) -> None:
        self._run_batch = run_batch
        self._isolate = isolate
        self._max_batch = max_batch
        self._max_in_flight = max_in_flight
        self._waiting: list[tuple[ItemT, asyncio.Future[ResultT]]] = []
        self._in_flight = 0
        self._draining: set[asyncio.Task[None]] = set()

    async def submit(self, item: ItemT) -> ResultT:
        """The result of ``item``, once its batch has run."""
        loop = asyncio.get_running_loop()
        result: asyncio.Future[ResultT] = loop.create_future()
        self._waiting.append((item, result))
        if self._in_flight < self._max_in_flight:
            self._in_flight += 1
            drain = loop.create_task(self._drain())
            self._draining.add(drain)
            drain.add_done_callback(self._draining.discard)
        return await result

    async def _drain(self) -> None:
        try:
            while self._waiting:
                batch = self._waiting[: self._max_batch]
                del self._waiting[: self._max_batch]
                await self._run(batch)
        finally:
            self._in_flight -= 1

    async def _run(self, batch: list[tuple[ItemT, "asyncio.Future[ResultT]"]]) -> None:
        try:
            results = await self._run_batch([item for item, _ in batch])
        except Exception as exc:  # pylint: disable=broad-exception-caught
            if len(batch) > 1 and isinstance(exc, self._isolate):
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
