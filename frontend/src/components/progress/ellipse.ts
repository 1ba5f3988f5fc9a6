import type { GroupEllipse } from "../../api/client";

/** An ellipse as SVG attributes, in the face's user space (millimetres, y down). */
export interface EllipseShape {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  /** `rotate(...)` about the centre. */
  transform: string;
}

/**
 * The covariance ellipse (centre from the spot's centre, angle counter-clockwise with y up)
 * drawn around `spot`: SVG's y points down, so the centre's y and the rotation change sign.
 * `scale` grows both semi-axes, e.g. 2.4477 for the ellipse holding 95 % of a normal group.
 */
export function ellipseShape(ellipse: GroupEllipse, spot: { x_mm: number; y_mm: number }, scale = 1): EllipseShape {
  const cx = round(spot.x_mm + ellipse.centre_x);
  const cy = round(0 - (spot.y_mm + ellipse.centre_y));
  return {
    cx,
    cy,
    rx: round(ellipse.semi_major * scale),
    ry: round(ellipse.semi_minor * scale),
    transform: `rotate(${round(0 - ellipse.angle_deg)} ${cx} ${cy})`,
  };
}

function round(value: number): number {
  // 0 - 0 is -0; SVG and tests read "0" better.
  return Math.round(value * 1000) / 1000 + 0;
}

/** √(−2 ln 0.05): the scale of a one-SD covariance ellipse to the one holding 95 % of a normal group. */
export const ELLIPSE_95 = Math.sqrt(-2 * Math.log(0.05));

const one = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** The ellipse's shape in words: its axes (at the scale drawn) and which way it leans. */
export function ellipseInWords(ellipse: GroupEllipse, unit: string, scale = 1): string {
  const major = ellipse.semi_major * scale * 2;
  const minor = ellipse.semi_minor * scale * 2;
  const angle = ellipse.angle_deg;
  const lean =
    major - minor < 0.05 * major
      ? "round"
      : Math.abs(angle) <= 20
        ? "wider than tall"
        : Math.abs(angle) >= 70
          ? "taller than wide"
          : angle > 0
            ? "leaning up to the right"
            : "leaning down to the right";
  return `${one.format(major)} × ${one.format(minor)} ${unit}, ${lean}`;
}
