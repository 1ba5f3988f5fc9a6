import type { Face, HistoryHeatmap } from "../../api/client";

/** One cell as drawn in the face's SVG user space (millimetres, y down). */
export interface HeatRect {
  x: number;
  y: number;
  size: number;
  count: number;
  fill: string;
  /** The cell's centre from the spot centre, y up, as a reader would be told. */
  centre: { x_mm: number; y_mm: number };
}

/**
 * A colour ramp from deep purple through red to pale yellow (close to matplotlib's "inferno"),
 * readable over a dimmed face and for the common colour-vision deficiencies, as it climbs in
 * lightness all the way.
 */
const RAMP: ReadonlyArray<readonly [number, number, number]> = [
  [40, 11, 84],
  [101, 21, 110],
  [159, 42, 99],
  [212, 72, 66],
  [245, 125, 21],
  [250, 193, 39],
  [252, 255, 164],
];

/** The ramp's colour at `share` (0 to 1) as an `rgb()` string. */
export function heatColour(share: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  const position = clamped * (RAMP.length - 1);
  const low = Math.floor(position);
  const high = Math.min(RAMP.length - 1, low + 1);
  const t = position - low;
  const [a, b] = [RAMP[low] ?? [0, 0, 0], RAMP[high] ?? [0, 0, 0]];
  const mix = a.map((channel, i) => Math.round(channel + ((b[i] ?? 0) - channel) * t));
  return `rgb(${mix.join(" ")})`;
}

/**
 * The cells as SVG squares. Counts are coloured on a square-root scale, so that cells of one or
 * two arrows still show next to a dense centre.
 */
export function heatRects(heatmap: HistoryHeatmap): HeatRect[] {
  const most = Math.max(1, heatmap.max_count);
  const size = heatmap.cell_mm;
  return heatmap.cells.map(({ column, row, count }) => {
    const left = heatmap.origin_x_mm + column * size;
    const bottom = heatmap.origin_y_mm + row * size;
    return {
      x: left,
      // The cell's top edge, y up, becomes its SVG y (y down).
      y: 0 - (bottom + size),
      size,
      count,
      fill: heatColour(Math.sqrt(count / most)),
      centre: { x_mm: left + size / 2, y_mm: bottom + size / 2 },
    };
  });
}

/** The face with a single spot at its centre: the heatmap adds every spot into one grid. */
export function singleSpot(face: Face): Face {
  return { ...face, spots: [{ x_mm: 0, y_mm: 0 }] };
}

const mm = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** "12 mm right, 4 mm low" of the spot centre; "at the centre" within half a millimetre. */
export function placeInWords(point: { x_mm: number; y_mm: number }): string {
  const parts: string[] = [];
  if (Math.abs(point.x_mm) >= 0.5) parts.push(`${mm.format(Math.abs(point.x_mm))} mm ${point.x_mm < 0 ? "left" : "right"}`);
  if (Math.abs(point.y_mm) >= 0.5) parts.push(`${mm.format(Math.abs(point.y_mm))} mm ${point.y_mm < 0 ? "low" : "high"}`);
  return parts.length === 0 ? "at the centre" : parts.join(", ");
}

/** The densest cells first (ties: nearest the centre), for the table that stands in for the picture. */
export function densestCells(rects: readonly HeatRect[], count: number): HeatRect[] {
  const distance = (rect: HeatRect): number => Math.hypot(rect.centre.x_mm, rect.centre.y_mm);
  return [...rects].sort((a, b) => b.count - a.count || distance(a) - distance(b)).slice(0, count);
}
