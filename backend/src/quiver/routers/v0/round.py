"""The standard-round catalogue."""

from http import HTTPStatus
from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from quiver.core.responses import json_response
from quiver.schemas.api import Round, RoundBody, RoundLocation
from quiver.services import rounds

router = APIRouter(prefix="/api/v0/round", tags=["round"])

# The contract's RoundCode schema, which datamodel-codegen inlines rather than naming.
RoundCode = Annotated[str, Path(min_length=1, max_length=64, pattern="^[a-z0-9][a-z0-9_]*$")]


@router.get("", operation_id="listRounds", status_code=status.HTTP_200_OK)
async def list_rounds(
    location: RoundLocation | None = None, body: RoundBody | None = None
) -> Response:
    return json_response(rounds.round_list_json(location, body), HTTPStatus.OK)


@router.get("/{code}", operation_id="getRound", status_code=status.HTTP_200_OK)
async def get_round(code: RoundCode) -> Round:
    return rounds.get_round(code)
