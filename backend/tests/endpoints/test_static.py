"""The built web app beside the API: deep links get the app, API paths never do."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient

from quiver.app import create_app
from quiver.core.contract import load_contract
from quiver.core.settings import Settings

INDEX = "<!doctype html><title>Quiver</title><div id=app></div>"
ASSET = "assets/index-Bx7f3kQz.js"


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A minimal build: index.html, one hashed asset and the files the PWA keeps named."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX, encoding="utf-8")
    (tmp_path / ASSET).write_text("export{};", encoding="utf-8")
    for name in ("sw.js", "registerSW.js", "manifest.webmanifest", "favicon.svg"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    return tmp_path


@asynccontextmanager
async def serving(settings: Settings, dist: Path) -> AsyncIterator[AsyncClient]:
    """A client of an app serving ``dist``; none of these paths needs the database."""
    application = create_app(settings.model_copy(update={"frontend_dist": dist}))
    async with AsyncClient(
        transport=ASGITransport(app=application, raise_app_exceptions=False),
        base_url="http://test",
    ) as http:
        yield http


@pytest.fixture
async def web(settings: Settings, dist: Path) -> AsyncIterator[AsyncClient]:
    async with serving(settings, dist) as http:
        yield http


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/history",
        "/history/0194f4a2-8c1e-7b3d-9a55-2f0e6d1c4b7a",
        "/session/0194f4a2-8c1e-7b3d-9a55-2f0e6d1c4b7a",
        "/session/0194f4a2-8c1e-7b3d-9a55-2f0e6d1c4b7a/board",
        "/signin?redirect=%2Fhistory",
        "/practice/new/",
        "/apiary",
    ],
)
async def test_an_app_route_is_answered_with_the_app(web: AsyncClient, path: str) -> None:
    response = await web.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"
    assert response.text == INDEX


async def test_a_head_request_of_an_app_route_gets_the_app_headers(web: AsyncClient) -> None:
    response = await web.head("/history")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"
    assert response.content == b""


@pytest.mark.parametrize(
    "path",
    [
        "/api/v0/nope",
        "/api",
        "/ws/v0/session/0194f4a2-8c1e-7b3d-9a55-2f0e6d1c4b7a",
        "/redoc",
        "/docs/oauth2-redirect",
        "/openapi.json/x",
        "/health/nope",
    ],
)
async def test_a_reserved_path_keeps_its_problem_404(web: AsyncClient, path: str) -> None:
    response = await web.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"


async def test_a_wrong_method_on_an_api_path_is_still_a_405(web: AsyncClient) -> None:
    response = await web.put("/api/v0/archer/me", json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET, HEAD, PATCH"


async def test_a_write_to_an_unknown_api_path_is_a_404_not_a_405(web: AsyncClient) -> None:
    response = await web.post("/api/v0/nope", json={})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


async def test_a_write_to_an_app_route_is_a_405_that_names_the_read_methods(
    web: AsyncClient,
) -> None:
    response = await web.post("/history", json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "method_not_allowed"


async def test_the_contract_is_still_served_verbatim(web: AsyncClient, settings: Settings) -> None:
    response = await web.get("/openapi.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == load_contract(settings.contract_path)


async def test_the_docs_are_still_swagger_ui(web: AsyncClient) -> None:
    response = await web.get("/docs")
    assert response.status_code == 200
    assert "swagger-ui" in response.text
    assert (await web.get("/docs/assets/swagger-ui-bundle.js")).status_code == 200


@pytest.mark.parametrize("path", ["/assets/missing.js", "/assets/missing", "/robots.txt"])
async def test_a_missing_file_is_a_404_not_the_app(web: AsyncClient, path: str) -> None:
    response = await web.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_hashed_asset_is_cached_for_a_year(web: AsyncClient) -> None:
    response = await web.get(f"/{ASSET}")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.text == "export{};"


@pytest.mark.parametrize(
    "name", ["index.html", "sw.js", "registerSW.js", "manifest.webmanifest", "favicon.svg"]
)
async def test_a_file_that_keeps_its_name_is_revalidated(web: AsyncClient, name: str) -> None:
    response = await web.get(f"/{name}")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-cache"


async def test_a_revalidated_app_is_a_304_with_its_cache_policy(web: AsyncClient) -> None:
    first = await web.get("/history")
    again = await web.get("/session/x", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.headers["cache-control"] == "no-cache"


async def test_without_a_build_an_app_route_is_a_problem_404(
    settings: Settings, tmp_path: Path
) -> None:
    async with serving(settings, tmp_path / "none") as http:
        response = await http.get("/history")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
