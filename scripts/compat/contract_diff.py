"""The breaking changes between two versions of the REST contract (OpenAPI 3.x) and of the live
channel (AsyncAPI 3.0): operations, parameters, bodies, responses, security, messages.

The rules are those of docs/compatibility.md; schema_diff.py compares the payloads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .schema_diff import Break, Direction, Kind, Node, SchemaDiffer, load, resolve

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Only the shape of a path matters to a client: `{id}` and `{session_id}` are the same place.
TEMPLATE = re.compile(r"\{[^}]*\}")
PATH_VERSION = re.compile(r"^/(?:api|ws)/v(\d+)(?:/|$)")


@dataclass(frozen=True)
class Operation:
    """One operation of an OpenAPI document, with its path item (for shared parameters)."""

    method: str
    path: str
    node: Node
    path_item: Node

    @property
    def label(self) -> str:
        """How messages name it: operationId, method and path."""
        return f"{self.node.get('operationId', '?')} ({self.method.upper()} {self.path})"


def operations(document: Node) -> dict[tuple[str, str], Operation]:
    """Every operation, keyed by method and templated path."""
    found: dict[tuple[str, str], Operation] = {}
    for path, raw_item in document.items("paths"):
        item = resolve(raw_item)
        for method in METHODS:
            if method in item.value:
                key = (method, TEMPLATE.sub("{}", path))
                found[key] = Operation(method, path, item.child(method), item)
    return found


def path_versions(document: Node) -> set[int]:
    """The major versions in the document's paths or channel addresses (`/api/v0` -> 0)."""
    addresses = [path for path, _ in document.items("paths")]
    addresses += [
        str(resolve(channel).get("address", "")) for _, channel in document.items("channels")
    ]
    return {int(match.group(1)) for address in addresses if (match := PATH_VERSION.match(address))}


def _parameters(operation: Operation) -> dict[tuple[str, str], Node]:
    """The operation's parameters (the path item's, overridden by its own) by location and name."""
    merged: dict[tuple[str, str], Node] = {}
    for owner in (operation.path_item, operation.node):
        for index in range(len(owner.get("parameters", []))):
            parameter = resolve(owner.child("parameters").child(index))
            name = str(parameter.get("name"))
            # Header names are case-insensitive.
            location = str(parameter.get("in"))
            merged[(location, name.lower() if location == "header" else name)] = parameter
    return merged


def _parameter_schema(parameter: Node) -> Node:
    if "schema" in parameter.value:
        return parameter.child("schema")
    for _, media in parameter.items("content"):
        return (
            resolve(media).child("schema")
            if "schema" in resolve(media).value
            else Node({}, media.resolver)
        )
    return Node({}, parameter.resolver)


def _security(document: Node, operation: Operation) -> list[dict[str, frozenset[str]]]:
    """The alternatives a caller may satisfy (each one: schemes and the scopes each needs)."""
    requirements = operation.node.get("security", document.get("security", []))
    if not requirements:
        return [{}]
    return [
        {scheme: frozenset(scopes) for scheme, scopes in option.items()} for option in requirements
    ]


def _show_security(option: dict[str, frozenset[str]]) -> str:
    if not option:
        return "anonymous"
    return " and ".join(
        f"{scheme} [{', '.join(sorted(scopes))}]" for scheme, scopes in sorted(option.items())
    )


class OpenApiDiff:
    """The breaking changes from one OpenAPI document to the next."""

    def __init__(self, old: Node, new: Node) -> None:
        self.old, self.new = old, new
        self.breaks: list[Break] = []

    def run(self) -> list[Break]:
        """Compare every operation of the old document with its successor."""
        old_operations, new_operations = operations(self.old), operations(self.new)
        for key, old_operation in old_operations.items():
            new_operation = new_operations.get(key)
            if new_operation is None:
                self.breaks.append(
                    Break(
                        Kind.REMOVED_OPERATION,
                        old_operation.label,
                        "operation",
                        "no longer in the contract",
                    )
                )
                continue
            differ = SchemaDiffer(new_operation.label)
            self._operation(old_operation, new_operation, differ)
            self.breaks += differ.breaks
        return self.breaks

    def _operation(self, old: Operation, new: Operation, differ: SchemaDiffer) -> None:
        old_id, new_id = old.node.get("operationId"), new.node.get("operationId")
        if old_id != new_id:
            differ.add(Kind.CHANGED_OPERATION_ID, "operationId", f"{old_id} -> {new_id}")
        self._parameters(old, new, differ)
        self._request_body(old, new, differ)
        self._responses(old, new, differ)
        new_options = _security(self.new, new)
        for option in _security(self.old, old):
            # A caller who satisfied this option must still satisfy one, with no more scopes.
            if not any(
                all(
                    scheme in option and scopes <= option[scheme]
                    for scheme, scopes in candidate.items()
                )
                for candidate in new_options
            ):
                differ.add(
                    Kind.REMOVED_SECURITY_OPTION,
                    "security",
                    f"{_show_security(option)} no longer enough",
                )

    @staticmethod
    def _parameters(old: Operation, new: Operation, differ: SchemaDiffer) -> None:
        old_parameters, new_parameters = _parameters(old), _parameters(new)
        for (where, name), parameter in old_parameters.items():
            location = f"parameter {where} `{name}`"
            successor = new_parameters.get((where, name))
            if successor is None:
                differ.add(Kind.REMOVED_PARAMETER, location, "removed")
                continue
            if successor.get("required") is True and parameter.get("required") is not True:
                differ.add(Kind.NEW_REQUIRED_PARAMETER, location, "now required")
            differ.compare(
                _parameter_schema(parameter),
                _parameter_schema(successor),
                location,
                Direction.REQUEST,
            )
        for (where, name), parameter in new_parameters.items():
            if (where, name) not in old_parameters and parameter.get("required") is True:
                differ.add(
                    Kind.NEW_REQUIRED_PARAMETER,
                    f"parameter {where} `{name}`",
                    "new required parameter",
                )

    @staticmethod
    def _request_body(old: Operation, new: Operation, differ: SchemaDiffer) -> None:
        old_body = (
            resolve(old.node.child("requestBody")) if "requestBody" in old.node.value else None
        )
        new_body = (
            resolve(new.node.child("requestBody")) if "requestBody" in new.node.value else None
        )
        if new_body is not None and new_body.get("required") is True:
            if old_body is None or old_body.get("required") is not True:
                differ.add(Kind.NEW_REQUIRED_REQUEST_BODY, "request body", "now required")
        if old_body is None:
            return
        if new_body is None:
            differ.add(
                Kind.REMOVED_REQUEST_FIELD, "request body", "the operation no longer takes a body"
            )
            return
        new_media = dict(new_body.items("content"))
        for media_type, media in old_body.items("content"):
            context = f"request body ({media_type})"
            if media_type not in new_media:
                differ.add(Kind.REMOVED_MEDIA_TYPE, context, "no longer accepted")
                continue
            _compare_media(
                resolve(media), resolve(new_media[media_type]), context, Direction.REQUEST, differ
            )

    @staticmethod
    def _responses(old: Operation, new: Operation, differ: SchemaDiffer) -> None:
        new_responses = dict(new.node.items("responses"))
        for code, raw in old.node.items("responses"):
            context = f"response {code}"
            if code not in new_responses:
                differ.add(Kind.REMOVED_STATUS_CODE, context, "no longer declared")
                continue
            old_response, new_response = resolve(raw), resolve(new_responses[code])
            new_headers = {name.lower(): header for name, header in new_response.items("headers")}
            for name, header in old_response.items("headers"):
                where = f"{context} header `{name}`"
                if name.lower() not in new_headers:
                    differ.add(Kind.REMOVED_RESPONSE_HEADER, where, "removed")
                    continue
                old_header, new_header = resolve(header), resolve(new_headers[name.lower()])
                differ.compare(
                    _parameter_schema(old_header),
                    _parameter_schema(new_header),
                    where,
                    Direction.RESPONSE,
                )
            new_media = dict(new_response.items("content"))
            for media_type, media in old_response.items("content"):
                where = f"{context} ({media_type})"
                if media_type not in new_media:
                    differ.add(Kind.REMOVED_MEDIA_TYPE, where, "no longer sent")
                    continue
                _compare_media(
                    resolve(media),
                    resolve(new_media[media_type]),
                    where,
                    Direction.RESPONSE,
                    differ,
                )


def _compare_media(
    old: Node, new: Node, context: str, direction: Direction, differ: SchemaDiffer
) -> None:
    empty_old, empty_new = Node({}, old.resolver), Node({}, new.resolver)
    differ.compare(
        old.child("schema") if "schema" in old.value else empty_old,
        new.child("schema") if "schema" in new.value else empty_new,
        context,
        direction,
    )


@dataclass(frozen=True)
class Message:
    """One message of an AsyncAPI channel, with the directions it travels in."""

    name: str
    address: str
    node: Node
    directions: frozenset[Direction]

    @property
    def label(self) -> str:
        """How messages name it: the message name and the channel address."""
        return f"message {self.name} (channel {self.address})"


def _channel_key(channel: Node) -> str:
    return TEMPLATE.sub("{}", str(channel.get("address", "")))


def messages(document: Node) -> dict[tuple[str, str], Message]:
    """Every message of every channel, keyed by channel address and message name.

    A message the server sends (an operation with `action: send`) is read by clients, like a
    response; one the server receives is read by it, like a request. A message no operation
    names is treated as sent.
    """
    directions: dict[tuple[str, str], set[Direction]] = {}
    for _, raw_operation in document.items("operations"):
        operation = resolve(raw_operation)
        direction = Direction.RESPONSE if operation.get("action") == "send" else Direction.REQUEST
        channel = resolve(operation.child("channel"))
        listed = [
            resolve(operation.child("messages").child(index))
            for index in range(len(operation.get("messages", [])))
        ]
        if not listed:
            listed = [resolve(message) for _, message in channel.items("messages")]
        for message in listed:
            name = str(message.get("name"))
            directions.setdefault((_channel_key(channel), name), set()).add(direction)
    found: dict[tuple[str, str], Message] = {}
    for _, raw_channel in document.items("channels"):
        channel = resolve(raw_channel)
        for key, raw_message in channel.items("messages"):
            message = resolve(raw_message)
            name = str(message.get("name", key))
            channel_key = _channel_key(channel)
            travels = frozenset(directions.get((channel_key, name), {Direction.RESPONSE}))
            found[(channel_key, name)] = Message(
                name, str(channel.get("address")), message, travels
            )
    return found


def _channels(document: Node) -> dict[str, Node]:
    return {
        _channel_key(resolve(channel)): resolve(channel)
        for _, channel in document.items("channels")
    }


def _handshake(channel: Node, part: str) -> Node:
    binding = resolve(channel).get("bindings", {}).get("ws", {})
    return Node(binding.get(part, {}), channel.resolver)


def asyncapi_breaks(old: Node, new: Node) -> list[Break]:
    """The breaking changes from one AsyncAPI document to the next."""
    breaks: list[Break] = []
    new_channels = _channels(new)
    for key, channel in _channels(old).items():
        label = f"channel {channel.get('address')}"
        if key not in new_channels:
            breaks.append(
                Break(Kind.REMOVED_CHANNEL, label, "channel", "no longer in the contract")
            )
            continue
        differ = SchemaDiffer(label)
        # The WebSocket handshake's query string and headers are read by the server.
        for part in ("query", "headers"):
            context = f"handshake {part}"
            differ.compare(
                _handshake(channel, part),
                _handshake(new_channels[key], part),
                context,
                Direction.REQUEST,
            )
        breaks += differ.breaks
    new_messages = messages(new)
    for (address, name), message in messages(old).items():
        if address not in new_channels:
            continue
        successor = new_messages.get((address, name))
        if successor is None:
            breaks.append(Break(Kind.REMOVED_MESSAGE, message.label, "message", "no longer sent"))
            continue
        differ = SchemaDiffer(successor.label)
        for direction in sorted(message.directions | successor.directions, key=lambda d: d.value):
            for part in ("payload", "headers"):
                if part in message.node.value or part in successor.node.value:
                    differ.compare(
                        _member(message.node, part), _member(successor.node, part), part, direction
                    )
        breaks += differ.breaks
    return breaks


def _member(node: Node, key: str) -> Node:
    return node.child(key) if key in node.value else Node({}, node.resolver)


def openapi_breaks(old: Node, new: Node) -> list[Break]:
    """The breaking changes from one OpenAPI document to the next."""
    return OpenApiDiff(old, new).run()


def compare_files(old: Path, new: Path) -> list[Break]:
    """The breaking changes between two contract files of the same kind (OpenAPI or AsyncAPI)."""
    old_document, new_document = load(old), load(new)
    if "asyncapi" in old_document.value:
        return asyncapi_breaks(old_document, new_document)
    return openapi_breaks(old_document, new_document)
