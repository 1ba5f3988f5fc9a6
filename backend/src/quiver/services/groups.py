"""Group analysis, per-arrow ranking and heatmaps of plotted arrows.

PostgreSQL aggregates each group (``models.groups``: count, mean, population variances and
covariance, mean radius, in mm and in mrad); this module turns them into the contract's
figures: the spreads and the covariance ellipse, the eigen-decomposition of the 2 × 2
covariance matrix with numpy. The maths is pure and unit-tested
(backend/tests/services/test_groups.py).
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID

import asyncpg
import numpy as np

from quiver.core.db import Executor
from quiver.core.errors import NotFoundError
from quiver.models import groups as groups_model
from quiver.models.history_filter import HistoryFilter
from quiver.schemas.api import (
    ArrowRanking,
    ArrowSetRanking,
    EndGroup,
    FaceType,
    Group,
    GroupEllipse,
    GroupMeasures,
    GroupPoint,
    HeatmapCell,
    HistoryGroup,
    HistoryHeatmap,
    SlotGroup,
)
from quiver.services.faces import get_face

# The heatmap's grid: cells of a fortieth of the spot's scoring diameter, 48 a side, so the
# grid reaches a tenth of that diameter beyond the outer ring (where plotted misses land).
HEATMAP_CELLS_PER_DIAMETER = 40
HEATMAP_CELLS = 48
# Ends per answer: a slot's latest, or the history's end numbers 1 to this.
ENDS_SHOWN = 100


@dataclass(frozen=True, slots=True)
class Moments:
    """A group's mean and population covariance in one unit."""

    mean_x: float
    mean_y: float
    var_x: float
    var_y: float
    cov_xy: float


@dataclass(frozen=True, slots=True)
class Ellipse:
    """The one-sigma covariance ellipse: semi-axes and the major axis' angle in degrees."""

    semi_major: float
    semi_minor: float
    angle_deg: float


def ellipse(group: Moments) -> Ellipse:
    """The covariance ellipse at one standard deviation.

    Its semi-axes are the square roots of the covariance matrix's eigenvalues and its major axis
    lies along the eigenvector of the larger, at an angle in (−90°, 90°] from the x axis; a
    circular group (equal eigenvalues) has angle 0.
    """
    covariance = np.array([[group.var_x, group.cov_xy], [group.cov_xy, group.var_y]])
    # eigh: ascending eigenvalues of a symmetric matrix, eigenvectors in the columns.
    values, vectors = np.linalg.eigh(covariance)
    minor, major = (max(float(value), 0.0) for value in values)
    if math.isclose(major, minor, rel_tol=1e-12, abs_tol=1e-300):
        return Ellipse(semi_major=math.sqrt(major), semi_minor=math.sqrt(minor), angle_deg=0.0)
    angle = math.degrees(math.atan2(float(vectors[1, 1]), float(vectors[0, 1])))
    # An axis has no direction: fold it into (−90, 90].
    if angle <= -90.0:
        angle += 180.0
    elif angle > 90.0:
        angle -= 180.0
    return Ellipse(semi_major=math.sqrt(major), semi_minor=math.sqrt(minor), angle_deg=angle)


def measures(n: int, group: Moments, mean_radius: float) -> GroupMeasures | None:
    """A group of ``n`` arrows' figures in one unit; None when empty, no ellipse below 2."""
    if n < 1:
        return None
    shape = ellipse(group) if n >= 2 else None
    return GroupMeasures(
        mean_x=group.mean_x,
        mean_y=group.mean_y,
        sd_x=math.sqrt(group.var_x),
        sd_y=math.sqrt(group.var_y),
        radial_sd=math.sqrt(group.var_x + group.var_y),
        mean_radius=mean_radius,
        ellipse=(
            None
            if shape is None
            else GroupEllipse(
                centre_x=group.mean_x,
                centre_y=group.mean_y,
                semi_major=shape.semi_major,
                semi_minor=shape.semi_minor,
                angle_deg=shape.angle_deg,
            )
        ),
    )


def _measures(row: asyncpg.Record, unit: str) -> GroupMeasures | None:
    """One unit's figures of a row of ``models.groups``' group columns."""
    n: int = row["plotted"]
    if n < 1:
        return None
    group = Moments(
        mean_x=row[f"mean_x_{unit}"],
        mean_y=row[f"mean_y_{unit}"],
        # Rounding may leave a variance a hair below zero.
        var_x=max(row[f"var_x_{unit}"], 0.0),
        var_y=max(row[f"var_y_{unit}"], 0.0),
        cov_xy=row[f"cov_xy_{unit}"],
    )
    return measures(n, group, row[f"mean_radius_{unit}"])


def _group(row: asyncpg.Record) -> Group:
    return Group(
        plotted_arrows=row["plotted"], mm=_measures(row, "mm"), mrad=_measures(row, "mrad")
    )


def _end_groups(rows: Sequence[asyncpg.Record]) -> list[EndGroup]:
    return [
        EndGroup(end_number=row["end_number"], arrows_shot=row["arrows"], group=_group(row))
        for row in rows
    ]


async def slot_group(db: Executor, archer_id: UUID, slot_id: UUID) -> SlotGroup:
    """The group of a slot the archer may see, overall and per end."""
    overall, ends = await groups_model.select_slot_group(db, slot_id, archer_id, ENDS_SHOWN)
    if overall is None:
        raise NotFoundError("slot_not_found", "The slot does not exist.")
    return SlotGroup(
        slot_id=slot_id,
        arrows_shot=overall["arrows"],
        overall=_group(overall),
        ends=_end_groups(ends),
        end_count=overall["ends"],
    )


async def history_group(db: Executor, archer_id: UUID, history: HistoryFilter) -> HistoryGroup:
    """The group of the archer's filtered history, overall and per end number."""
    overall, ends = await groups_model.select_history_group(db, archer_id, history, ENDS_SHOWN)
    return HistoryGroup(
        slot_count=overall["slots"],
        arrows_shot=overall["arrows"],
        overall=_group(overall),
        ends=_end_groups(ends),
    )


def _offsets(row: Mapping[str, Any], group: GroupPoint | None) -> dict[str, float | None]:
    """An arrow's mean point of impact less the group's, and how far apart they are."""
    if group is None or row["plotted"] == 0:
        return dict.fromkeys(
            ("offset_x_mm", "offset_y_mm", "offset_mm", "offset_x_mrad")
            + ("offset_y_mrad", "offset_mrad")
        )
    x_mm, y_mm = row["mean_x_mm"] - group.x_mm, row["mean_y_mm"] - group.y_mm
    x_mrad, y_mrad = row["mean_x_mrad"] - group.x_mrad, row["mean_y_mrad"] - group.y_mrad
    return {
        "offset_x_mm": x_mm,
        "offset_y_mm": y_mm,
        "offset_mm": math.hypot(x_mm, y_mm),
        "offset_x_mrad": x_mrad,
        "offset_y_mrad": y_mrad,
        "offset_mrad": math.hypot(x_mrad, y_mrad),
    }


def rank_arrows(rows: Sequence[Mapping[str, Any]], group: GroupPoint | None) -> list[ArrowRanking]:
    """Each numbered arrow's figures relative to the group, best first: by mean score
    (highest first), then offset in mrad (smallest first, never-plotted arrows last), then
    arrow number."""
    unranked: list[dict[str, Any]] = [
        {
            "arrow_number": row["arrow_number"],
            "arrows_shot": row["arrows"],
            "mean_score": row["mean_score"],
            "plotted_arrows": row["plotted"],
            **_offsets(row, group),
            "radial_sd_mm": row["radial_sd_mm"],
            "radial_sd_mrad": row["radial_sd_mrad"],
        }
        for row in rows
    ]
    unranked.sort(
        key=lambda item: (
            -item["mean_score"],
            item["offset_mrad"] is None,
            item["offset_mrad"] or 0.0,
            item["arrow_number"],
        )
    )
    return [ArrowRanking(rank=rank, **item) for rank, item in enumerate(unranked, start=1)]


async def arrow_set_ranking(
    db: Executor, archer_id: UUID, arrow_set_id: UUID, history: HistoryFilter
) -> ArrowSetRanking:
    """The per-arrow ranking of one of the archer's arrow sets over the filtered history."""
    totals, arrows = await groups_model.select_arrow_set_ranking(
        db, archer_id, arrow_set_id, replace(history, arrow_set_id=arrow_set_id)
    )
    if totals is None:
        raise NotFoundError("arrow_set_not_found", "The arrow set does not exist.")
    group = (
        None
        if totals["plotted"] == 0
        else GroupPoint(
            x_mm=totals["mean_x_mm"],
            y_mm=totals["mean_y_mm"],
            x_mrad=totals["mean_x_mrad"],
            y_mrad=totals["mean_y_mrad"],
        )
    )
    return ArrowSetRanking(
        arrow_set_id=arrow_set_id,
        slot_count=totals["slots"],
        arrows_shot=totals["arrows"],
        unnumbered_arrows=totals["unnumbered"],
        group_mean_point_of_impact=group,
        items=rank_arrows([dict(row) for row in arrows], group),
    )


@dataclass(frozen=True, slots=True)
class HeatmapGrid:
    """A square grid centred on a spot's centre: its cell side and lower-left corner in mm."""

    cell_mm: float
    origin_mm: float
    cells: int


def heatmap_grid(face_type: FaceType) -> HeatmapGrid:
    """The grid for a face: cells of its spot's scoring diameter / 40, 48 a side."""
    face = get_face(face_type)
    scoring_diameter = face.rings[-1].outer_diameter_mm
    cell = scoring_diameter / HEATMAP_CELLS_PER_DIAMETER
    return HeatmapGrid(cell_mm=cell, origin_mm=-cell * HEATMAP_CELLS / 2, cells=HEATMAP_CELLS)


async def history_heatmap(
    db: Executor, archer_id: UUID, face_type: FaceType, history: HistoryFilter
) -> HistoryHeatmap:
    """The density of the archer's plotted arrows on one face over the filtered history."""
    grid = heatmap_grid(face_type)
    plotted, cells = await groups_model.select_heatmap(
        db,
        archer_id,
        replace(history, face_type=face_type.value),
        cell_mm=grid.cell_mm,
        origin_mm=grid.origin_mm,
        cells=grid.cells,
    )
    counted = [HeatmapCell(column=c["col"], row=c["rw"], count=c["n"]) for c in cells]
    return HistoryHeatmap(
        face_type=face_type,
        spot_count=len(get_face(face_type).spots),
        cell_mm=grid.cell_mm,
        origin_x_mm=grid.origin_mm,
        origin_y_mm=grid.origin_mm,
        columns=grid.cells,
        rows=grid.cells,
        plotted_arrows=plotted,
        outside_grid=plotted - sum(cell.count for cell in counted),
        max_count=max((cell.count for cell in counted), default=0),
        cells=counted,
    )
