"""Helpers of the compatibility tests: the fixture contracts, edited copies of them, and a
small repository layout (contracts, snapshot, changelog) the gate runs on."""

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).parent / "fixtures"
Documents = dict[str, Any]
# An edit changes the documents {"api": openapi, "events": asyncapi} in place.
Edit = Callable[[Documents], None]

CHANGELOG = """# Changelog

## [Unreleased]

- Something new.

## [0.1.0] - 2026-12-01

- The first release, with the live channel AsyncAPI 0.1.0.
"""


def fixture_documents() -> Documents:
    """Fresh copies of the fixture contracts."""
    return {
        "api": yaml.safe_load((FIXTURES / "openapi.yaml").read_text(encoding="utf-8")),
        "events": yaml.safe_load((FIXTURES / "asyncapi.yaml").read_text(encoding="utf-8")),
    }


def _parent(documents: Documents, path: tuple[Any, ...]) -> Any:
    node: Any = documents
    for key in path[:-1]:
        node = node[key]
    return node


def set_(*path: Any, value: Any) -> Edit:
    """An edit setting the member at `path` (the first key names the document) to `value`."""

    def edit(documents: Documents) -> None:
        _parent(documents, path)[path[-1]] = copy.deepcopy(value)

    return edit


def delete(*path: Any) -> Edit:
    """An edit removing the member at `path`."""

    def edit(documents: Documents) -> None:
        del _parent(documents, path)[path[-1]]

    return edit


def append(*path: Any, value: Any) -> Edit:
    """An edit appending `value` to the list at `path`."""

    def edit(documents: Documents) -> None:
        _parent(documents, path)[path[-1]].append(copy.deepcopy(value))

    return edit


def rename(*path: Any, to: str) -> Edit:
    """An edit renaming the member at `path`, keeping its value."""

    def edit(documents: Documents) -> None:
        parent = _parent(documents, path)
        parent[to] = parent.pop(path[-1])

    return edit


def combine(*edits: Edit) -> Edit:
    """The edits one after the other."""

    def edit(documents: Documents) -> None:
        for each in edits:
            each(documents)

    return edit


def write(folder: Path, documents: Documents) -> tuple[Path, Path]:
    """Write the documents as openapi.yaml and asyncapi.yaml under `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    api, events = folder / "openapi.yaml", folder / "asyncapi.yaml"
    api.write_text(yaml.safe_dump(documents["api"], sort_keys=False), encoding="utf-8")
    events.write_text(yaml.safe_dump(documents["events"], sort_keys=False), encoding="utf-8")
    return api, events


class Repository:
    """A repository layout with the fixture contracts released as 0.1.0."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.contracts = root / "openapi" / "v0"
        released = self.contracts / "released"
        released.mkdir(parents=True)
        api, events = write(self.contracts, fixture_documents())
        (released / "0.1.0.yaml").write_text(api.read_text(encoding="utf-8"), encoding="utf-8")
        snapshot = events.read_text(encoding="utf-8").replace("./openapi.yaml#", "./0.1.0.yaml#")
        (released / "0.1.0.asyncapi.yaml").write_text(snapshot, encoding="utf-8")
        self.changelog = root / "CHANGELOG.md"
        self.changelog.write_text(CHANGELOG, encoding="utf-8")

    def edit(self, *edits: Edit) -> None:
        """Apply edits to the working contracts."""
        documents = {
            "api": yaml.safe_load((self.contracts / "openapi.yaml").read_text(encoding="utf-8")),
            "events": yaml.safe_load(
                (self.contracts / "asyncapi.yaml").read_text(encoding="utf-8")
            ),
        }
        combine(*edits)(documents)
        write(self.contracts, documents)
