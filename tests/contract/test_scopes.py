"""Every authenticated operation declares its scope in the contract, and the app enforces it.

The contract is the only scope table: these tests walk it, so an operation added later is
checked without anyone listing it here.
"""

import re
from typing import Any
from uuid import uuid4

import pytest
from httpx import AsyncClient

from conftest import ArcherAccount, personal_token
from quiver.core.contract import load_contract
from quiver.core.settings import Settings

CONTRACT = load_contract(Settings().contract_path)
SCHEME = CONTRACT["components"]["securitySchemes"]["bearer_auth"]
DECLARED_SCOPES = set(SCHEME["x-scopes"])
HTTP_METHODS = {"get", "put", "post", "delete", "patch"}
# The scope only login tokens hold.
LOGIN_ONLY = "account"
# logOut needs no scope: any token may revoke itself.
UNSCOPED = {"logOut"}


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, operations in CONTRACT["paths"].items()
        for method, operation in operations.items()
        if method in HTTP_METHODS
    ]


def _security(operation: dict[str, Any]) -> list[dict[str, list[str]]]:
    requirements: list[dict[str, list[str]]] = operation.get(
        "security", CONTRACT.get("security", [])
    )
    return requirements


AUTHENTICATED = [
    (method, path, operation) for method, path, operation in _operations() if _security(operation)
]
SCOPED = [
    pytest.param(
        method, path, _security(operation)[0]["bearer_auth"][0], id=operation["operationId"]
    )
    for method, path, operation in AUTHENTICATED
    if operation["operationId"] not in UNSCOPED
]
EVERY_AUTHENTICATED = [
    pytest.param(method, path, id=operation["operationId"])
    for method, path, operation in AUTHENTICATED
]


def _request(method: str, path: str) -> dict[str, Any]:
    """A request for the operation that only its scope check can refuse before it looks
    anything up: random ids in the path (the check comes first), an empty JSON body."""
    operation = CONTRACT["paths"][path][method.lower()]
    url = re.sub(r"\{[^}]+\}", lambda _: str(uuid4()), path)
    request: dict[str, Any] = {"method": method, "url": url}
    if "requestBody" in operation:
        request["json"] = {}
    return request


def test_every_authenticated_operation_names_exactly_one_declared_scope() -> None:
    assert AUTHENTICATED, "the contract has no authenticated operation"
    for _, _, operation in AUTHENTICATED:
        operation_id = operation["operationId"]
        requirements = _security(operation)
        assert len(requirements) == 1 and list(requirements[0]) == ["bearer_auth"], operation_id
        scopes = requirements[0]["bearer_auth"]
        if operation_id in UNSCOPED:
            assert scopes == [], operation_id
        else:
            assert len(scopes) == 1, operation_id
            assert set(scopes) <= DECLARED_SCOPES, operation_id


def test_a_personal_token_may_hold_every_declared_scope_but_the_login_only_one() -> None:
    grantable = CONTRACT["components"]["schemas"]["TokenScope"]["enum"]
    assert set(grantable) == DECLARED_SCOPES - {LOGIN_ONLY}
    assert LOGIN_ONLY in DECLARED_SCOPES


def test_the_scope_table_of_the_security_scheme_matches_the_operations() -> None:
    documented: dict[str, set[str]] = {}
    for scope, operations in re.findall(
        r"^\| `([a-z:]+)`[^|]*\| ([^|]+) \|$", SCHEME["description"], re.M
    ):
        documented[scope] = {name.strip() for name in operations.split(",")}
    declared: dict[str, set[str]] = {}
    for _, _, operation in AUTHENTICATED:
        for scope in _security(operation)[0]["bearer_auth"]:
            declared.setdefault(scope, set()).add(operation["operationId"])
    assert documented == declared


def test_every_authenticated_operation_answers_401_and_403_with_a_challenge() -> None:
    responses = CONTRACT["components"]["responses"]
    challenge = {"$ref": "#/components/headers/WWW-Authenticate"}
    assert responses["Unauthorized"]["headers"]["WWW-Authenticate"] == challenge
    assert responses["Forbidden"]["headers"]["WWW-Authenticate"] == challenge
    for _, _, operation in AUTHENTICATED:
        answers = operation["responses"]
        assert answers["401"] == {"$ref": "#/components/responses/Unauthorized"}
        assert answers["403"] == {"$ref": "#/components/responses/Forbidden"}


@pytest.mark.parametrize(("method", "path", "scope"), SCOPED)
async def test_a_personal_token_without_the_operations_scope_is_forbidden(
    client: AsyncClient, archer: ArcherAccount, method: str, path: str, scope: str
) -> None:
    others = sorted(DECLARED_SCOPES - {scope, LOGIN_ONLY})
    token = await personal_token(client, archer, *others)
    response = await client.request(
        **_request(method, path), headers={"Authorization": f"Bearer {token['token']}"}
    )
    assert response.status_code == 403, response.text
    assert response.json()["code"] == "insufficient_scope"
    assert response.headers["www-authenticate"] == (
        f'Bearer error="insufficient_scope", scope="{scope}"'
    )


@pytest.mark.parametrize(
    ("method", "path", "scope"), [param for param in SCOPED if param.values[2] != LOGIN_ONLY]
)
async def test_a_personal_token_with_the_operations_scope_gets_past_the_check(
    client: AsyncClient, archer: ArcherAccount, method: str, path: str, scope: str
) -> None:
    token = await personal_token(client, archer, scope)
    response = await client.request(
        **_request(method, path), headers={"Authorization": f"Bearer {token['token']}"}
    )
    assert response.status_code not in {401, 403}, response.text


@pytest.mark.parametrize(("method", "path"), EVERY_AUTHENTICATED)
async def test_a_login_token_reaches_every_operation(
    client: AsyncClient, archer: ArcherAccount, method: str, path: str
) -> None:
    response = await client.request(**_request(method, path), headers=archer.headers)
    assert response.status_code not in {401, 403}, response.text
