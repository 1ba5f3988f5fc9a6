"""The target-face catalogue."""

from http import HTTPStatus

from fastapi import APIRouter, Response, status

from quiver.core.responses import json_response
from quiver.schemas.api import FaceType
from quiver.services import faces

router = APIRouter(prefix="/api/v0/face", tags=["face"])


@router.get("", operation_id="listFaces", status_code=status.HTTP_200_OK)
async def list_faces() -> Response:
    return json_response(faces.face_list_json(), HTTPStatus.OK)


@router.get("/{face_type}", operation_id="getFace", status_code=status.HTTP_200_OK)
async def get_face(face_type: FaceType) -> Response:
    return json_response(faces.face_json(face_type), HTTPStatus.OK)
