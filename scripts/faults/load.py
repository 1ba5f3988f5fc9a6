"""Arrow-writing load: writers that record logical arrows with idempotency keys, retrying each
key until the server acknowledges it, and the ledger of every attempt.

Each logical arrow gets coordinates no other arrow of the run has (its index spelled in
millimetres), so the database alone tells which logical arrow a stored row belongs to, and
how many rows each one has, whether or not its acknowledgement ever arrived.
"""

import asyncio
import math
from collections import Counter
from typing import Any, NamedTuple
from uuid import uuid4

import httpx

_SPAN = 3000  # coordinates run from -1500 to 1500 mm: 9 million distinct arrows per run
RETRY_CAP_SECONDS = 0.5


class Slot(NamedTuple):
    """A writer's place: the slot it records into and the token of the slot's archer."""

    id: str
    token: str


class Attempt(NamedTuple):
    """One HTTP request of a writer: when it left, when it ended, and how (a status code, or
    ``conn``/``timeout``/``protocol`` for a transport failure)."""

    sent: float
    done: float
    outcome: str

    @property
    def ok(self) -> bool:
        """Whether the server acknowledged the arrow (2xx)."""
        return self.outcome.startswith("2")


class LogicalArrow:
    """One arrow as the archer means it: one key, however many requests it takes."""

    def __init__(self, index: int, slot: Slot, run_id: str) -> None:
        self.index = index
        self.slot = slot
        self.key = f"faults-{run_id}-{index}"
        self.x_mm = float(index % _SPAN - _SPAN // 2)
        self.y_mm = float(index // _SPAN - _SPAN // 2)
        self.attempts: list[Attempt] = []
        self.shot_id: str | None = None
        self.replayed = False

    @property
    def place(self) -> tuple[str, float, float]:
        """What identifies the arrow's row in the database: slot and coordinates."""
        return self.slot.id, self.x_mm, self.y_mm


class Ledger:
    """Every logical arrow of one fault's run, with all its attempts."""

    def __init__(self) -> None:
        self.run_id = uuid4().hex[:12]
        self.arrows: list[LogicalArrow] = []

    def new_arrow(self, slot: Slot) -> LogicalArrow:
        """A logical arrow with a key and coordinates of its own."""
        arrow = LogicalArrow(len(self.arrows), slot, self.run_id)
        self.arrows.append(arrow)
        return arrow

    def attempts(self) -> list[Attempt]:
        """All attempts of all arrows."""
        return [attempt for arrow in self.arrows for attempt in arrow.attempts]

    def answers(self) -> Counter[str]:
        """Attempts by outcome."""
        return Counter(attempt.outcome for attempt in self.attempts())


async def _post_arrow(http: httpx.AsyncClient, arrow: LogicalArrow) -> str:
    """One attempt; records the shot id of an acknowledgement and returns the outcome."""
    try:
        response = await http.post(
            f"/api/v0/slot/{arrow.slot.id}/shot",
            json={"arrows": [{"x_mm": arrow.x_mm, "y_mm": arrow.y_mm}]},
            headers={"Authorization": f"Bearer {arrow.slot.token}", "Idempotency-Key": arrow.key},
        )
    except httpx.TimeoutException:
        return "timeout"
    except (httpx.ConnectError, httpx.ReadError, httpx.WriteError):
        return "conn"
    except httpx.TransportError:
        return "protocol"
    if response.is_success:
        body: dict[str, Any] = response.json()
        arrow.shot_id = str(body["items"][0]["id"])
        arrow.replayed = arrow.replayed or response.headers.get("idempotent-replayed") == "true"
    return str(response.status_code)


class Drive:
    """The writers of one fault's run: each records logical arrows one after the other into
    its slot until ``stop``; then every arrow still pending is retried until ``give_up_at``."""

    def __init__(self, http: httpx.AsyncClient, ledger: Ledger) -> None:
        self.http = http
        self.ledger = ledger
        self.give_up_at = math.inf
        self._stopping = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    async def write(self, arrow: LogicalArrow, http: httpx.AsyncClient | None = None) -> None:
        """Send ``arrow`` with its key until acknowledged or ``give_up_at``.

        Retries come after a short, growing pause, at most ``RETRY_CAP_SECONDS`` (a
        ``Retry-After`` of 1 s or more is cut to it, to see recovery to the half second).
        """
        loop = asyncio.get_running_loop()
        pause = 0.05
        while arrow.shot_id is None and loop.time() < self.give_up_at:
            sent = loop.time()
            outcome = await _post_arrow(http or self.http, arrow)
            arrow.attempts.append(Attempt(sent, loop.time(), outcome))
            if arrow.shot_id is None:
                await asyncio.sleep(pause)
                pause = min(pause * 2, RETRY_CAP_SECONDS)

    async def _writer(self, slot: Slot) -> None:
        while not self._stopping.is_set():
            await self.write(self.ledger.new_arrow(slot))

    def start_writers(self, slots: list[Slot]) -> None:
        """One writer per slot, from now until ``finish``."""
        for slot in slots:
            self._tasks.append(asyncio.create_task(self._writer(slot)))

    def spawn_arrow(self, slot: Slot, http: httpx.AsyncClient) -> asyncio.Task[None]:
        """One more logical arrow written beside the writers (a burst); ``finish`` awaits it."""
        task = asyncio.create_task(self.write(self.ledger.new_arrow(slot), http))
        self._tasks.append(task)
        return task

    async def finish(self, settle_seconds: float) -> None:
        """Stop starting arrows; give the pending ones ``settle_seconds`` to be acknowledged."""
        self._stopping.set()
        self.give_up_at = asyncio.get_running_loop().time() + settle_seconds
        await asyncio.gather(*self._tasks)

    async def cancel(self) -> None:
        """Abandon every request in flight (the fault's deadline passed)."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
