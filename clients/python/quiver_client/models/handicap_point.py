from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.classification import Classification


T = TypeVar("T", bound="HandicapPoint")


@_attrs_define
class HandicapPoint:
    """One point of the handicap progression.

    Attributes:
        date (datetime.date): The session's start date (UTC).
        session_id (UUID): The session.
        slot_id (UUID): The slot.
        round_code (None | str): The round completed; null for an estimate from free practice.
        is_estimate (bool): True for a handicap estimated from the group's dispersion.
        arrows (int): The round's arrows, or the plotted arrows an estimate rests on.
        score (int | None): The round's score; null for an estimate.
        handicap (int): An Archery GB 2023 handicap: lower is better; about 0 for world-class and 100 for a
            beginner's first round.
        classification (Classification | None): The classification achieved; null for estimates and when
            `getSlotHandicap` would say why.
    """

    date: datetime.date
    session_id: UUID
    slot_id: UUID
    round_code: None | str
    is_estimate: bool
    arrows: int
    score: int | None
    handicap: int
    classification: Classification | None

    def to_dict(self) -> dict[str, Any]:
        from ..models.classification import Classification  # noqa: PLC0415

        date = self.date.isoformat()

        session_id = str(self.session_id)

        slot_id = str(self.slot_id)

        round_code: None | str
        round_code = self.round_code

        is_estimate = self.is_estimate

        arrows = self.arrows

        score: int | None
        score = self.score

        handicap = self.handicap

        classification: dict[str, Any] | None
        if isinstance(self.classification, Classification):
            classification = self.classification.to_dict()
        else:
            classification = self.classification

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "date": date,
                "session_id": session_id,
                "slot_id": slot_id,
                "round_code": round_code,
                "is_estimate": is_estimate,
                "arrows": arrows,
                "score": score,
                "handicap": handicap,
                "classification": classification,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.classification import Classification  # noqa: PLC0415

        d = dict(src_dict)
        date = datetime.date.fromisoformat(d.pop("date"))

        session_id = UUID(d.pop("session_id"))

        slot_id = UUID(d.pop("slot_id"))

        def _parse_round_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        round_code = _parse_round_code(d.pop("round_code"))

        is_estimate = d.pop("is_estimate")

        arrows = d.pop("arrows")

        def _parse_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        score = _parse_score(d.pop("score"))

        handicap = d.pop("handicap")

        def _parse_classification(data: object) -> Classification | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                classification_type_0 = Classification.from_dict(data)

                return classification_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Classification | None, data)

        classification = _parse_classification(d.pop("classification"))

        handicap_point = cls(
            date=date,
            session_id=session_id,
            slot_id=slot_id,
            round_code=round_code,
            is_estimate=is_estimate,
            arrows=arrows,
            score=score,
            handicap=handicap,
            classification=classification,
        )

        return handicap_point
