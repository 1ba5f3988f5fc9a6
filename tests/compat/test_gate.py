"""`make check-compat` on the real contracts and on a fixture repository: breaking changes, the
major-version exception, the changelog rules; and `scripts/compat/release.py`."""

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml

from scripts.compat.check_compat import check
from scripts.compat.release import ReleaseError, release
from tests.compat.helpers import CHANGELOG, Repository, delete, set_

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 12, 2)


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    """The fixture contracts released as 0.1.0, with a changelog, under tmp_path."""
    return Repository(tmp_path / "repo")


def _errors(repository: Repository) -> str:
    report = check(repository.root)
    return "\n".join(report.errors + [str(item) for item in report.breaks])


def test_the_gate_passes_on_the_current_contracts() -> None:
    report = check(ROOT)
    assert report.ok, "\n".join(report.errors + [str(item) for item in report.breaks])


def test_the_first_snapshot_is_release_0_1_0_with_its_live_channel() -> None:
    released = ROOT / "openapi" / "v0" / "released"
    api = yaml.load((released / "0.1.0.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    events = (released / "0.1.0.asyncapi.yaml").read_text(encoding="utf-8")
    assert api["info"]["version"] == "0.1.0"
    # The live channel's payloads reference the REST schemas of the same release.
    assert "./0.1.0.yaml#/components/schemas/" in events
    assert "./openapi.yaml#" not in events


def test_make_check_compat_fails_on_a_breaking_edit_of_the_real_contract(tmp_path: Path) -> None:
    contracts = tmp_path / "openapi" / "v0"
    shutil.copytree(ROOT / "openapi" / "v0" / "released", contracts / "released")
    shutil.copyfile(ROOT / "openapi" / "v0" / "asyncapi.yaml", contracts / "asyncapi.yaml")
    shutil.copyfile(ROOT / "CHANGELOG.md", tmp_path / "CHANGELOG.md")
    api = yaml.load(
        (ROOT / "openapi" / "v0" / "openapi.yaml").read_text(encoding="utf-8"),
        Loader=yaml.CSafeLoader,
    )
    session = api["components"]["schemas"]["SessionCreate"]
    session["properties"]["coach"] = {"type": "string", "description": "A new field."}
    session["required"].append("coach")
    (contracts / "openapi.yaml").write_text(
        yaml.dump(api, Dumper=yaml.CSafeDumper, sort_keys=False), encoding="utf-8"
    )
    # The very command `make test` runs (the installed environment is taken as up to date).
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-o",
            ".venv/.installed",
            "check-compat",
            f"COMPAT_ROOT={tmp_path}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert (
        "BREAKING createSession (POST /api/v0/session): request body (application/json) "
        "field `coach`: new-required-request-field" in result.stdout
    ), (result.stdout + result.stderr)


def test_the_fixture_repository_passes(repository: Repository) -> None:
    assert _errors(repository) == ""


def test_a_breaking_change_fails_the_gate(repository: Repository) -> None:
    repository.edit(delete("api", "paths", "/api/v0/item/{item_id}", "get"))
    assert "getItem (GET /api/v0/item/{item_id}): operation: removed-operation" in _errors(
        repository
    )


def _move_to_v1(documents: dict[str, dict[str, dict[str, object]]]) -> None:
    documents["api"]["paths"] = {
        path.replace("/api/v0/", "/api/v1/"): item
        for path, item in documents["api"]["paths"].items()
    }


def test_a_new_major_version_on_a_new_path_version_may_break(repository: Repository) -> None:
    repository.edit(_move_to_v1, set_("api", "info", "version", value="1.0.0"))
    repository.changelog.write_text(
        CHANGELOG.replace("## [0.1.0]", "## [1.0.0] - 2026-12-02\n\n## [0.1.0]")
    )
    report = check(repository.root)
    assert report.ok, report
    assert (
        "breaking changes allowed by the new major version 1.0.0 on path version v1"
        in report.notes[0]
    )


def test_a_new_major_version_on_the_same_paths_may_not_break(repository: Repository) -> None:
    repository.edit(
        delete("api", "paths", "/api/v0/item/{item_id}", "get"),
        set_("api", "info", "version", value="1.0.0"),
    )
    repository.changelog.write_text(
        CHANGELOG.replace("## [0.1.0]", "## [1.0.0] - 2026-12-02\n\n## [0.1.0]")
    )
    errors = _errors(repository)
    assert "removed-operation" in errors
    assert "needs both a new major version (now 1.0.0) and a new path version (now v0)" in errors


def test_a_new_path_version_without_a_major_version_may_not_break(repository: Repository) -> None:
    repository.edit(_move_to_v1)
    assert "needs both a new major version (now 0.1.0) and a new path version (now v1)" in _errors(
        repository
    )


def test_a_new_version_needs_a_changelog_entry(repository: Repository) -> None:
    repository.edit(set_("api", "info", "version", value="0.2.0"))
    assert "openapi.yaml is version 0.2.0 but CHANGELOG.md has no `## [0.2.0]` entry" in _errors(
        repository
    )
    repository.changelog.write_text(
        CHANGELOG.replace("## [0.1.0]", "## [0.2.0] - 2026-12-02\n\n## [0.1.0]")
    )
    assert _errors(repository) == ""


def test_a_snapshot_needs_a_changelog_entry(repository: Repository) -> None:
    repository.changelog.write_text(CHANGELOG.replace("## [0.1.0] - 2026-12-01", "## Earlier"))
    assert "the snapshot released/0.1.0.yaml has no `## [0.1.0]` entry" in _errors(repository)


def test_the_changelog_needs_an_unreleased_section_and_dated_entries(
    repository: Repository,
) -> None:
    repository.changelog.write_text(
        CHANGELOG.replace("## [Unreleased]", "").replace(" - 2026-12-01", "")
    )
    errors = _errors(repository)
    assert "CHANGELOG.md has no `## [Unreleased]` section" in errors
    assert "`## [0.1.0]` has no release date" in errors


def test_a_new_asyncapi_version_is_named_in_the_changelog(repository: Repository) -> None:
    repository.edit(set_("events", "info", "version", value="0.2.0"))
    assert "asyncapi.yaml version 0.2.0 is not named in CHANGELOG.md" in _errors(repository)
    repository.changelog.write_text(
        CHANGELOG.replace("- Something new.", "- Live channel AsyncAPI 0.2.0.")
    )
    assert _errors(repository) == ""


def test_the_version_never_goes_back(repository: Repository) -> None:
    repository.edit(set_("api", "info", "version", value="0.0.9"))
    assert "openapi.yaml version 0.0.9 is older than the release 0.1.0" in _errors(repository)


@pytest.mark.parametrize(
    ("sunset", "error"),
    [
        ("2027-06-01", ""),
        (
            "2027-03-01",
            "`x-sunset` 2027-03-01 is less than 6 months after `x-deprecated-at` 2026-12-01",
        ),
    ],
)
def test_a_deprecated_operation_lives_six_months_before_its_sunset(
    repository: Repository, sunset: str, error: str
) -> None:
    get_item = ("api", "paths", "/api/v0/item/{item_id}", "get")
    repository.edit(
        set_(*get_item, "deprecated", value=True),
        set_(*get_item, "x-deprecated-at", value="2026-12-01"),
        set_(*get_item, "x-sunset", value=sunset),
    )
    assert error in _errors(repository)
    if not error:
        assert _errors(repository) == ""


def test_a_release_snapshots_both_contracts_and_dates_the_changelog(repository: Repository) -> None:
    release(repository.root, "0.2.0", DAY)
    released = repository.contracts / "released"
    api = yaml.safe_load((released / "0.2.0.yaml").read_text(encoding="utf-8"))
    assert api["info"]["version"] == "0.2.0"
    working = yaml.safe_load((repository.contracts / "openapi.yaml").read_text(encoding="utf-8"))
    assert working["info"]["version"] == "0.2.0"
    assert "./0.2.0.yaml#/components" in (released / "0.2.0.asyncapi.yaml").read_text(
        encoding="utf-8"
    )
    changelog = repository.changelog.read_text(encoding="utf-8")
    assert "## [Unreleased]\n\n## [0.2.0] - 2026-12-02\n\n- Something new." in changelog
    assert check(repository.root).ok


def test_a_release_must_be_newer_and_say_what_changed(repository: Repository) -> None:
    with pytest.raises(ReleaseError, match="not newer than the latest release 0.1.0"):
        release(repository.root, "0.1.0", DAY)
    repository.changelog.write_text(CHANGELOG.replace("- Something new.", ""))
    with pytest.raises(ReleaseError, match="lists no change to release"):
        release(repository.root, "0.2.0", DAY)


def test_a_breaking_release_is_refused_and_writes_nothing(repository: Repository) -> None:
    repository.edit(delete("api", "paths", "/api/v0/item/{item_id}", "get"))
    before = repository.changelog.read_text(encoding="utf-8")
    with pytest.raises(ReleaseError, match="removed-operation"):
        release(repository.root, "0.2.0", DAY)
    assert repository.changelog.read_text(encoding="utf-8") == before
    assert not (repository.contracts / "released" / "0.2.0.yaml").exists()


def test_make_release_contract_needs_a_version() -> None:
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "release-contract"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "usage: make release-contract VERSION=x.y.z" in result.stderr
