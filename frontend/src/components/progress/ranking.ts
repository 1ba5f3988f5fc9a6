import type { ArrowRanking } from "../../api/client";

/** The plots an arrow needs before it can be called off: one or two stray shots prove nothing. */
const MIN_PLOTS = 3;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * The numbers of the arrows that fly off the others. The yardstick is the typical arrow's
 * centre, the median of the arrows' own centres, rather than the whole group's (which one bad
 * arrow drags towards itself, making the good ones look off). An arrow is off when its centre
 * is further from the typical one than twice its standard error (its radial SD over √plots,
 * so the distance is not chance) and than half the arrows' typical spread (so it matters on
 * the face). Needs 3 arrows with at least 3 plots each; the server only gives the figures.
 */
export function arrowsOff(items: readonly ArrowRanking[]): Set<number> {
  const placed = items.flatMap((arrow) =>
    arrow.offset_x_mm === null || arrow.offset_y_mm === null || arrow.radial_sd_mm === null || arrow.plotted_arrows < MIN_PLOTS
      ? []
      : [{ number: arrow.arrow_number, x: arrow.offset_x_mm, y: arrow.offset_y_mm, spread: arrow.radial_sd_mm, plots: arrow.plotted_arrows }],
  );
  if (placed.length < 3) return new Set();
  const centre = { x: median(placed.map((arrow) => arrow.x)), y: median(placed.map((arrow) => arrow.y)) };
  const typicalSpread = median(placed.map((arrow) => arrow.spread));
  return new Set(
    placed
      .filter((arrow) => {
        const distance = Math.hypot(arrow.x - centre.x, arrow.y - centre.y);
        return distance > (2 * arrow.spread) / Math.sqrt(arrow.plots) && distance > typicalSpread / 2;
      })
      .map((arrow) => arrow.number),
  );
}

const mm = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** "14 mm: 12 mm left, 8 mm high" of the group; null when never plotted. */
export function offsetInWords(arrow: ArrowRanking): string | null {
  const { offset_mm: offset, offset_x_mm: x, offset_y_mm: y } = arrow;
  if (offset === null || x === null || y === null) return null;
  const parts: string[] = [];
  if (Math.abs(x) >= 0.5) parts.push(`${mm.format(Math.abs(x))} mm ${x < 0 ? "left" : "right"}`);
  if (Math.abs(y) >= 0.5) parts.push(`${mm.format(Math.abs(y))} mm ${y < 0 ? "low" : "high"}`);
  return parts.length === 0 ? "on the group's centre" : parts.join(", ");
}

export interface OffsetDot {
  arrowNumber: number;
  /** SVG user space: millimetres from the group's centre, y down. */
  cx: number;
  cy: number;
  off: boolean;
}

/** The plotted arrows' mean points of impact around the group's, and a radius that holds them all. */
export function offsetDots(items: readonly ArrowRanking[]): { dots: OffsetDot[]; radius: number } {
  const off = arrowsOff(items);
  const dots = items.flatMap((arrow) =>
    arrow.offset_x_mm === null || arrow.offset_y_mm === null
      ? []
      : [{ arrowNumber: arrow.arrow_number, cx: arrow.offset_x_mm, cy: 0 - arrow.offset_y_mm + 0, off: off.has(arrow.arrow_number) }],
  );
  const furthest = Math.max(0, ...dots.map((dot) => Math.hypot(dot.cx, dot.cy)));
  // A round number of millimetres, at least 10, with room for the labels.
  const radius = Math.max(10, Math.ceil((furthest * 1.25) / 10) * 10);
  return { dots, radius };
}
