"""Declare in the contract the headers that every operation shares, where they are missing.

Per operation: the optional ``X-Request-ID`` request header (``components/parameters/
RequestId``); on every response ``X-Request-ID``, and ``RateLimit``/``RateLimit-Policy`` on
``/api`` ones; ``Idempotent-Replayed`` on the successes of operations that take an
``Idempotency-Key``; ``Retry-After`` on 429 and 503; an explicit 503 (``ServiceUnavailable``)
everywhere and a 429 (``TooManyRequests``) on every ``/api`` operation. Shared responses
(``components/responses``) get the same headers once, for every operation that uses them.

The contract is hand-written and several people edit it, so this never re-serialises it: it
reads the YAML for positions only and inserts lines, leaving comments, order and everything
else as they are. Running it again changes nothing. ``tests/contract/test_headers.py`` checks
the result; run ``.venv/bin/python scripts/contract_headers.py`` after adding an operation.
"""

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

CONTRACT = Path(__file__).resolve().parents[1] / "openapi" / "v0" / "openapi.yaml"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
REQUEST_ID = "X-Request-ID"
RATE_LIMIT = ("RateLimit", "RateLimit-Policy")
REPLAYED = "Idempotent-Replayed"
RETRY_AFTER = "Retry-After"
PARAMETER = '$ref: "#/components/parameters/RequestId"'

# Components this script relies on, added when the contract lacks them. Another edit may
# define the rest (RateLimit, RateLimit-Policy, Retry-After, TooManyRequests): they must exist.
HEADER_COMPONENTS = {
    REQUEST_ID: """\
    X-Request-ID:
      description: |
        The id of the request: the client's own `X-Request-ID` when it sent a valid one, else
        one the server made. Problem documents carry it as `request_id`, and the server's log
        lines name it, so quoting it finds the request.
      required: true
      schema:
        type: string
        pattern: "^[!-~]{1,128}$"
      example: 3f2b8c0d9e6a4f1b8a7c5d4e3f2a1b0c
""",
    REPLAYED: """\
    Idempotent-Replayed:
      description: |
        `true` when this is the stored response to an earlier request with the same
        `Idempotency-Key`: nothing was created this time. Absent on a first response.
      schema:
        type: string
        enum: ["true"]
      example: "true"
""",
}
PARAMETER_COMPONENT = """\
    RequestId:
      name: X-Request-ID
      in: header
      required: false
      description: |
        The client's own id for this request, echoed in the response's `X-Request-ID`, in a
        problem's `request_id` and in the server's logs. It is used when it is 1 to 128
        visible ASCII characters (`^[!-~]{1,128}$`); without it, or with any other value, the
        server makes one up. Another value is never an error, since proxies add the header too.
      schema:
        type: string
      example: checkout-7f3a9c21
"""
SERVICE_UNAVAILABLE_COMPONENT = """\
    ServiceUnavailable:
      description: |
        The server cannot take the request now and did nothing; retry after `Retry-After`
        seconds. Codes: `overloaded` (more requests in flight than the server runs at once),
        `shutting_down` (the process is stopping; the connection closes) and, for operations
        that use the database, `database_unavailable` (it cannot be reached, or is being
        restarted) and `database_busy` (a lock was not granted in time).
      headers:
        Retry-After:
          $ref: "#/components/headers/Retry-After"
        X-Request-ID:
          $ref: "#/components/headers/X-Request-ID"
        RateLimit:
          $ref: "#/components/headers/RateLimit"
        RateLimit-Policy:
          $ref: "#/components/headers/RateLimit-Policy"
      content:
        application/problem+json:
          schema:
            $ref: "#/components/schemas/Problem"
"""


@dataclass
class Edits:
    """Lines to insert, by the index of the line they go before."""

    lines: list[str]
    inserts: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))

    def before(self, line: int, text: str) -> None:
        """Insert ``text`` (whole lines) before line ``line``."""
        self.inserts[line].extend(text.splitlines(keepends=True))

    def after(self, node: Node, text: str) -> None:
        """Insert ``text`` after the last line of ``node``'s content."""
        self.before(self.last_line(node) + 1, text)

    def last_line(self, node: Node) -> int:
        """The index of the last line holding ``node``'s content."""
        if isinstance(node, MappingNode) and node.value:
            return self.last_line(node.value[-1][1])
        if isinstance(node, SequenceNode) and node.value:
            return self.last_line(node.value[-1])
        end = node.end_mark
        last = end.line if end.column > 0 else end.line - 1
        while not self.lines[last].strip():
            last -= 1
        return last

    def apply(self) -> str:
        """The text with every insertion made."""
        out = list(self.lines)
        for line in sorted(self.inserts, reverse=True):
            out[line:line] = self.inserts[line]
        return "".join(out)


def get(node: Node | None, key: str) -> Node | None:
    """The value of ``key`` in a mapping node, or None."""
    if not isinstance(node, MappingNode):
        return None
    for candidate, value in node.value:
        if isinstance(candidate, ScalarNode) and candidate.value == key:
            found: Node = value
            return found
    return None


def key_node(node: MappingNode, key: str) -> ScalarNode:
    """The key node of ``key`` in a mapping node."""
    for candidate, _ in node.value:
        if isinstance(candidate, ScalarNode) and candidate.value == key:
            return candidate
    raise KeyError(key)


def keys(node: Node | None) -> list[str]:
    """The keys of a mapping node."""
    if not isinstance(node, MappingNode):
        return []
    return [str(key.value) for key, _ in node.value]


def ref_of(node: Node | None) -> str | None:
    """The ``$ref`` of a node, if it is a reference."""
    ref = get(node, "$ref")
    return str(ref.value) if isinstance(ref, ScalarNode) else None


def indent_of(node: MappingNode) -> str:
    """The indentation of a mapping's keys."""
    column: int = node.value[0][0].start_mark.column
    return " " * column


def header_refs(names: list[str], indent: str) -> str:
    """``headers`` entries referring to the header components ``names``."""
    return "".join(
        f'{indent}{name}:\n{indent}  $ref: "#/components/headers/{name}"\n' for name in names
    )


def add_headers(edits: Edits, response: MappingNode, wanted: list[str]) -> None:
    """Give a response the headers of ``wanted`` that it does not declare yet."""
    headers = get(response, "headers")
    present = {name.lower() for name in keys(headers)}
    missing = [name for name in wanted if name.lower() not in present]
    if not missing:
        return
    if isinstance(headers, MappingNode) and headers.value:
        edits.after(headers, header_refs(missing, indent_of(headers)))
        return
    indent = indent_of(response)
    block = f"{indent}headers:\n" + header_refs(missing, indent + "  ")
    if "content" in keys(response):
        edits.before(key_node(response, "content").start_mark.line, block)
    else:
        edits.after(response, block)


def add_response(edits: Edits, responses: MappingNode, code: str, component: str) -> None:
    """Add ``code`` (a reference to ``component``) in its place among the status codes."""
    indent = indent_of(responses)
    block = f'{indent}"{code}":\n{indent}  $ref: "#/components/responses/{component}"\n'
    for key, _ in responses.value:
        if key.value == "default" or (str(key.value).isdigit() and str(key.value) > code):
            edits.before(key.start_mark.line, block)
            return
    edits.after(responses, block)


def takes_idempotency_key(operation: MappingNode) -> bool:
    """Whether the operation declares the ``Idempotency-Key`` request header."""
    parameters = get(operation, "parameters")
    items = parameters.value if isinstance(parameters, SequenceNode) else []
    return any(
        (ref_of(item) or "").endswith("/IdempotencyKey")
        or getattr(get(item, "name"), "value", None) == "Idempotency-Key"
        for item in items
    )


def add_request_id_parameter(edits: Edits, operation: MappingNode) -> None:
    """Declare the optional ``X-Request-ID`` request header on the operation."""
    parameters = get(operation, "parameters")
    if isinstance(parameters, SequenceNode) and parameters.value:
        if any(ref_of(item) == "#/components/parameters/RequestId" for item in parameters.value):
            return
        dash = " " * (parameters.value[0].start_mark.column - 2)
        edits.after(parameters, f"{dash}- {PARAMETER}\n")
        return
    if parameters is not None:
        raise ValueError(f"unexpected parameters at line {parameters.start_mark.line + 1}")
    indent = indent_of(operation)
    anchor = "requestBody" if "requestBody" in keys(operation) else "responses"
    edits.before(
        key_node(operation, anchor).start_mark.line,
        f"{indent}parameters:\n{indent}  - {PARAMETER}\n",
    )


def operations(root: MappingNode) -> list[tuple[str, MappingNode]]:
    """Every (path, operation) of the contract."""
    found = []
    paths = get(root, "paths")
    assert isinstance(paths, MappingNode)
    for path_key, item in paths.value:
        for method in METHODS:
            operation = get(item, method)
            if isinstance(operation, MappingNode):
                found.append((str(path_key.value), operation))
    return found


def declare_operation(
    edits: Edits, path: str, operation: MappingNode, shared: dict[str, set[str]]
) -> None:
    """Declare what one operation lacks; note in ``shared`` the status codes under which it
    uses each shared response."""
    add_request_id_parameter(edits, operation)
    responses = get(operation, "responses")
    assert isinstance(responses, MappingNode)
    for code_node, response in responses.value:
        code = str(code_node.value)
        ref = ref_of(response)
        if ref is not None:
            shared[ref.rsplit("/", 1)[-1]].add(code)
            continue
        assert isinstance(response, MappingNode)
        wanted = [REQUEST_ID]
        if path.startswith("/api/"):
            wanted += RATE_LIMIT
        if code.startswith("2") and takes_idempotency_key(operation):
            wanted.append(REPLAYED)
        if code in ("429", "503"):
            wanted.append(RETRY_AFTER)
        add_headers(edits, response, wanted)
    # After the headers: a response added before ``default`` goes below those of the response
    # above it.
    codes = keys(responses)
    if "503" not in codes:
        add_response(edits, responses, "503", "ServiceUnavailable")
        shared["ServiceUnavailable"].add("503")
    if path.startswith("/api/") and "429" not in codes:
        add_response(edits, responses, "429", "TooManyRequests")
        shared["TooManyRequests"].add("429")


def declare_components(edits: Edits, components: Node | None, shared: dict[str, set[str]]) -> None:
    """Add the components this script relies on, and the shared headers to shared responses."""
    headers = get(components, "headers")
    assert isinstance(headers, MappingNode), "components/headers is missing"
    for name, definition in HEADER_COMPONENTS.items():
        if name not in keys(headers):
            edits.after(headers, definition)
    parameters = get(components, "parameters")
    assert isinstance(parameters, MappingNode)
    if "RequestId" not in keys(parameters):
        edits.after(parameters, PARAMETER_COMPONENT)
    responses = get(components, "responses")
    assert isinstance(responses, MappingNode)
    if "ServiceUnavailable" not in keys(responses):
        edits.after(responses, SERVICE_UNAVAILABLE_COMPONENT)
    for name, response in responses.value:
        assert isinstance(response, MappingNode)
        # Shared by /api and health operations alike: the RateLimit headers are optional.
        wanted = [REQUEST_ID, *RATE_LIMIT]
        if shared.get(str(name.value), set()) & {"429", "503"}:
            wanted.append(RETRY_AFTER)
        add_headers(edits, response, wanted)


def declare(text: str) -> str:
    """The contract ``text`` with every missing shared header and response declared."""
    root = yaml.compose(text)
    assert isinstance(root, MappingNode)
    edits = Edits(text.splitlines(keepends=True))
    # Which status codes each shared response answers, to know which headers it needs.
    shared: dict[str, set[str]] = defaultdict(set)
    for path, operation in operations(root):
        declare_operation(edits, path, operation, shared)
    declare_components(edits, get(root, "components"), shared)
    return edits.apply()


def main() -> int:
    """Edit the contract in place; the count of changed lines is printed."""
    for _ in range(5):
        before = CONTRACT.read_text()
        after = declare(before)
        # Someone else may have saved the file meanwhile: never write over their change.
        if CONTRACT.read_text() != before:
            continue
        if after != before:
            CONTRACT.write_text(after)
        print(f"{CONTRACT.name}: {len(after.splitlines()) - len(before.splitlines())} lines added")
        return 0
    print("the contract kept changing under the script; run it again", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
