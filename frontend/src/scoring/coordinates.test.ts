import { describe, expect, it } from "vitest";

import { clientToFace, faceToClient, nudge, pixelsPerMm, roundMm, type Matrix2D } from "./coordinates";

/** A 122 cm face drawn 390 px wide: viewBox -634.4..634.4 mm, the SVG's top-left at (0, 120.5). */
const scale = 390 / 1268.8;
const ctm: Matrix2D = { a: scale, b: 0, c: 0, d: scale, e: 195, f: 120.5 + 195 };
const inverse: Matrix2D = { a: 1 / scale, b: 0, c: 0, d: 1 / scale, e: -195 / scale, f: -(120.5 + 195) / scale };

describe("clientToFace", () => {
  it("maps the SVG's centre to the face centre", () => {
    expect(clientToFace(inverse, 195, 315.5)).toEqual({ x_mm: 0, y_mm: 0 });
  });

  it("turns SVG y (down) into contract y (up)", () => {
    const point = clientToFace(inverse, 195, 315.5 - 30 * scale);
    expect(point).toEqual({ x_mm: 0, y_mm: 30 });
  });

  it("keeps sub-pixel precision: a fractional tap lands within 0.01 mm of its aim", () => {
    // About 3.25 mm per CSS pixel: whole pixels could never hit 0.05 mm inside a line.
    for (const aim of [
      { x_mm: 61.05, y_mm: 0 },
      { x_mm: 0, y_mm: -121.95 },
      { x_mm: -33.33, y_mm: 47.21 },
    ]) {
      const client = faceToClient(ctm, aim);
      expect(Number.isInteger(client.x) && Number.isInteger(client.y)).toBe(false);
      const back = clientToFace(inverse, client.x, client.y);
      expect(Math.abs(back.x_mm - aim.x_mm)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(back.y_mm - aim.y_mm)).toBeLessThanOrEqual(0.01);
    }
  });

  it("follows a rotated or skewed transform, not just a scale", () => {
    const rotated: Matrix2D = { a: 0, b: 2, c: -2, d: 0, e: 10, f: 20 };
    const rotatedInverse: Matrix2D = { a: 0, b: -0.5, c: 0.5, d: 0, e: -10, f: 5 };
    const client = faceToClient(rotated, { x_mm: 12.34, y_mm: -5.67 });
    expect(clientToFace(rotatedInverse, client.x, client.y)).toEqual({ x_mm: 12.34, y_mm: -5.67 });
  });
});

describe("roundMm", () => {
  it("keeps hundredths of a millimetre and never a negative zero", () => {
    expect(roundMm(12.345678)).toBe(12.35);
    expect(roundMm(-0.001)).toBe(0);
    expect(Object.is(roundMm(-0.001), 0)).toBe(true);
  });
});

describe("pixelsPerMm", () => {
  it("is the transform's scale", () => {
    expect(pixelsPerMm(ctm)).toBeCloseTo(scale, 12);
    expect(pixelsPerMm({ a: 0, b: 2, c: -2, d: 0, e: 0, f: 0 })).toBe(2);
  });
});

describe("nudge", () => {
  const at = { x_mm: 10.5, y_mm: -3.25 };

  it("moves 1 mm per arrow key, up meaning up on the face", () => {
    expect(nudge(at, "ArrowLeft", false)).toEqual({ x_mm: 9.5, y_mm: -3.25 });
    expect(nudge(at, "ArrowRight", false)).toEqual({ x_mm: 11.5, y_mm: -3.25 });
    expect(nudge(at, "ArrowUp", false)).toEqual({ x_mm: 10.5, y_mm: -2.25 });
    expect(nudge(at, "ArrowDown", false)).toEqual({ x_mm: 10.5, y_mm: -4.25 });
  });

  it("moves 10 mm with Shift", () => {
    expect(nudge(at, "ArrowUp", true)).toEqual({ x_mm: 10.5, y_mm: 6.75 });
  });

  it("ignores other keys", () => {
    expect(nudge(at, "Enter", false)).toBeNull();
  });

  it("does not accumulate floating-point dust", () => {
    let point = { x_mm: 0.1, y_mm: 0.2 };
    for (let i = 0; i < 7; i += 1) point = nudge(point, "ArrowRight", false) ?? point;
    expect(point).toEqual({ x_mm: 7.1, y_mm: 0.2 });
  });
});
