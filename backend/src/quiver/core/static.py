"""Serving the built single-page app beside the API: its files, deep links and cache policy."""

from http import HTTPStatus
from pathlib import Path, PurePath

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from quiver.core.errors import problem_response

# First path segments the app never claims: they keep their own handlers and their
# problem+json 404s, so a typo in an API call is never answered with a web page.
RESERVED_SEGMENTS = frozenset({"api", "ws", "docs", "redoc", "openapi.json", "health"})
# Vite names every file under assets/ by its content hash: a new build means new names.
HASHED_FOLDER = "assets"
IMMUTABLE = "public, max-age=31536000, immutable"
# Everything else (index.html, the service worker, the manifest, the favicon) keeps its name
# across builds, so the browser must revalidate it (a cheap 304 thanks to the ETag).
REVALIDATE = "no-cache"
READ_METHODS = ("GET", "HEAD")


def _is_app_route(path: PurePath) -> bool:
    """A path the app's router may own: not a missing file (with an extension, or hashed)."""
    return not path.suffix and path.parts[:1] != (HASHED_FOLDER,)


class FrontendFiles(StaticFiles):
    """The built app: its files, and ``index.html`` for every app route (a deep link)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        served = PurePath(path)
        if served.parts[:1] and served.parts[0] in RESERVED_SEGMENTS:
            raise HTTPException(status_code=HTTPStatus.NOT_FOUND)
        if scope["method"] not in READ_METHODS:
            # Answered here: the error handler derives Allow from the contract, which lacks
            # app routes, and would send an empty one.
            allowed = ", ".join(READ_METHODS)
            return problem_response(
                Request(scope),
                HTTPStatus.METHOD_NOT_ALLOWED,
                "method_not_allowed",
                f"{scope['method']} is not allowed here; use {allowed}.",
                headers={"Allow": allowed},
            )
        try:
            response = await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != HTTPStatus.NOT_FOUND or not _is_app_route(served):
                raise
            served = PurePath("index.html")
            response = await super().get_response(str(served), scope)
        hashed = served.parts[:1] == (HASHED_FOLDER,)
        response.headers["Cache-Control"] = IMMUTABLE if hashed else REVALIDATE
        return response


def mount_frontend(app: FastAPI, dist: Path) -> None:
    """Serve ``dist`` for every path no route claims, if the frontend has been built."""
    # The router's fallback, not a mount at "/": a mount would match first and turn the
    # 405 of a known path with the wrong method into a 404.
    if (dist / "index.html").is_file():
        app.router.default = FrontendFiles(directory=dist)
