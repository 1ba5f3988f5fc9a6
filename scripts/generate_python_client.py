"""Generate the Python SDK in clients/python/ from the contract, or check that it is fresh.

openapi-python-client (pinned in uv.lock) writes the whole project (pyproject.toml, README.md,
the ``quiver_client`` package) into a temporary folder, with the settings and templates of
clients/python-codegen/; the pinned ruff then sorts and formats it, so the output depends on
the contract alone. Without arguments the result replaces clients/python/ (files of removed
operations go with it); with ``--check`` it is compared with clients/python/ instead, and any
difference fails with the files named. Nothing in clients/python/ is written by hand.

    .venv/bin/python scripts/generate_python_client.py [--check]
"""

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "openapi" / "v0" / "openapi.yaml"
CODEGEN = ROOT / "clients" / "python-codegen"
TARGET = ROOT / "clients" / "python"
# What running, installing or testing the package leaves beside the generated files.
LEFTOVERS = ("__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist")


class GenerationError(Exception):
    """openapi-python-client failed or warned."""


def generate(contract: Path, output: Path) -> None:
    """Write the SDK generated from ``contract`` into ``output`` (which must not exist)."""
    tools = Path(sys.executable).parent
    result = subprocess.run(
        [
            str(tools / "openapi-python-client"),
            "generate",
            "--path",
            str(contract),
            "--meta",
            "uv",
            "--config",
            str(CODEGEN / "config.yaml"),
            "--custom-template-path",
            str(CODEGEN / "templates"),
            "--output-path",
            str(output),
        ],
        # The post-generation hooks run `ruff`: the one installed beside this interpreter.
        env={**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '')}"},
        capture_output=True,
        text=True,
        check=False,
    )
    # The generator prints its warnings (say, a skipped operation or a hook it could not run)
    # and still exits 0: any output besides its "Generating <folder>" line is a failure here.
    messages = [line for line in result.stdout.splitlines() if not line.startswith("Generating ")]
    if result.returncode != 0 or any(line.strip() for line in messages) or result.stderr.strip():
        raise GenerationError(f"openapi-python-client failed:\n{result.stdout}{result.stderr}")


def _files(folder: Path) -> set[str]:
    """The files under ``folder`` relative to it, without the leftovers of using the package."""
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file()
        and not any(part in LEFTOVERS or part.endswith(".egg-info") for part in path.parts)
    }


def differences(expected: Path, actual: Path) -> list[str]:
    """Each file that is missing from, extra in or different in ``actual``, described."""
    wanted, present = _files(expected), _files(actual) if actual.is_dir() else set()
    found = [f"missing: {name}" for name in sorted(wanted - present)]
    found += [f"not generated: {name}" for name in sorted(present - wanted)]
    found += [
        f"differs: {name}"
        for name in sorted(wanted & present)
        if not filecmp.cmp(expected / name, actual / name, shallow=False)
    ]
    return found


def main(argv: list[str] | None = None) -> int:
    """Regenerate clients/python/, or with ``--check`` report whether it is stale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="fail when clients/python/ is stale; write nothing"
    )
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="quiver-sdk-") as scratch:
        output = Path(scratch) / "python"
        try:
            generate(CONTRACT, output)
        except GenerationError as error:
            print(error, file=sys.stderr)
            return 1
        if arguments.check:
            stale = differences(output, TARGET)
            if stale:
                print(
                    f"clients/python/ is stale: it does not match what {CONTRACT.relative_to(ROOT)}"
                    " generates; run `make generate`.\n  " + "\n  ".join(stale),
                    file=sys.stderr,
                )
                return 1
            return 0
        if TARGET.exists():
            shutil.rmtree(TARGET)
        shutil.copytree(output, TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
