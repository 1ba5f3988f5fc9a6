"""Version 0 of the API: every router, in contract order."""

from fastapi import APIRouter

from quiver.routers.v0 import archer, arrow_set, auth, bow, face, live
from quiver.routers.v0 import round as round_
from quiver.routers.v0 import session, shot, slot, statistics

ROUTERS: tuple[APIRouter, ...] = (
    face.router,
    round_.router,
    archer.router,
    auth.router,
    session.router,
    slot.router,
    bow.router,
    arrow_set.router,
    shot.router,
    statistics.router,
    live.router,
)
