"""The app serves the committed contract and offline documentation."""

from httpx import AsyncClient

from quiver.core.contract import load_contract
from quiver.core.settings import Settings


async def test_openapi_json_is_the_committed_contract(client: AsyncClient) -> None:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    assert response.json() == load_contract(Settings().contract_path)


async def test_docs_load_their_assets_from_this_server(client: AsyncClient) -> None:
    page = await client.get("/docs")
    assert page.status_code == 200
    assert "/openapi.json" in page.text
    assert "cdn" not in page.text.lower() and "https://" not in page.text.split("<body>")[0]
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        served = await client.get(f"/docs/assets/{asset}")
        assert served.status_code == 200 and len(served.content) > 10_000
