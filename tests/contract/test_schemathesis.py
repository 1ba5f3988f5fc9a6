"""schemathesis runs every operation of the contract against the app, with its default checks.

The app under test runs its own lifespan on schemathesis' event loop, against a database of
its own so fuzzed rows never meet the other tests.
"""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from starlette.types import ASGIApp, Receive, Scope, Send

from conftest import PASSWORD, fresh_database, make_settings
from quiver.app import create_app
from quiver.core.settings import Settings

CONTRACT = Settings().contract_path


class FreshArcherAuth:
    """Every case gets a new archer, so a fuzzed DELETE of /archer/me never starves the rest."""

    def get(self, case: schemathesis.Case[Any], ctx: Any) -> str:
        del case
        schema = ctx.operation.schema
        email = f"fuzz-{uuid4().hex}@example.org"
        schema["/api/v0/archer"]["POST"].Case(
            body={
                "email": email,
                "password": PASSWORD,
                "first_name": "Fuzz",
                "last_name": "Archer",
                "bowstyle": "barebow",
                "draw_weight_lb": 30,
            },
            media_type="application/json",
        ).call()
        login = (
            schema["/api/v0/auth/login"]["POST"]
            .Case(body={"email": email, "password": PASSWORD}, media_type="application/json")
            .call()
        )
        token: str = login.json()["access_token"]
        return token

    def set(self, case: schemathesis.Case[Any], data: str, ctx: Any) -> None:
        del ctx
        case.headers["Authorization"] = f"Bearer {data}"


@pytest.fixture(scope="session")
def contract_database_url(server_dsn: str, worker_id: str) -> Iterator[str]:
    with fresh_database(server_dsn, "quiver_contract", worker_id) as url:
        yield url


class DeferredApp:
    """Stands in for the app at import time: its database is only known once fixtures run.

    (schemathesis.pytest.from_fixture would defer the whole schema, but its lazy loader reads
    a private pytest attribute that pytest 9 removed.)
    """

    def __init__(self) -> None:
        self.app: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.app is not None, "the _app_under_test fixture did not run"
        await self.app(scope, receive, send)


app_under_test = DeferredApp()
schema = schemathesis.openapi.from_path(Path(CONTRACT))
schema.app = app_under_test
schema.config.update(base_url="http://127.0.0.1:8000")
schema.auth(FreshArcherAuth, refresh_interval=None)
_VALID_KEY = re.compile(r"^[!-~]{1,255}$")


@schemathesis.hook("before_call")
def _fresh_idempotency_key(ctx: Any, case: schemathesis.Case[Any], **kwargs: Any) -> None:
    """A client makes a new Idempotency-Key for each request; the examples share the
    contract's, and registrations with the example's email share its scope (the email)."""
    del ctx, kwargs
    if case.headers is None:
        return
    key = case.headers.get("Idempotency-Key")
    if isinstance(key, str) and _VALID_KEY.match(key):
        case.headers["Idempotency-Key"] = str(uuid4())


@pytest.fixture(scope="module", autouse=True)
def _app_under_test(contract_database_url: str) -> None:
    app_under_test.app = create_app(make_settings(contract_database_url))


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_conforms_to_the_contract(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate()


# The stateful phase: sequences of calls linked through responses (register, then read,
# update, delete), with the same checks after every step.
TestStatefulContract = schema.as_state_machine().TestCase
TestStatefulContract.settings = settings(
    max_examples=25,
    stateful_step_count=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
