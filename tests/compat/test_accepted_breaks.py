"""openapi/v0/accepted-breaks.yaml: the errata the gate lets through, one exact break each, named
with the release it lands in and a reason; anything looser, stale or already released fails."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.compat.accepted_breaks import EMPTY
from scripts.compat.check_compat import check, main
from scripts.compat.release import ReleaseError, release
from tests.compat.helpers import Repository, delete, set_

ROOT = Path(__file__).resolve().parents[2]
REMOVED_GET_ITEM = {
    "kind": "removed-operation",
    "operation": "getItem (GET /api/v0/item/{item_id})",
    "location": "operation",
    "version": "0.2.0",
    "reason": "Erratum: the server never served it.",
}
HEADER = "# The errata (docs/compatibility.md).\n"


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    """The fixture contracts released as 0.1.0, with getItem removed since."""
    repository = Repository(tmp_path / "repo")
    repository.edit(delete("api", "paths", "/api/v0/item/{item_id}", "get"))
    return repository


def _accept(repository: Repository, *entries: Any) -> Path:
    path = repository.contracts / "accepted-breaks.yaml"
    path.write_text(HEADER + yaml.safe_dump({"accepted": list(entries)}), encoding="utf-8")
    return path


def _problems(repository: Repository) -> str:
    report = check(repository.root)
    return "\n".join(report.errors + [str(item) for item in report.breaks])


def test_without_an_entry_the_break_fails_the_gate(repository: Repository) -> None:
    assert "getItem (GET /api/v0/item/{item_id}): operation: removed-operation" in _problems(
        repository
    )


def test_an_entry_lets_exactly_its_break_through_and_says_so(
    repository: Repository, capsys: pytest.CaptureFixture[str]
) -> None:
    _accept(repository, REMOVED_GET_ITEM)
    report = check(repository.root)
    assert report.ok, _problems(repository)
    assert [str(item.item) for item in report.accepted] == [
        "getItem (GET /api/v0/item/{item_id}): operation: removed-operation (no longer in the contract)"
    ]
    assert main(["--root", str(repository.root)]) == 0
    out = capsys.readouterr().out
    assert (
        "ACCEPTED getItem (GET /api/v0/item/{item_id}): operation: removed-operation "
        "(no longer in the contract) -- lands in 0.2.0: Erratum: the server never served it."
    ) in out
    assert "(1 accepted breaks)" in out


def test_a_different_break_still_fails(repository: Repository) -> None:
    _accept(repository, REMOVED_GET_ITEM)
    repository.edit(set_("api", "components", "schemas", "Name", "pattern", value="^[a-z]{2,}$"))
    report = check(repository.root)
    assert not report.ok
    assert len(report.accepted) == 1
    assert (
        "createItem (POST /api/v0/item): request body (application/json) field `name`: "
        "changed-pattern" in _problems(repository)
    )


def test_an_entry_of_the_live_channel_accepts_a_message_break(repository: Repository) -> None:
    repository.edit(
        delete("events", "channels", "room", "messages", "heartbeat"),
        delete("events", "operations", "sendRoomEvents", "messages", 1),
    )
    (payload,) = [
        item for item in check(repository.root).breaks if item.where.startswith("message")
    ]
    entry = {
        "kind": payload.kind.value,
        "operation": payload.where,
        "location": payload.location,
        "version": "0.2.0",
        "reason": "Erratum.",
    }
    _accept(repository, REMOVED_GET_ITEM, entry)
    report = check(repository.root)
    assert report.ok, _problems(repository)
    assert payload in [item.item for item in report.accepted]


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"reason": None}, "entry 1: `reason` is required"),
        ({"reason": "  "}, "entry 1: `reason` is required"),
        ({"version": None}, "entry 1: `version` is required"),
        ({"version": "next"}, "entry 1: `version` 'next' is not a version x.y.z"),
        ({"kind": "removed-thing"}, "entry 1: unknown kind `removed-thing`"),
        ({"scope": "all"}, "entry 1: unknown field `scope`"),
        # The version it lands in is the next release; a released one cannot cover later edits.
        ({"version": "0.1.0"}, "entry 1: version 0.1.0 is already released"),
        ({"version": "0.0.9"}, "entry 1: version 0.0.9 is already released"),
    ],
)
def test_an_invalid_entry_fails_the_gate_and_accepts_nothing(
    repository: Repository, change: dict[str, Any], error: str
) -> None:
    entry = {key: value for key, value in {**REMOVED_GET_ITEM, **change}.items() if value}
    _accept(repository, entry)
    problems = _problems(repository)
    assert error in problems
    assert "operation: removed-operation" in problems
    assert not check(repository.root).accepted


@pytest.mark.parametrize(
    "change",
    [
        {"location": "response 200"},
        {"kind": "removed-status-code"},
        {"operation": "getItem"},
    ],
)
def test_an_entry_matching_nothing_fails_the_gate(
    repository: Repository, change: dict[str, str]
) -> None:
    _accept(repository, REMOVED_GET_ITEM, {**REMOVED_GET_ITEM, **change})
    problems = _problems(repository)
    assert "matches no breaking change; remove it" in problems
    assert "getItem (GET /api/v0/item/{item_id}): operation: removed-operation" not in problems


def test_a_stale_entry_fails_once_the_break_is_undone(tmp_path: Path) -> None:
    repository = Repository(tmp_path / "repo")
    _accept(repository, REMOVED_GET_ITEM)
    assert (
        "the entry `getItem (GET /api/v0/item/{item_id}): operation: removed-operation` "
        "(version 0.2.0) matches no breaking change; remove it"
    ) in _problems(repository)


def test_a_malformed_file_fails_the_gate(repository: Repository) -> None:
    path = repository.contracts / "accepted-breaks.yaml"
    path.write_text("- kind: removed-operation\n", encoding="utf-8")
    assert "the file is a mapping with one list, `accepted`" in _problems(repository)
    path.write_text("accepted: [\n", encoding="utf-8")
    assert "accepted-breaks.yaml is not valid YAML" in _problems(repository)
    path.write_text(EMPTY, encoding="utf-8")
    assert "removed-operation" in _problems(repository)


def test_a_release_takes_the_accepted_breaks_and_empties_the_list(
    repository: Repository,
) -> None:
    path = _accept(repository, REMOVED_GET_ITEM)
    release(repository.root, "0.2.0", date(2026, 12, 2))
    assert (repository.contracts / "released" / "0.2.0.yaml").is_file()
    assert path.read_text(encoding="utf-8") == HEADER + EMPTY
    assert check(repository.root).ok


def test_a_release_refuses_entries_naming_another_version(repository: Repository) -> None:
    path = _accept(repository, {**REMOVED_GET_ITEM, "version": "0.3.0"})
    before = path.read_text(encoding="utf-8")
    with pytest.raises(ReleaseError, match="names version 0.3.0, but this release is 0.2.0"):
        release(repository.root, "0.2.0", date(2026, 12, 2))
    assert path.read_text(encoding="utf-8") == before
    assert not (repository.contracts / "released" / "0.2.0.yaml").exists()


def test_the_email_erratum_is_the_only_accepted_break_of_the_real_contract() -> None:
    report = check(ROOT)
    assert report.ok, "\n".join(report.errors + [str(item) for item in report.breaks])
    assert {(item.entry.kind, item.entry.location) for item in report.accepted} <= {
        ("changed-pattern", "request body (application/json) field `email`"),
        ("changed-pattern", "response 201 (application/json) field `email`"),
        ("changed-pattern", "response 200 (application/json) field `email`"),
    }
