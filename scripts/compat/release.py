"""`make release-contract VERSION=x.y.z`: release the working contracts as version x.y.z.

A release sets `info.version` of openapi.yaml to x.y.z, turns CHANGELOG.md's `[Unreleased]`
section into `## [x.y.z] - <today>` (under a new, empty `[Unreleased]`), and copies both
contracts to openapi/v0/released/ (x.y.z.yaml and x.y.z.asyncapi.yaml, whose references to
the REST schemas then point at x.y.z.yaml). The accepted breaks (openapi/v0/accepted-breaks.yaml)
must all name x.y.z; the release empties their list. It is tried on a copy first: nothing is written
unless the version is newer than the latest release, the Unreleased section says something,
and the gate (check_compat) passes on the result.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from . import accepted_breaks
from .check_compat import ROOT, UNRELEASED, Layout, check, parse_version, show_version

INFO_VERSION = re.compile(r"^(info:\n(?:[ \t].*\n|\n)*?  version: ).*$", re.MULTILINE)
UNRELEASED_HEADING = f"## [{UNRELEASED}]"
UNRELEASED_LINK = re.compile(rf"^\[{UNRELEASED}\]: .*$", re.MULTILINE)


class ReleaseError(Exception):
    """The release cannot be made; the message says why."""


def set_info_version(text: str, version: str) -> str:
    """The OpenAPI document `text` with `info.version` set, formatting untouched."""
    updated, count = INFO_VERSION.subn(lambda match: f"{match.group(1)}{version}", text, count=1)
    if count != 1:
        raise ReleaseError("openapi.yaml: no `info.version` line found")
    return updated


def release_changelog(text: str, version: str, day: date) -> str:
    """CHANGELOG.md with the Unreleased section released as `version` on `day`."""
    start = text.find(UNRELEASED_HEADING)
    if start < 0:
        raise ReleaseError(f"CHANGELOG.md has no `{UNRELEASED_HEADING}` section")
    body_start = start + len(UNRELEASED_HEADING)
    following = text.find("\n## [", body_start)
    body = text[body_start : following if following >= 0 else len(text)]
    if not re.search(r"^\s*[-*] \S", body, re.MULTILINE):
        raise ReleaseError(
            f"CHANGELOG.md: the `{UNRELEASED_HEADING}` section lists no change to release"
        )
    released = f"{UNRELEASED_HEADING}\n\n## [{version}] - {day.isoformat()}"
    text = text[:start] + released + text[body_start:]
    link = f"[{version}]: openapi/v0/released/{version}.yaml"
    if UNRELEASED_LINK.search(text):
        return UNRELEASED_LINK.sub(lambda match: f"{match.group(0)}\n{link}", text, count=1)
    return text


def snapshot_asyncapi(text: str, version: str) -> str:
    """The AsyncAPI document with its references to openapi.yaml pointed at that release."""
    return text.replace("./openapi.yaml#", f"./{version}.yaml#")


def _edit(layout: Layout, version: str, day: date) -> None:
    """Set the version in openapi.yaml and release the Unreleased section of the changelog."""
    openapi = set_info_version(layout.openapi.read_text(encoding="utf-8"), version)
    changelog = release_changelog(layout.changelog.read_text(encoding="utf-8"), version, day)
    layout.openapi.write_text(openapi, encoding="utf-8")
    layout.changelog.write_text(changelog, encoding="utf-8")


def _snapshot(layout: Layout, version: str) -> None:
    """Copy both contracts to the released folder as `version`; the accepted breaks are in the
    snapshot then, so their list is emptied."""
    layout.released.mkdir(parents=True, exist_ok=True)
    target = parse_version(version)
    shutil.copyfile(layout.openapi, layout.snapshot(target))
    asyncapi = snapshot_asyncapi(layout.asyncapi.read_text(encoding="utf-8"), version)
    layout.asyncapi_snapshot(target).write_text(asyncapi, encoding="utf-8")
    accepted_breaks.clear(layout.accepted_breaks)


def _check_errata(layout: Layout, version: str, latest: tuple[int, int, int]) -> None:
    """Every accepted break must land in this release: its entry names `version`."""
    entries, _ = accepted_breaks.load_entries(layout.accepted_breaks, latest)
    for entry in entries:
        if entry.version != version:
            raise ReleaseError(
                f"accepted-breaks.yaml: the entry `{entry}` names version {entry.version}, "
                f"but this release is {version}; correct the entry"
            )


def _passes(layout: Layout) -> None:
    report = check(layout.root)
    if not report.ok:
        problems = [f"BREAKING {item}" for item in report.breaks] + [
            f"error: {e}" for e in report.errors
        ]
        raise ReleaseError("the gate fails on the release:\n" + "\n".join(problems))


def _copy(layout: Layout, into: Path) -> Layout:
    """The files a release reads and writes, copied under `into`."""
    copy = Layout(into)
    copy.openapi.parent.mkdir(parents=True)
    for source, target in ((layout.openapi, copy.openapi), (layout.asyncapi, copy.asyncapi)):
        shutil.copyfile(source, target)
    shutil.copyfile(layout.changelog, copy.changelog)
    if layout.accepted_breaks.is_file():
        shutil.copyfile(layout.accepted_breaks, copy.accepted_breaks)
    if layout.released.is_dir():
        shutil.copytree(layout.released, copy.released)
    return copy


def release(root: Path, version: str, day: date) -> None:
    """Release the contracts under `root` as `version`, or raise ReleaseError."""
    layout = Layout(root)
    try:
        target = parse_version(version)
    except ValueError as error:
        raise ReleaseError(str(error)) from error
    releases = layout.releases()
    if releases and target <= releases[-1]:
        raise ReleaseError(
            f"{version} is not newer than the latest release {show_version(releases[-1])}"
        )
    _check_errata(layout, version, releases[-1] if releases else (0, 0, 0))
    with tempfile.TemporaryDirectory(prefix="quiver-release-") as scratch:
        trial = _copy(layout, Path(scratch))
        _edit(trial, version, day)
        # Against the previous release first (the breaking-change rules), then with the snapshot.
        _passes(trial)
        _snapshot(trial, version)
        _passes(trial)
    _edit(layout, version, day)
    _snapshot(layout, version)


def main(argv: Sequence[str] | None = None) -> int:
    """Release, or say why not (exit 1)."""
    parser = argparse.ArgumentParser(description="Release the working contracts as a version.")
    parser.add_argument("version", help="the new version, x.y.z")
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the repository (default: this one)"
    )
    parser.add_argument(
        "--date", type=date.fromisoformat, default=date.today(), help="release date"
    )
    arguments = parser.parse_args(argv)
    try:
        release(arguments.root, arguments.version, arguments.date)
    except ReleaseError as error:
        print(f"release-contract: {error}", file=sys.stderr)
        return 1
    print(
        f"released {arguments.version}: openapi/v0/released/{arguments.version}.yaml and "
        f"{arguments.version}.asyncapi.yaml; review and commit them with CHANGELOG.md and openapi.yaml"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
