"""Coalescing concurrent submissions into batches."""

import asyncio
from collections.abc import Sequence

import pytest

from quiver.core.batching import Coalescer


class Recorder:
    """A batch runner that records its batches; ``gate`` holds a batch until it is set."""

    def __init__(
        self, failing: frozenset[int] = frozenset(), error: type[Exception] = ValueError
    ) -> None:
        self.batches: list[list[int]] = []
        self.gate = asyncio.Event()
        self.gate.set()
        self._failing = failing
        self._error = error

    async def run(self, items: Sequence[int]) -> list[int]:
        self.batches.append(list(items))
        await self.gate.wait()
        if self._failing & set(items):
            raise self._error(f"cannot run {sorted(self._failing & set(items))}")
        return [item * 10 for item in items]


async def busy(
    recorder: Recorder, max_batch: int = 10
) -> tuple[Coalescer[int, int], "asyncio.Task[int]"]:
    """A one-batch-at-a-time coalescer whose first batch, item 0, is running and held."""
    recorder.gate.clear()
    coalescer = Coalescer(recorder.run, max_batch=max_batch, max_in_flight=1, isolate=(ValueError,))
    first = asyncio.create_task(coalescer.submit(0))
    await asyncio.sleep(0)
    return coalescer, first


async def test_an_idle_coalescer_runs_an_item_at_once_alone() -> None:
    recorder = Recorder()
    coalescer = Coalescer(recorder.run, max_batch=10, max_in_flight=1, isolate=(ValueError,))
    assert await coalescer.submit(1) == 10
    assert await coalescer.submit(2) == 20
    assert recorder.batches == [[1], [2]]


async def test_items_arriving_during_a_batch_go_together_in_the_next() -> None:
    recorder = Recorder()
    coalescer, first = await busy(recorder, max_batch=3)
    others = [asyncio.create_task(coalescer.submit(item)) for item in range(1, 6)]
    await asyncio.sleep(0)
    recorder.gate.set()
    assert await first == 0
    assert await asyncio.gather(*others) == [10, 20, 30, 40, 50]
    assert recorder.batches == [[0], [1, 2, 3], [4, 5]]


async def test_at_most_max_in_flight_batches_run_at_once() -> None:
    recorder = Recorder()
    recorder.gate.clear()
    coalescer = Coalescer(recorder.run, max_batch=10, max_in_flight=2, isolate=(ValueError,))
    tasks = [asyncio.create_task(coalescer.submit(item)) for item in range(3)]
    for _ in range(3):
        await asyncio.sleep(0)
    assert recorder.batches == [[0, 1, 2]], "all three were waiting when the first batch ran"
    late = [asyncio.create_task(coalescer.submit(item)) for item in (3, 4)]
    for _ in range(3):
        await asyncio.sleep(0)
    assert recorder.batches == [[0, 1, 2], [3, 4]]
    recorder.gate.set()
    assert await asyncio.gather(*tasks, *late) == [0, 10, 20, 30, 40]


async def batch_of_three_with_a_culprit(recorder: Recorder) -> list[object]:
    """The results of items 1 to 3, batched together behind item 0; item 2 fails."""
    coalescer, first = await busy(recorder)
    tasks = [asyncio.create_task(coalescer.submit(item)) for item in (1, 2, 3)]
    await asyncio.sleep(0)
    recorder.gate.set()
    assert await first == 0
    return await asyncio.gather(*tasks, return_exceptions=True)


async def test_a_failing_batch_is_rerun_item_by_item_so_only_the_culprit_fails() -> None:
    recorder = Recorder(failing=frozenset({2}))
    results = await batch_of_three_with_a_culprit(recorder)
    assert results[0] == 10 and results[2] == 30
    assert isinstance(results[1], ValueError)
    assert recorder.batches == [[0], [1, 2, 3], [1], [2], [3]]


async def test_an_error_that_may_have_left_something_behind_reaches_the_whole_batch() -> None:
    recorder = Recorder(failing=frozenset({2}), error=ConnectionError)
    results = await batch_of_three_with_a_culprit(recorder)
    assert all(isinstance(result, ConnectionError) for result in results)
    assert recorder.batches == [[0], [1, 2, 3]], "nothing is run again"


async def test_a_submitter_that_stops_waiting_does_not_disturb_the_others() -> None:
    recorder = Recorder()
    coalescer, first = await busy(recorder)
    leaving = asyncio.create_task(coalescer.submit(1))
    staying = asyncio.create_task(coalescer.submit(2))
    await asyncio.sleep(0)
    leaving.cancel()
    recorder.gate.set()
    assert await first == 0 and await staying == 20
    with pytest.raises(asyncio.CancelledError):
        await leaving
    assert await coalescer.submit(3) == 30, "the coalescer still works"


async def test_an_error_no_item_causes_is_not_rerun_item_by_item() -> None:
    recorder = Recorder(failing=frozenset({2}), error=TimeoutError)
    coalescer = Coalescer(
        recorder.run, max_batch=10, max_in_flight=1, isolate=(OSError,), shared=(TimeoutError,)
    )
    recorder.gate.clear()
    first = asyncio.create_task(coalescer.submit(0))
    for _ in range(3):
        await asyncio.sleep(0)
    tasks = [asyncio.create_task(coalescer.submit(item)) for item in (1, 2, 3)]
    await asyncio.sleep(0)
    recorder.gate.set()
    assert await first == 0
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert all(isinstance(result, TimeoutError) for result in results)
    assert recorder.batches == [[0], [1, 2, 3]], "TimeoutError is an OSError, but shared"


async def test_an_item_no_batch_took_within_max_wait_is_withdrawn_unrun() -> None:
    recorder = Recorder()
    recorder.gate.clear()
    coalescer = Coalescer(
        recorder.run, max_batch=10, max_in_flight=1, isolate=(ValueError,), max_wait=0.05
    )
    first = asyncio.create_task(coalescer.submit(0))
    for _ in range(3):
        await asyncio.sleep(0)
    assert recorder.batches == [[0]]
    with pytest.raises(TimeoutError, match="no batch started"):
        await coalescer.submit(1)
    recorder.gate.set()
    assert await first == 0, "the batch that was running is waited for, whatever its length"
    assert await coalescer.submit(2) == 20
    assert recorder.batches == [[0], [2]], "the withdrawn item never ran"


async def test_a_batch_that_started_is_waited_for_past_max_wait() -> None:
    recorder = Recorder()
    recorder.gate.clear()
    coalescer = Coalescer(
        recorder.run, max_batch=10, max_in_flight=1, isolate=(ValueError,), max_wait=0.01
    )
    item = asyncio.create_task(coalescer.submit(1))
    await asyncio.sleep(0.05)
    assert not item.done()
    recorder.gate.set()
    assert await item == 10


async def test_a_batch_error_reaches_its_items_before_max_wait() -> None:
    recorder = Recorder(failing=frozenset({1}), error=TimeoutError)
    coalescer = Coalescer(
        recorder.run, max_batch=10, max_in_flight=1, isolate=(ValueError,), max_wait=10
    )
    with pytest.raises(TimeoutError, match="cannot run"):
        await coalescer.submit(1)
