"""`quiver serve`'s uvicorn configuration: which proxies' forwarded headers it believes."""

from fastapi import FastAPI, Request
from httpx import ASGITransport, AsyncClient

from conftest import make_settings
from quiver.cli import server_config


def _client_echo() -> FastAPI:
    app = FastAPI()

    @app.get("/client")
    async def client(request: Request) -> str:
        assert request.client is not None
        return request.client.host

    return app


async def _client_seen(forwarded_allow_ips: str, peer: str) -> str:
    settings = make_settings("postgresql://unused", forwarded_allow_ips=forwarded_allow_ips)
    config = server_config(settings, _client_echo(), own_logging=False)
    config.load()
    transport = ASGITransport(app=config.loaded_app, client=(peer, 40_000))
    async with AsyncClient(transport=transport, base_url="http://quiver") as http:
        response = await http.get("/client", headers={"X-Forwarded-For": "203.0.113.7"})
    host: str = response.json()
    return host


async def test_x_forwarded_for_counts_from_a_trusted_proxy_only() -> None:
    assert await _client_seen("10.0.0.5", "10.0.0.5") == "203.0.113.7"
    assert await _client_seen("10.0.0.5", "198.51.100.9") == "198.51.100.9"


async def test_by_default_only_a_proxy_on_this_host_is_trusted() -> None:
    default = make_settings("postgresql://unused").forwarded_allow_ips
    assert await _client_seen(default, "127.0.0.1") == "203.0.113.7"
    assert await _client_seen(default, "10.0.0.5") == "10.0.0.5"
