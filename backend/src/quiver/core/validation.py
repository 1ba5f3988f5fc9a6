"""Request bodies validated as JSON, in Pydantic's strict mode.

FastAPI parses JSON and then validates the resulting Python objects in lax mode, where the
integer 0 is a valid date and "1" a valid number: looser than the contract. Validating the raw
bytes with ``validate_json(strict=True)`` applies JSON's own types, so a body is accepted
exactly when the contract's schema accepts it.
"""

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from pydantic import TypeAdapter, ValidationError

BodyT = TypeVar("BodyT")


def json_body(body_type: type[BodyT] | Any) -> Any:
    """A dependency that yields the request body validated as ``body_type``.

    ``body_type`` is a model or a union of models (for ``oneOf`` bodies).
    """
    adapter: TypeAdapter[BodyT] = TypeAdapter(body_type)

    async def parse(request: Request) -> BodyT:
        raw = await request.body()
        if not raw.strip():
            raise RequestValidationError(
                [{"type": "missing", "loc": ("body",), "msg": "A JSON request body is required."}]
            )
        try:
            return adapter.validate_json(raw, strict=True)
        except ValidationError as exc:
            raise RequestValidationError(
                [{**error, "loc": ("body", *error["loc"])} for error in exc.errors()]
            ) from exc

    dependency: Callable[[Request], Awaitable[BodyT]] = parse
    return Depends(dependency)
