"""Request bodies validated as JSON, in Pydantic's strict mode.

FastAPI parses JSON and then validates the resulting Python objects in lax mode, where the
integer 0 is a valid date and "1" a valid number: looser than the contract. Validating the raw
bytes with ``model_validate_json(strict=True)`` applies JSON's own types, so a body is
accepted exactly when the contract's schema accepts it.
"""

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

ModelT = TypeVar("ModelT", bound=BaseModel)


def json_body(model: type[ModelT]) -> Any:
    """A dependency that yields the request body validated as ``model``."""

    async def parse(request: Request) -> ModelT:
        raw = await request.body()
        if not raw.strip():
            raise RequestValidationError(
                [{"type": "missing", "loc": ("body",), "msg": "A JSON request body is required."}]
            )
        try:
            return model.model_validate_json(raw, strict=True)
        except ValidationError as exc:
            raise RequestValidationError(
                [{**error, "loc": ("body", *error["loc"])} for error in exc.errors()]
            ) from exc

    dependency: Callable[[Request], Awaitable[ModelT]] = parse
    return Depends(dependency)
