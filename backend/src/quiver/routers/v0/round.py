"""The standard-round catalogue."""

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from quiver.core.conditional import IfNoneMatch, tagged_response
from quiver.schemas.api import RoundBody, RoundLocation
from quiver.services import rounds

router = APIRouter(prefix="/api/v0/round", tags=["round"])

# The contract's RoundCode schema, which datamodel-codegen inlines rather than naming.
RoundCode = Annotated[str, Path(min_length=1, max_length=64, pattern="^[a-z0-9][a-z0-9_]*$")]


@router.get("", operation_id="listRounds", status_code=status.HTTP_200_OK)
async def list_rounds(
    if_none_match: IfNoneMatch,
    location: RoundLocation | None = None,
    body: RoundBody | None = None,
) -> Response:
    page = rounds.round_list_json(location, body)
    return tagged_response(page, if_none_match=if_none_match, weak=True)


@router.get("/{code}", operation_id="getRound", status_code=status.HTTP_200_OK)
async def get_round(code: RoundCode, if_none_match: IfNoneMatch) -> Response:
    return tagged_response(rounds.get_round(code), if_none_match=if_none_match)
