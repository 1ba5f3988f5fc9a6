// Screen <-> face maths. The contract measures millimetres from the face centre with y up;
// the face's SVG user space is the same millimetres with y down (see faces/geometry.ts).

/** The six numbers of an SVG/DOM 2D matrix (a DOMMatrix or SVGMatrix fits). */
export interface Matrix2D {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

/** A point in contract millimetres (y up). */
export interface FacePoint {
  x_mm: number;
  y_mm: number;
}

export interface ScreenPoint {
  x: number;
  y: number;
}

/** Stored coordinates keep 0.01 mm: finer than any hand can aim, coarse enough to read. */
export function roundMm(value: number): number {
  // `|| 0` turns -0 into 0 so a centred arrow reads "0", not "-0".
  return Math.round(value * 100) / 100 || 0;
}

export function applyMatrix(m: Matrix2D, x: number, y: number): ScreenPoint {
  return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
}

/**
 * Where a pointer is on the face, from its fractional client coordinates and the inverse of the
 * SVG's `getScreenCTM()`. Nothing is rounded to whole pixels: at 390 px a 122 cm face is about
 * 3 mm per pixel, and the archer (or a test) aims between pixels.
 */
export function clientToFace(inverseCtm: Matrix2D, clientX: number, clientY: number): FacePoint {
  const svg = applyMatrix(inverseCtm, clientX, clientY);
  return { x_mm: roundMm(svg.x), y_mm: roundMm(0 - svg.y) };
}

/** The client coordinates of a face point, from the SVG's `getScreenCTM()` (the inverse of the above). */
export function faceToClient(ctm: Matrix2D, point: FacePoint): ScreenPoint {
  return applyMatrix(ctm, point.x_mm, 0 - point.y_mm);
}

/** CSS pixels per millimetre of a (uniformly scaled) SVG transform. */
export function pixelsPerMm(ctm: Matrix2D): number {
  return Math.hypot(ctm.a, ctm.b);
}

export const NUDGE_MM = 1;
export const NUDGE_LARGE_MM = 10;

const NUDGE_DIRECTIONS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, 1],
  ArrowDown: [0, -1],
};

/** The point moved by an arrow key (1 mm, 10 mm with Shift; up is up on the face); null for other keys. */
export function nudge(point: FacePoint, key: string, large: boolean): FacePoint | null {
  const direction = NUDGE_DIRECTIONS[key];
  if (direction === undefined) return null;
  const step = large ? NUDGE_LARGE_MM : NUDGE_MM;
  return { x_mm: roundMm(point.x_mm + direction[0] * step), y_mm: roundMm(point.y_mm + direction[1] * step) };
}
