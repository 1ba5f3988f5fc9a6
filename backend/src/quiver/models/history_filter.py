"""The filter every history and analytics query shares: which of an archer's slots count.

Only the conditions a filter sets are written into the statement, so each combination gets
the plan its indexes allow (a catch-all ``$n IS NULL OR …`` would get one generic plan).
"""

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    """The contract's history filter parameters; None is "any"."""

    start_from: datetime | None = None
    start_to: datetime | None = None
    round_code: str | None = None
    face_type: str | None = None
    distance: float | None = None
    distance_unit: str | None = None
    is_indoor: bool | None = None
    bow_id: UUID | None = None
    arrow_set_id: UUID | None = None

    def fingerprint(self) -> dict[str, Any]:
        """The filter as a cursor binds it: instants in UTC, however they were written."""
        values = asdict(self)
        for key, value in values.items():
            if isinstance(value, datetime):
                values[key] = value.astimezone(UTC).isoformat()
            elif isinstance(value, UUID):
                values[key] = str(value)
        return values


def slot_conditions(
    history: HistoryFilter,
    archer_id: UUID,
    args: list[object],
    *,
    slot: str = "sl",
    session: str = "se",
) -> str:
    """The WHERE conditions choosing ``archer_id``'s slots that ``history`` lets through.

    ``slot`` and ``session`` are the aliases of ``slot`` and ``practice_session`` (joined on
    ``session.id = slot.session_id``) in the caller's statement. Parameters are appended to
    ``args`` and numbered after those already there, so the caller may have its own before.
    """

    def param(value: object) -> str:
        args.append(value)
        return f"${len(args)}"

    conditions = [f"{slot}.archer_id = {param(archer_id)}"]
    if history.start_from is not None:
        conditions.append(f"{session}.start_time >= {param(history.start_from)}")
    if history.start_to is not None:
        conditions.append(f"{session}.start_time < {param(history.start_to)}")
    if history.round_code is not None:
        conditions.append(f"{slot}.round_code = {param(history.round_code)}")
    if history.face_type is not None:
        conditions.append(f"{slot}.face_type = {param(history.face_type)}")
    if history.distance is not None:
        conditions.append(f"{slot}.distance = {param(history.distance)}::double precision")
        if history.distance_unit is None:
            conditions.append(f"{slot}.distance_unit = 'm'")
    if history.distance_unit is not None:
        conditions.append(f"{slot}.distance_unit = {param(history.distance_unit)}")
    if history.is_indoor is not None:
        conditions.append(f"{session}.is_indoor = {param(history.is_indoor)}")
    if history.bow_id is not None:
        conditions.append(f"{slot}.bow_id = {param(history.bow_id)}")
    if history.arrow_set_id is not None:
        conditions.append(f"{slot}.arrow_set_id = {param(history.arrow_set_id)}")
    return " AND ".join(conditions)
