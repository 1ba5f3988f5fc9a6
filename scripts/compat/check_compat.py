"""`make check-compat`: the working contracts against their latest released snapshot.

It fails (exit 1) on a breaking change (docs/compatibility.md lists the kinds) unless the
document's major version and its path version both moved (`0.x` on `/api/v0` to `1.0.0` on
`/api/v1`), and when CHANGELOG.md lacks the entry of a released or announced version.

    python -m scripts.compat.check_compat [--root DIR]

`--root` points it at a copy of the repository (the tests use one). The breaks listed in
openapi/v0/accepted-breaks.yaml (errata, scripts/compat/accepted_breaks.py) pass, printed as
ACCEPTED; an entry that is invalid, already released or matches nothing fails the gate.
"""

from __future__ import annotations

import argparse
import calendar
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from referencing.exceptions import Unresolvable

from .accepted_breaks import Accepted, apply, load_entries, stale_errors
from .contract_diff import asyncapi_breaks, openapi_breaks, path_versions
from .schema_diff import Break, Node, load

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_DIR = Path("openapi/v0")
# A release x.y.z is two files: x.y.z.yaml (OpenAPI) and x.y.z.asyncapi.yaml (AsyncAPI).
SNAPSHOT = re.compile(r"^(\d+\.\d+\.\d+)\.yaml$")
ASYNCAPI_SUFFIX = ".asyncapi.yaml"
VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
HEADING = re.compile(r"^## \[([^\]]+)\](.*)$", re.MULTILINE)
DATED = re.compile(r"^ - \d{4}-\d{2}-\d{2}\s*$")
UNRELEASED = "Unreleased"
# A deprecated item lives at least this many months after its deprecation is announced.
SUNSET_NOTICE_MONTHS = 6

Version = tuple[int, int, int]


def parse_version(text: str) -> Version:
    """`x.y.z` as a tuple that orders like the versions do."""
    match = VERSION.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a version x.y.z")
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def show_version(version: Version) -> str:
    """The tuple back as `x.y.z`."""
    return ".".join(map(str, version))


@dataclass(frozen=True)
class Layout:
    """Where the contracts, their snapshots and the changelog live under a repository root."""

    root: Path

    @property
    def openapi(self) -> Path:
        """The working REST contract."""
        return self.root / CONTRACT_DIR / "openapi.yaml"

    @property
    def asyncapi(self) -> Path:
        """The working live-channel contract."""
        return self.root / CONTRACT_DIR / "asyncapi.yaml"

    @property
    def released(self) -> Path:
        """The folder of released snapshots."""
        return self.root / CONTRACT_DIR / "released"

    @property
    def accepted_breaks(self) -> Path:
        """The deliberate breaks (errata) the gate lets through (scripts/compat/accepted_breaks.py)."""
        return self.root / CONTRACT_DIR / "accepted-breaks.yaml"

    @property
    def changelog(self) -> Path:
        """CHANGELOG.md."""
        return self.root / "CHANGELOG.md"

    def snapshot(self, version: Version) -> Path:
        """The OpenAPI snapshot of a release."""
        return self.released / f"{show_version(version)}.yaml"

    def asyncapi_snapshot(self, version: Version) -> Path:
        """The AsyncAPI snapshot of a release."""
        return self.released / f"{show_version(version)}{ASYNCAPI_SUFFIX}"

    def releases(self) -> list[Version]:
        """The released versions, oldest first."""
        if not self.released.is_dir():
            return []
        found = (SNAPSHOT.match(path.name) for path in self.released.iterdir())
        return sorted(parse_version(match.group(1)) for match in found if match)


@dataclass
class Report:
    """What the gate found: breaking changes, the breaks accepted as errata, version and
    changelog errors, and notes."""

    breaks: list[Break] = field(default_factory=list)
    accepted: list[Accepted] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the gate passes."""
        return not self.breaks and not self.errors


def document_version(document: Node) -> str:
    """The document's `info.version`."""
    return str(document.get("info", {}).get("version", ""))


def changelog_errors(
    layout: Layout, releases: list[Version], current: str, asyncapi_versions: set[str]
) -> list[str]:
    """What CHANGELOG.md misses: an entry per release and for the working version, a date on
    every released entry, the `## [Unreleased]` section, and each AsyncAPI version named."""
    if not layout.changelog.is_file():
        return [f"{layout.changelog.name} is missing"]
    text = layout.changelog.read_text(encoding="utf-8")
    headings = dict(HEADING.findall(text))
    errors = []
    if UNRELEASED not in headings:
        errors.append(f"CHANGELOG.md has no `## [{UNRELEASED}]` section")
    for version in map(show_version, releases):
        if version not in headings:
            errors.append(
                f"the snapshot released/{version}.yaml has no `## [{version}]` entry in CHANGELOG.md"
            )
    if current not in headings:
        errors.append(
            f"openapi.yaml is version {current} but CHANGELOG.md has no `## [{current}]` entry "
            f"(release it with `make release-contract VERSION={current}`)"
        )
    for name, rest in headings.items():
        if name != UNRELEASED and not DATED.match(rest):
            errors.append(
                f"CHANGELOG.md: `## [{name}]` has no release date (`## [{name}] - YYYY-MM-DD`)"
            )
    for version in sorted(asyncapi_versions):
        if f"AsyncAPI {version}" not in text:
            errors.append(
                f"asyncapi.yaml version {version} is not named in CHANGELOG.md (write `AsyncAPI {version}`)"
            )
    return errors


def _deprecations(value: Any, pointer: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every object marked `deprecated: true` with an `x-sunset`, with its JSON pointer."""
    if isinstance(value, Mapping):
        if value.get("deprecated") is True and "x-sunset" in value:
            yield pointer or "/", value
        for key, item in value.items():
            yield from _deprecations(
                item, f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"
            )
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _deprecations(item, f"{pointer}/{index}")


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def months_after(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def sunset_errors(name: str, document: Node) -> list[str]:
    """Deprecations whose sunset comes sooner than the policy's notice after `x-deprecated-at`."""
    errors = []
    for pointer, item in _deprecations(document.value):
        sunset, announced = _day(item.get("x-sunset")), _day(item.get("x-deprecated-at"))
        if sunset is None or announced is None:
            errors.append(
                f"{name}#{pointer}: a sunset needs `x-sunset` and `x-deprecated-at` dates"
            )
        elif sunset < months_after(announced, SUNSET_NOTICE_MONTHS):
            errors.append(
                f"{name}#{pointer}: `x-sunset` {sunset} is less than 6 months after `x-deprecated-at` {announced}"
            )
    return errors


def _versioned(name: str, old: Node, new: Node, breaks: list[Break], report: Report) -> None:
    """Add `breaks` to the report, unless a new major version on a new path version allows them."""
    if not breaks:
        return
    old_major, new_major = (
        parse_version(document_version(old))[0],
        parse_version(document_version(new))[0],
    )
    old_path, new_path = max(path_versions(old), default=-1), max(path_versions(new), default=-1)
    if new_major > old_major and new_path > old_path:
        report.notes.append(
            f"{name}: {len(breaks)} breaking changes allowed by the new major version "
            f"{document_version(new)} on path version v{new_path}"
        )
        return
    report.breaks += breaks
    if new_major > old_major or new_path > old_path:
        report.errors.append(
            f"{name}: a breaking change needs both a new major version (now {document_version(new)}) "
            f"and a new path version (now v{new_path})"
        )


def check(root: Path) -> Report:
    """Run the gate on the repository (or copy) at `root`."""
    layout, report = Layout(root), Report()
    releases = layout.releases()
    if not releases:
        report.errors.append(f"no released snapshot in {layout.released}")
        return report
    latest = releases[-1]
    old_api, new_api = load(layout.snapshot(latest)), load(layout.openapi)
    old_events, new_events = load(layout.asyncapi_snapshot(latest)), load(layout.asyncapi)
    current = document_version(new_api)
    try:
        if parse_version(current) < latest:
            report.errors.append(
                f"openapi.yaml version {current} is older than the release {show_version(latest)}"
            )
    except ValueError as error:
        report.errors.append(f"openapi.yaml: {error}")
        return report
    asyncapi_versions = {
        document_version(load(layout.asyncapi_snapshot(version))) for version in releases
    }
    asyncapi_versions.add(document_version(new_events))
    report.errors += changelog_errors(layout, releases, current, asyncapi_versions)
    report.errors += sunset_errors("openapi.yaml", new_api) + sunset_errors(
        "asyncapi.yaml", new_events
    )
    entries, entry_errors = load_entries(layout.accepted_breaks, latest)
    report.errors += entry_errors
    try:
        api_breaks, report.accepted = apply(entries, openapi_breaks(old_api, new_api))
        event_breaks, accepted_events = apply(entries, asyncapi_breaks(old_events, new_events))
    except Unresolvable as error:
        report.errors.append(f"a $ref does not resolve: {error}")
        return report
    report.accepted += accepted_events
    report.errors += stale_errors(entries, report.accepted)
    _versioned("openapi.yaml", old_api, new_api, api_breaks, report)
    _versioned("asyncapi.yaml", old_events, new_events, event_breaks, report)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Print the report; exit 1 when the gate fails."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the repository (default: this one)"
    )
    parser.add_argument(
        "--limit", type=int, default=60, help="print at most this many breaking changes"
    )
    arguments = parser.parse_args(argv)
    layout = Layout(arguments.root)
    report = check(layout.root)
    for note in report.notes:
        print(f"note: {note}")
    for accepted in report.accepted:
        print(f"ACCEPTED {accepted}")
    for item in report.breaks[: arguments.limit]:
        print(f"BREAKING {item}")
    if len(report.breaks) > arguments.limit:
        print(f"... and {len(report.breaks) - arguments.limit} more breaking changes")
    for error in report.errors:
        print(f"error: {error}")
    releases = layout.releases()
    against = f"release {show_version(releases[-1])}" if releases else "no release"
    if not report.ok:
        print(
            f"check-compat: {len(report.breaks)} breaking changes, {len(report.errors)} errors against "
            f"{against} (policy: docs/compatibility.md)",
            file=sys.stderr,
        )
        return 1
    errata = f" ({len(report.accepted)} accepted breaks)" if report.accepted else ""
    print(f"check-compat: openapi.yaml and asyncapi.yaml are compatible with {against}{errata}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
