"""Version 0 of the API: every router.

Routing tries routes in this order, so the range's hot paths (arrows, statistics) come first.
"""

from fastapi import APIRouter

from quiver.routers.v0 import (
    access_token,
    archer,
    arrow_set,
    auth,
    bow,
    export,
    face,
    groups,
    handicap,
    health,
    history,
    live,
    personal_best,
)
from quiver.routers.v0 import round as round_
from quiver.routers.v0 import (
    session,
    shot,
    slot,
    statistics,
)

ROUTERS: tuple[APIRouter, ...] = (
    shot.router,
    statistics.router,
    history.router,
    groups.router,
    handicap.router,
    personal_best.router,
    export.router,
    slot.router,
    session.router,
    live.router,
    face.router,
    round_.router,
    archer.router,
    auth.router,
    access_token.router,
    bow.router,
    arrow_set.router,
    health.router,
)
