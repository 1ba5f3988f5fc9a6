import type { Face, Ring, RingColour, Spot } from "../api/client";

/** Printed zone colours, close to the World Archery target-face specification. */
export const RING_FILL: Readonly<Record<RingColour, string>> = {
  gold: "#ffe552",
  red: "#f65058",
  light_blue: "#00b4e4",
  black: "#231f20",
  white: "#fdfdfb",
  blue: "#1d3f8f",
  yellow: "#ffe552",
};

/** Dividing lines are white inside the black and (NFAA) blue zones and black everywhere else. */
export const RING_LINE: Readonly<Record<RingColour, string>> = {
  gold: "#231f20",
  red: "#231f20",
  light_blue: "#231f20",
  black: "#fdfdfb",
  white: "#231f20",
  blue: "#fdfdfb",
  yellow: "#231f20",
};

export interface SvgPoint {
  x: number;
  y: number;
}

export interface RingCircle {
  cx: number;
  cy: number;
  r: number;
  fill: string;
  stroke: string;
  score: number;
  colour: RingColour;
}

export interface ViewBox {
  minX: number;
  minY: number;
  width: number;
  height: number;
}

/**
 * The contract measures spot offsets with y up; SVG user space has y down.
 * `0 - y` rather than `-y` so that a centred spot maps to 0, not -0.
 */
export function spotToSvg(spot: Spot): SvgPoint {
  return { x: spot.x_mm, y: 0 - spot.y_mm };
}

export function ringRadius(ring: Ring): number {
  return ring.outer_diameter_mm / 2;
}

export function outerRadius(face: Face): number {
  return Math.max(...face.rings.map(ringRadius));
}

/** Circles for every zone of every spot, largest first so the inner zones paint on top. */
export function ringCircles(face: Face): RingCircle[] {
  const outsideIn = [...face.rings].sort((a, b) => b.outer_diameter_mm - a.outer_diameter_mm);
  return face.spots.flatMap((spot) => {
    const centre = spotToSvg(spot);
    return outsideIn.map((ring) => ({
      cx: centre.x,
      cy: centre.y,
      r: ringRadius(ring),
      fill: RING_FILL[ring.colour],
      stroke: RING_LINE[ring.colour],
      score: ring.score,
      colour: ring.colour,
    }));
  });
}

/** The X circle of every spot; none when the face has no X. */
export function xCircles(face: Face): Array<SvgPoint & { r: number }> {
  const xDiameter = face.x_diameter_mm;
  if (xDiameter === null) return [];
  return face.spots.map((spot) => ({ ...spotToSvg(spot), r: xDiameter / 2 }));
}

/** The smallest box around every spot's outer zone, grown by `marginRatio` of the outer radius. */
export function faceViewBox(face: Face, marginRatio = 0.04): ViewBox {
  const radius = outerRadius(face);
  const margin = radius * marginRatio;
  const centres = face.spots.map(spotToSvg);
  const xs = centres.map((c) => c.x);
  const ys = centres.map((c) => c.y);
  const minX = Math.min(...xs) - radius - margin;
  const minY = Math.min(...ys) - radius - margin;
  return {
    minX,
    minY,
    width: Math.max(...xs) + radius + margin - minX,
    height: Math.max(...ys) + radius + margin - minY,
  };
}

export function viewBoxAttribute(box: ViewBox): string {
  return [box.minX, box.minY, box.width, box.height].map((n) => +n.toFixed(3)).join(" ");
}
