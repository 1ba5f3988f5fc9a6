"""The writes the shot service hands to the model carry exactly the model's fields.

``json_to_recordset`` reads a missing key as NULL, so a misnamed field would store nulls
silently rather than fail.
"""

from typing import Any
from uuid import uuid4

from quiver.models.shot import SHOT_ROW_COLUMNS, WRITE_FIELDS
from quiver.schemas.api import ShotCreate
from quiver.services.shots import ShootingContext, _write


async def test_a_write_and_its_rows_carry_exactly_the_models_fields() -> None:
    context = ShootingContext(uuid4(), 0, "wa_122", 70.0, "m", 6, None, False, None, None)
    arrows = ShotCreate.model_validate(
        {"arrows": [{"x_mm": 1.0, "y_mm": 2.0}, {"value": "9"}]}
    ).arrows
    writes: list[dict[str, Any]] = []

    async def store(write: dict[str, Any]) -> None:
        writes.append(write)

    assert await _write(store, b"\x01" * 32, context, arrows, quiet=False) is None
    assert len(writes) == 1
    write = writes[0]
    assert set(write) == set(WRITE_FIELDS)
    assert [set(row) for row in write["arrows"]] == [set(SHOT_ROW_COLUMNS)] * 2
