"""Every operation is documented: a description, and examples that match their schemas.

Each example is validated with a JSON Schema 2020-12 validator against the schema of the media
type (or parameter) it belongs to, with the contract's own ``$ref``s resolved, so an example
with a field the schema does not allow, a wrong type or a broken constraint fails here. Problem
examples must also say what ``core/errors.py`` sends for their status.
"""

import re
from collections.abc import Iterator
from datetime import datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from quiver.core.contract import load_contract

CONTRACT_PATH = Path(__file__).resolve().parents[2] / "openapi" / "v0" / "openapi.yaml"
CONTRACT = load_contract(CONTRACT_PATH)
URI = "urn:quiver:openapi"
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "options", "head", "trace"}
PROBLEM = "application/problem+json"
RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", re.ASCII
)

# jsonschema checks `date-time` only with an optional extra installed; RFC 3339 is a regular
# expression plus a real calendar date, so it is checked here instead.
FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return RFC3339.fullmatch(value) is not None and bool(datetime.fromisoformat(value))


REGISTRY: Registry[Any] = Registry().with_resource(URI, DRAFT202012.create_resource(CONTRACT))


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _resolve(node: dict[str, Any], pointer: str) -> tuple[dict[str, Any], str]:
    """Follow ``$ref``s inside the contract; the node and the JSON pointer where it lives."""
    while "$ref" in node:
        pointer = node["$ref"]
        assert pointer.startswith("#/"), f"{pointer}: only local references are expected"
        node = CONTRACT
        for part in pointer[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node, pointer


def _operations() -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    for path, item in CONTRACT["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield operation["operationId"], path, method, operation


OPERATION_IDS = [operation_id for operation_id, *_ in _operations()]


def _operation(operation_id: str) -> tuple[str, str, dict[str, Any]]:
    return next((p, m, op) for i, p, m, op in _operations() if i == operation_id)


def _media_types(operation_id: str) -> Iterator[tuple[str, str | None, dict[str, Any], str]]:
    """Every media type of the operation: where it is, its status, the object, its pointer."""
    path, method, operation = _operation(operation_id)
    base = f"#/paths/{_escape(path)}/{method}"
    if "requestBody" in operation:
        body, pointer = _resolve(operation["requestBody"], f"{base}/requestBody")
        for media_type, media in body.get("content", {}).items():
            yield f"request {media_type}", None, media, f"{pointer}/content/{_escape(media_type)}"
    for status, response in operation["responses"].items():
        resolved, pointer = _resolve(response, f"{base}/responses/{status}")
        for media_type, media in resolved.get("content", {}).items():
            where = f"{status} {media_type}"
            yield where, status, media, f"{pointer}/content/{_escape(media_type)}"


def _parameters(operation_id: str) -> Iterator[tuple[dict[str, Any], str]]:
    path, method, operation = _operation(operation_id)
    base = f"#/paths/{_escape(path)}"
    declared = [
        (p, f"{base}/parameters/{i}")
        for i, p in enumerate(CONTRACT["paths"][path].get("parameters", []))
    ]
    declared += [
        (p, f"{base}/{method}/parameters/{i}")
        for i, p in enumerate(operation.get("parameters", []))
    ]
    for parameter, pointer in declared:
        yield _resolve(parameter, pointer)


def _examples(holder: dict[str, Any], pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, example in holder.get("examples", {}).items():
        resolved, _ = _resolve(example, f"{pointer}/examples/{_escape(name)}")
        yield name, resolved


def _schema_errors(value: Any, schema_pointer: str) -> list[str]:
    validator = Draft202012Validator(
        {"$ref": f"{URI}{schema_pointer}"}, registry=REGISTRY, format_checker=FORMATS
    )
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in validator.iter_errors(value)
    ]


def _problem_errors(value: dict[str, Any], status: str | None) -> list[str]:
    """What a problem example says that the server would not."""
    errors = []
    if status is not None and status.isdigit() and value.get("status") != int(status):
        errors.append(f"status {value.get('status')} under a {status} response")
    code = value.get("code")
    if value.get("type") != f"/problems/{code}":
        errors.append(f"type {value.get('type')!r} is not /problems/{code}")
    if (
        isinstance(value.get("status"), int)
        and value.get("title") != HTTPStatus(value["status"]).phrase
    ):
        errors.append(f"title {value.get('title')!r} is not the status phrase")
    if not str(value.get("instance", "")).startswith("/"):
        errors.append("instance is not the request path")
    return errors


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_every_operation_has_a_description(operation_id: str) -> None:
    _, _, operation = _operation(operation_id)
    assert operation.get("description", "").strip(), f"{operation_id} has no description"


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_every_body_the_operation_exchanges_has_named_examples(operation_id: str) -> None:
    """Request bodies and responses with content, errors included, each show an example."""
    missing = []
    for where, _, media, pointer in _media_types(operation_id):
        if "example" in media:
            missing.append(f"{where}: use a named `examples` map, not `example`")
        elif not media.get("examples"):
            missing.append(f"{where} ({pointer})")
        for name, example in _examples(media, pointer):
            if not example.get("summary") or "value" not in example:
                missing.append(f"{where} example {name!r} needs a summary and a value")
    assert not missing, f"{operation_id} lacks examples: {missing}"


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_every_example_of_the_operation_matches_its_schema(operation_id: str) -> None:
    failures = []
    for where, status, media, pointer in _media_types(operation_id):
        for name, example in _examples(media, pointer):
            errors = _schema_errors(example.get("value"), f"{pointer}/schema")
            if where.endswith(PROBLEM) and isinstance(example.get("value"), dict):
                errors += _problem_errors(example["value"], status)
            failures += [f"{where} example {name!r}: {error}" for error in errors]
    for parameter, pointer in _parameters(operation_id):
        for name, example in _examples(parameter, pointer):
            errors = _schema_errors(example.get("value"), f"{pointer}/schema")
            failures += [f"parameter {parameter['name']} example {name!r}: {e}" for e in errors]
    assert not failures, "\n".join(failures)


def test_the_validator_rejects_what_the_server_would() -> None:
    """The check itself has teeth: closed request bodies, formats and refs are enforced."""
    session = "#/components/schemas/SessionCreate"
    valid = {
        "is_opened": True,
        "start_time": "2026-06-14T09:30:00+02:00",
        "location": "Lilleström Archery Club",
        "is_indoor": False,
        "distance": 70,
    }
    assert not _schema_errors(valid, session)
    assert _schema_errors({**valid, "lane": 3}, session)
    assert _schema_errors({**valid, "start_time": "0.5"}, session)
    assert _schema_errors({**valid, "start_time": "2026-02-30T09:30:00Z"}, session)
    assert _schema_errors({"arrows": [{"x_mm": 12.4}]}, "#/components/schemas/ShotCreate")
