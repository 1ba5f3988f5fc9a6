from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.classification_unavailable_reason import (
    ClassificationUnavailableReason,
    check_classification_unavailable_reason,
)
from ..models.handicap_unavailable_reason import HandicapUnavailableReason, check_handicap_unavailable_reason
from ..models.profile_field import ProfileField, check_profile_field

if TYPE_CHECKING:
    from ..models.classification import Classification


T = TypeVar("T", bound="SlotHandicap")


@_attrs_define
class SlotHandicap:
    """A slot's Archery GB handicap and classification, or why either is missing.

    Attributes:
        slot_id (UUID): The slot.
        session_id (UUID): Its session.
        date (datetime.date): The session's start date (UTC), which sets the age category.
        round_code (None | str): The standard round the slot follows, if any.
        is_estimate (bool): True when the handicap is estimated from the group's dispersion rather than a completed
            round's score.
        arrows (int): The arrows the handicap rests on: the round's arrows for a completed round, the
            plotted arrows for an estimate (or that would have been used, when there is none).
        score (int | None): The completed round's score; null for estimates and when the round is not complete.
        handicap (int | None): The Archery GB 2023 handicap (`AgbHandicap`); null when `handicap_unavailable` says why.
        handicap_unavailable (HandicapUnavailableReason | None): Why there is no handicap; null when there is one.
        classification (Classification | None): The classification achieved, null when `classification_unavailable` says
            why.
        classification_unavailable (ClassificationUnavailableReason | None): Why there is no classification; null when
            there is one.
        missing_profile_fields (list[ProfileField]): The archer profile fields to fill in (`updateMyArcher`) for a
            classification; empty otherwise.
    """

    slot_id: UUID
    session_id: UUID
    date: datetime.date
    round_code: None | str
    is_estimate: bool
    arrows: int
    score: int | None
    handicap: int | None
    handicap_unavailable: HandicapUnavailableReason | None
    classification: Classification | None
    classification_unavailable: ClassificationUnavailableReason | None
    missing_profile_fields: list[ProfileField]

    def to_dict(self) -> dict[str, Any]:
        from ..models.classification import Classification  # noqa: PLC0415

        slot_id = str(self.slot_id)

        session_id = str(self.session_id)

        date = self.date.isoformat()

        round_code: None | str
        round_code = self.round_code

        is_estimate = self.is_estimate

        arrows = self.arrows

        score: int | None
        score = self.score

        handicap: int | None
        handicap = self.handicap

        handicap_unavailable: None | str
        if isinstance(self.handicap_unavailable, str):
            handicap_unavailable = self.handicap_unavailable
        else:
            handicap_unavailable = self.handicap_unavailable

        classification: dict[str, Any] | None
        if isinstance(self.classification, Classification):
            classification = self.classification.to_dict()
        else:
            classification = self.classification

        classification_unavailable: None | str
        if isinstance(self.classification_unavailable, str):
            classification_unavailable = self.classification_unavailable
        else:
            classification_unavailable = self.classification_unavailable

        missing_profile_fields = []
        for missing_profile_fields_item_data in self.missing_profile_fields:
            missing_profile_fields_item: str = missing_profile_fields_item_data
            missing_profile_fields.append(missing_profile_fields_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "slot_id": slot_id,
                "session_id": session_id,
                "date": date,
                "round_code": round_code,
                "is_estimate": is_estimate,
                "arrows": arrows,
                "score": score,
                "handicap": handicap,
                "handicap_unavailable": handicap_unavailable,
                "classification": classification,
                "classification_unavailable": classification_unavailable,
                "missing_profile_fields": missing_profile_fields,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.classification import Classification  # noqa: PLC0415

        d = dict(src_dict)
        slot_id = UUID(d.pop("slot_id"))

        session_id = UUID(d.pop("session_id"))

        date = datetime.date.fromisoformat(d.pop("date"))

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

        def _parse_handicap(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        handicap = _parse_handicap(d.pop("handicap"))

        def _parse_handicap_unavailable(data: object) -> HandicapUnavailableReason | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                handicap_unavailable_type_0 = check_handicap_unavailable_reason(data)

                return handicap_unavailable_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HandicapUnavailableReason | None, data)

        handicap_unavailable = _parse_handicap_unavailable(d.pop("handicap_unavailable"))

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

        def _parse_classification_unavailable(data: object) -> ClassificationUnavailableReason | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                classification_unavailable_type_0 = check_classification_unavailable_reason(data)

                return classification_unavailable_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClassificationUnavailableReason | None, data)

        classification_unavailable = _parse_classification_unavailable(d.pop("classification_unavailable"))

        missing_profile_fields = []
        _missing_profile_fields = d.pop("missing_profile_fields")
        for missing_profile_fields_item_data in _missing_profile_fields:
            missing_profile_fields_item = check_profile_field(missing_profile_fields_item_data)

            missing_profile_fields.append(missing_profile_fields_item)

        slot_handicap = cls(
            slot_id=slot_id,
            session_id=session_id,
            date=date,
            round_code=round_code,
            is_estimate=is_estimate,
            arrows=arrows,
            score=score,
            handicap=handicap,
            handicap_unavailable=handicap_unavailable,
            classification=classification,
            classification_unavailable=classification_unavailable,
            missing_profile_fields=missing_profile_fields,
        )

        return slot_handicap
