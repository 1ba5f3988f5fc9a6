"""The contract lints clean and the committed generated code matches it."""

import compileall
import importlib
import inspect
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import pytest
from fastapi import FastAPI
from httpx import ASGITransport

from conftest import ArcherAccount

ROOT = Path(__file__).resolve().parents[2]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_the_contract_lints_clean() -> None:
    result = _run("scripts/lint_spec.sh")
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_models_are_fresh() -> None:
    result = _run(str(ROOT / ".venv" / "bin" / "datamodel-codegen"), "--check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_asyncapi_contract_is_valid() -> None:
    result = _run("scripts/lint_asyncapi.sh")
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_ws_message_models_are_fresh() -> None:
    codegen = str(ROOT / ".venv" / "bin" / "datamodel-codegen")
    result = _run(codegen, "--profile", "events", "--check")
    assert result.returncode == 0, result.stdout + result.stderr


# --- a generated Python client ---------------------------------------------------------------
# openapi-python-client makes every declared request header a typed keyword argument
# (``x_request_id``, ``idempotency_key``, ``if_none_match``); it types no response header,
# and hands every one over in ``Response.headers`` instead.


@pytest.fixture(scope="module")
def python_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The package openapi-python-client generates from the contract, importable by name."""
    where = tmp_path_factory.mktemp("generated")
    result = _run(
        str(ROOT / ".venv" / "bin" / "openapi-python-client"),
        "generate",
        "--path",
        str(ROOT / "openapi" / "v0" / "openapi.yaml"),
        "--meta",
        "none",
        "--output-path",
        str(where / "quiver_client"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(where))
    yield "quiver_client"
    sys.path.remove(str(where))
    for name in [module for module in sys.modules if module.split(".")[0] == "quiver_client"]:
        del sys.modules[name]


def test_a_generated_python_client_compiles(python_client: str) -> None:
    package = Path(importlib.import_module(python_client).__file__ or "").parent
    assert compileall.compile_dir(package, quiet=1)


def test_a_generated_python_client_takes_the_declared_request_headers(
    python_client: str,
) -> None:
    create_bow = importlib.import_module(f"{python_client}.api.equipment.create_bow")
    get_bow = importlib.import_module(f"{python_client}.api.equipment.get_bow")
    assert {"x_request_id", "idempotency_key"} <= set(
        inspect.signature(create_bow.asyncio_detailed).parameters
    )
    assert {"x_request_id", "if_none_match"} <= set(
        inspect.signature(get_bow.asyncio_detailed).parameters
    )


async def test_a_generated_python_client_reads_the_declared_response_headers(
    python_client: str, app: FastAPI, archer: ArcherAccount
) -> None:
    client_module = importlib.import_module(python_client)
    create_bow = importlib.import_module(f"{python_client}.api.equipment.create_bow")
    get_bow = importlib.import_module(f"{python_client}.api.equipment.get_bow")
    bow_create = importlib.import_module(f"{python_client}.models.bow_create").BowCreate
    client = client_module.AuthenticatedClient(
        base_url="http://test",
        token=archer.token,
        httpx_args={"transport": ASGITransport(app=app, raise_app_exceptions=False)},
    )
    body = bow_create.from_dict(
        {"name": "Hoyt Formula X", "bowstyle": "recurve", "draw_weight_lb": 36.5}
    )
    key = uuid4().hex
    created = await create_bow.asyncio_detailed(
        client=client, body=body, idempotency_key=key, x_request_id="python-client-1"
    )
    replayed = await create_bow.asyncio_detailed(client=client, body=body, idempotency_key=key)
    assert created.status_code == replayed.status_code == 201
    assert created.headers["x-request-id"] == "python-client-1"
    assert created.headers["location"] == f"/api/v0/bow/{created.parsed.id}"
    assert replayed.headers["idempotent-replayed"] == "true"
    assert "ratelimit" in created.headers and "ratelimit-policy" in created.headers
    got = await get_bow.asyncio_detailed(created.parsed.id, client=client)
    unchanged = await get_bow.asyncio_detailed(
        created.parsed.id, client=client, if_none_match=got.headers["etag"]
    )
    assert (got.status_code, unchanged.status_code) == (200, 304)
    await client.get_async_httpx_client().aclose()
