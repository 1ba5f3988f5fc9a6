"""The target-face catalogue."""

from fastapi import APIRouter, status

from quiver.schemas.api import Face, FaceList, FaceType
from quiver.services import faces

router = APIRouter(prefix="/api/v0/face", tags=["face"])


@router.get("", operation_id="listFaces", status_code=status.HTTP_200_OK)
async def list_faces() -> FaceList:
    return FaceList(items=faces.list_faces())


@router.get("/{face_type}", operation_id="getFace", status_code=status.HTTP_200_OK)
async def get_face(face_type: FaceType) -> Face:
    return faces.get_face(face_type)
