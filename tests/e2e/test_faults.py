"""The fault harness's short run (scripts/faults): `quiver serve` loses and duplicates no
arrow when its database is killed, when it is stopped and started again, when the arrows'
table is locked, under slow clients and under huge headers; it brings its database back by
itself, and slow clients starve no one. A failure prints the harness's table and server log.
"""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from scripts.faults.load import Attempt, Ledger, Slot
from scripts.faults.report import recovery_seconds, tally

ROOT = Path(__file__).resolve().parents[2]
SHORT_FAULTS = ["db-kill", "sigterm", "table-lock", "slow-clients", "oversize-headers"]


def _run_harness(workdir: Path, report: Path) -> tuple[int, str]:
    """Exit status and output of ``python -m scripts.faults --short``; interrupted (so that it
    stops the server it started) if it runs past its every deadline."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key != "DATABASE_URL" and not key.startswith("QUIVER_")
    }
    command = [sys.executable, "-m", "scripts.faults", "--short", "--json", str(report)]
    with subprocess.Popen(
        [*command, "--workdir", str(workdir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as harness:
        try:
            output, _ = harness.communicate(timeout=400)
        except subprocess.TimeoutExpired:
            harness.send_signal(signal.SIGINT)
            output, _ = harness.communicate(timeout=60)
            output += "\n(interrupted after 400 s)"
    return harness.returncode, output


def test_no_arrow_is_lost_or_duplicated_under_faults(tmp_path: Path) -> None:
    report_path = tmp_path / "faults.json"
    status, output = _run_harness(tmp_path / "work", report_path)
    log = tmp_path / "work" / "serve.log"
    server_log = log.read_text(encoding="utf-8", errors="replace")[-4000:] if log.exists() else ""
    # PostgreSQL's own log says why a restart of the embedded server failed.
    pg_log = tmp_path / "work" / "pgdata" / "log"
    database_log = (
        pg_log.read_text(encoding="utf-8", errors="replace")[-3000:] if pg_log.exists() else ""
    )
    assert (
        status == 0
    ), f"{output}\n--- serve.log (end) ---\n{server_log}\n--- pgdata/log (end) ---\n{database_log}"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert [fault["name"] for fault in report["faults"]] == SHORT_FAULTS
    for fault in report["faults"]:
        assert (fault["lost"], fault["duplicated"], fault["in_doubt"]) == (0, 0, 0), fault
        assert fault["acknowledged"] > 0, fault


def test_the_tally_tells_lost_duplicated_and_in_doubt_arrows_apart() -> None:
    ledger = Ledger()
    slot = Slot("slot-1", "token")
    kept, lost, doubled, in_doubt, never = (ledger.new_arrow(slot) for _ in range(5))
    for arrow, shot_id in ((kept, "s1"), (lost, "s2"), (doubled, "s3")):
        arrow.shot_id = shot_id
        arrow.attempts.append(Attempt(0.0, 0.1, "201"))
    in_doubt.attempts.append(Attempt(0.0, 5.0, "timeout"))
    never.attempts.append(Attempt(0.0, 0.1, "503"))
    rows = [
        (shot_id, slot.id, arrow.x_mm, arrow.y_mm)
        for shot_id, arrow in (("s1", kept), ("s3", doubled), ("s4", doubled), ("s5", in_doubt))
    ]

    result = tally("fault", "a fault", ledger, rows, started=0.0)

    assert (result.requests, result.acknowledged, result.stored) == (5, 3, 4)
    assert (result.lost, result.duplicated, result.in_doubt, result.gave_up) == (1, 1, 1, 2)
    assert result.answers == {"201": 3, "503": 1, "timeout": 1}
    assert len(result.failures) == 3


def test_recovery_counts_from_the_fault_to_the_first_write_after_the_last_failure() -> None:
    attempts = [
        Attempt(9.0, 10.5, "201"),  # in flight when the fault began at 10
        Attempt(10.2, 10.3, "503"),
        Attempt(10.4, 12.0, "conn"),
        Attempt(12.1, 13.5, "201"),
        Attempt(12.2, 14.0, "201"),
    ]
    assert recovery_seconds(attempts, 10.0) == 3.5
    # Writes held up without failing recover only when one sent after the fault gets through.
    assert recovery_seconds([Attempt(9.0, 10.1, "201"), Attempt(10.0, 18.0, "201")], 10.0) == 8.0
    assert recovery_seconds([Attempt(10.0, 11.0, "503")], 10.0) is None
