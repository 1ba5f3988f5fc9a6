"""Version 0 of the API: every router, in contract order."""

from fastapi import APIRouter

from quiver.routers.v0 import archer, auth, face

ROUTERS: tuple[APIRouter, ...] = (face.router, archer.router, auth.router)
