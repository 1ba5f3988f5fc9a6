"""Deprecation from the contract: ``Deprecation`` (RFC 9745), ``Sunset`` (RFC 8594) and ``Link``.

The contract marks what is deprecated (``deprecated: true`` on an operation, a parameter or a
schema property) and when: ``x-deprecated-at`` (required, a ``YYYY-MM-DD`` date: RFC 9745's
field is a date, and the contract is the one place that knows it) and optionally ``x-sunset``
(the date it may stop working). ``info.x-changelog`` is the ``rel="deprecation"`` link and
``info.x-sunset-policy`` the ``rel="sunset"`` one. Dates are 00:00 UTC of the day.

At start-up :func:`install_deprecations` checks those extensions (a bad one stops the app with the
list of problems); when something is deprecated it adds a middleware that, keyed by the
operationId the router matched, adds the headers. With nothing deprecated there is no
middleware at all, so no request pays anything. When:

- the operation is deprecated, or a response schema has a deprecated field: every answer;
- a deprecated query, header or cookie parameter: when the request carries it;
- a deprecated request-body field: when the JSON body carries it (at any depth, through
  arrays too; a recursive schema is followed once); only those operations look at the
  body a second time.

Answers given before the route runs (the rate limit's 429, the request limits' 413, 415 and
503) have no operation yet and carry none of it. Several deprecated items in one request
combine to the earliest dates.
"""

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import format_datetime
from functools import lru_cache
from typing import Any, NamedTuple, TypeAlias
from urllib.parse import parse_qsl, urlsplit

import orjson
from fastapi import FastAPI
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEPRECATED_AT = "x-deprecated-at"
SUNSET = "x-sunset"
CHANGELOG = "x-changelog"
SUNSET_POLICY = "x-sunset-policy"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Subtrees that hold data rather than contract: a ``deprecated`` key there means nothing.
_DATA_KEYS = frozenset({"example", "examples", "default", "const", "enum"})
# Maps from names to schemas: a property may be called "deprecated".
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs"})
# Where a body field lies: property names, and None for "any item of an array".
FieldPath: TypeAlias = tuple[str | None, ...]


class DeprecationContractError(ValueError):
    """The contract's deprecation extensions are inconsistent; the message lists each problem."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__(
            "the contract's deprecations are invalid:\n" + "\n".join(f"- {p}" for p in problems)
        )
        self.problems = list(problems)


# Named tuples, not dataclasses: hashed in C on every marked answer (the headers' cache).
class Notice(NamedTuple):
    """What the headers say of one deprecated item: since when, and until when."""

    deprecated_at: date
    sunset: date | None


class Links(NamedTuple):
    """The ``Link`` targets the contract's ``info`` names."""

    changelog: str
    sunset_policy: str | None


@dataclass(slots=True)
class OperationRules:
    """When one operation's answers carry the deprecation headers."""

    always: list[Notice] = field(default_factory=list)
    query: dict[str, Notice] = field(default_factory=dict)
    headers: dict[bytes, Notice] = field(default_factory=dict)
    cookies: dict[str, Notice] = field(default_factory=dict)
    body: list[tuple[FieldPath, Notice]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.always or self.query or self.headers or self.cookies or self.body)

    def notices(self) -> Iterator[Notice]:
        """Every notice this operation may send."""
        yield from self.always
        yield from self.query.values()
        yield from self.headers.values()
        yield from self.cookies.values()
        yield from (notice for _, notice in self.body)


# --- reading and checking the contract ------------------------------------------------------


def _pointer(parts: Iterable[str]) -> str:
    return "#/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def _as_date(value: object) -> date | None:
    """A ``YYYY-MM-DD`` date: YAML's own (unquoted) or a string; None for anything else."""
    if isinstance(value, datetime):
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _notice(node: Mapping[str, Any]) -> Notice:
    """The notice of a checked, deprecated node."""
    deprecated_at = _as_date(node[DEPRECATED_AT])
    assert deprecated_at is not None
    return Notice(deprecated_at, _as_date(node.get(SUNSET)))


def _check_node(node: Mapping[str, Any], where: str, problems: list[str]) -> bool:
    """Check one node's extensions; whether it is deprecated."""
    deprecated = node.get("deprecated") is True
    if not deprecated:
        for key in (DEPRECATED_AT, SUNSET):
            if key in node:
                problems.append(f"{where}: {key} without deprecated: true")
        return False
    since = _as_date(node.get(DEPRECATED_AT))
    if since is None:
        problems.append(
            f"{where}: deprecated: true needs {DEPRECATED_AT}, the date (YYYY-MM-DD) the "
            f"deprecation took effect, not {node.get(DEPRECATED_AT)!r}"
        )
    if SUNSET in node:
        until = _as_date(node[SUNSET])
        if until is None:
            problems.append(f"{where}: {SUNSET} {node[SUNSET]!r} is not a date (YYYY-MM-DD)")
        elif since is not None and until < since:
            problems.append(f"{where}: {SUNSET} {until} is before {DEPRECATED_AT} {since}")
    return True


def _check_tree(node: object, path: list[str], problems: list[str]) -> bool:
    """Check every node below ``node``; whether any is deprecated."""
    found = False
    if isinstance(node, dict):
        found = _check_node(node, _pointer(path), problems)
        for key, value in node.items():
            if key in _DATA_KEYS:
                continue
            if key in _SCHEMA_MAPS and isinstance(value, dict):
                for name, schema in value.items():
                    found |= _check_tree(schema, [*path, key, name], problems)
            else:
                found |= _check_tree(value, [*path, str(key)], problems)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found |= _check_tree(item, [*path, str(index)], problems)
    return found


def _links(info: Mapping[str, Any], required: bool, problems: list[str]) -> Links | None:
    changelog = info.get(CHANGELOG)
    policy = info.get(SUNSET_POLICY)
    for key, value in ((CHANGELOG, changelog), (SUNSET_POLICY, policy)):
        if value is not None and not (isinstance(value, str) and value.strip()):
            problems.append(f"#/info/{key}: must be a URI reference, not {value!r}")
    if not isinstance(changelog, str):
        if required:
            problems.append(
                f"#/info/{CHANGELOG}: something is deprecated, so the contract must name the "
                "changelog that explains it (a URI reference)"
            )
        return None
    return Links(changelog, policy if isinstance(policy, str) else None)


class _Resolver:
    """Follows ``$ref``s within the contract."""

    def __init__(self, contract: Mapping[str, Any]) -> None:
        self._contract = contract

    def __call__(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            raise DeprecationContractError([f"{ref}: only references within the contract"])
        node: Any = self._contract
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def follow(self, node: Any) -> Any:
        """``node``, or what its reference points to (a Parameter or a Response)."""
        while isinstance(node, dict) and "$ref" in node:
            node = self(node["$ref"])
        return node

    def deprecated_fields(
        self, schema: Any, path: FieldPath = (), seen: frozenset[str] = frozenset()
    ) -> Iterator[tuple[FieldPath, Notice]]:
        """Every deprecated schema (a field, or the whole) below ``schema``, by where it lies."""
        if not isinstance(schema, dict):
            return
        if schema.get("deprecated") is True:
            yield path, _notice(schema)
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref not in seen:
            yield from self.deprecated_fields(self(ref), path, seen | {ref})
        for name, sub in (schema.get("properties") or {}).items():
            yield from self.deprecated_fields(sub, (*path, name), seen)
        for key in ("items", "prefixItems"):
            subs = schema.get(key)
            for sub in subs if isinstance(subs, list) else [subs]:
                yield from self.deprecated_fields(sub, (*path, None), seen)
        for key in ("allOf", "anyOf", "oneOf"):
            for sub in schema.get(key) or ():
                yield from self.deprecated_fields(sub, path, seen)


def _schemas(container: Mapping[str, Any]) -> Iterator[Any]:
    """The schema of each media type of a request body or response."""
    for media in (container.get("content") or {}).values():
        if isinstance(media, dict) and "schema" in media:
            yield media["schema"]


def _operation_rules(
    resolve: _Resolver, item: Mapping[str, Any], operation: Mapping[str, Any]
) -> OperationRules:
    rules = OperationRules()
    if operation.get("deprecated") is True:
        rules.always.append(_notice(operation))
    parameters: dict[tuple[str, str], Mapping[str, Any]] = {}
    for parameter in [*item.get("parameters", ()), *operation.get("parameters", ())]:
        resolved = resolve.follow(parameter)
        parameters[(resolved["in"], resolved["name"])] = resolved
    for (where, name), parameter in parameters.items():
        if parameter.get("deprecated") is not True:
            continue
        notice = _notice(parameter)
        if where == "query":
            rules.query[name] = notice
        elif where == "header":
            rules.headers[name.lower().encode("latin-1")] = notice
        elif where == "cookie":
            rules.cookies[name] = notice
        else:
            # A path parameter is in every request of the operation.
            rules.always.append(notice)
    if "requestBody" in operation:
        for schema in _schemas(resolve.follow(operation["requestBody"])):
            rules.body.extend(resolve.deprecated_fields(schema))
    for response in (operation.get("responses") or {}).values():
        for schema in _schemas(resolve.follow(response)):
            rules.always.extend(notice for _, notice in resolve.deprecated_fields(schema))
    return rules


def _check_declared(
    where: str, operation: Mapping[str, Any], rules: OperationRules, problems: list[str]
) -> None:
    """The operation's own (not shared) responses declare the headers it may send."""
    wanted = {"deprecation", "link"}
    if any(notice.sunset is not None for notice in rules.notices()):
        wanted.add("sunset")
    for status, response in (operation.get("responses") or {}).items():
        if "$ref" in response:
            continue
        missing = wanted - {name.lower() for name in response.get("headers") or {}}
        if missing:
            problems.append(
                f"{where}/responses/{status}: declare the headers {sorted(missing)} "
                "(components/headers) the deprecation sends"
            )


def contract_deprecations(
    contract: Mapping[str, Any],
) -> tuple[dict[str, OperationRules], Links | None]:
    """The rules of each operation with something deprecated, by operationId, and the links.

    Raises :class:`DeprecationContractError` listing every problem of the extensions.
    """
    problems: list[str] = []
    anything = _check_tree(contract, [], problems)
    links = _links(contract.get("info") or {}, anything, problems)
    if problems:
        raise DeprecationContractError(problems)
    rules: dict[str, OperationRules] = {}
    if not anything:
        return rules, links
    resolve = _Resolver(contract)
    for path, item in contract["paths"].items():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            found = _operation_rules(resolve, item, operation)
            if found:
                _check_declared(_pointer(["paths", path, method]), operation, found, problems)
                rules[operation["operationId"]] = found
    if problems:
        raise DeprecationContractError(problems)
    return rules, links


# --- the headers ----------------------------------------------------------------------------


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _link(target: str, rel: str) -> str:
    # The type is a hint, given only when the target plainly is Markdown.
    media = '; type="text/markdown"' if urlsplit(target).path.endswith(".md") else ""
    return f'<{target}>; rel="{rel}"{media}'


@lru_cache(maxsize=256)
def deprecation_headers(notice: Notice, links: Links | None) -> tuple[tuple[bytes, bytes], ...]:
    """The raw response headers of ``notice``."""
    headers = [(b"deprecation", b"@%d" % int(_midnight(notice.deprecated_at).timestamp()))]
    targets = [] if links is None else [_link(links.changelog, "deprecation")]
    if notice.sunset is not None:
        headers.append((b"sunset", format_datetime(_midnight(notice.sunset), usegmt=True).encode()))
        if links is not None and links.sunset_policy is not None:
            targets.append(_link(links.sunset_policy, "sunset"))
    if targets:
        headers.append((b"link", ", ".join(targets).encode()))
    return tuple(headers)


def _earliest(notices: Sequence[Notice]) -> Notice:
    if len(notices) == 1:
        return notices[0]
    sunsets = [notice.sunset for notice in notices if notice.sunset is not None]
    return Notice(min(notice.deprecated_at for notice in notices), min(sunsets, default=None))


def _carries(value: object, path: FieldPath) -> bool:
    """Whether the JSON ``value`` has a member at ``path``."""
    if not path:
        return True
    key, rest = path[0], path[1:]
    if key is None:
        return isinstance(value, list) and any(_carries(item, rest) for item in value)
    return isinstance(value, dict) and key in value and _carries(value[key], rest)


class DeprecationMiddleware:
    """Adds the deprecation headers to the answers of the operations ``rules`` names.

    Innermost, so the router has named the operation (``scope["route"]``) by the time the
    answer starts. Installed only when the contract deprecates something; then the other
    operations pay one dictionary lookup per answer, and a reference kept to each body
    message when some operation has deprecated body fields.
    """

    def __init__(
        self, app: ASGIApp, *, rules: Mapping[str, OperationRules], links: Links | None
    ) -> None:
        self._app = app
        self._rules = dict(rules)
        self._links = links
        self._keep_body = any(rule.body for rule in rules.values())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        messages: list[Message] = []
        if self._keep_body:
            # The handler's own reads, kept by reference: nothing is read twice or copied.
            inner = receive

            async def receive_and_keep() -> Message:
                message = await inner()
                messages.append(message)
                return message

            receive = receive_and_keep

        async def send_with_deprecation(message: Message) -> None:
            if message["type"] == "http.response.start":
                route = scope.get("route")
                rules = self._rules.get(getattr(route, "operation_id", None) or "")
                if rules is not None:
                    notices = _request_notices(rules, scope, messages)
                    if notices:
                        extra = deprecation_headers(_earliest(notices), self._links)
                        message["headers"] = [*message.get("headers", ()), *extra]
            await send(message)

        await self._app(scope, receive, send_with_deprecation)


def _request_notices(
    rules: OperationRules, scope: Scope, messages: Sequence[Message]
) -> list[Notice]:
    """The notices that apply to this request of an operation with something deprecated."""
    notices = list(rules.always)
    if rules.query and scope["query_string"]:
        names = {name for name, _ in parse_qsl(scope["query_string"].decode("latin-1"), True)}
        notices.extend(notice for name, notice in rules.query.items() if name in names)
    if rules.headers or rules.cookies:
        for name, value in scope["headers"]:
            if name in rules.headers:
                notices.append(rules.headers[name])
            elif name == b"cookie" and rules.cookies:
                sent = cookie_parser(value.decode("latin-1"))
                notices.extend(n for cookie, n in rules.cookies.items() if cookie in sent)
    if rules.body and messages:
        body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.request")
        # Parsed only when a deprecated field's name is in it: most bodies skip the parse.
        candidates = [(path, notice) for path, notice in rules.body if _needle(path) in body]
        try:
            # Only a body the handler read whole: one it refused unread carries nothing.
            value = orjson.loads(body) if candidates else None
        except orjson.JSONDecodeError:
            value = None
        if value is not None:
            notices.extend(notice for path, notice in candidates if _carries(value, path))
    return notices


@lru_cache(maxsize=1024)
def _needle(path: FieldPath) -> bytes:
    """What a body carrying ``path`` contains: its last member's name, as JSON writes it
    (a name spelt with escapes is not recognised), or nothing for the body itself."""
    names = [name for name in path if name is not None]
    return orjson.dumps(names[-1]) if names else b""


def install_deprecations(app: FastAPI, contract: Mapping[str, Any]) -> list[str]:
    """Check the contract's deprecations (raising :class:`DeprecationContractError`) and, when
    something is deprecated, add the middleware; the operationIds it covers, sorted."""
    rules, links = contract_deprecations(contract)
    if rules:
        app.add_middleware(DeprecationMiddleware, rules=rules, links=links)
    return sorted(rules)
