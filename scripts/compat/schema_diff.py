"""What a change to one JSON Schema breaks, seen from the side of the wire that reads it.

A request schema is read by the server: a change breaks clients when the server accepts less
(a narrowed type, enum or bound, a new required field). A response or live-message schema is read
by clients: a change breaks them when the server may send more or less than before (a removed
field, a widened type or enum, null where there was none). Both contracts (OpenAPI and AsyncAPI)
describe their payloads with these schemas, so both checkers share this module.

$refs are resolved with `referencing` (the JSON Schema reference library behind `jsonschema`),
so a reference into another file (`./openapi.yaml#/components/schemas/Slot`) resolves against
the file it is written in.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from referencing import Registry, Specification
from referencing._core import Resolver

SCHEMA_KEYWORDS = frozenset(("oneOf", "anyOf"))
# Keywords that say nothing about which values are valid.
ANNOTATIONS = frozenset(("description", "summary", "title", "example", "examples", "deprecated"))
# A number accepts every integer; an integer accepts no other number.
WIDER_TYPES = {"integer": "number"}


class Direction(enum.Enum):
    """Who reads the payload: the server (a request) or the client (a response or message)."""

    REQUEST = "request"
    RESPONSE = "response"


class Kind(enum.StrEnum):
    """The kinds of breaking change; the value is what messages and tests name."""

    REMOVED_OPERATION = "removed-operation"
    CHANGED_OPERATION_ID = "changed-operation-id"
    REMOVED_PARAMETER = "removed-parameter"
    NEW_REQUIRED_PARAMETER = "new-required-parameter"
    NEW_REQUIRED_REQUEST_BODY = "new-required-request-body"
    REMOVED_REQUEST_FIELD = "removed-request-field"
    NEW_REQUIRED_REQUEST_FIELD = "new-required-request-field"
    CLOSED_REQUEST_OBJECT = "closed-request-object"
    REMOVED_RESPONSE_FIELD = "removed-response-field"
    RESPONSE_FIELD_NOW_OPTIONAL = "response-field-now-optional"
    REMOVED_RESPONSE_HEADER = "removed-response-header"
    NARROWED_TYPE = "narrowed-type"
    WIDENED_RESPONSE_TYPE = "widened-response-type"
    REQUEST_NULL_REMOVED = "request-null-removed"
    RESPONSE_BECAME_NULLABLE = "response-became-nullable"
    CHANGED_FORMAT = "changed-format"
    NARROWED_ENUM = "narrowed-enum"
    WIDENED_RESPONSE_ENUM = "widened-response-enum"
    NARROWED_BOUNDS = "narrowed-bounds"
    WIDENED_RESPONSE_BOUNDS = "widened-response-bounds"
    CHANGED_PATTERN = "changed-pattern"
    REMOVED_STATUS_CODE = "removed-status-code"
    REMOVED_MEDIA_TYPE = "removed-media-type"
    REMOVED_SECURITY_OPTION = "removed-security-option"
    REMOVED_CHANNEL = "removed-channel"
    REMOVED_MESSAGE = "removed-message"


@dataclass(frozen=True)
class Break:
    """One breaking change: where (the operation or message), the location in it, the kind."""

    kind: Kind
    where: str
    location: str
    detail: str

    def __str__(self) -> str:
        return f"{self.where}: {self.location}: {self.kind} ({self.detail})"


@dataclass(frozen=True)
class Node:
    """A part of a loaded document, with the resolver its $refs resolve against."""

    value: Any
    resolver: Resolver[Any]

    def get(self, key: str, default: Any = None) -> Any:
        """The member `key` of an object node (`default` for anything else)."""
        return self.value.get(key, default) if isinstance(self.value, Mapping) else default

    def child(self, key: str | int) -> Node:
        """The member or item `key`, unresolved, with this node's resolver."""
        return Node(self.value[key], self.resolver)

    def items(self, key: str) -> Iterator[tuple[str, Node]]:
        """The members of the object at `key` (none when absent), in document order."""
        members = self.get(key)
        if isinstance(members, Mapping):
            for name, value in members.items():
                yield str(name), Node(value, self.resolver)


def _load_yaml(path: Path) -> Any:
    status = path.stat()
    return _parse_yaml(str(path), status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=32)
def _parse_yaml(path: str, _mtime_ns: int, _size: int) -> Any:
    """A YAML file's content, parsed once per version of the file (a gate run reads some twice).

    Callers never change what it returns.
    """
    with open(path, encoding="utf-8") as stream:
        return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _references(value: Any) -> Iterator[str]:
    """Every $ref in a document."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str):
                yield item
            else:
                yield from _references(item)
    elif isinstance(value, list):
        for item in value:
            yield from _references(item)


def load(path: Path) -> Node:
    """The document at `path`, with every file it references (relative to the referencing file)
    in the registry its $refs resolve against."""
    documents: dict[str, Any] = {}
    pending = [path.resolve()]
    while pending:
        current = pending.pop()
        if current.as_uri() in documents:
            continue
        documents[current.as_uri()] = document = _load_yaml(current)
        for reference in _references(document):
            target = reference.split("#", 1)[0]
            if target:
                pending.append((current.parent / target).resolve())
    # OPAQUE: a contract is not a JSON Schema, so no $id or anchor inside it means anything.
    registry: Registry[Any] = Registry().with_resources(
        (uri, Specification.OPAQUE.create_resource(document)) for uri, document in documents.items()
    )
    uri = path.resolve().as_uri()
    return Node(documents[uri], registry.resolver(base_uri=uri))


def deref(node: Node) -> tuple[Node, int | None]:
    """`node` with its $ref chain followed, and the identity of the target (None if no $ref).

    Keywords beside a $ref (OpenAPI 3.1 allows a `description`) override the target's.
    """
    value, resolver, target = node.value, node.resolver, None
    siblings: dict[str, Any] = {}
    while isinstance(value, Mapping) and "$ref" in value:
        siblings = {**{k: v for k, v in value.items() if k != "$ref"}, **siblings}
        resolved = resolver.lookup(value["$ref"])
        value, resolver, target = resolved.contents, resolved.resolver, id(resolved.contents)
    if siblings and isinstance(value, Mapping):
        value = {**value, **siblings}
        if siblings.keys() - ANNOTATIONS:
            # Constraints beside the $ref make this use differ from the component itself.
            target = None
    return Node(value, resolver), target


def resolve(node: Node) -> Node:
    """`node` with its $ref chain followed."""
    return deref(node)[0]


def _merge_all_of(node: Node) -> Node:
    """An `allOf` folded into one schema: properties and `required` united, other keywords kept.

    An approximation (the contracts use no allOf today) that keeps every property visible; the
    parts must live in the document of the schema that lists them.
    """
    parts = node.get("allOf")
    if not isinstance(parts, list):
        return node
    merged: dict[str, Any] = {k: v for k, v in node.value.items() if k != "allOf"}
    properties: dict[str, Any] = dict(merged.get("properties", {}))
    required: list[str] = list(merged.get("required", []))
    for index in range(len(parts)):
        part = _merge_all_of(resolve(node.child("allOf").child(index)))
        for name, value in part.items("properties"):
            properties.setdefault(name, value.value)
        required += [name for name in part.get("required", []) if name not in required]
        merged.update({k: v for k, v in part.value.items() if k not in ("properties", "required")})
    if properties:
        merged["properties"] = properties
    if required:
        merged["required"] = required
    return Node(merged, node.resolver)


def _is_null(schema: Any) -> bool:
    return isinstance(schema, Mapping) and schema.get("type") in ("null", ["null"])


def alternatives(node: Node) -> tuple[list[tuple[str, Node]], bool]:
    """The non-null alternatives of a resolved schema, each with the key it is matched by, and
    whether null is accepted (`type: [x, "null"]`, a null branch of oneOf/anyOf, `nullable`)."""
    value = node.value
    if not isinstance(value, Mapping):
        return [("the schema", node)], False
    nullable = value.get("nullable") is True
    declared = value.get("type")
    if isinstance(declared, list) and "null" in declared:
        nullable = True
    if _is_null(value):
        return [], True
    for keyword in SCHEMA_KEYWORDS:
        branches = value.get(keyword)
        if not isinstance(branches, list):
            continue
        found: list[tuple[str, Node]] = []
        for index, raw in enumerate(branches):
            branch = _merge_all_of(resolve(node.child(keyword).child(index)))
            if _is_null(branch.value):
                nullable = True
                continue
            found.append((_branch_key(raw, branch, index), branch))
        return found, nullable
    return [("the schema", _merge_all_of(node))], nullable


def _branch_key(raw: Any, branch: Node, index: int) -> str:
    if isinstance(raw, Mapping) and "$ref" in raw:
        return str(raw["$ref"]).rsplit("/", 1)[-1]
    if "const" in branch.value:
        return f"const {json.dumps(branch.value['const'])}"
    return f"alternative {index + 1}"


def _types(schema: Mapping[str, Any]) -> frozenset[str] | None:
    """The JSON types a schema allows besides null; None when it does not restrict them."""
    declared = schema.get("type")
    if declared is None:
        return None
    names = {declared} if isinstance(declared, str) else set(declared)
    names.discard("null")
    return frozenset(names)


def _covers(wide: frozenset[str] | None, narrow: frozenset[str] | None) -> bool:
    """Whether every value of the types `narrow` is one of the types `wide`."""
    if wide is None:
        return True
    if narrow is None:
        return False
    return all(name in wide or WIDER_TYPES.get(name) in wide for name in narrow)


def _enum(schema: Mapping[str, Any]) -> frozenset[str] | None:
    if "const" in schema:
        return frozenset((json.dumps(schema["const"]),))
    values = schema.get("enum")
    return None if values is None else frozenset(json.dumps(item) for item in values)


def _show(types: frozenset[str] | None) -> str:
    return "any" if types is None else "|".join(sorted(types))


# A bound: its value and whether it is exclusive. Lower and upper bounds, by keyword family.
Bound = tuple[float, bool] | None
LENGTH_BOUNDS = (
    ("minLength", "maxLength"),
    ("minItems", "maxItems"),
    ("minProperties", "maxProperties"),
)


def _numeric_bound(schema: Mapping[str, Any], lower: bool) -> Bound:
    inclusive, exclusive = (
        ("minimum", "exclusiveMinimum") if lower else ("maximum", "exclusiveMaximum")
    )
    bounds: list[tuple[float, bool]] = []
    if isinstance(schema.get(inclusive), (int, float)):
        # OpenAPI 3.0 wrote exclusiveness as a boolean beside the bound.
        bounds.append((schema[inclusive], schema.get(exclusive) is True))
    if isinstance(schema.get(exclusive), (int, float)) and not isinstance(schema[exclusive], bool):
        bounds.append((schema[exclusive], True))
    if not bounds:
        return None

    def strictness(bound: tuple[float, bool]) -> tuple[float, bool]:
        return (bound[0] if lower else -bound[0], bound[1])

    return max(bounds, key=strictness)


def _tighter(bound: Bound, than: Bound, lower: bool) -> bool:
    """Whether `bound` excludes a value that `than` allows."""
    if bound is None:
        return False
    if than is None:
        return True
    if bound[0] != than[0]:
        return bound[0] > than[0] if lower else bound[0] < than[0]
    return bound[1] and not than[1]


def _show_bound(bound: Bound, lower: bool) -> str:
    if bound is None:
        return "none"
    sign = (">" if bound[1] else ">=") if lower else ("<" if bound[1] else "<=")
    return f"{sign} {bound[0]:g}"


@dataclass
class SchemaDiffer:
    """Compares the schemas of one operation or message, old against new, collecting breaks."""

    where: str
    breaks: list[Break] = field(default_factory=list)
    _seen: set[tuple[int, int, Direction]] = field(default_factory=set)

    def add(self, kind: Kind, location: str, detail: str) -> None:
        """Record a breaking change at `location` of this operation or message."""
        self.breaks.append(Break(kind, self.where, location, detail))

    def compare(
        self, old: Node, new: Node, context: str, direction: Direction, path: str = ""
    ) -> None:
        """Compare two schemas read in `direction`; `context` and `path` say where they are."""
        old, old_target = deref(old)
        new, new_target = deref(new)
        if old_target is not None and new_target is not None:
            # A recursive schema, or a component met twice in one operation, is compared once.
            key = (old_target, new_target, direction)
            if key in self._seen:
                return
            self._seen.add(key)
        location = f"{context} field `{path}`" if path else context
        old_alternatives, old_null = alternatives(old)
        new_alternatives, new_null = alternatives(new)
        if direction is Direction.REQUEST and old_null and not new_null:
            self.add(Kind.REQUEST_NULL_REMOVED, location, "null is no longer accepted")
        if direction is Direction.RESPONSE and new_null and not old_null:
            self.add(Kind.RESPONSE_BECAME_NULLABLE, location, "it may now be null")
        if len(old_alternatives) == 1 and len(new_alternatives) == 1:
            self._compare_one(
                old_alternatives[0][1], new_alternatives[0][1], context, direction, path
            )
            return
        olds, news = dict(old_alternatives), dict(new_alternatives)
        for name in olds.keys() - news.keys():
            if direction is Direction.REQUEST:
                self.add(Kind.NARROWED_TYPE, location, f"alternative {name} is no longer accepted")
        for name in news.keys() - olds.keys():
            if direction is Direction.RESPONSE:
                self.add(
                    Kind.WIDENED_RESPONSE_TYPE, location, f"alternative {name} may now be sent"
                )
        for name in olds.keys() & news.keys():
            self._compare_one(olds[name], news[name], context, direction, path)

    def _compare_one(
        self, old: Node, new: Node, context: str, direction: Direction, path: str
    ) -> None:
        location = f"{context} field `{path}`" if path else context
        if not isinstance(old.value, Mapping) or not isinstance(new.value, Mapping):
            return
        request = direction is Direction.REQUEST
        self._compare_types(old.value, new.value, location, request)
        self._compare_enums(old.value, new.value, location, request)
        self._compare_bounds(old.value, new.value, location, request)
        self._compare_properties(old, new, context, direction, path)
        if "items" in old.value or "items" in new.value:
            self.compare(
                old.child("items") if "items" in old.value else Node({}, old.resolver),
                new.child("items") if "items" in new.value else Node({}, new.resolver),
                context,
                direction,
                f"{path}[]",
            )

    def _compare_types(
        self, old: Mapping[str, Any], new: Mapping[str, Any], location: str, request: bool
    ) -> None:
        old_types, new_types = _types(old), _types(new)
        if request and not _covers(new_types, old_types):
            self.add(Kind.NARROWED_TYPE, location, f"{_show(old_types)} -> {_show(new_types)}")
        if not request and not _covers(old_types, new_types):
            self.add(
                Kind.WIDENED_RESPONSE_TYPE, location, f"{_show(old_types)} -> {_show(new_types)}"
            )
        old_format, new_format = old.get("format"), new.get("format")
        if old_format != new_format and (new_format if request else old_format) is not None:
            self.add(Kind.CHANGED_FORMAT, location, f"format {old_format} -> {new_format}")
        old_pattern, new_pattern = old.get("pattern"), new.get("pattern")
        if old_pattern != new_pattern and (new_pattern if request else old_pattern) is not None:
            self.add(Kind.CHANGED_PATTERN, location, f"pattern {old_pattern!r} -> {new_pattern!r}")

    def _compare_enums(
        self, old: Mapping[str, Any], new: Mapping[str, Any], location: str, request: bool
    ) -> None:
        old_values, new_values = _enum(old), _enum(new)
        if request and new_values is not None:
            lost = old_values - new_values if old_values is not None else None
            if lost is None or lost:
                detail = (
                    "values restricted" if lost is None else f"removed {', '.join(sorted(lost))}"
                )
                self.add(Kind.NARROWED_ENUM, location, detail)
        if not request and old_values is not None:
            # The policy (docs/compatibility.md): an enum the released contract marked
            # `x-extensible-enum: true` may grow; clients must tolerate unknown values of it.
            extensible = old.get("x-extensible-enum") is True
            if new_values is None and not extensible:
                self.add(Kind.WIDENED_RESPONSE_ENUM, location, "any value may now be sent")
            elif new_values is not None and new_values - old_values and not extensible:
                added = ", ".join(sorted(new_values - old_values))
                self.add(
                    Kind.WIDENED_RESPONSE_ENUM, location, f"added {added}; not x-extensible-enum"
                )
            elif not extensible and new.get("x-extensible-enum") is True:
                self.add(Kind.WIDENED_RESPONSE_ENUM, location, "made x-extensible-enum")

    def _compare_bounds(
        self, old: Mapping[str, Any], new: Mapping[str, Any], location: str, request: bool
    ) -> None:
        # A request narrows when the new bound is tighter; a response widens when the old one was.
        tight, loose = (new, old) if request else (old, new)
        kind = Kind.NARROWED_BOUNDS if request else Kind.WIDENED_RESPONSE_BOUNDS
        for lower in (True, False):
            tight_bound, loose_bound = _numeric_bound(tight, lower), _numeric_bound(loose, lower)
            if _tighter(tight_bound, loose_bound, lower):
                old_bound, new_bound = _numeric_bound(old, lower), _numeric_bound(new, lower)
                self.add(
                    kind,
                    location,
                    f"{_show_bound(old_bound, lower)} -> {_show_bound(new_bound, lower)}",
                )
        for family in LENGTH_BOUNDS:
            for lower, keyword in zip((True, False), family):
                tight_bound = (tight[keyword], False) if keyword in tight else None
                loose_bound = (loose[keyword], False) if keyword in loose else None
                if _tighter(tight_bound, loose_bound, lower):
                    self.add(kind, location, f"{keyword} {old.get(keyword)} -> {new.get(keyword)}")
        if tight.get("multipleOf") is not None and tight.get("multipleOf") != loose.get(
            "multipleOf"
        ):
            self.add(
                kind, location, f"multipleOf {old.get('multipleOf')} -> {new.get('multipleOf')}"
            )
        if tight.get("uniqueItems") is True and loose.get("uniqueItems") is not True:
            self.add(
                kind, location, f"uniqueItems {old.get('uniqueItems')} -> {new.get('uniqueItems')}"
            )

    def _compare_properties(
        self, old: Node, new: Node, context: str, direction: Direction, path: str
    ) -> None:
        old_properties, new_properties = dict(old.items("properties")), dict(
            new.items("properties")
        )
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        prefix = f"{path}." if path else ""
        request = direction is Direction.REQUEST
        # A request never carries a readOnly property, a response never a writeOnly one.
        hidden = "readOnly" if request else "writeOnly"
        for name in sorted(old_properties.keys() - new_properties.keys()):
            if resolve(old_properties[name]).get(hidden) is True:
                continue
            kind = Kind.REMOVED_REQUEST_FIELD if request else Kind.REMOVED_RESPONSE_FIELD
            self.add(kind, f"{context} field `{prefix}{name}`", "removed")
        if request:
            for name in sorted(new_required - old_required):
                detail = "now required" if name in old_properties else "new required field"
                self.add(
                    Kind.NEW_REQUIRED_REQUEST_FIELD, f"{context} field `{prefix}{name}`", detail
                )
            if (
                old.get("additionalProperties") is not False
                and new.get("additionalProperties") is False
            ):
                location = f"{context} field `{path}`" if path else context
                self.add(Kind.CLOSED_REQUEST_OBJECT, location, "unknown fields are now rejected")
        else:
            for name in sorted((old_required - new_required) & new_properties.keys()):
                self.add(
                    Kind.RESPONSE_FIELD_NOW_OPTIONAL,
                    f"{context} field `{prefix}{name}`",
                    "may now be absent",
                )
        for name in sorted(old_properties.keys() & new_properties.keys()):
            self.compare(
                old_properties[name], new_properties[name], context, direction, f"{prefix}{name}"
            )
        old_extra, new_extra = old.get("additionalProperties"), new.get("additionalProperties")
        if isinstance(old_extra, Mapping) and isinstance(new_extra, Mapping):
            self.compare(
                old.child("additionalProperties"),
                new.child("additionalProperties"),
                context,
                direction,
                f"{prefix}*",
            )
