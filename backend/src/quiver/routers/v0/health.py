"""Liveness and readiness probes: no authentication, no pooled connection for liveness."""

from http import HTTPStatus
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from quiver.core.errors import DATABASE_RETRY_AFTER_SECONDS, ApiError
from quiver.core.health import ReadinessProbe
from quiver.core.responses import json_response
from quiver.schemas.api import CheckOutcome, Liveness, Readiness, ReadinessChecks

router = APIRouter(prefix="/health", tags=["health"])

_ALIVE = Liveness(status="ok").model_dump_json().encode()


async def get_readiness_probe(request: Request) -> ReadinessProbe:
    """The probe created by the app's lifespan."""
    probe: ReadinessProbe = request.app.state.readiness
    return probe


def _outcome(passed: bool) -> CheckOutcome:
    return CheckOutcome.OK if passed else CheckOutcome.FAILING


@router.get("/live", operation_id="getLiveness", status_code=status.HTTP_200_OK)
async def get_liveness() -> Response:
    return json_response(_ALIVE, HTTPStatus.OK)


@router.get("/ready", operation_id="getReadiness", status_code=status.HTTP_200_OK)
async def get_readiness(
    probe: Annotated[ReadinessProbe, Depends(get_readiness_probe)],
) -> Response:
    report = await probe.check()
    if not report.ready:
        raise ApiError(
            HTTPStatus.SERVICE_UNAVAILABLE,
            "not_ready",
            f"Not ready; failing: {', '.join(report.failing())}.",
            headers={"Retry-After": DATABASE_RETRY_AFTER_SECONDS},
        )
    checks = ReadinessChecks(
        database=_outcome(report.database),
        migrations=_outcome(report.migrations),
        live=_outcome(report.live),
    )
    return json_response(Readiness(status="ok", checks=checks), HTTPStatus.OK)
