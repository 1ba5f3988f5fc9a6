"""The contract documents conditional requests wherever the app implements them."""

from typing import Any

import pytest

from quiver.core.contract import load_contract
from quiver.core.settings import Settings

PARAMETER = "#/components/parameters/{}"
RESPONSE = "#/components/responses/{}"
ETAG = {"$ref": "#/components/headers/ETag"}
# Bodies that are not a representation of a stored resource: configuration and probes.
NOT_TAGGED = {"listAuthProviders", "getLiveness", "getReadiness"}
CONDITIONAL_DELETES = {
    "deleteMyArcher",
    "deleteSession",
    "deleteShot",
    "deleteBow",
    "deleteArrowSet",
}


def _operations() -> list[tuple[str, dict[str, Any]]]:
    contract = load_contract(Settings().contract_path)
    return [
        (method, operation)
        for item in contract["paths"].values()
        for method, operation in item.items()
        if isinstance(operation, dict) and "operationId" in operation
    ]


def _parameters(operation: dict[str, Any]) -> list[str]:
    return [parameter.get("$ref", "") for parameter in operation.get("parameters", [])]


READS = [
    op for method, op in _operations() if method == "get" and op["operationId"] not in NOT_TAGGED
]
WRITES = [op for method, op in _operations() if method in ("patch", "put")]
DELETES = [op for method, op in _operations() if op["operationId"] in CONDITIONAL_DELETES]


@pytest.mark.parametrize("operation", READS, ids=[op["operationId"] for op in READS])
def test_every_read_documents_its_etag_and_if_none_match(operation: dict[str, Any]) -> None:
    assert PARAMETER.format("IfNoneMatch") in _parameters(operation)
    assert operation["responses"]["200"]["headers"]["ETag"] == ETAG
    assert operation["responses"]["304"] == {"$ref": RESPONSE.format("NotModified")}


@pytest.mark.parametrize(
    "operation", WRITES + DELETES, ids=[op["operationId"] for op in WRITES + DELETES]
)
def test_every_change_documents_if_match_and_412(operation: dict[str, Any]) -> None:
    assert PARAMETER.format("IfMatch") in _parameters(operation)
    assert operation["responses"]["412"] == {"$ref": RESPONSE.format("PreconditionFailed")}
    if "200" in operation["responses"]:
        assert operation["responses"]["200"]["headers"]["ETag"] == ETAG
