import { describe, expect, it } from "vitest";

import { arrowAt, arrowName } from "./faceArrows";

const arrows = [
  { id: "a", x_mm: 0, y_mm: 0, label: "X" },
  { id: "b", x_mm: 30, y_mm: 0, label: "10" },
  { id: "c", x_mm: 0, y_mm: 12, label: "9", muted: true },
];

describe("arrowAt", () => {
  it("grabs the nearest arrow within the radius", () => {
    expect(arrowAt(arrows, { x_mm: 18, y_mm: 0 }, 20)?.id).toBe("b");
    expect(arrowAt(arrows, { x_mm: 12, y_mm: 0 }, 20)?.id).toBe("a");
  });

  it("grabs nothing farther than the radius, so a close arrow can still be plotted", () => {
    expect(arrowAt(arrows, { x_mm: 15, y_mm: 15 }, 20)).toBeNull();
  });

  it("never grabs an arrow of another end", () => {
    expect(arrowAt(arrows, { x_mm: 0, y_mm: 13 }, 5)).toBeNull();
  });
});

describe("arrowName", () => {
  it("numbers the arrow and says its value, or that it is pending", () => {
    expect(arrowName({ id: "a", x_mm: 0, y_mm: 0, label: "9" }, 2)).toBe("Arrow 3: 9");
    expect(arrowName({ id: "a", x_mm: 0, y_mm: 0, label: "…", pending: true, number: 5 }, 0)).toBe("Arrow 5: pending");
  });
});
