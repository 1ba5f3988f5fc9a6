import { describe, expect, it } from "vitest";

import type { Face } from "../api/client";
import {
  RING_FILL,
  faceViewBox,
  ringCircles,
  ringRadius,
  spotToSvg,
  viewBoxAttribute,
  xCircles,
} from "./geometry";

const tripleVertical: Face = {
  face_type: "wa_40_triple_vertical",
  name: "WA 40 cm triple vertical",
  diameter_mm: 400,
  scoring_style: "recurve_x",
  x_diameter_mm: 20,
  max_arrow_score: 10,
  rings: [
    { score: 10, outer_diameter_mm: 40, colour: "gold" },
    { score: 9, outer_diameter_mm: 80, colour: "gold" },
    { score: 8, outer_diameter_mm: 120, colour: "red" },
    { score: 7, outer_diameter_mm: 160, colour: "red" },
    { score: 6, outer_diameter_mm: 200, colour: "light_blue" },
  ],
  spots: [
    { x_mm: 0, y_mm: 220 },
    { x_mm: 0, y_mm: 0 },
    { x_mm: 0, y_mm: -220 },
  ],
};

describe("spotToSvg", () => {
  it("flips y because SVG y points down", () => {
    expect(spotToSvg({ x_mm: 15, y_mm: 220 })).toEqual({ x: 15, y: -220 });
    expect(spotToSvg({ x_mm: -15, y_mm: -220 })).toEqual({ x: -15, y: 220 });
  });

  it("keeps the centre at a positive zero", () => {
    expect(Object.is(spotToSvg({ x_mm: 0, y_mm: 0 }).y, 0)).toBe(true);
  });
});

describe("ringCircles", () => {
  it("turns an outer diameter into a radius", () => {
    expect(ringRadius({ score: 1, outer_diameter_mm: 1220, colour: "white" })).toBe(610);
  });

  it("draws every zone of every spot, outermost first", () => {
    const circles = ringCircles(tripleVertical);

    expect(circles).toHaveLength(15);
    const top = circles.slice(0, 5);
    expect(top.map((c) => c.r)).toEqual([100, 80, 60, 40, 20]);
    expect(top.map((c) => c.score)).toEqual([6, 7, 8, 9, 10]);
    expect(top.every((c) => c.cx === 0 && c.cy === -220)).toBe(true);
    expect(circles[14]).toEqual({
      cx: 0,
      cy: 220,
      r: 20,
      fill: RING_FILL.gold,
      stroke: "#231f20",
      score: 10,
      colour: "gold",
    });
  });

  it("uses a white dividing line on black zones", () => {
    const [black] = ringCircles({
      ...tripleVertical,
      rings: [{ score: 4, outer_diameter_mm: 480, colour: "black" }],
      spots: [{ x_mm: 0, y_mm: 0 }],
    });

    expect(black?.stroke).toBe("#fdfdfb");
  });

  it("places the X ring at each spot centre", () => {
    expect(xCircles(tripleVertical)).toEqual([
      { x: 0, y: -220, r: 10 },
      { x: 0, y: 0, r: 10 },
      { x: 0, y: 220, r: 10 },
    ]);
  });

  it("draws no X on a face without one", () => {
    expect(xCircles({ ...tripleVertical, x_diameter_mm: null })).toEqual([]);
  });
});

describe("faceViewBox", () => {
  it("bounds all spots with a margin", () => {
    const box = faceViewBox(tripleVertical, 0.1);

    expect(box).toEqual({ minX: -110, minY: -330, width: 220, height: 660 });
    expect(viewBoxAttribute(box)).toBe("-110 -330 220 660");
  });
});
