"""What a fault's run came to, as a table row and as JSON."""

from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from .load import Attempt, Ledger


class FaultResult(BaseModel):
    """One fault's figures; README, "Fault harness", explains each."""

    model_config = ConfigDict(extra="forbid")

    name: str
    title: str
    requests: int = Field(description="HTTP requests the writers sent, retries included.")
    acknowledged: int = Field(description="Logical arrows answered 2xx.")
    stored: int | None = Field(description="Rows in `shot` for the run's slots; None: unknown.")
    lost: int | None = Field(description="Acknowledged arrows whose row is missing.")
    duplicated: int | None = Field(description="Rows beyond one per logical arrow.")
    in_doubt: int | None = Field(description="Stored arrows that were never acknowledged.")
    gave_up: int = Field(description="Logical arrows never acknowledged (stored or not).")
    answers: dict[str, int] = Field(description="Writer requests by status or transport error.")
    recovery_seconds: float | None = Field(
        description="From the fault until a write sent after it is acknowledged after the last "
        "failed one."
    )
    notes: list[str]
    failures: list[str]
    passed: bool = Field(default=False, description="No failure; set once the checks are done.")


class Report(BaseModel):
    """The whole run."""

    model_config = ConfigDict(extra="forbid")

    mode: str
    passed: bool
    aborted: str | None = Field(description="Why the run stopped before its last fault.")
    faults: list[FaultResult]


def recovery_seconds(attempts: Iterable[Attempt], started: float) -> float | None:
    """Seconds from ``started`` until writes went through again: the first acknowledged
    write that was sent after the fault began and that ended after the last failed one (so
    that both writes refused and writes held up count). None when there was none."""
    after = [attempt for attempt in attempts if attempt.done >= started]
    last_failure = max((attempt.done for attempt in after if not attempt.ok), default=started)
    recovered = min(
        (a.done for a in after if a.ok and a.sent >= started and a.done >= last_failure),
        default=None,
    )
    return None if recovered is None else recovered - started


def tally(
    name: str,
    title: str,
    ledger: Ledger,
    rows: list[tuple[str, str, float, float]] | None,
    started: float | None,
) -> FaultResult:
    """Compare the ledger with the rows stored for the run's slots: (id, slot, x, y)."""
    arrows = {arrow.place: arrow for arrow in ledger.arrows}
    acked = [arrow for arrow in ledger.arrows if arrow.shot_id is not None]
    failures: list[str] = []
    stored = lost = duplicated = in_doubt = None
    if rows is None:
        failures.append("could not count the stored arrows (database unreachable)")
    else:
        per_place = Counter((slot, x, y) for _, slot, x, y in rows)
        place_of_id = {shot_id: (slot, x, y) for shot_id, slot, x, y in rows}
        stored = len(rows)
        duplicated = sum(count - 1 for count in per_place.values())
        lost = sum(place_of_id.get(arrow.shot_id or "") != arrow.place for arrow in acked)
        in_doubt = sum(
            arrow.shot_id is None and arrow.place in per_place for arrow in arrows.values()
        )
        strays = sum(count for place, count in per_place.items() if place not in arrows)
        if strays:
            failures.append(f"{strays} stored arrow(s) that no writer sent")
        if lost:
            failures.append(f"{lost} acknowledged arrow(s) lost")
        if duplicated:
            failures.append(f"{duplicated} arrow(s) stored twice or more")
        if in_doubt:
            failures.append(f"{in_doubt} stored arrow(s) never acknowledged by a retry")
    return FaultResult(
        name=name,
        title=title,
        requests=len(ledger.attempts()),
        acknowledged=len(acked),
        stored=stored,
        lost=lost,
        duplicated=duplicated,
        in_doubt=in_doubt,
        gave_up=len(ledger.arrows) - len(acked),
        answers=dict(sorted(ledger.answers().items())),
        recovery_seconds=None if started is None else recovery_seconds(ledger.attempts(), started),
        notes=[],
        failures=failures,
    )


def _cell(value: int | float | None, unit: str = "") -> str:
    if value is None:
        return "?"
    return f"{value:.1f}{unit}" if isinstance(value, float) else str(value)


def markdown(results: list[FaultResult]) -> str:
    """The table, one row per fault, and each failure below it."""
    lines = [
        "| Fault | Requests | Acknowledged | Stored | Lost | Duplicated | In doubt | Answers "
        "| Recovery | Result | Notes |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|---|---|",
    ]
    for result in results:
        answers = " ".join(f"{status}:{count}" for status, count in result.answers.items())
        recovery = (
            "never" if result.recovery_seconds is None else f"{result.recovery_seconds:.1f} s"
        )
        lines.append(
            f"| {result.name} | {result.requests} | {result.acknowledged} "
            f"| {_cell(result.stored)} | {_cell(result.lost)} | {_cell(result.duplicated)} "
            f"| {_cell(result.in_doubt)} | {answers or '-'} | {recovery} "
            f"| {'pass' if result.passed else 'FAIL'} | {'; '.join(result.notes)} |"
        )
    failed = [result for result in results if not result.passed]
    if failed:
        lines.append("")
        lines += [f"- {result.name}: {failure}" for result in failed for failure in result.failures]
    return "\n".join(lines)
