/** An arrow as drawn on a target face, in contract millimetres from the face centre (y up). */
export interface FaceArrow {
  id: string;
  x_mm: number;
  y_mm: number;
  /** What the marker shows: the server's `value_label`. */
  label: string;
  /** Its number in the accessible name "Arrow 3: 9"; defaults to its place in the list. */
  number?: number;
  /** Not scored yet (waiting in the offline queue). */
  pending?: boolean;
  selected?: boolean;
  /** Drawn small and grey, without a label: an arrow of another end. */
  muted?: boolean;
}

/** "Arrow 3: 9", or "Arrow 3: pending" before the server has scored it. */
export function arrowName(arrow: FaceArrow, index: number): string {
  return `Arrow ${arrow.number ?? index + 1}: ${arrow.pending === true ? "pending" : arrow.label}`;
}

/**
 * The arrow a pointer grabs: the nearest one (muted ones excepted) within `radiusMm` of the
 * point. Measured rather than taken from the event's target, which a browser's touch adjustment
 * may move to a nearby marker.
 */
export function arrowAt(arrows: readonly FaceArrow[], point: { x_mm: number; y_mm: number }, radiusMm: number): FaceArrow | null {
  let best: FaceArrow | null = null;
  let bestDistance = radiusMm;
  for (const arrow of arrows) {
    if (arrow.muted === true) continue;
    const distance = Math.hypot(arrow.x_mm - point.x_mm, arrow.y_mm - point.y_mm);
    if (distance <= bestDistance) {
      best = arrow;
      bestDistance = distance;
    }
  }
  return best;
}
