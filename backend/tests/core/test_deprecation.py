"""The deprecation rules read from a contract, the checks of its extensions, and the middleware
over a bare ASGI app (tests/contract/test_deprecation_headers.py drives the real app)."""

import copy
from datetime import date
from typing import Any

import orjson
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from httpx import ASGITransport, AsyncClient

from quiver.core.deprecation import (
    DeprecationContractError,
    Links,
    Notice,
    contract_deprecations,
    deprecation_headers,
    install_deprecations,
)

HEADER_REFS = {name: {"$ref": f"#/components/headers/{name}"} for name in ("Deprecation", "Link")}
SINCE = {"deprecated": True, "x-deprecated-at": "2026-01-01"}


def contract(**operation: Any) -> dict[str, Any]:
    """A one-operation contract (``POST /thing``, ``doThing``) with ``operation`` merged in."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1", "x-changelog": "/CHANGELOG.md"},
        "paths": {
            "/thing": {
                "post": {
                    "operationId": "doThing",
                    "responses": {"200": {"description": "ok", "headers": dict(HEADER_REFS)}},
                    **operation,
                }
            }
        },
        "components": {
            "schemas": {
                "Shot": {
                    "type": "object",
                    "properties": {
                        "arrows": {"type": "array", "items": {"$ref": "#/components/schemas/Arrow"}}
                    },
                },
                "Arrow": {
                    "allOf": [{"$ref": "#/components/schemas/Spot"}],
                    "properties": {
                        "x": {"type": "number", **SINCE},
                        "next": {"$ref": "#/components/schemas/Arrow"},
                    },
                },
                "Spot": {"properties": {"spot": {"type": "integer"}}},
            }
        },
    }


def body(schema: str) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


def problems_of(document: dict[str, Any]) -> list[str]:
    with pytest.raises(DeprecationContractError) as raised:
        contract_deprecations(document)
    return raised.value.problems


# --- checking the extensions ----------------------------------------------------------------


def test_a_contract_with_nothing_deprecated_has_no_rules_and_needs_no_changelog() -> None:
    document = contract()
    document["components"]["schemas"]["Arrow"]["properties"]["x"] = {"type": "number"}
    del document["info"]["x-changelog"]
    assert contract_deprecations(document) == ({}, None)


@pytest.mark.parametrize(
    ("extensions", "problem"),
    [
        ({"x-sunset": "2026-06-01"}, "#/paths/~1thing/post: x-sunset without deprecated: true"),
        ({"x-deprecated-at": "2026-06-01"}, "x-deprecated-at without deprecated: true"),
        ({"deprecated": True}, "deprecated: true needs x-deprecated-at"),
        ({**SINCE, "x-sunset": "soon"}, "x-sunset 'soon' is not a date (YYYY-MM-DD)"),
        ({**SINCE, "x-sunset": "2026-02-30"}, "x-sunset '2026-02-30' is not a date"),
        ({**SINCE, "x-sunset": "2025-12-31"}, "x-sunset 2025-12-31 is before x-deprecated-at"),
        ({"deprecated": True, "x-deprecated-at": "2026-01-01T00:00:00Z"}, "needs x-deprecated-at"),
    ],
)
def test_malformed_extensions_are_refused_with_where_and_why(
    extensions: dict[str, Any], problem: str
) -> None:
    assert any(problem in found for found in problems_of(contract(**extensions)))


def test_yaml_dates_are_accepted_as_well_as_strings() -> None:
    document = contract(deprecated=True, **{"x-deprecated-at": date(2026, 1, 1)})
    document["paths"]["/thing"]["post"]["x-sunset"] = date(2026, 6, 1)
    document["paths"]["/thing"]["post"]["responses"]["200"]["headers"]["Sunset"] = {}
    rules, _ = contract_deprecations(document)
    assert rules["doThing"].always[0] == Notice(date(2026, 1, 1), date(2026, 6, 1))


def test_something_deprecated_needs_the_changelog_link() -> None:
    document = contract(**SINCE)
    del document["info"]["x-changelog"]
    assert any("#/info/x-changelog" in problem for problem in problems_of(document))


def test_the_operations_own_responses_must_declare_the_headers_they_get() -> None:
    document = contract(**SINCE, **{"x-sunset": "2026-06-01"})
    del document["paths"]["/thing"]["post"]["responses"]["200"]["headers"]["Link"]
    (problem,) = problems_of(document)
    assert "#/paths/~1thing/post/responses/200" in problem and "['link', 'sunset']" in problem


def test_data_and_properties_named_deprecated_are_not_deprecations() -> None:
    document = contract()
    document["components"]["schemas"]["Arrow"]["properties"]["x"] = {"type": "number"}
    document["components"]["schemas"]["Spot"]["properties"]["deprecated"] = True
    document["components"]["schemas"]["Spot"]["example"] = {"deprecated": True, "x-sunset": 1}
    assert contract_deprecations(document) == ({}, Links("/CHANGELOG.md", None))


# --- the rules --------------------------------------------------------------------------------


def test_body_fields_are_found_through_references_arrays_and_all_of() -> None:
    document = contract(requestBody=body("Shot"))
    spot = document["components"]["schemas"]["Spot"]["properties"]["spot"]
    spot.update(deprecated=True, **{"x-deprecated-at": "2026-02-01"})
    rules, _ = contract_deprecations(document)
    # Arrow refers to itself (next): a recursive schema is followed once, and the walk ends.
    assert sorted(path for path, _ in rules["doThing"].body) == [
        ("arrows", None, "spot"),
        ("arrows", None, "x"),
    ]


def test_parameters_are_keyed_by_where_they_go_and_path_level_ones_count() -> None:
    document = contract(
        parameters=[
            {"name": "old", "in": "query", **SINCE},
            {"name": "X-Old", "in": "header", **SINCE},
            {"name": "legacy", "in": "cookie", **SINCE},
            {"name": "fine", "in": "query"},
        ]
    )
    document["paths"]["/thing"]["parameters"] = [{"name": "id", "in": "path", **SINCE}]
    document["components"]["schemas"]["Arrow"]["properties"]["x"] = {"type": "number"}
    rules = contract_deprecations(document)[0]["doThing"]
    assert (list(rules.query), list(rules.headers), list(rules.cookies)) == (
        ["old"],
        [b"x-old"],
        ["legacy"],
    )
    assert len(rules.always) == 1


def test_the_headers_render_rfc_9745_and_rfc_8594_forms() -> None:
    links = Links("https://quiver.example/CHANGELOG.md", "https://quiver.example/policy")
    headers = dict(deprecation_headers(Notice(date(2026, 1, 1), date(2026, 7, 1)), links))
    assert headers == {
        b"deprecation": b"@1767225600",
        b"sunset": b"Wed, 01 Jul 2026 00:00:00 GMT",
        b"link": b'<https://quiver.example/CHANGELOG.md>; rel="deprecation"; type="text/markdown", '
        b'<https://quiver.example/policy>; rel="sunset"',
    }


# --- the middleware -------------------------------------------------------------------------


def echo_app(document: dict[str, Any]) -> FastAPI:
    """An app whose ``doThing`` reads the body, if any; deprecations from ``document``."""
    application = FastAPI()

    @application.post("/thing", operation_id="doThing")
    async def do_thing(request: Request) -> JSONResponse:
        return JSONResponse({"read": len(await request.body())})

    @application.post("/other", operation_id="doOther")
    async def do_other() -> JSONResponse:
        return JSONResponse({})

    assert install_deprecations(application, document) == ["doThing"]
    return application


async def post(application: FastAPI, path: str, **kwargs: Any) -> dict[str, str]:
    transport = ASGITransport(app=application)
    async with AsyncClient(transport=transport, base_url="http://test") as http:
        response = await http.post(path, **kwargs)
    assert response.status_code == 200
    return {k: v for k, v in response.headers.items() if k in ("deprecation", "sunset", "link")}


async def test_the_middleware_marks_requests_by_what_they_carry() -> None:
    document = contract(
        requestBody=body("Shot"),
        parameters=[
            {"name": "old", "in": "query", **SINCE},
            {"name": "X-Old", "in": "header", **SINCE},
            {"name": "legacy", "in": "cookie", **SINCE},
        ],
    )
    application = echo_app(document)
    marked = {
        "deprecation": "@1767225600",
        "link": '</CHANGELOG.md>; rel="deprecation"; type="text/markdown"',
    }
    assert await post(application, "/thing", json={"arrows": [{"x": 1.5}]}) == marked
    assert await post(application, "/thing", params={"old": ""}) == marked
    assert await post(application, "/thing", headers={"X-Old": "1"}) == marked
    assert await post(application, "/thing", headers={"Cookie": "a=1; legacy=2"}) == marked
    assert await post(application, "/thing", json={"arrows": [{"spot": 1}], "x": 1}) == {}
    assert await post(application, "/thing", params={"new": ""}, headers={"Cookie": "a=1"}) == {}
    assert await post(application, "/thing", content=b"{not json") == {}
    assert await post(application, "/other", json={"arrows": [{"x": 1.5}]}) == {}


async def test_several_deprecations_in_one_request_give_the_earliest_dates() -> None:
    document = contract(
        parameters=[
            {
                "name": "a",
                "in": "query",
                "deprecated": True,
                "x-deprecated-at": "2026-03-01",
                "x-sunset": "2026-09-01",
            },
            {
                "name": "b",
                "in": "query",
                "deprecated": True,
                "x-deprecated-at": "2026-04-01",
                "x-sunset": "2026-08-01",
            },
        ]
    )
    document["paths"]["/thing"]["post"]["responses"]["200"]["headers"]["Sunset"] = {}
    document["components"]["schemas"]["Arrow"]["properties"]["x"] = {"type": "number"}
    application = echo_app(document)
    headers = await post(application, "/thing", params={"a": "1", "b": "2"})
    assert headers["deprecation"] == "@1772323200"  # 2026-03-01
    assert headers["sunset"] == "Sat, 01 Aug 2026 00:00:00 GMT"


def test_install_adds_no_middleware_when_nothing_is_deprecated() -> None:
    document = copy.deepcopy(contract())
    document["components"]["schemas"]["Arrow"]["properties"]["x"] = {"type": "number"}
    application = FastAPI()
    assert install_deprecations(application, document) == []
    assert not application.user_middleware
    assert orjson.dumps(document)
