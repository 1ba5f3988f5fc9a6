import { describe, expect, it } from "vitest";

import type { ArrowRanking, HandicapPoint, HistoryHeatmap } from "../../api/client";
import { wa40TripleVertical } from "../../scoring/fixtures";
import { ELLIPSE_95, ellipseInWords, ellipseShape } from "./ellipse";
import { bestHandicap, handicapSentence, handicapSeries } from "./handicap";
import { densestCells, heatColour, heatRects, placeInWords, singleSpot } from "./heatmap";
import { arrowsOff, offsetDots, offsetInWords } from "./ranking";

describe("heatmap", () => {
  const heatmap: HistoryHeatmap = {
    face_type: "wa_40_triple_vertical",
    spot_count: 3,
    cell_mm: 5,
    origin_x_mm: -120,
    origin_y_mm: -120,
    columns: 48,
    rows: 48,
    plotted_arrows: 3,
    outside_grid: 0,
    max_count: 2,
    cells: [
      { column: 23, row: 22, count: 1 },
      { column: 24, row: 24, count: 2 },
    ],
  };

  it("places each cell where the contract says, y up turned to SVG's y down", () => {
    const rects = heatRects(heatmap);
    // Column 24 spans x 0..5; row 24 spans y 0..5 (up), so its SVG top edge is at -5.
    expect(rects[1]).toMatchObject({ x: 0, y: -5, size: 5, count: 2, centre: { x_mm: 2.5, y_mm: 2.5 } });
    expect(rects[0]).toMatchObject({ x: -5, y: 5, centre: { x_mm: -2.5, y_mm: -7.5 } });
  });

  it("colours on a square-root scale from dark to light", () => {
    const rects = heatRects(heatmap);
    expect(rects[1]?.fill).toBe(heatColour(1));
    expect(rects[0]?.fill).toBe(heatColour(Math.SQRT1_2));
    expect(heatColour(0)).toBe("rgb(40 11 84)");
    expect(heatColour(1)).toBe("rgb(252 255 164)");
    expect(heatColour(Number.NaN)).toBe(heatColour(0));
    expect(heatColour(7)).toBe(heatColour(1));
  });

  it("draws one spot of a multi-spot face, and lists the densest cells first", () => {
    expect(singleSpot(wa40TripleVertical).spots).toEqual([{ x_mm: 0, y_mm: 0 }]);
    expect(densestCells(heatRects(heatmap), 1).map((rect) => rect.count)).toEqual([2]);
    expect(placeInWords({ x_mm: 2.5, y_mm: -7.5 })).toBe("3 mm right, 8 mm low");
    expect(placeInWords({ x_mm: 0.2, y_mm: -0.4 })).toBe("at the centre");
  });
});

describe("group ellipse", () => {
  const ellipse = { centre_x: 24.26, centre_y: 12.06, semi_major: 29.29, semi_minor: 9.036, angle_deg: -39.459 };

  it("is drawn around the spot, y and rotation flipped for SVG", () => {
    expect(ellipseShape(ellipse, { x_mm: 0, y_mm: 0 })).toEqual({
      cx: 24.26,
      cy: -12.06,
      rx: 29.29,
      ry: 9.036,
      transform: "rotate(39.459 24.26 -12.06)",
    });
    expect(ellipseShape(ellipse, { x_mm: 0, y_mm: 220 }).cy).toBe(-232.06);
    expect(ellipseShape(ellipse, { x_mm: 0, y_mm: 0 }, ELLIPSE_95).rx).toBeCloseTo(71.69, 2);
    expect(ELLIPSE_95).toBeCloseTo(2.4477, 4);
  });

  it("says its size and lean", () => {
    expect(ellipseInWords(ellipse, "mm")).toBe("58.6 × 18.1 mm, leaning down to the right");
    expect(ellipseInWords({ ...ellipse, angle_deg: 80 }, "mm")).toContain("taller than wide");
    expect(ellipseInWords({ ...ellipse, semi_minor: 29 }, "mm")).toContain("round");
  });
});

describe("per-arrow ranking", () => {
  const arrow = (overrides: Partial<ArrowRanking>): ArrowRanking => ({
    rank: 1,
    arrow_number: 1,
    arrows_shot: 12,
    mean_score: 9,
    plotted_arrows: 12,
    offset_x_mm: 12,
    offset_y_mm: -8,
    offset_mm: 14.42,
    offset_x_mrad: 0.17,
    offset_y_mrad: -0.11,
    offset_mrad: 0.2,
    radial_sd_mm: 40,
    radial_sd_mrad: 0.57,
    ...overrides,
  });

  it("flags the arrow off the typical arrow's centre, not the good ones its pull makes look off", () => {
    // Arrow 3 lands 45 mm right: the whole group's centre moves 15 mm right, so arrows 1 and 2
    // sit 15 mm left of it, and arrow 3 30 mm right; the median centre stays with 1 and 2.
    const tight = { radial_sd_mm: 12, plotted_arrows: 20 };
    const items = [
      arrow({ arrow_number: 1, offset_x_mm: -15, offset_y_mm: 1, ...tight }),
      arrow({ arrow_number: 2, offset_x_mm: -15, offset_y_mm: -1, ...tight }),
      arrow({ arrow_number: 3, offset_x_mm: 30, offset_y_mm: 0, ...tight }),
    ];
    expect([...arrowsOff(items)]).toEqual([3]);
  });

  it("needs the distance to be beyond chance and to matter on the face", () => {
    const base = [arrow({ arrow_number: 1, offset_x_mm: 0, offset_y_mm: 0 }), arrow({ arrow_number: 2, offset_x_mm: 1, offset_y_mm: 0 })];
    // 2 × 40 / √12 = 23.1 mm of standard error; half the typical spread is 20 mm.
    expect([...arrowsOff([...base, arrow({ arrow_number: 3, offset_x_mm: 25, offset_y_mm: 0 })])]).toEqual([3]);
    expect([...arrowsOff([...base, arrow({ arrow_number: 3, offset_x_mm: 22, offset_y_mm: 0 })])]).toEqual([]);
    // Few plots: the same distance is not enough.
    expect([...arrowsOff([...base, arrow({ arrow_number: 3, offset_x_mm: 25, offset_y_mm: 0, plotted_arrows: 4 })])]).toEqual([]);
    expect([...arrowsOff([...base, arrow({ arrow_number: 3, offset_x_mm: 80, offset_y_mm: 0, plotted_arrows: 2 })])]).toEqual([]);
    // Fewer than three placed arrows: no typical centre to judge by.
    expect([...arrowsOff([base[0]!, arrow({ arrow_number: 3, offset_x_mm: 200, offset_y_mm: 0 })])]).toEqual([]);
  });

  it("says where it lands and places it around the group's centre", () => {
    expect(offsetInWords(arrow({}))).toBe("12 mm right, 8 mm low");
    expect(offsetInWords(arrow({ offset_x_mm: 0.1, offset_y_mm: 0 }))).toBe("on the group's centre");
    expect(offsetInWords(arrow({ offset_x_mm: null, offset_y_mm: null, offset_mm: null }))).toBeNull();
    const { dots, radius } = offsetDots([arrow({}), arrow({ arrow_number: 2, offset_x_mm: null, offset_y_mm: null })]);
    expect(dots).toEqual([{ arrowNumber: 1, cx: 12, cy: 8, off: false }]);
    expect(radius).toBe(20);
  });
});

describe("handicap progression", () => {
  const point = (date: string, handicap: number, is_estimate = false): HandicapPoint => ({
    date,
    session_id: "e4f4cbc7-3963-4fe1-a513-1d79d57c4751",
    slot_id: "21ac9f7e-77f9-4ded-8c5f-62f5242392f0",
    round_code: is_estimate ? null : "wa720_70",
    is_estimate,
    arrows: 72,
    score: is_estimate ? null : 600,
    handicap,
    classification: null,
  });

  it("keeps rounds and estimates in two series on one increasing time axis", () => {
    const series = handicapSeries([point("2026-06-14", 30), point("2026-06-01", 41, true), point("2026-06-14", 28)]);
    const day = Date.UTC(2026, 5, 14) / 1000;
    expect(series.t).toEqual([Date.UTC(2026, 5, 1) / 1000, day, day + 60]);
    expect(series.rounds).toEqual([null, 30, 28]);
    expect(series.estimates).toEqual([41, null, null]);
  });

  it("names the best completed round and the latest", () => {
    const points = [point("2026-05-01", 35), point("2026-06-14", 30), point("2026-06-20", 33), point("2026-06-21", 20, true)];
    expect(bestHandicap(points)?.handicap).toBe(30);
    expect(handicapSentence(points, () => "WA 720 (70m)")).toBe(
      "3 completed rounds and 1 estimate from practice. Best handicap 30 (WA 720 (70m), 2026-06-14); latest 33. Lower is better.",
    );
    expect(handicapSentence([], String)).toBe("No completed standard round yet: complete one to get a handicap.");
    expect(handicapSentence([point("2026-06-21", 20, true)], String)).toBe("No completed standard round yet; 1 estimate from practice.");
  });
});
