"""`make bench` runs the benchmarks that exist: every scripts/bench/*_bench.py, and no script
that is missing (it once ran scripts/bench/record_arrow.py, which did not exist)."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_make_bench_runs_every_benchmark_and_only_existing_scripts() -> None:
    # A dry run prints the recipe without running anything (bench is a phony target).
    dry_run = subprocess.run(
        ["make", "--dry-run", "bench"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    scripts = re.findall(r"python (scripts/\S+\.py)", dry_run.stdout)
    assert scripts, dry_run.stdout
    assert [script for script in scripts if not (ROOT / script).is_file()] == []
    benchmarks = sorted(
        str(path.relative_to(ROOT)) for path in ROOT.glob("scripts/bench/*_bench.py")
    )
    assert sorted(scripts) == benchmarks
