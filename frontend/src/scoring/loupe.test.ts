import { describe, expect, it } from "vitest";

import { LOUPE_GAP_PX, LOUPE_MAGNIFICATION, LOUPE_SIZE_PX, loupePlacement, loupeViewBox } from "./loupe";

describe("loupeViewBox", () => {
  it("centres on the point under the finger", () => {
    const box = loupeViewBox({ x: 30, y: -40 }, 0.3);
    expect(box.minX + box.width / 2).toBeCloseTo(30, 9);
    expect(box.minY + box.height / 2).toBeCloseTo(-40, 9);
    expect(box.width).toBe(box.height);
  });

  it("magnifies the face's on-screen scale 3 to 4 times", () => {
    const pixelsPerMm = 390 / 1268.8;
    const box = loupeViewBox({ x: 0, y: 0 }, pixelsPerMm);
    const loupePixelsPerMm = LOUPE_SIZE_PX / box.width;
    expect(loupePixelsPerMm / pixelsPerMm).toBeCloseTo(LOUPE_MAGNIFICATION, 9);
    expect(LOUPE_MAGNIFICATION).toBeGreaterThanOrEqual(3);
    expect(LOUPE_MAGNIFICATION).toBeLessThanOrEqual(4);
  });

  it("shows a finger-sized patch: 128 px at 3.5x of a 390 px 122 cm face is about 119 mm", () => {
    expect(loupeViewBox({ x: 0, y: 0 }, 390 / 1268.8).width).toBeCloseTo(118.98, 2);
  });

  it("takes its size and magnification as arguments", () => {
    expect(loupeViewBox({ x: 5, y: 5 }, 2, 100, 4)).toEqual({ minX: -1.25, minY: -1.25, width: 12.5, height: 12.5 });
  });
});

describe("loupePlacement", () => {
  const viewport = { left: 0, top: 0, right: 390, bottom: 844 };

  it("sits above the finger, centred on it, clear of the fingertip", () => {
    const place = loupePlacement({ x: 200, y: 400 }, viewport);
    expect(place).toEqual({ left: 200 - LOUPE_SIZE_PX / 2, top: 400 - LOUPE_GAP_PX - LOUPE_SIZE_PX, flipped: false });
    expect(place.top + LOUPE_SIZE_PX).toBeLessThan(400);
  });

  it("flips below the finger near the top edge", () => {
    const place = loupePlacement({ x: 200, y: 100 }, viewport);
    expect(place.flipped).toBe(true);
    expect(place.top).toBe(100 + LOUPE_GAP_PX);
  });

  it("stays above exactly when there is just enough room", () => {
    const y = LOUPE_GAP_PX + LOUPE_SIZE_PX;
    expect(loupePlacement({ x: 200, y }, viewport)).toMatchObject({ top: 0, flipped: false });
    expect(loupePlacement({ x: 200, y: y - 0.5 }, viewport).flipped).toBe(true);
  });

  it("stays inside the screen at the left and right edges", () => {
    expect(loupePlacement({ x: 5, y: 500 }, viewport).left).toBe(0);
    expect(loupePlacement({ x: 388, y: 500 }, viewport).left).toBe(390 - LOUPE_SIZE_PX);
  });

  it("respects bounds that do not start at the origin", () => {
    const place = loupePlacement({ x: 110, y: 260 }, { left: 100, top: 150, right: 500, bottom: 900 });
    expect(place).toEqual({ left: 100, top: 260 + LOUPE_GAP_PX, flipped: true });
  });
});
