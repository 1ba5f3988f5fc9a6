"""clients/python/ is what the contract generates, carries its version, and staleness is named."""

from pathlib import Path

import quiver_client
import yaml

from scripts.generate_python_client import CONTRACT, TARGET, differences, main


def test_the_committed_sdk_is_what_the_contract_generates() -> None:
    assert main(["--check"]) == 0, "clients/python/ is stale: run `make generate`"


def test_the_sdk_carries_the_contracts_version() -> None:
    version = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))["info"]["version"]
    pyproject = (TARGET / "pyproject.toml").read_text(encoding="utf-8")
    assert f'\nname = "quiver-client"\nversion = "{version}"\n' in pyproject
    assert quiver_client.__version__ == version


def test_a_stale_sdk_names_each_missing_extra_and_changed_file(tmp_path: Path) -> None:
    generated, committed = tmp_path / "generated", tmp_path / "committed"
    for folder in (generated, committed):
        (folder / "quiver_client" / "__pycache__").mkdir(parents=True)
        (folder / "quiver_client" / "client.py").write_text("same\n", encoding="utf-8")
    (generated / "quiver_client" / "models.py").write_text("new\n", encoding="utf-8")
    (generated / "pyproject.toml").write_text('version = "0.2.0"\n', encoding="utf-8")
    (committed / "pyproject.toml").write_text('version = "0.1.0"\n', encoding="utf-8")
    (committed / "quiver_client" / "removed_operation.py").write_text("old\n", encoding="utf-8")
    # What using the package leaves behind is no difference.
    (committed / "quiver_client" / "__pycache__" / "client.cpython-311.pyc").write_bytes(b"\0")

    assert differences(generated, committed) == [
        "missing: quiver_client/models.py",
        "not generated: quiver_client/removed_operation.py",
        "differs: pyproject.toml",
    ]
    assert differences(generated, generated) == []
    assert differences(generated, tmp_path / "absent") == [
        "missing: pyproject.toml",
        "missing: quiver_client/client.py",
        "missing: quiver_client/models.py",
    ]
