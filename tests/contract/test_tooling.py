"""The contract lints clean and the committed generated code matches it."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_the_contract_lints_clean() -> None:
    result = _run("scripts/lint_spec.sh")
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_models_are_fresh() -> None:
    result = _run(str(ROOT / ".venv" / "bin" / "datamodel-codegen"), "--check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_asyncapi_contract_is_valid() -> None:
    result = _run("scripts/lint_asyncapi.sh")
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_ws_message_models_are_fresh() -> None:
    codegen = str(ROOT / ".venv" / "bin" / "datamodel-codegen")
    result = _run(codegen, "--profile", "events", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
