"""Drive `quiver serve` through each fault and print what became of the arrows.

For every fault: a new session with one slot per archer, writers recording arrows (each with
its own Idempotency-Key, retried until acknowledged), the fault injected mid-load, the load
kept up, then every arrow the writers sent compared with the rows in the database. Exits 1
when any fault lost, duplicated or left in doubt an arrow, or failed its own check.

Usage: .venv/bin/python -m scripts.faults [--short] [--only NAME,...] [--json PATH]
"""

import argparse
import asyncio
import shutil
import signal
import socket
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import asyncpg
import httpx

from .faults import FAULTS, FULL, SHORT, Fault, FaultContext, Profile
from .load import Drive, Ledger, Slot
from .report import FaultResult, Report, markdown, tally
from .server import ServeProcess, database_dsn

PASSWORD = "fault-harness-password"
SETUP_SECONDS = 60.0


def _say(message: str) -> None:
    print(f"[faults] {message}", file=sys.stderr, flush=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def _call(
    http: httpx.AsyncClient, path: str, body: dict[str, Any], token: str | None = None
) -> dict[str, Any]:
    """A set-up POST, retried until it succeeds (the server may still be recovering).

    Raises:
        RuntimeError: If it did not succeed within ``SETUP_SECONDS``.
    """
    headers = {"Idempotency-Key": uuid4().hex}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SETUP_SECONDS
    last = ""
    while loop.time() < deadline:
        try:
            response = await http.post(path, json=body, headers=headers)
        except httpx.TransportError as error:
            last = repr(error)
        else:
            if response.is_success:
                answer: dict[str, Any] = response.json()
                return answer
            last = f"{response.status_code} {response.text[:200]}"
        await asyncio.sleep(0.2)
    raise RuntimeError(f"POST {path} kept failing: {last}")


async def register_archers(http: httpx.AsyncClient, count: int) -> list[str]:
    """Tokens of ``count`` new archers."""
    tokens = []
    for _ in range(count):
        email = f"faults-{uuid4().hex[:12]}@example.org"
        await _call(http, "/api/v0/archer", {
            "email": email, "password": PASSWORD, "first_name": "Fault", "last_name": "Harness",
            "bowstyle": "recurve", "draw_weight_lb": 38})  # fmt: skip
        login = await _call(http, "/api/v0/auth/login", {"email": email, "password": PASSWORD})
        tokens.append(str(login["access_token"]))
    return tokens


async def open_slots(http: httpx.AsyncClient, tokens: list[str]) -> list[Slot]:
    """A new open session, owned by the first archer, with a slot for each archer."""
    session = await _call(http, "/api/v0/session", {
        "is_opened": True, "start_time": datetime.now(UTC).isoformat(), "location": "faults",
        "is_indoor": False, "distance": 70}, tokens[0])  # fmt: skip
    slots = []
    for token in tokens:
        slot = await _call(
            http,
            f"/api/v0/session/{session['id']}/slot",
            {"distance": 70, "face_type": "wa_122", "arrows_per_end": 6},
            token,
        )
        slots.append(Slot(str(slot["id"]), token))
    return slots


async def stored_rows(
    server: ServeProcess, slot_ids: list[str]
) -> list[tuple[str, str, float, float]] | None:
    """Every arrow stored in the run's slots, straight from the database; None if it cannot
    be reached within 20 s."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 20
    while True:
        try:
            conn = await asyncpg.connect(database_dsn(server.pgdata), timeout=5)
            try:
                rows = await conn.fetch(
                    """SELECT id::text, slot_id::text, x_mm, y_mm FROM shot
                       WHERE slot_id = ANY($1::uuid[])""",
                    slot_ids,
                )
            finally:
                await conn.close()
            return [(row[0], row[1], row[2], row[3]) for row in rows]
        except (OSError, RuntimeError, asyncpg.PostgresError, TimeoutError):
            if loop.time() > deadline:
                return None
            await asyncio.sleep(0.5)


async def healthy(server: ServeProcess, token: str, within: float) -> bool:
    """Whether `quiver serve` answers a read that needs the database, within ``within`` s."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    async with httpx.AsyncClient(base_url=server.base_url, timeout=2) as http:
        while server.running() and loop.time() < deadline:
            try:
                response = await http.get(
                    "/api/v0/archer/me", headers={"Authorization": f"Bearer {token}"}
                )
                if response.status_code == 200:
                    return True
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    return False


async def run_fault(
    server: ServeProcess,
    http: httpx.AsyncClient,
    tokens: list[str],
    fault: Fault,
    profile: Profile,
) -> FaultResult:
    """Load, inject, load, settle, count."""
    _say(f"{fault.name}: {fault.title}")
    slots = await open_slots(http, tokens)
    drive = Drive(http, Ledger())
    ctx = FaultContext(server, drive, slots, profile)
    scope = asyncio.timeout(profile.deadline_seconds)
    try:
        async with scope:
            drive.start_writers(slots)
            await asyncio.sleep(profile.before_seconds)
            await fault.inject(ctx)
            await asyncio.sleep(profile.after_seconds)
            await drive.finish(profile.settle_seconds)
    except TimeoutError as error:
        if scope.expired():
            ctx.failures.append(f"not over after {profile.deadline_seconds:.0f} s; abandoned")
        else:
            ctx.failures.append(f"injection failed: {error!r}")
        await drive.cancel()
    except (OSError, RuntimeError, asyncpg.PostgresError) as error:
        ctx.failures.append(f"injection failed: {error!r}")
        await drive.cancel()
    except asyncio.CancelledError:  # the harness is interrupted
        await drive.cancel()
        raise
    # Counting and the next fault need a working server: restart it if the fault broke it.
    if not await healthy(server, tokens[0], within=20):
        ctx.failures.append("quiver serve needed a restart after the fault")
        await server.stop()
        server.start()
        await server.wait_until_serving()
    rows = await stored_rows(server, [slot.id for slot in slots])
    result = tally(fault.name, fault.title, drive.ledger, rows, ctx.started or None)
    result.notes = ctx.notes
    result.failures = ctx.failures + result.failures
    if fault.recovery_limit is not None and (
        result.recovery_seconds is None or result.recovery_seconds > fault.recovery_limit
    ):
        result.failures.append(f"writes did not recover within {fault.recovery_limit:.0f} s")
    result.passed = not result.failures
    return result


async def run(args: argparse.Namespace) -> int:
    """The whole harness; the exit status."""
    profile = SHORT if args.short else FULL
    wanted = set(args.only.split(",")) if args.only else None
    unknown = (wanted or set()) - {fault.name for fault in FAULTS}
    if unknown:
        _say(f"unknown fault(s): {', '.join(sorted(unknown))}")
        return 2
    faults = [
        fault
        for fault in FAULTS
        if (wanted is None and (fault.in_short or not args.short))
        or (wanted is not None and fault.name in wanted)
    ]
    # SIGTERM, like Ctrl-C, cancels the run: the server it started is stopped on the way out.
    main_task = asyncio.current_task()
    assert main_task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="quiver-faults-"))
    workdir.mkdir(parents=True, exist_ok=True)
    server = ServeProcess(workdir, args.port or _free_port())
    results: list[FaultResult] = []
    aborted = None
    try:
        server.start()
        await server.wait_until_serving()
        _say(f"quiver serve on {server.base_url}, data in {server.pgdata}")
        limits = httpx.Limits(max_connections=64)
        async with httpx.AsyncClient(base_url=server.base_url, timeout=5, limits=limits) as http:
            tokens = await register_archers(http, args.writers)
            for fault in faults:
                results.append(await run_fault(server, http, tokens, fault, profile))
    # A server that cannot be started or set up again ends the run; what was measured stands.
    except RuntimeError as error:
        aborted = f"{len(results)} fault(s) done, then: {error}"
        _say(f"aborted: {aborted}")
    finally:
        await server.close()
        if args.workdir is None and not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            _say(f"kept {workdir} (serve.log, pgdata)")
    report = Report(
        mode="short" if args.short else "full",
        passed=aborted is None and all(result.passed for result in results),
        aborted=aborted,
        faults=results,
    )
    print(markdown(results))
    if aborted is not None:
        print(f"\nAborted: {aborted}")
    if args.json:
        Path(args.json).write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return 0 if report.passed else 1


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run."""
    parser = argparse.ArgumentParser(prog="python -m scripts.faults", description=__doc__)
    parser.add_argument(
        "--short", action="store_true", help="shorter faults, only those fit for `make test`"
    )
    names = ", ".join(fault.name for fault in FAULTS)
    parser.add_argument("--only", help=f"comma-separated faults to run, of: {names}")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--port", type=int, help="port of quiver serve (default: a free one)")
    parser.add_argument("--writers", type=int, default=8, help="concurrent writers (default 8)")
    parser.add_argument("--workdir", help="data directory and server log (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir afterwards")
    try:
        return asyncio.run(run(parser.parse_args(argv)))
    except (KeyboardInterrupt, asyncio.CancelledError):
        _say("interrupted")
        return 130
