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

Every date-time, of a body or a parameter, is then read in UTC: RFC 3339 allows offsets up to
±23:59, PostgreSQL parses written ones only up to ±15:59, and the arrow writer hands its rows
to PostgreSQL as JSON text. An instant is the same whichever offset it was written with.
"""

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache
from types import NoneType
from typing import Annotated, Any, Literal, TypeVar, cast, get_args, get_origin
from uuid import UUID

import orjson
from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from pydantic import (
    MISSING,
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
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


# RFC 3339's date-time, which the contract's ``format: date-time`` names: the parser alone
# also takes unix times ("1700000000", 0.5), a space for the T and minutes without seconds.
_RFC3339_DATE_TIME = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
)


def _rfc3339_text(value: object) -> object:
    if not isinstance(value, str) or not _RFC3339_DATE_TIME.match(value):
        raise ValueError(
            "Must be an RFC 3339 date-time with its UTC offset, such as 2025-08-20T09:30:00+02:00."
        )
    return value


def _in_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _out_of_range(value: date) -> str:
    years = INSTANT_YEARS if isinstance(value, datetime) else DATE_YEARS
    return f"Must lie in the years {years.start} to {years.stop - 1}."


# A date-time parameter as the contract's ``Instant`` schema: RFC 3339 text in its years,
# read in UTC like every date-time of a body.
Instant = Annotated[
    AwareDatetime,
    BeforeValidator(_rfc3339_text),
    AfterValidator(_instant_in_range),
    AfterValidator(_in_utc),
]


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


def _checked_dates(
    value: ValueT, loc: tuple[int | str, ...], errors: list[dict[str, Any]]
) -> ValueT:
    """``value`` with every date-time in it in UTC (models and lists changed in place), and a
    validation error in ``errors`` for every date or date-time outside the contract's years."""
    if isinstance(value, date):
        years = INSTANT_YEARS if isinstance(value, datetime) else DATE_YEARS
        if value.year not in years:
            errors.append(
                {"type": "value_error", "loc": loc, "msg": _out_of_range(value), "input": value}
            )
        elif isinstance(value, datetime) and value.utcoffset():
            return cast(ValueT, value.astimezone(UTC))
    elif isinstance(value, BaseModel):
        for name, wire_name in _fields_with_dates(type(value)):
            item = getattr(value, name)
            checked = _checked_dates(item, (*loc, wire_name), errors)
            if checked is not item:
                setattr(value, name, checked)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = _checked_dates(item, (*loc, index), errors)
    return value


def body_parser(body_type: type[BodyT] | Any) -> Callable[[Request], Awaitable[BodyT]]:
    """A coroutine reading the request body validated as ``body_type``, a model or a union of
    models (for ``oneOf`` bodies)."""
    adapter: TypeAdapter[BodyT] = TypeAdapter(body_type)

    async def parse(request: Request) -> BodyT:
        errors: list[dict[str, Any]] = []
        body = _checked_dates(_validate_body(await request.body()), ("body",), errors)
        if errors:
            raise RequestValidationError(errors)
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
