// The magnifier shown while a finger is down: what it shows and where it sits.
import type { ViewBox } from "../faces/geometry";
import type { ScreenPoint } from "./coordinates";

export const LOUPE_SIZE_PX = 128;
export const LOUPE_MAGNIFICATION = 3.5;
/** Room left between the loupe and the finger's contact point: a fingertip is about 1 cm wide. */
export const LOUPE_GAP_PX = 36;

/**
 * The square of SVG user space (mm, y down) the loupe shows: centred on the point under the
 * finger, `magnification` times the face's on-screen scale.
 */
export function loupeViewBox(
  centre: ScreenPoint,
  pixelsPerMm: number,
  sizePx: number = LOUPE_SIZE_PX,
  magnification: number = LOUPE_MAGNIFICATION,
): ViewBox {
  const side = sizePx / (pixelsPerMm * magnification);
  return { minX: centre.x - side / 2, minY: centre.y - side / 2, width: side, height: side };
}

export interface Bounds {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface LoupePlacement {
  left: number;
  top: number;
  /** Below the finger, because there was no room above it. */
  flipped: boolean;
}

/**
 * Where the loupe's top-left corner goes (client px): above the finger so the finger does not
 * hide it, below when it would leave the top of `bounds`, and kept inside `bounds` sideways.
 */
export function loupePlacement(
  pointer: ScreenPoint,
  bounds: Bounds,
  sizePx: number = LOUPE_SIZE_PX,
  gapPx: number = LOUPE_GAP_PX,
): LoupePlacement {
  const above = pointer.y - gapPx - sizePx;
  const flipped = above < bounds.top;
  const top = flipped ? pointer.y + gapPx : above;
  const left = Math.min(Math.max(pointer.x - sizePx / 2, bounds.left), bounds.right - sizePx);
  return { left, top, flipped };
}
