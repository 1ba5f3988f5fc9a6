"""The contract announces the rate limits where the app applies them: a 429 with its headers
on every /api operation, none on the probes outside /api."""

from typing import Any

import pytest

from quiver.core.contract import load_contract
from quiver.core.ratelimit import SIGN_IN_OPERATIONS
from quiver.core.settings import Settings

CONTRACT = load_contract(Settings().contract_path)
TOO_MANY_REQUESTS = {"$ref": "#/components/responses/TooManyRequests"}


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, operations in CONTRACT["paths"].items()
        for method, operation in operations.items()
        if isinstance(operation, dict) and "responses" in operation
    ]


@pytest.mark.parametrize(
    ("method", "path", "operation"),
    _operations(),
    ids=[operation["operationId"] for _, _, operation in _operations()],
)
def test_every_api_operation_and_only_those_may_answer_429(
    method: str, path: str, operation: dict[str, Any]
) -> None:
    del method
    declared = operation["responses"].get("429")
    assert declared == (TOO_MANY_REQUESTS if path.startswith("/api/") else None)


def test_the_429_carries_retry_after_and_the_ratelimit_headers() -> None:
    response = CONTRACT["components"]["responses"]["TooManyRequests"]
    assert {"Retry-After", "RateLimit", "RateLimit-Policy"} <= set(response["headers"])
    assert set(response["content"]) == {"application/problem+json"}
    assert {"Retry-After", "RateLimit", "RateLimit-Policy"} <= set(
        CONTRACT["components"]["headers"]
    )


def test_the_sign_in_operations_the_limits_name_are_in_the_contract() -> None:
    ids = {operation["operationId"] for _, _, operation in _operations()}
    assert SIGN_IN_OPERATIONS <= ids
