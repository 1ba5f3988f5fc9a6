"""Serving the built frontend, when there is one, beside the API."""

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import Receive, Scope, Send


class FrontendFiles(StaticFiles):
    """The single-page app; API paths never fall through to it."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["path"].startswith(("/api/", "/ws/")):
            raise HTTPException(status_code=404)
        await super().__call__(scope, receive, send)


def mount_frontend(app: FastAPI, dist: Path) -> None:
    """Serve ``dist`` for every path no route claims, if the frontend has been built."""
    # The router's fallback, not a mount at "/": a mount would match first and turn the
    # 405 of a known path with the wrong method into a 404.
    if (dist / "index.html").is_file():
        app.router.default = FrontendFiles(directory=dist, html=True)
