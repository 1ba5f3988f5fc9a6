"""The group maths of services.groups: ellipses, spreads, ranking order and heatmap grids."""

import math
from typing import Any

import numpy as np
import pytest

from quiver.schemas.api import FaceType, GroupPoint
from quiver.services.groups import (
    HEATMAP_CELLS,
    Moments,
    ellipse,
    heatmap_grid,
    measures,
    rank_arrows,
)


def sample_moments(points: np.ndarray) -> Moments:
    """The population mean and covariance of (n, 2) points, as PostgreSQL's aggregates give."""
    mean_x, mean_y = points.mean(axis=0)
    covariance = np.cov(points.T, bias=True)
    return Moments(
        mean_x=float(mean_x),
        mean_y=float(mean_y),
        var_x=float(covariance[0, 0]),
        var_y=float(covariance[1, 1]),
        cov_xy=float(covariance[0, 1]),
    )


def gaussian_group(
    sigma_major: float, sigma_minor: float, angle_deg: float, centre: tuple[float, float]
) -> np.ndarray:
    """4,000 arrows of a seeded bivariate normal group with the given axes and rotation."""
    rng = np.random.default_rng(20261126)
    along = rng.normal(0.0, sigma_major, 4000)
    across = rng.normal(0.0, sigma_minor, 4000)
    theta = math.radians(angle_deg)
    x = centre[0] + along * math.cos(theta) - across * math.sin(theta)
    y = centre[1] + along * math.sin(theta) + across * math.cos(theta)
    return np.column_stack([x, y])


@pytest.mark.parametrize("angle_deg", [30.0, -60.0, 75.0])
def test_ellipse_of_a_gaussian_group_recovers_its_axes_and_rotation(angle_deg: float) -> None:
    points = gaussian_group(60.0, 25.0, angle_deg, centre=(15.0, -10.0))
    figures = measures(len(points), sample_moments(points), mean_radius=0.0)
    assert figures is not None and figures.ellipse is not None
    shape = figures.ellipse
    # 4,000 arrows: a sample SD is within about 1.1 % of sigma (one standard error), so 4 %.
    assert shape.semi_major == pytest.approx(60.0, rel=0.04)
    assert shape.semi_minor == pytest.approx(25.0, rel=0.04)
    assert shape.angle_deg == pytest.approx(angle_deg, abs=2.0)
    assert (shape.centre_x, shape.centre_y) == pytest.approx((15.0, -10.0), abs=2.0)
    # The radial SD is the same whichever way the group is turned: sqrt(60² + 25²).
    assert figures.radial_sd == pytest.approx(math.hypot(60.0, 25.0), rel=0.04)


def test_sd_in_x_and_y_follow_the_rotation_of_the_group() -> None:
    theta = math.radians(30.0)
    points = gaussian_group(60.0, 25.0, 30.0, centre=(0.0, 0.0))
    figures = measures(len(points), sample_moments(points), mean_radius=0.0)
    assert figures is not None
    expected_x = math.sqrt((60 * math.cos(theta)) ** 2 + (25 * math.sin(theta)) ** 2)
    expected_y = math.sqrt((60 * math.sin(theta)) ** 2 + (25 * math.cos(theta)) ** 2)
    assert figures.sd_x == pytest.approx(expected_x, rel=0.04)
    assert figures.sd_y == pytest.approx(expected_y, rel=0.04)


def test_a_vertical_group_has_its_major_axis_at_90_degrees() -> None:
    shape = ellipse(Moments(mean_x=0, mean_y=0, var_x=4.0, var_y=25.0, cov_xy=0.0))
    assert (shape.semi_major, shape.semi_minor, shape.angle_deg) == pytest.approx((5, 2, 90))


def test_a_circular_group_has_angle_zero() -> None:
    shape = ellipse(Moments(mean_x=3, mean_y=4, var_x=9.0, var_y=9.0, cov_xy=0.0))
    assert (shape.semi_major, shape.semi_minor, shape.angle_deg) == (3.0, 3.0, 0.0)


def test_arrows_on_one_line_give_a_flat_ellipse_along_it() -> None:
    points = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [-4.0, -4.0]])
    shape = ellipse(sample_moments(points))
    assert shape.semi_minor == pytest.approx(0.0, abs=1e-7)
    assert shape.angle_deg == pytest.approx(45.0)
    assert shape.semi_major == pytest.approx(math.sqrt(2 * points[:, 0].var()))


def test_fewer_than_two_arrows_have_no_ellipse_and_none_have_no_figures() -> None:
    one = measures(1, Moments(mean_x=5, mean_y=-2, var_x=0, var_y=0, cov_xy=0), 0.0)
    assert one is not None
    assert (one.mean_x, one.mean_y, one.radial_sd, one.ellipse) == (5, -2, 0, None)
    assert measures(0, Moments(mean_x=0, mean_y=0, var_x=0, var_y=0, cov_xy=0), 0.0) is None


def arrow(number: int, mean_score: float, at: tuple[float, float] | None) -> dict[str, Any]:
    """A row of models.groups' per-arrow figures, at 50 m."""
    return {
        "arrow_number": number,
        "arrows": 6,
        "mean_score": mean_score,
        "plotted": 0 if at is None else 6,
        "mean_x_mm": None if at is None else at[0],
        "mean_y_mm": None if at is None else at[1],
        "mean_x_mrad": None if at is None else at[0] / 50,
        "mean_y_mrad": None if at is None else at[1] / 50,
        "radial_sd_mm": None if at is None else 40.0,
        "radial_sd_mrad": None if at is None else 0.8,
    }


def test_ranking_is_by_mean_score_then_offset_then_arrow_number() -> None:
    group = GroupPoint(x_mm=10.0, y_mm=0.0, x_mrad=0.2, y_mrad=0.0)
    rows = [
        arrow(1, 9.0, (60.0, 0.0)),
        arrow(2, 9.5, (200.0, 0.0)),
        arrow(3, 9.0, (10.0, 30.0)),
        arrow(4, 9.0, None),
        arrow(5, 9.0, (10.0, -30.0)),
    ]
    ranked = rank_arrows(rows, group)
    assert [item.arrow_number for item in ranked] == [2, 3, 5, 1, 4]
    assert [item.rank for item in ranked] == [1, 2, 3, 4, 5]
    first = ranked[0]
    assert (first.offset_x_mm, first.offset_y_mm, first.offset_mm) == (190.0, 0.0, 190.0)
    assert first.offset_mrad == pytest.approx(3.8)
    assert ranked[-1].offset_mm is None and ranked[-1].offset_x_mrad is None


def test_without_a_plotted_group_no_arrow_has_an_offset() -> None:
    ranked = rank_arrows([arrow(1, 8.0, (5.0, 5.0))], None)
    assert ranked[0].offset_mm is None and ranked[0].radial_sd_mm == 40.0


@pytest.mark.parametrize(
    ("face_type", "cell_mm"),
    [
        (FaceType.WA_122, 30.5),
        (FaceType.WA_80_6_RING, 12.0),
        (FaceType.WA_40_TRIPLE_VERTICAL, 5.0),
        (FaceType.WORCESTER, 10.16),
    ],
)
def test_heatmap_cells_are_a_fortieth_of_the_spots_scoring_diameter(
    face_type: FaceType, cell_mm: float
) -> None:
    grid = heatmap_grid(face_type)
    assert grid.cell_mm == pytest.approx(cell_mm)
    assert grid.cells == HEATMAP_CELLS == 48
    # Centred on the spot: the grid reaches as far left and down as right and up.
    assert grid.origin_mm == pytest.approx(-grid.cell_mm * 24)
