"""Archery GB handicaps and classifications of slots, with archeryutils, cached per slot.

A slot that completed a standard round gets the AGB 2023 handicap of its score
(``handicap_from_score`` at whole-number precision, with the scheme's default arrow diameters,
as the published tables) and the classification the score achieves for the archer's category.
Other practice gets an estimate from the group's dispersion: the AGB model scores an arrow with
exp(-(r/σ_r)²), a circular Gaussian of per-axis standard deviation σ_r/√2, so σ_r is √2 times
the group's per-axis SD, and the handicap is the one whose ``sigma_r`` at the slot's distance
equals it (archeryutils' own function, inverted by bisection: no formula is copied here).

The maths is CPU work, so it runs in a worker thread (``asyncio.to_thread``); results are kept
in ``slot_handicap`` with the key of their inputs (models/handicap.py), so a read recomputes a
slot only when something it depends on changed.
"""

import asyncio
import importlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from importlib.metadata import version
from types import MappingProxyType
from typing import Any
from uuid import UUID

import asyncpg
from pydantic import AwareDatetime, BaseModel, ConfigDict

from quiver.core.db import Executor
from quiver.core.errors import NotFoundError, UnauthorizedError
from quiver.core.keyset import cursor_position, position_cursor
from quiver.models import handicap as handicap_model
from quiver.models.history_filter import HistoryFilter
from quiver.schemas.api import (
    AgbAgeCategory,
    AgbClassificationCode,
    AgbGender,
    Bowstyle,
    Classification,
    ClassificationSystem,
    ClassificationUnavailableReason,
    DistanceUnit,
    Gender,
    HandicapPoint,
    HandicapProgressionPage,
    HandicapUnavailableReason,
    ProfileField,
    RoundLocation,
    SlotHandicap,
)
from quiver.services.auth import INVALID_TOKEN
from quiver.services.faces import FACES
from quiver.services.rounds import ROUNDS

# archeryutils ships no py.typed marker; importing it by name keeps mypy --strict quiet without
# an ignore comment (as services/rounds.py does), and every value read from it is converted.
_au: Any = importlib.import_module("archeryutils")
_hc: Any = importlib.import_module("archeryutils.handicaps")
_cf: Any = importlib.import_module("archeryutils.classifications")
_cf_utils: Any = importlib.import_module("archeryutils.classifications.classification_utils")
_load_rounds: Any = importlib.import_module("archeryutils.load_rounds")

SCHEME = "AGB"
# An estimate rests on at least this many plotted arrows: with 12, the per-axis SD is within
# about ±15 % of the archer's (one standard error, 24 degrees of freedom), about ±2 handicap
# points at 70 m; fewer gives a figure too noisy to show.
ESTIMATE_MIN_ARROWS = 12
# Cached results carry this version in their key: change it when the computation changes. The
# archeryutils version is part of it, since its tables are.
CACHE_VERSION = f"1/{version('archeryutils')}"

_METRES_PER_YARD = 0.9144

# Faces an estimate may rest on: one spot whose rings go down to 1, so arrows are measured from
# the one centre and few of a group fall off the scoring area unplotted. Multi-spot faces
# measure each arrow from its nearest spot and reduced (6-ring) faces cut the group off, which
# both hide the spread.
ESTIMATE_FACES: frozenset[str] = frozenset(
    face_type.value
    for face_type, face in FACES.items()
    if len(face.spots) == 1 and min(ring.score for ring in face.rings) == 1
)

_AGE_OF: Mapping[AgbAgeCategory, str] = MappingProxyType(
    {category: category.name for category in AgbAgeCategory}
)
_GENDER_OF: Mapping[Gender, AgbGender] = MappingProxyType(
    {
        Gender.FEMALE: AgbGender.FEMALE,
        # AGB's open category admits every archer.
        Gender.MALE: AgbGender.OPEN,
        Gender.NON_BINARY: AgbGender.OPEN,
        Gender.OTHER: AgbGender.OPEN,
        Gender.UNSPECIFIED: AgbGender.OPEN,
    }
)
_SYSTEM_OF: Mapping[RoundLocation, ClassificationSystem] = MappingProxyType(
    {
        RoundLocation.OUTDOOR: ClassificationSystem.AGB_OUTDOOR,
        RoundLocation.INDOOR: ClassificationSystem.AGB_INDOOR,
        RoundLocation.FIELD: ClassificationSystem.AGB_FIELD,
    }
)
_CLASSIFY: Mapping[ClassificationSystem, Any] = MappingProxyType(
    {
        ClassificationSystem.AGB_OUTDOOR: _cf.calculate_agb_outdoor_classification,
        ClassificationSystem.AGB_INDOOR: _cf.calculate_agb_indoor_classification,
        ClassificationSystem.AGB_FIELD: _cf.calculate_agb_field_classification,
    }
)


@cache
def _classification_names() -> Mapping[str, str]:
    """Each classification code's full name, from archeryutils' own tables."""
    names = {AgbClassificationCode.UC.value: "Unclassified"}
    for system in ("agb_outdoor", "agb_indoor", "agb_field"):
        classes = _cf_utils.read_classes_json(system)
        names.update(zip(classes["classes"], classes["classes_long"], strict=True))
    return MappingProxyType(names)


@cache
def _archeryutils_rounds() -> Mapping[str, Any]:
    """archeryutils' round definitions by code, plus the catalogue's hand-written NFAA 300."""
    rounds: dict[str, Any] = {}
    for group in vars(_load_rounds).values():
        if isinstance(group, dict):
            rounds.update(
                (str(code), definition)
                for code, definition in group.items()
                if isinstance(definition, _au.Round)
            )
    # The NFAA 300 on archeryutils' 40 cm five-zone face, as services/rounds.py maps it.
    rounds["nfaa_300"] = _au.Round(
        "NFAA 300",
        [_au.Pass.at_target(60, "Worcester", (40, "cm"), (20, "yard"), indoor=True)],
        location="indoor",
    )
    return MappingProxyType(rounds)


def agb_age_category(date_of_birth: date, on: date) -> AgbAgeCategory:
    """The AGB age category on a date: by the age reached on 31 December of its year."""
    age = on.year - date_of_birth.year
    for limit, category in (
        (11, AgbAgeCategory.UNDER_12),
        (13, AgbAgeCategory.UNDER_14),
        (14, AgbAgeCategory.UNDER_15),
        (15, AgbAgeCategory.UNDER_16),
        (17, AgbAgeCategory.UNDER_18),
        (20, AgbAgeCategory.UNDER_21),
        (49, AgbAgeCategory.ADULT),
    ):
        if age <= limit:
            return category
    return AgbAgeCategory.OVER_50


def round_handicap(round_code: str, score: int) -> int | None:
    """The AGB handicap of a score on a round; None for a round archeryutils cannot model and
    for a score it has no handicap for (zero or less, or above the round's maximum)."""
    definition = _archeryutils_rounds().get(round_code)
    if definition is None:
        return None
    try:
        return int(_hc.handicap_from_score(score, definition, SCHEME, int_prec=True))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Category:
    """The AGB category a score is classified in."""

    bowstyle: Bowstyle
    gender: AgbGender
    age_category: AgbAgeCategory


def classify(round_code: str, score: int, category: Category) -> Classification | None:
    """The AGB classification of a score; None when archeryutils cannot classify it."""
    round_ = ROUNDS.get(round_code)
    if round_ is None:
        return None
    system = _SYSTEM_OF[round_.location]
    try:
        code = _CLASSIFY[system](
            score,
            round_code,
            _cf.AGB_bowstyles[category.bowstyle.name],
            _cf.AGB_genders[category.gender.name],
            _cf.AGB_ages[_AGE_OF[category.age_category]],
        )
    except (ValueError, KeyError):
        return None
    return Classification(
        code=AgbClassificationCode(str(code)),
        name=_classification_names()[str(code)],
        system=system,
        bowstyle=category.bowstyle,
        gender=category.gender,
        age_category=category.age_category,
    )


def sigma_r_mm(plotted: int, sums: tuple[float, float, float, float]) -> float:
    """√2 times the per-axis SD of a group, from the sums of x, y, x² and y² (mm).

    The sample variances (n - 1) of x and y are pooled: σ_r² = 2 (var x + var y) / 2.
    """
    sum_x, sum_y, sum_xx, sum_yy = sums
    var_x = (sum_xx - sum_x * sum_x / plotted) / (plotted - 1)
    var_y = (sum_yy - sum_y * sum_y / plotted) / (plotted - 1)
    return math.sqrt(max(var_x + var_y, 0.0))


def handicap_for_sigma_r(sigma_r_m: float, distance_m: float) -> int:
    """The AGB handicap whose ``sigma_r`` at the distance is ``sigma_r_m`` (metres), clamped
    to the scheme's scale; ``sigma_r`` grows with the handicap, so bisection finds it."""
    scheme = _hc.handicap_scheme(SCHEME)
    low, high = (float(bound) for bound in scheme.scale_bounds)

    def excess(handicap: float) -> float:
        return float(scheme.sigma_r(handicap, distance_m)) - sigma_r_m

    if excess(low) >= 0.0:
        return round(low)
    if excess(high) <= 0.0:
        return round(high)
    # 40 halvings of a 375-point interval leave under 1e-9 of a point.
    for _ in range(40):
        middle = (low + high) / 2.0
        if excess(middle) < 0.0:
            low = middle
        else:
            high = middle
    return round((low + high) / 2.0)


@dataclass(frozen=True, slots=True)
class SlotInputs:
    """Everything a slot's result depends on."""

    round_code: str | None
    face_type: str
    distance: float
    distance_unit: DistanceUnit
    session_date: date
    arrows_shot: int
    total: int
    plotted: int
    sums: tuple[float, float, float, float]
    bowstyle: Bowstyle
    gender: Gender | None
    date_of_birth: date | None


@dataclass(frozen=True, slots=True)
class HandicapResult:
    """A slot's computed handicap and classification, or the reasons they are missing."""

    is_estimate: bool
    arrows: int
    score: int | None
    handicap: int | None
    handicap_unavailable: HandicapUnavailableReason | None
    classification: Classification | None
    classification_unavailable: ClassificationUnavailableReason | None
    missing_profile_fields: tuple[ProfileField, ...] = ()


def _classification_result(
    inputs: SlotInputs, round_code: str, score: int
) -> tuple[Classification | None, ClassificationUnavailableReason | None, tuple[ProfileField, ...]]:
    # A round archeryutils cannot classify at all is said so without asking for the profile:
    # try it in the adult open category first.
    probe = Category(inputs.bowstyle, AgbGender.OPEN, AgbAgeCategory.ADULT)
    if classify(round_code, score, probe) is None:
        return None, ClassificationUnavailableReason.ROUND_NOT_CLASSIFIED, ()
    missing = tuple(
        field
        for field, value in (
            (ProfileField.DATE_OF_BIRTH, inputs.date_of_birth),
            (ProfileField.GENDER, inputs.gender),
        )
        if value is None
    )
    if inputs.date_of_birth is None or inputs.gender is None:
        return None, ClassificationUnavailableReason.PROFILE_INCOMPLETE, missing
    category = Category(
        inputs.bowstyle,
        _GENDER_OF[inputs.gender],
        agb_age_category(inputs.date_of_birth, inputs.session_date),
    )
    classification = classify(round_code, score, category)
    if classification is None:
        return None, ClassificationUnavailableReason.ROUND_NOT_CLASSIFIED, ()
    return classification, None, ()


def _round_result(inputs: SlotInputs, round_code: str, round_arrows: int) -> HandicapResult:
    score = inputs.total
    handicap = round_handicap(round_code, score) if score > 0 else None
    if handicap is None:
        reason = (
            HandicapUnavailableReason.SCORE_ZERO
            if score <= 0
            else HandicapUnavailableReason.ROUND_NOT_SUPPORTED
        )
        return HandicapResult(
            False,
            round_arrows,
            score,
            None,
            reason,
            None,
            ClassificationUnavailableReason.NO_HANDICAP,
        )
    classification, reason_c, missing = _classification_result(inputs, round_code, score)
    return HandicapResult(
        False, round_arrows, score, handicap, None, classification, reason_c, missing
    )


def _estimate_result(inputs: SlotInputs) -> HandicapResult:
    reason: HandicapUnavailableReason | None = None
    if inputs.face_type not in ESTIMATE_FACES:
        reason = HandicapUnavailableReason.FACE_NOT_SUPPORTED
    elif inputs.plotted < ESTIMATE_MIN_ARROWS:
        reason = HandicapUnavailableReason.TOO_FEW_ARROWS
    if reason is not None:
        return HandicapResult(
            True,
            inputs.plotted,
            None,
            None,
            reason,
            None,
            ClassificationUnavailableReason.NO_HANDICAP,
        )
    metres = inputs.distance * (
        _METRES_PER_YARD if inputs.distance_unit is DistanceUnit.YD else 1.0
    )
    handicap = handicap_for_sigma_r(sigma_r_mm(inputs.plotted, inputs.sums) / 1000.0, metres)
    return HandicapResult(
        True,
        inputs.plotted,
        None,
        handicap,
        None,
        None,
        ClassificationUnavailableReason.ESTIMATED_HANDICAP,
    )


def compute_handicap(inputs: SlotInputs) -> HandicapResult:
    """A slot's result: from its score when it completed a round, else estimated."""
    round_ = ROUNDS.get(inputs.round_code) if inputs.round_code is not None else None
    if round_ is not None and inputs.round_code is not None and inputs.arrows_shot >= round_.arrows:
        return _round_result(inputs, inputs.round_code, round_.arrows)
    return _estimate_result(inputs)


def _compute_all(inputs: Sequence[SlotInputs]) -> list[HandicapResult]:
    return [compute_handicap(one) for one in inputs]


# --- Rows in, results out ------------------------------------------------------------------------


def _session_date(start_time: datetime) -> date:
    return start_time.astimezone(UTC).date()


def _inputs_of(row: asyncpg.Record) -> SlotInputs:
    bowstyle = row["bow_bowstyle"] or row["archer_bowstyle"]
    return SlotInputs(
        round_code=row["round_code"],
        face_type=row["face_type"],
        distance=float(row["distance"]),
        distance_unit=DistanceUnit(row["distance_unit"]),
        session_date=_session_date(row["start_time"]),
        arrows_shot=row["arrows_shot"],
        total=row["total"],
        plotted=row["plotted"],
        sums=(
            float(row["sum_x_mm"]),
            float(row["sum_y_mm"]),
            float(row["sum_xx_mm"]),
            float(row["sum_yy_mm"]),
        ),
        bowstyle=Bowstyle(bowstyle),
        gender=None if row["gender"] is None else Gender(row["gender"]),
        date_of_birth=row["date_of_birth"],
    )


def _cached_result(row: asyncpg.Record) -> HandicapResult:
    classification = row["classification"]
    return HandicapResult(
        is_estimate=row["is_estimate"],
        arrows=row["arrows"],
        score=row["score"],
        handicap=row["handicap"],
        handicap_unavailable=(
            None
            if row["handicap_unavailable"] is None
            else HandicapUnavailableReason(row["handicap_unavailable"])
        ),
        classification=(
            None if classification is None else Classification.model_validate_json(classification)
        ),
        classification_unavailable=(
            None
            if row["classification_unavailable"] is None
            else ClassificationUnavailableReason(row["classification_unavailable"])
        ),
        missing_profile_fields=tuple(ProfileField(f) for f in row["missing_profile_fields"]),
    )


def _to_cache(
    slot_id: UUID, inputs_key: str, result: HandicapResult
) -> handicap_model.CachedHandicap:
    return handicap_model.CachedHandicap(
        slot_id=slot_id,
        inputs_key=inputs_key,
        is_estimate=result.is_estimate,
        arrows=result.arrows,
        score=result.score,
        handicap=result.handicap,
        handicap_unavailable=(
            None if result.handicap_unavailable is None else result.handicap_unavailable.value
        ),
        classification=(
            None
            if result.classification is None
            else json.dumps(result.classification.model_dump(mode="json"))
        ),
        classification_unavailable=(
            None
            if result.classification_unavailable is None
            else result.classification_unavailable.value
        ),
        missing_profile_fields=[field.value for field in result.missing_profile_fields],
    )


async def _results(db: Executor, rows: Sequence[asyncpg.Record]) -> list[HandicapResult]:
    """Each row's result: cached when fresh, else computed (in a thread) and stored."""
    results: list[HandicapResult | None] = [
        _cached_result(row) if row["fresh"] else None for row in rows
    ]
    stale = [i for i, result in enumerate(results) if result is None]
    if stale:
        computed = await asyncio.to_thread(_compute_all, [_inputs_of(rows[i]) for i in stale])
        await handicap_model.upsert_slot_handicaps(
            db,
            [
                _to_cache(rows[i]["slot_id"], rows[i]["inputs_key"], result)
                for i, result in zip(stale, computed, strict=True)
            ],
        )
        for i, result in zip(stale, computed, strict=True):
            results[i] = result
    return [result for result in results if result is not None]


# --- Operations ----------------------------------------------------------------------------------


async def slot_handicap(
    db: Executor, token_hash: bytes, slot_id: UUID
) -> tuple[UUID, SlotHandicap]:
    """The caller and the handicap of one of their own slots (another archer's is 404).

    Raises:
        UnauthorizedError: For an invalid token.
        NotFoundError: ``slot_not_found`` for a slot that is not the caller's.
    """
    row = await handicap_model.select_own_slot_inputs_for_token(
        db, slot_id, token_hash, CACHE_VERSION
    )
    if row is None:
        raise UnauthorizedError(INVALID_TOKEN)
    if row["slot_id"] is None:
        raise NotFoundError("slot_not_found", "The slot does not exist.")
    (result,) = await _results(db, [row])
    return row["archer_id"], SlotHandicap(
        slot_id=row["slot_id"],
        session_id=row["session_id"],
        date=_session_date(row["start_time"]),
        round_code=row["round_code"],
        is_estimate=result.is_estimate,
        arrows=result.arrows,
        score=result.score,
        handicap=result.handicap,
        handicap_unavailable=result.handicap_unavailable,
        classification=result.classification,
        classification_unavailable=result.classification_unavailable,
        missing_profile_fields=list(result.missing_profile_fields),
    )


class _ProgressionPosition(BaseModel):
    """Where a page of the progression ends: (session start, slot id)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start_time: AwareDatetime
    slot_id: UUID


def _round_arrows() -> tuple[list[str], list[int]]:
    codes = list(ROUNDS)
    return codes, [ROUNDS[code].arrows for code in codes]


async def handicap_progression(
    db: Executor,
    archer_id: UUID,
    history: HistoryFilter,
    *,
    include_estimates: bool,
    limit: int,
    cursor: str | None,
) -> HandicapProgressionPage:
    """One page of the archer's handicap progression, oldest first.

    Raises:
        UnprocessableError: ``invalid_cursor`` for a cursor this listing did not return with
            these filters.
    """
    filters = {
        "listing": "handicap_progression",
        "include_estimates": include_estimates,
        **history.fingerprint(),
    }
    after = cursor_position(cursor, filters, _ProgressionPosition)
    codes, arrows = _round_arrows()
    query = handicap_model.ProgressionQuery(
        history=history,
        round_codes=codes,
        round_arrows=arrows,
        include_estimates=include_estimates,
        estimate_faces=sorted(ESTIMATE_FACES),
        estimate_min_arrows=ESTIMATE_MIN_ARROWS,
        version=CACHE_VERSION,
    )
    rows = await handicap_model.select_progression_page(
        db,
        archer_id,
        query,
        after=None if after is None else (after.start_time, after.slot_id),
        limit=limit + 1,
    )
    page = rows[:limit]
    results = await _results(db, page)
    items = [
        HandicapPoint(
            date=_session_date(row["start_time"]),
            session_id=row["session_id"],
            slot_id=row["slot_id"],
            round_code=row["round_code"],
            is_estimate=result.is_estimate,
            arrows=result.arrows,
            score=result.score,
            handicap=result.handicap,
            classification=result.classification,
        )
        for row, result in zip(page, results, strict=True)
        if result.handicap is not None
    ]
    next_cursor = None
    if len(rows) > limit:
        last = page[-1]
        next_cursor = position_cursor(
            _ProgressionPosition(start_time=last["start_time"], slot_id=last["slot_id"]), filters
        )
    return HandicapProgressionPage(items=items, next_cursor=next_cursor)
