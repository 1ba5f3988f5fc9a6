"""Each kind of breaking change, made to a copy of the fixture contracts, is found with its kind,
its operation (or message) and its location; compatible changes pass."""

from pathlib import Path
from typing import Any

import pytest

from scripts.compat.contract_diff import compare_files
from scripts.compat.schema_diff import Break, Kind
from tests.compat.helpers import (
    Edit,
    append,
    combine,
    delete,
    fixture_documents,
    rename,
    set_,
    write,
)

SCHEMAS = ("api", "components", "schemas")
CREATE = ("api", "paths", "/api/v0/item", "post")
GET = ("api", "paths", "/api/v0/item/{item_id}", "get")
MESSAGES = ("events", "components", "messages")
CREATE_ITEM = "createItem (POST /api/v0/item)"
GET_ITEM = "getItem (GET /api/v0/item/{item_id})"
ITEM_ADDED = "message item.added (channel /ws/v0/room/{room_id})"
HEARTBEAT = "message heartbeat (channel /ws/v0/room/{room_id})"
ROOM = "channel /ws/v0/room/{room_id}"
REQUEST = "request body (application/json)"
RESPONSE = "response 201 (application/json)"
NUMBER: dict[str, Any] = {"type": "number", "minimum": 0}


def breaks_after(tmp_path: Path, edit: Edit) -> list[Break]:
    """The breaking changes from the fixture contracts to an edited copy of them."""
    old_api, old_events = write(tmp_path / "old", fixture_documents())
    documents = fixture_documents()
    edit(documents)
    new_api, new_events = write(tmp_path / "new", documents)
    return compare_files(old_api, new_api) + compare_files(old_events, new_events)


BREAKING = [
    pytest.param(
        delete(*GET), Kind.REMOVED_OPERATION, GET_ITEM, "operation", id="removed operation"
    ),
    pytest.param(
        set_(*CREATE, "operationId", value="makeItem"),
        Kind.CHANGED_OPERATION_ID,
        "makeItem (POST /api/v0/item)",
        "operationId",
        id="changed operationId",
    ),
    pytest.param(
        delete(*CREATE, "parameters", 1),
        Kind.REMOVED_PARAMETER,
        CREATE_ITEM,
        "parameter header `x-trace`",
        id="removed parameter",
    ),
    pytest.param(
        set_("api", "components", "parameters", "Limit", "required", value=True),
        Kind.NEW_REQUIRED_PARAMETER,
        CREATE_ITEM,
        "parameter query `limit`",
        id="parameter became required",
    ),
    pytest.param(
        append(
            *CREATE,
            "parameters",
            value={"name": "q", "in": "query", "required": True, "schema": {}},
        ),
        Kind.NEW_REQUIRED_PARAMETER,
        CREATE_ITEM,
        "parameter query `q`",
        id="new required parameter",
    ),
    pytest.param(
        delete(*SCHEMAS, "ItemCreate", "properties", "tags"),
        Kind.REMOVED_REQUEST_FIELD,
        CREATE_ITEM,
        f"{REQUEST} field `tags`",
        id="removed request field",
    ),
    pytest.param(
        append(*SCHEMAS, "ItemCreate", "required", value="weight"),
        Kind.NEW_REQUIRED_REQUEST_FIELD,
        CREATE_ITEM,
        f"{REQUEST} field `weight`",
        id="request field became required",
    ),
    pytest.param(
        combine(
            set_(*SCHEMAS, "ItemCreate", "properties", "sku", value={"type": "string"}),
            append(*SCHEMAS, "ItemCreate", "required", value="sku"),
        ),
        Kind.NEW_REQUIRED_REQUEST_FIELD,
        CREATE_ITEM,
        f"{REQUEST} field `sku`",
        id="new required request field",
    ),
    pytest.param(
        set_(*SCHEMAS, "ItemCreate", "properties", "meta", "additionalProperties", value=False),
        Kind.CLOSED_REQUEST_OBJECT,
        CREATE_ITEM,
        f"{REQUEST} field `meta`",
        id="request object closed",
    ),
    pytest.param(
        delete(*SCHEMAS, "Item", "properties", "rank"),
        Kind.REMOVED_RESPONSE_FIELD,
        CREATE_ITEM,
        f"{RESPONSE} field `rank`",
        id="removed response field",
    ),
    pytest.param(
        set_(*SCHEMAS, "Item", "required", value=["id", "name", "size", "weight"]),
        Kind.RESPONSE_FIELD_NOW_OPTIONAL,
        GET_ITEM,
        "response 200 (application/json) field `colour`",
        id="response field no longer required",
    ),
    pytest.param(
        delete(*CREATE, "responses", "201", "headers", "ETag"),
        Kind.REMOVED_RESPONSE_HEADER,
        CREATE_ITEM,
        "response 201 header `ETag`",
        id="removed response header",
    ),
    pytest.param(
        set_(*SCHEMAS, "ItemCreate", "properties", "weight", "type", value="integer"),
        Kind.NARROWED_TYPE,
        CREATE_ITEM,
        f"{REQUEST} field `weight`",
        id="narrowed request type",
    ),
    pytest.param(
        set_(*SCHEMAS, "Item", "properties", "rank", "type", value="number"),
        Kind.WIDENED_RESPONSE_TYPE,
        CREATE_ITEM,
        f"{RESPONSE} field `rank`",
        id="widened response type",
    ),
    pytest.param(
        set_(*SCHEMAS, "ItemCreate", "properties", "note", "type", value="string"),
        Kind.REQUEST_NULL_REMOVED,
        CREATE_ITEM,
        f"{REQUEST} field `note`",
        id="request field no longer nullable",
    ),
    pytest.param(
        set_(*SCHEMAS, "ItemCreate", "properties", "note", value={"anyOf": [{"type": "string"}]}),
        Kind.REQUEST_NULL_REMOVED,
        CREATE_ITEM,
        f"{REQUEST} field `note`",
        id="request field no longer nullable by anyOf",
    ),
    pytest.param(
        set_(
            *GET,
            "requestBody",
            value={"required": True, "content": {"application/json": {"schema": {}}}},
        ),
        Kind.NEW_REQUIRED_REQUEST_BODY,
        GET_ITEM,
        "request body",
        id="new required request body",
    ),
    pytest.param(
        set_(*SCHEMAS, "Item", "properties", "rank", "type", value=["integer", "null"]),
        Kind.RESPONSE_BECAME_NULLABLE,
        CREATE_ITEM,
        f"{RESPONSE} field `rank`",
        id="response field nullable by type array",
    ),
    pytest.param(
        set_(*SCHEMAS, "Item", "properties", "weight", value={"oneOf": [NUMBER, {"type": "null"}]}),
        Kind.RESPONSE_BECAME_NULLABLE,
        CREATE_ITEM,
        f"{RESPONSE} field `weight`",
        id="response field nullable by oneOf",
    ),
    pytest.param(
        set_(*SCHEMAS, "ItemCreate", "properties", "made_at", "format", value="date"),
        Kind.CHANGED_FORMAT,
        CREATE_ITEM,
        f"{REQUEST} field `made_at`",
        id="changed request format",
    ),
    pytest.param(
        delete(*SCHEMAS, "Item", "properties", "id", "format"),
        Kind.CHANGED_FORMAT,
        CREATE_ITEM,
        f"{RESPONSE} field `id`",
        id="removed response format",
    ),
    pytest.param(
        set_(*SCHEMAS, "Colour", "enum", value=["red"]),
        Kind.NARROWED_ENUM,
        CREATE_ITEM,
        f"{REQUEST} field `colour`",
        id="narrowed request enum",
    ),
    pytest.param(
        append(*SCHEMAS, "Colour", "enum", value="blue"),
        Kind.WIDENED_RESPONSE_ENUM,
        GET_ITEM,
        "response 200 (application/json) field `colour`",
        id="widened response enum",
    ),
    pytest.param(
        set_(*SCHEMAS, "Colour", "x-extensible-enum", value=True),
        Kind.WIDENED_RESPONSE_ENUM,
        GET_ITEM,
        "response 200 (application/json) field `colour`",
        id="released response enum made extensible",
    ),
    pytest.param(
        set_(*SCHEMAS, "Name", "maxLength", value=20),
        Kind.NARROWED_BOUNDS,
        CREATE_ITEM,
        f"{REQUEST} field `name`",
        id="narrowed maxLength",
    ),
    pytest.param(
        set_(
            *SCHEMAS,
            "ItemCreate",
            "properties",
            "weight",
            value={"type": "number", "exclusiveMinimum": 0},
        ),
        Kind.NARROWED_BOUNDS,
        CREATE_ITEM,
        f"{REQUEST} field `weight`",
        id="minimum made exclusive",
    ),
    pytest.param(
        set_(*SCHEMAS, "ItemCreate", "properties", "tags", "maxItems", value=3),
        Kind.NARROWED_BOUNDS,
        CREATE_ITEM,
        f"{REQUEST} field `tags`",
        id="narrowed maxItems",
    ),
    pytest.param(
        set_("api", "components", "parameters", "Limit", "schema", "maximum", value=50),
        Kind.NARROWED_BOUNDS,
        CREATE_ITEM,
        "parameter query `limit`",
        id="narrowed parameter maximum",
    ),
    pytest.param(
        set_(*SCHEMAS, "Item", "properties", "rank", "minimum", value=0),
        Kind.WIDENED_RESPONSE_BOUNDS,
        CREATE_ITEM,
        f"{RESPONSE} field `rank`",
        id="widened response minimum",
    ),
    pytest.param(
        set_(*SCHEMAS, "Name", "pattern", value="^[a-z]{2,}$"),
        Kind.CHANGED_PATTERN,
        CREATE_ITEM,
        f"{REQUEST} field `name`",
        id="changed pattern",
    ),
    pytest.param(
        delete(*CREATE, "responses", "422"),
        Kind.REMOVED_STATUS_CODE,
        CREATE_ITEM,
        "response 422",
        id="removed status code",
    ),
    pytest.param(
        rename(
            *CREATE,
            "responses",
            "201",
            "content",
            "application/json",
            to="application/vnd.item+json",
        ),
        Kind.REMOVED_MEDIA_TYPE,
        CREATE_ITEM,
        RESPONSE,
        id="changed response media type",
    ),
    pytest.param(
        rename(*CREATE, "requestBody", "content", "application/json", to="text/plain"),
        Kind.REMOVED_MEDIA_TYPE,
        CREATE_ITEM,
        REQUEST,
        id="changed request media type",
    ),
    pytest.param(
        set_(*GET, "security", value=[{"bearer": ["items:read"]}]),
        Kind.REMOVED_SECURITY_OPTION,
        GET_ITEM,
        "security",
        id="removed security option",
    ),
    pytest.param(
        set_(*CREATE, "security", value=[{"bearer": ["items:write", "items:admin"]}]),
        Kind.REMOVED_SECURITY_OPTION,
        CREATE_ITEM,
        "security",
        id="security option needs another scope",
    ),
    pytest.param(
        combine(
            delete("events", "channels", "room", "messages", "heartbeat"),
            delete("events", "operations", "sendRoomEvents", "messages", 1),
        ),
        Kind.REMOVED_MESSAGE,
        HEARTBEAT,
        "message",
        id="removed websocket message",
    ),
    pytest.param(
        delete(*SCHEMAS, "Item", "properties", "rank"),
        Kind.REMOVED_RESPONSE_FIELD,
        ITEM_ADDED,
        "payload field `data.rank`",
        id="removed websocket message field",
    ),
    pytest.param(
        set_(
            *MESSAGES, "itemAdded", "payload", "properties", "type", "const", value="item.created"
        ),
        Kind.WIDENED_RESPONSE_ENUM,
        ITEM_ADDED,
        "payload field `type`",
        id="changed websocket message field value",
    ),
    pytest.param(
        set_(*SCHEMAS, "Item", "properties", "id", "type", value="integer"),
        Kind.WIDENED_RESPONSE_TYPE,
        ITEM_ADDED,
        "payload field `data.id`",
        id="changed websocket message field type",
    ),
    pytest.param(
        set_("events", "channels", "room", "address", value="/ws/v0/hall/{room_id}"),
        Kind.REMOVED_CHANNEL,
        ROOM,
        "channel",
        id="moved websocket channel",
    ),
    pytest.param(
        set_(
            "events",
            "channels",
            "room",
            "bindings",
            "ws",
            "query",
            "properties",
            "ticket",
            "maxLength",
            value=8,
        ),
        Kind.NARROWED_BOUNDS,
        ROOM,
        "handshake query field `ticket`",
        id="narrowed websocket handshake",
    ),
]


@pytest.mark.parametrize(("edit", "kind", "where", "location"), BREAKING)
def test_a_breaking_change_is_found_with_its_kind_operation_and_location(
    tmp_path: Path, edit: Edit, kind: Kind, where: str, location: str
) -> None:
    breaks = breaks_after(tmp_path, edit)
    assert any(
        (item.kind, item.where, item.location) == (kind, where, location) for item in breaks
    ), "\n".join(map(str, breaks))
    assert f"{where}: {location}: {kind}" in "\n".join(map(str, breaks))


NEW_MESSAGE = {
    "name": "item.removed",
    "payload": {"type": "object", "properties": {"id": {"type": "string"}}},
}

COMPATIBLE = [
    pytest.param(combine(), id="no change"),
    pytest.param(
        set_(*SCHEMAS, "ItemCreate", "properties", "sku", value={"type": "string"}),
        id="new optional request field",
    ),
    pytest.param(
        combine(
            set_(
                *SCHEMAS,
                "Item",
                "properties",
                "created_at",
                value={"type": "string", "format": "date-time"},
            ),
            append(*SCHEMAS, "Item", "required", value="created_at"),
        ),
        id="new response field",
    ),
    pytest.param(
        set_(
            "api",
            "paths",
            "/api/v0/item/{item_id}",
            "delete",
            value={"operationId": "deleteItem", "responses": {"204": {"description": "Deleted."}}},
        ),
        id="new operation",
    ),
    pytest.param(
        append(
            *CREATE,
            "parameters",
            value={"name": "dry_run", "in": "query", "schema": {"type": "boolean"}},
        ),
        id="new optional parameter",
    ),
    pytest.param(
        combine(
            set_(*SCHEMAS, "ItemCreate", "properties", "weight", "maximum", value=5000),
            set_(*SCHEMAS, "ItemCreate", "properties", "tags", "maxItems", value=10),
            set_("api", "components", "parameters", "Limit", "schema", "minimum", value=0),
        ),
        id="widened request bounds",
    ),
    pytest.param(
        set_(*SCHEMAS, "ItemCreate", "properties", "made_at", "type", value=["string", "null"]),
        id="request field made nullable",
    ),
    pytest.param(
        append(*SCHEMAS, "Size", "enum", value="medium"), id="extensible response enum widened"
    ),
    pytest.param(
        set_(*SCHEMAS, "Item", "properties", "rank", "minimum", value=2),
        id="narrowed response bounds",
    ),
    pytest.param(
        combine(
            set_(*MESSAGES, "itemRemoved", value=NEW_MESSAGE),
            set_(
                "events",
                "channels",
                "room",
                "messages",
                "itemRemoved",
                value={"$ref": "#/components/messages/itemRemoved"},
            ),
            append(
                "events",
                "operations",
                "sendRoomEvents",
                "messages",
                value={"$ref": "#/channels/room/messages/itemRemoved"},
            ),
        ),
        id="new websocket message",
    ),
    pytest.param(
        append(*GET, "security", value={"bearer": ["items:any"]}), id="new security option"
    ),
    pytest.param(
        set_(*CREATE, "responses", "409", value={"$ref": "#/components/responses/Problem"}),
        id="new status code",
    ),
    pytest.param(
        set_(*SCHEMAS, "Item", "description", value="An item, described anew."),
        id="new description",
    ),
    pytest.param(
        set_(
            *SCHEMAS,
            "Item",
            "properties",
            "label",
            value={"$ref": "#/components/schemas/Name", "type": ["string", "null"]},
        ),
        id="nullable by oneOf rewritten as a type array",
    ),
]


@pytest.mark.parametrize("edit", COMPATIBLE)
def test_a_compatible_change_passes(tmp_path: Path, edit: Edit) -> None:
    assert [str(item) for item in breaks_after(tmp_path, edit)] == []


def test_every_kind_of_break_has_a_fixture() -> None:
    covered = {case.values[1] for case in BREAKING}
    assert set(Kind) - covered == set()
