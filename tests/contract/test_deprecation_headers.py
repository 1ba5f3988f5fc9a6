"""Deprecation headers come from the contract: a fixture contract deprecates an operation, a
parameter, a request-body field and a response field, and the app built on it answers with
exactly the headers the dates say; the real contract deprecates nothing and sends none."""

import copy
import re
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Response

from conftest import make_settings, registration_payload
from quiver.app import create_app
from quiver.core.contract import load_contract
from quiver.core.deprecation import (
    DeprecationContractError,
    DeprecationMiddleware,
    contract_deprecations,
)
from quiver.core.settings import Settings

REAL = load_contract(Settings().contract_path)
CHANGELOG = "https://quiver.example/CHANGELOG.md"
POLICY = "https://quiver.example/docs/compatibility.md"
HEADERS = ("Deprecation", "Sunset", "Link")
DEPRECATION_LINK = f'<{CHANGELOG}>; rel="deprecation"; type="text/markdown"'
SUNSET_LINK = f'<{POLICY}>; rel="sunset"; type="text/markdown"'


def deprecate(node: dict[str, Any], since: str, sunset: str | None = None) -> None:
    """Mark a contract node deprecated as a contributor would."""
    node["deprecated"] = True
    node["x-deprecated-at"] = since
    if sunset is not None:
        node["x-sunset"] = sunset


def declare_headers(operation: dict[str, Any]) -> None:
    """Declare the deprecation headers on the operation's own responses."""
    for response in operation["responses"].values():
        if "$ref" not in response:
            for name in HEADERS:
                response.setdefault("headers", {})[name] = {"$ref": f"#/components/headers/{name}"}


def fixture_contract() -> dict[str, Any]:
    """The real contract with four things deprecated, two of them with a sunset."""
    contract = copy.deepcopy(REAL)
    contract["info"]["x-changelog"] = CHANGELOG
    contract["info"]["x-sunset-policy"] = POLICY
    paths, schemas = contract["paths"], contract["components"]["schemas"]
    # An operation, with a sunset.
    deprecate(paths["/api/v0/face"]["get"], "2026-01-15", "2026-07-01")
    # A response field, nested in arrays (Face.rings[].colour): listFaces and getFace.
    deprecate(schemas["Ring"]["properties"]["colour"], "2025-11-01")
    # A query parameter.
    rounds = paths["/api/v0/round"]["get"]
    deprecate(next(p for p in rounds["parameters"] if p.get("name") == "location"), "2026-03-01")
    # A request-body field, with a sunset.
    deprecate(
        schemas["ArcherRegistration"]["properties"]["date_of_birth"], "2026-02-01", "2026-12-31"
    )
    for path, method in [
        ("/api/v0/face", "get"),
        ("/api/v0/face/{face_type}", "get"),
        ("/api/v0/round", "get"),
        ("/api/v0/archer", "post"),
    ]:
        declare_headers(paths[path][method])
    return contract


def write(contract: dict[str, Any], directory: Path) -> Path:
    path = directory / "openapi.yaml"
    path.write_text(yaml.safe_dump(contract, sort_keys=False), encoding="utf-8")
    return path


def unix(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def deprecation_of(response: Response) -> date | None:
    """The ``Deprecation`` date, parsed back from its structured-field form ``@<seconds>``."""
    value = response.headers.get("deprecation")
    if value is None:
        return None
    match = re.fullmatch(r"@(-?\d+)", value)
    assert match, value
    moment = datetime.fromtimestamp(int(match[1]), UTC)
    assert moment.time() == datetime.min.time(), value
    return moment.date()


def sunset_of(response: Response) -> date | None:
    """The ``Sunset`` date, parsed back from its HTTP-date (IMF-fixdate) form."""
    value = response.headers.get("sunset")
    if value is None:
        return None
    assert re.fullmatch(r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} 00:00:00 GMT", value), value
    return parsedate_to_datetime(value).date()


def assert_none(response: Response) -> None:
    sent = {name for name in HEADERS if name.lower() in response.headers}
    assert not sent, f"{response.request.method} {response.request.url} sent {sent}"


@pytest.fixture(scope="module")
async def deprecated_app(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[FastAPI]:
    path = write(fixture_contract(), tmp_path_factory.mktemp("contract"))
    application = create_app(make_settings(database_url, contract_path=path))
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def web(deprecated_app: FastAPI, app: FastAPI) -> AsyncIterator[AsyncClient]:
    """A client of the fixture app; ``app`` empties the tables after each test."""
    del app
    transport = ASGITransport(app=deprecated_app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


def test_the_fixture_contract_deprecates_exactly_four_operations() -> None:
    rules, links = contract_deprecations(fixture_contract())
    assert sorted(rules) == ["getFace", "listFaces", "listRounds", "registerArcher"]
    assert links is not None and (links.changelog, links.sunset_policy) == (CHANGELOG, POLICY)


async def test_a_deprecated_operation_sends_the_earliest_dates_and_both_links(
    web: AsyncClient,
) -> None:
    response = await web.get("/api/v0/face")
    assert response.status_code == 200
    # The operation (2026-01-15, sunset 2026-07-01) and its deprecated response field
    # (2025-11-01, no sunset): the earliest of each.
    assert deprecation_of(response) == date(2025, 11, 1)
    assert response.headers["deprecation"] == f"@{unix(date(2025, 11, 1))}"
    assert sunset_of(response) == date(2026, 7, 1)
    assert response.headers["sunset"] == "Wed, 01 Jul 2026 00:00:00 GMT"
    assert response.headers.get_list("link") == [f"{DEPRECATION_LINK}, {SUNSET_LINK}"]


async def test_every_answer_of_a_deprecated_operation_carries_the_headers(
    web: AsyncClient,
) -> None:
    first = await web.get("/api/v0/face")
    unchanged = await web.get("/api/v0/face", headers={"If-None-Match": first.headers["etag"]})
    assert unchanged.status_code == 304
    assert deprecation_of(unchanged) == date(2025, 11, 1)
    assert sunset_of(unchanged) == date(2026, 7, 1)
    head = await web.head("/api/v0/face")
    assert head.status_code == 200 and deprecation_of(head) == date(2025, 11, 1)


async def test_a_deprecated_response_field_marks_every_answer_of_its_operations(
    web: AsyncClient,
) -> None:
    found = await web.get("/api/v0/face/wa_122")
    refused = await web.get("/api/v0/face/no_such_face")
    assert (found.status_code, refused.status_code) == (200, 422)
    for response in (found, refused):
        assert deprecation_of(response) == date(2025, 11, 1)
        assert sunset_of(response) is None
        # No sunset: no sunset policy either.
        assert response.headers.get_list("link") == [DEPRECATION_LINK]


async def test_a_deprecated_query_parameter_marks_only_requests_that_carry_it(
    web: AsyncClient,
) -> None:
    carried = await web.get("/api/v0/round", params={"location": "outdoor"})
    assert carried.status_code == 200
    assert deprecation_of(carried) == date(2026, 3, 1)
    assert sunset_of(carried) is None
    assert carried.headers.get_list("link") == [DEPRECATION_LINK]
    # Carried even when its value is refused.
    refused = await web.get("/api/v0/round", params={"location": "moon"})
    assert refused.status_code == 422 and deprecation_of(refused) == date(2026, 3, 1)
    for params in ({}, {"body": "world_archery"}):
        response = await web.get("/api/v0/round", params=params)
        assert response.status_code == 200
        assert_none(response)


async def test_a_deprecated_body_field_marks_only_requests_that_carry_it(
    web: AsyncClient,
) -> None:
    carried = await web.post(
        "/api/v0/archer", json=registration_payload(date_of_birth="1990-04-02")
    )
    assert carried.status_code == 201, carried.text
    assert deprecation_of(carried) == date(2026, 2, 1)
    assert sunset_of(carried) == date(2026, 12, 31)
    assert carried.headers.get_list("link") == [f"{DEPRECATION_LINK}, {SUNSET_LINK}"]
    without = await web.post("/api/v0/archer", json=registration_payload())
    assert without.status_code == 201
    assert_none(without)


async def test_operations_with_nothing_deprecated_send_no_deprecation_headers(
    web: AsyncClient,
) -> None:
    for path in ("/api/v0/round/wa720_70", "/health/live", "/api/v0/archer/me"):
        response = await web.get(path)
        assert response.status_code in (200, 401), path
        assert_none(response)


def test_a_malformed_deprecation_stops_the_app_from_starting(
    database_url: str, tmp_path: Path
) -> None:
    contract = fixture_contract()
    contract["paths"]["/api/v0/face"]["get"]["x-sunset"] = "next spring"
    settings = make_settings(database_url, contract_path=write(contract, tmp_path))
    with pytest.raises(DeprecationContractError, match="x-sunset 'next spring' is not a date"):
        create_app(settings)


# --- the real contract ----------------------------------------------------------------------


def test_the_real_contracts_deprecation_extensions_are_valid() -> None:
    # Raises DeprecationContractError, naming each problem, as start-up would.
    contract_deprecations(REAL)


def test_the_real_contract_deprecates_nothing_yet() -> None:
    # Update with the first deprecation (and drop .redocly.lint-ignore.yaml's entries).
    assert contract_deprecations(REAL) == ({}, None)


def test_the_real_contract_declares_the_deprecation_headers_for_clients() -> None:
    assert set(HEADERS) <= set(REAL["components"]["headers"])


async def test_the_app_on_the_real_contract_sends_no_deprecation_headers(
    app: FastAPI, client: AsyncClient
) -> None:
    assert DeprecationMiddleware not in [
        getattr(entry, "cls", None) for entry in app.user_middleware
    ]
    for path in ("/api/v0/face", "/api/v0/round?location=outdoor", "/health/live"):
        response = await client.get(path)
        assert response.status_code == 200
        assert_none(response)
