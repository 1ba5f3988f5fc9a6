"""The authoritative scoring engine.

Pure functions over the face geometry in `quiver.services.faces`: a plotted arrow is scored from
its position, a value-only arrow is checked against the values its face can produce. The engine
knows no face family: a face's rings give every zone's score, and its optional X ring marks the
arrows recorded as X (worth the score of the ring they lie in).

Line cutters (WA Book 3, art. 12.2): an arrow whose shaft touches a dividing line scores the
higher zone, so an arrow scores a zone when the distance from the spot centre to the arrow's
centre is at most the zone's outer radius plus the arrow's radius.
"""

import math
from dataclasses import dataclass
from typing import Final

from quiver.schemas.api import Face, Ring, ScoringStyle

# archeryutils' (Archery GB handicap scheme) default arrow diameters.
DEFAULT_ARROW_DIAMETER_OUTDOOR_MM: Final = 5.5
DEFAULT_ARROW_DIAMETER_INDOOR_MM: Final = 9.3

# Plotted positions and ring radii are sums of decimal millimetres, which binary floats cannot
# hold exactly: an arrow placed exactly on radius + arrow radius may compute a few 1e-14 mm
# outside. A nanometre of slack keeps such arrows on the line, and so in the higher zone, while
# staying far below anything a plotting device can measure.
LINE_TOLERANCE_MM: Final = 1e-9

MISS_LABEL: Final = "M"
X_LABEL: Final = "X"
# The 11-zone faces score their centre 11; no face scores more.
MAX_ARROW_SCORE: Final = 11


class InvalidArrowValue(ValueError):
    """An arrow value that the face it was shot at cannot produce."""


@dataclass(frozen=True, slots=True)
class ScoredArrow:
    """The score of one arrow.

    Attributes:
        value: The points scored, 0 for a miss.
        is_x: Whether the arrow is in the face's X ring (never, on a face without one).
        spot_index: The index in `Face.spots` of the spot that scored the arrow; None for a miss
            or for an arrow recorded by value only.
        distance_mm: The distance from the centre of the nearest spot to the arrow's centre;
            None for an arrow recorded by value only.
    """

    value: int
    is_x: bool
    spot_index: int | None
    distance_mm: float | None


def default_arrow_diameter_mm(is_indoor: bool) -> float:
    """Return the arrow diameter to assume when the archer has not given one."""
    return DEFAULT_ARROW_DIAMETER_INDOOR_MM if is_indoor else DEFAULT_ARROW_DIAMETER_OUTDOOR_MM


def arrow_value_label(value: int, is_x: bool) -> str:
    """Return how an arrow is written on a score sheet: "X", "11" to "1", or "M".

    Raises:
        ValueError: If the value is not 0 to 11, or a miss is marked as an X.
    """
    if not 0 <= value <= MAX_ARROW_SCORE:
        raise ValueError(f"an arrow scores 0 to {MAX_ARROW_SCORE} points, not {value}")
    if is_x and value == 0:
        raise ValueError("a miss cannot be an X")
    if is_x:
        return X_LABEL
    return str(value) if value > 0 else MISS_LABEL


def max_arrow_score(face: Face) -> int:
    """Return the most points one arrow can score on the face."""
    return max(ring.score for ring in face.rings)


def possible_values(face: Face) -> list[str]:
    """Return every label an arrow on the face can get, highest first, ending with "M".

    "X" comes first on a face with an X ring. When the X ring is the whole top ring (compound
    scoring, where every 10 is an X), the top score on its own is not a possible value.
    """
    top = _top_ring(face)
    labels: list[str] = []
    if face.x_diameter_mm is not None:
        labels.append(X_LABEL)
    for score in sorted({ring.score for ring in face.rings}, reverse=True):
        if score == top.score and not _has_top_score_outside_x(face):
            continue
        labels.append(str(score))
    labels.append(MISS_LABEL)
    return labels


def score_value_only(face: Face, value: str) -> ScoredArrow:
    """Score an arrow the archer recorded by value instead of plotting it.

    Args:
        face: The face the arrow was shot at.
        value: "M", "X" or "1" to "11", exactly as `possible_values` lists them.

    Raises:
        InvalidArrowValue: If the face cannot produce the value.
    """
    allowed = possible_values(face)
    if value not in allowed:
        hint = ""
        if value == "10" and face.scoring_style is ScoringStyle.COMPOUND_INNER_TEN:
            hint = " (compound scoring: only the inner ten scores 10, record it as X)"
        raise InvalidArrowValue(
            f"{value!r} is not a possible value on the {face.name} face{hint}; "
            f"expected one of {', '.join(allowed)}"
        )
    if value == MISS_LABEL:
        return ScoredArrow(value=0, is_x=False, spot_index=None, distance_mm=None)
    if value == X_LABEL:
        return ScoredArrow(
            value=_top_ring(face).score, is_x=True, spot_index=None, distance_mm=None
        )
    return ScoredArrow(value=int(value), is_x=False, spot_index=None, distance_mm=None)


def score_plotted(face: Face, x_mm: float, y_mm: float, arrow_diameter_mm: float) -> ScoredArrow:
    """Score an arrow from its position on the face.

    The nearest spot centre scores the arrow; an arrow outside that spot's outermost ring is a
    miss. Any finite position scores, however far off the face.

    Args:
        face: The face the arrow was shot at.
        x_mm: Horizontal offset of the arrow's centre from the face centre (right is positive).
        y_mm: Vertical offset of the arrow's centre from the face centre (up is positive).
        arrow_diameter_mm: The shaft diameter, which decides line cutters.

    Raises:
        ValueError: If a coordinate is not finite or the arrow diameter is negative or not finite.
    """
    if not (math.isfinite(x_mm) and math.isfinite(y_mm)):
        raise ValueError(f"arrow position ({x_mm}, {y_mm}) is not finite")
    if not (math.isfinite(arrow_diameter_mm) and arrow_diameter_mm >= 0.0):
        raise ValueError(f"arrow diameter {arrow_diameter_mm} mm must be finite and at least 0")

    spot_index, distance_mm = _nearest_spot(face, x_mm, y_mm)
    reach_mm = arrow_diameter_mm / 2.0 + LINE_TOLERANCE_MM
    ring = _innermost_ring_reached(face.rings, distance_mm, reach_mm)
    if ring is None:
        return ScoredArrow(value=0, is_x=False, spot_index=None, distance_mm=distance_mm)

    in_x = face.x_diameter_mm is not None and distance_mm <= face.x_diameter_mm / 2.0 + reach_mm
    value = ring.score
    if face.scoring_style is ScoringStyle.COMPOUND_INNER_TEN and value == 10 and not in_x:
        # The catalogue's compound 10 ring already is the X; this keeps the rule true for any
        # face whose printed 10 is wider than its X.
        value = 9
    return ScoredArrow(
        value=value,
        is_x=in_x and value == _top_ring(face).score,
        spot_index=spot_index,
        distance_mm=distance_mm,
    )


def nearest_spot_index(face: Face, x_mm: float, y_mm: float) -> int:
    """Return the index of the spot whose centre is nearest to the position, misses included."""
    return _nearest_spot(face, x_mm, y_mm)[0]


def _top_ring(face: Face) -> Ring:
    """The innermost ring, which holds the X when the face has one."""
    return min(face.rings, key=lambda ring: ring.outer_diameter_mm)


def _has_top_score_outside_x(face: Face) -> bool:
    """Whether an arrow can score the top ring's value without being an X."""
    if face.x_diameter_mm is None:
        return True
    return _top_ring(face).outer_diameter_mm > face.x_diameter_mm


def _nearest_spot(face: Face, x_mm: float, y_mm: float) -> tuple[int, float]:
    """Return the index of the spot whose centre is nearest, and the distance to it.

    Ties go to the lower index; they only happen between spots, where every spot scores a miss.
    """
    distances = (
        (math.hypot(x_mm - spot.x_mm, y_mm - spot.y_mm), index)
        for index, spot in enumerate(face.spots)
    )
    distance_mm, spot_index = min(distances)
    return spot_index, distance_mm


def _innermost_ring_reached(rings: list[Ring], distance_mm: float, reach_mm: float) -> Ring | None:
    for ring in sorted(rings, key=lambda ring: ring.outer_diameter_mm):
        if distance_mm <= ring.outer_diameter_mm / 2.0 + reach_mm:
            return ring
    return None
