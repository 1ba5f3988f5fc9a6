"""The equipment kinds agree with the contract and with their SQL functions."""

import inspect

import pytest
from pydantic import BaseModel

from quiver.schemas.api import ArrowSet, ArrowSetCreate, ArrowSetUpdate, Bow, BowCreate, BowUpdate
from quiver.services.equipment import ARROW_SET, BOW, Equipment

KINDS = [
    pytest.param(BOW, Bow, BowCreate, BowUpdate, id="bow"),
    pytest.param(ARROW_SET, ArrowSet, ArrowSetCreate, ArrowSetUpdate, id="arrow_set"),
]


@pytest.mark.parametrize(("kind", "wire", "create", "update"), KINDS)
def test_the_stored_columns_are_the_fields_a_client_sets(
    kind: Equipment[BaseModel],
    wire: type[BaseModel],
    create: type[BaseModel],
    update: type[BaseModel],
) -> None:
    assert kind.wire is wire
    assert set(kind.columns) == set(create.model_fields) == set(update.model_fields)
    assert set(kind.columns) < set(wire.model_fields)


@pytest.mark.parametrize("kind", [BOW, ARROW_SET], ids=["bow", "arrow_set"])
def test_insert_and_update_take_exactly_the_columns_as_keywords(
    kind: Equipment[BaseModel],
) -> None:
    for statement in (kind.sql.insert, kind.sql.update):
        keywords = [
            name
            for name, parameter in inspect.signature(statement).parameters.items()
            if parameter.kind is inspect.Parameter.KEYWORD_ONLY
        ]
        assert keywords == list(kind.columns), statement.__name__


def test_each_kind_has_its_own_not_found_code() -> None:
    assert (BOW.not_found().code, ARROW_SET.not_found().code) == (
        "bow_not_found",
        "arrow_set_not_found",
    )
    assert BOW.not_found().status == ARROW_SET.not_found().status == 404
