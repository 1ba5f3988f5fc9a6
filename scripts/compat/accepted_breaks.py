"""Accepted breaks: the few deliberate breaking changes (errata) the gate lets through.

openapi/v0/accepted-breaks.yaml lists them, in the spirit of oasdiff's `--err-ignore` file, but
narrower: an entry names one break exactly as the gate prints it (its kind, the operation or
message, the location), the release it lands in, and why it may land.

    accepted:
      - kind: changed-pattern
        operation: registerArcher (POST /api/v0/archer)
        location: request body (application/json) field `email`
        version: 0.2.0
        reason: The server never accepted these values.

The rules (docs/compatibility.md, "Errata"):

- every field is required and `reason` must say something;
- `version` is the release the break lands in: newer than the latest snapshot. An entry for a
  version already released is an error (its break is in the snapshot now; remove the entry),
  and `make release-contract` empties the list, so an entry never outlives its release;
- an entry that matches no break is an error, so stale entries do not linger.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .schema_diff import Break, Kind

FIELDS = ("kind", "operation", "location", "version", "reason")
KINDS = frozenset(kind.value for kind in Kind)
EMPTY = "accepted: []\n"
VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
Version = tuple[int, ...]


@dataclass(frozen=True)
class Entry:
    """One accepted break: what it matches, the release it lands in, and why."""

    kind: str
    operation: str
    location: str
    version: str
    reason: str

    def matches(self, item: Break) -> bool:
        """Whether this entry names exactly `item`."""
        return (self.kind, self.operation, self.location) == (
            item.kind.value,
            item.where,
            item.location,
        )

    def __str__(self) -> str:
        return f"{self.operation}: {self.location}: {self.kind}"


@dataclass(frozen=True)
class Accepted:
    """A break let through, with the entry that accepts it."""

    item: Break
    entry: Entry

    def __str__(self) -> str:
        return f"{self.item} -- lands in {self.entry.version}: {self.entry.reason}"


def _entry(index: int, raw: Any, latest: Version) -> tuple[Entry | None, list[str]]:
    """Entry `index` (1-based) of the file, or None with the errors that make it invalid;
    `latest` is the latest released version."""
    name = f"accepted-breaks.yaml entry {index}"
    if not isinstance(raw, Mapping):
        return None, [f"{name}: not a mapping of {', '.join(FIELDS)}"]
    errors = [f"{name}: unknown field `{key}`" for key in raw if key not in FIELDS]
    values: dict[str, str] = {}
    for key in FIELDS:
        value = raw.get(key)
        if not isinstance(value, (str, int, float)) or not str(value).strip():
            errors.append(f"{name}: `{key}` is required (a non-empty string)")
        else:
            values[key] = str(value).strip()
    if "kind" in values and values["kind"] not in KINDS:
        errors.append(f"{name}: unknown kind `{values['kind']}`")
    if "version" in values:
        match = VERSION.match(values["version"])
        if match is None:
            errors.append(f"{name}: `version` {values['version']!r} is not a version x.y.z")
        elif tuple(map(int, match.groups())) <= latest:
            errors.append(
                f"{name}: version {values['version']} is already released (the latest release "
                f"is {'.'.join(map(str, latest))}): its break is in the snapshot; remove the entry"
            )
    if errors:
        return None, errors
    return Entry(**values), []


def load_entries(path: Path, latest: Version) -> tuple[list[Entry], list[str]]:
    """The valid entries of the file at `path` (none when it is absent) and the errors found;
    `latest` is the latest released version, which no entry may name."""
    if not path.is_file():
        return [], []
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        return [], [f"accepted-breaks.yaml is not valid YAML: {error}"]
    if document is None:
        return [], []
    if not isinstance(document, Mapping) or not isinstance(document.get("accepted"), list):
        return [], ["accepted-breaks.yaml: the file is a mapping with one list, `accepted`"]
    entries, errors = [], []
    for index, raw in enumerate(document["accepted"], start=1):
        entry, problems = _entry(index, raw, latest)
        errors += problems
        if entry is not None:
            if entry in entries:
                errors.append(f"accepted-breaks.yaml entry {index}: a duplicate of an entry")
            else:
                entries.append(entry)
    return entries, errors


def apply(entries: list[Entry], breaks: list[Break]) -> tuple[list[Break], list[Accepted]]:
    """`breaks` split into those still breaking and those an entry accepts."""
    remaining, accepted = [], []
    for item in breaks:
        entry = next((entry for entry in entries if entry.matches(item)), None)
        if entry is None:
            remaining.append(item)
        else:
            accepted.append(Accepted(item, entry))
    return remaining, accepted


def stale_errors(entries: list[Entry], accepted: list[Accepted]) -> list[str]:
    """An error for each entry that accepts no break: a stale entry must not linger."""
    used = {item.entry for item in accepted}
    return [
        f"accepted-breaks.yaml: the entry `{entry}` (version {entry.version}) matches no "
        "breaking change; remove it"
        for entry in entries
        if entry not in used
    ]


def clear(path: Path) -> None:
    """Empty the list of the file at `path`, keeping its leading comment (a release does it)."""
    if not path.is_file():
        return
    header = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        header.append(line)
    path.write_text("".join(header) + EMPTY, encoding="utf-8")
