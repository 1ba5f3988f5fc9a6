"""The target-face catalogue."""

from fastapi import APIRouter, Response, status

from quiver.core.conditional import IfNoneMatch, tagged_response
from quiver.schemas.api import FaceType
from quiver.services import faces

router = APIRouter(prefix="/api/v0/face", tags=["face"])


@router.get("", operation_id="listFaces", status_code=status.HTTP_200_OK)
async def list_faces(if_none_match: IfNoneMatch) -> Response:
    return tagged_response(faces.face_list_json(), if_none_match=if_none_match, weak=True)


@router.get("/{face_type}", operation_id="getFace", status_code=status.HTTP_200_OK)
async def get_face(face_type: FaceType, if_none_match: IfNoneMatch) -> Response:
    return tagged_response(faces.face_json(face_type), if_none_match=if_none_match)
