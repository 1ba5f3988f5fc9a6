"""JSON responses built from bytes, skipping FastAPI's second validation and serialisation."""

from http import HTTPStatus

from pydantic import BaseModel
from starlette.responses import Response


def json_bytes(body: BaseModel | bytes) -> bytes:
    """A wire model serialised once, or JSON that PostgreSQL already rendered."""
    return body if isinstance(body, bytes) else body.model_dump_json().encode()


def json_response(body: BaseModel | bytes, status: HTTPStatus) -> Response:
    """A JSON response without a second validation pass."""
    return Response(json_bytes(body), int(status), media_type="application/json")
