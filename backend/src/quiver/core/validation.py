"""Request bodies validated as JSON, in Pydantic's strict mode; parameters read by hand.

FastAPI parses JSON and then validates the resulting Python objects in lax mode, where the
integer 0 is a valid date and "1" a valid number: looser than the contract. Validating the raw
bytes with ``validate_json(strict=True)`` applies JSON's own types, so a body is accepted
exactly when the contract's schema accepts it.

Parameters an operation reads itself (see ``core.routing.RequestRoute``) are validated as
FastAPI validates declared ones, so their errors read the same.

The contract bounds every date-time a client sends to the years 1900 to 2199 and every date to
1900 to 2099 (as written, by ``pattern``); the generated models cannot carry a pattern on a
date, so bodies and the ``Instant`` parameter type are checked here. Within those years an
instant stays inside what PostgreSQL and Python can store and render after it is normalised to
UTC, which year 1 or 9999 with an offset do not.
"""

from collections.abc import Awaitable, Callable, Iterator
from datetime import date, datetime
from enum import Enum
from functools import cache
from types import NoneType
from typing import Annotated, Any, Literal, TypeVar, get_args, get_origin
from uuid import UUID

import orjson
from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from pydantic import (
    MISSING,
    AfterValidator,
    AwareDatetime,
    BaseModel,
    TypeAdapter,
    ValidationError,
)

BodyT = TypeVar("BodyT")
ValueT = TypeVar("ValueT")


def _whole_floats_to_ints(value: Any) -> Any:
    """JSON Schema counts 5.0 as an integer; Pydantic's strict mode does not."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_whole_floats_to_ints(item) for item in value]
    if isinstance(value, dict):
        return {key: _whole_floats_to_ints(item) for key, item in value.items()}
    return value


def _is_whole_float_for_int(error: Any) -> bool:
    value = error.get("input")
    return error["type"] == "int_type" and isinstance(value, float) and value.is_integer()


INSTANT_YEARS = range(1900, 2200)
DATE_YEARS = range(1900, 2100)


def _instant_in_range(value: datetime) -> datetime:
    if value.year not in INSTANT_YEARS:
        raise ValueError(_out_of_range(value))
    return value


def _out_of_range(value: date) -> str:
    years = INSTANT_YEARS if isinstance(value, datetime) else DATE_YEARS
    return f"Must lie in the years {years.start} to {years.stop - 1}."


# A date-time parameter bounded as the contract's ``Instant`` schema.
Instant = Annotated[AwareDatetime, AfterValidator(_instant_in_range)]


_SCALARS = (bool, int, float, str, bytes, UUID, Enum)


def _may_hold_dates(annotation: Any) -> bool:
    """False when a field of this type can hold no date, however deeply nested."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Literal:
        return False
    if origin is Annotated:
        return _may_hold_dates(args[0])
    if args:
        return any(_may_hold_dates(arg) for arg in args)
    if annotation is NoneType or annotation is MISSING:
        return False
    return not (isinstance(annotation, type) and issubclass(annotation, _SCALARS))


@cache
def _fields_with_dates(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """The (attribute, wire name) of each field of ``model`` that may hold a date."""
    return tuple(
        (name, field.alias or name)
        for name, field in model.model_fields.items()
        if _may_hold_dates(field.annotation)
    )


def _dates_out_of_range(value: object, loc: tuple[int | str, ...]) -> Iterator[dict[str, Any]]:
    """Validation errors for every date or date-time in ``value`` outside the contract's years."""
    if isinstance(value, date):
        years = INSTANT_YEARS if isinstance(value, datetime) else DATE_YEARS
        if value.year not in years:
            yield {"type": "value_error", "loc": loc, "msg": _out_of_range(value), "input": value}
    elif isinstance(value, BaseModel):
        for name, wire_name in _fields_with_dates(type(value)):
            yield from _dates_out_of_range(getattr(value, name), (*loc, wire_name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _dates_out_of_range(item, (*loc, index))


def body_parser(body_type: type[BodyT] | Any) -> Callable[[Request], Awaitable[BodyT]]:
    """A coroutine reading the request body validated as ``body_type``, a model or a union of
    models (for ``oneOf`` bodies)."""
    adapter: TypeAdapter[BodyT] = TypeAdapter(body_type)

    async def parse(request: Request) -> BodyT:
        body = _validate_body(await request.body())
        out_of_range = list(_dates_out_of_range(body, ("body",)))
        if out_of_range:
            raise RequestValidationError(out_of_range)
        return body

    def _validate_body(raw: bytes) -> BodyT:
        if not raw.strip():
            raise RequestValidationError(
                [{"type": "missing", "loc": ("body",), "msg": "A JSON request body is required."}]
            )
        try:
            return adapter.validate_json(raw, strict=True)
        except ValidationError as exc:
            errors = exc.errors()
        if any(_is_whole_float_for_int(error) for error in errors):
            # Rare path: re-encode 5.0 as 5 and validate again.
            try:
                return adapter.validate_json(
                    orjson.dumps(_whole_floats_to_ints(orjson.loads(raw))), strict=True
                )
            except ValidationError as exc:
                errors = exc.errors()
        raise RequestValidationError(
            [{**error, "loc": ("body", *error["loc"])} for error in errors]
        )

    return parse


def json_body(body_type: type[BodyT] | Any) -> Any:
    """A dependency that yields the request body validated as ``body_type``."""
    return Depends(body_parser(body_type))


def validate_parameter(adapter: TypeAdapter[ValueT], value: object, *location: str) -> ValueT:
    """A path, query or header parameter validated as FastAPI does (lax mode: they arrive as
    text), its errors located like FastAPI's, e.g. ``("path", "slot_id")``."""
    try:
        return adapter.validate_python(value)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**error, "loc": (*location, *error["loc"])} for error in exc.errors()]
        ) from exc
