import { describe, expect, it } from "vitest";

import type { HistoryTrend } from "../../api/client";
import { dayMs, trendSentence, trendVerdict, weekPoints } from "./weekly";

const trend = (slope: number | null, error: number | null, weeks = 3): HistoryTrend => ({
  weeks,
  slope_per_week: slope,
  slope_standard_error: error,
});

describe("weekPoints", () => {
  it("fills the weeks without arrows with zero volume and no mean", () => {
    const points = weekPoints({
      weeks: [
        { week_start: "2026-05-25", slots: 2, arrows_shot: 144, total_score: 1210, mean_per_arrow: 8.403 },
        { week_start: "2026-06-08", slots: 2, arrows_shot: 156, total_score: 1358, mean_per_arrow: 8.705 },
      ],
      trend: trend(null, null, 2),
    });
    expect(points.map(({ weekStart, arrows, mean, trend: line }) => [weekStart, arrows, mean, line])).toEqual([
      ["2026-05-25", 144, 8.403, null],
      ["2026-06-01", 0, null, null],
      ["2026-06-08", 156, 8.705, null],
    ]);
    expect(points[0]?.t).toBe(Date.UTC(2026, 4, 25) / 1000);
  });

  it("draws the least-squares line through the mean week and the mean of the weekly means", () => {
    // Weeks 0, 1 and 3: mean index 4/3, mean of means 8.5; the server's slope is 0.2.
    const points = weekPoints({
      weeks: [
        { week_start: "2026-01-05", slots: 1, arrows_shot: 60, total_score: 490, mean_per_arrow: 8.2 },
        { week_start: "2026-01-12", slots: 1, arrows_shot: 60, total_score: 510, mean_per_arrow: 8.5 },
        { week_start: "2026-01-26", slots: 1, arrows_shot: 60, total_score: 528, mean_per_arrow: 8.8 },
      ],
      trend: trend(0.2, 0.01),
    });
    expect(points.map((point) => point.trend)).toEqual([8.233, 8.433, 8.633, 8.833]);
    // A line fitted by least squares has residuals summing to zero over the fitted points.
    const residuals = [0, 1, 3].map((i) => (points[i]?.mean ?? 0) - (points[i]?.trend ?? 0));
    expect(residuals.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 2);
  });

  it("crosses a daylight-saving change without losing a week", () => {
    const points = weekPoints({
      weeks: [
        { week_start: "2026-03-23", slots: 1, arrows_shot: 30, total_score: 240, mean_per_arrow: 8 },
        { week_start: "2026-04-06", slots: 1, arrows_shot: 30, total_score: 270, mean_per_arrow: 9 },
      ],
      trend: trend(null, null, 2),
    });
    expect(points.map((point) => point.weekStart)).toEqual(["2026-03-23", "2026-03-30", "2026-04-06"]);
  });

  it("is empty without weeks", () => {
    expect(weekPoints({ weeks: [], trend: trend(null, null, 0) })).toEqual([]);
    expect(Number.isNaN(dayMs("soon"))).toBe(true);
  });
});

describe("the trend in words", () => {
  it("calls a slope a change only beyond twice its standard error", () => {
    expect(trendVerdict(trend(0.151, 0.038))).toBe("improving");
    expect(trendVerdict(trend(-0.1, 0.02))).toBe("declining");
    expect(trendVerdict(trend(0.05, 0.03))).toBe("steady");
    expect(trendVerdict(trend(null, null, 2))).toBe("unknown");
  });

  it("gives the figures and what they mean", () => {
    expect(trendSentence(trend(0.151, 0.038))).toBe("Improving: +0.151 ± 0.038 points per arrow a week, over 3 weeks.");
    expect(trendSentence(trend(0.05, 0.03, 8))).toBe("No clear change: +0.05 ± 0.03 points per arrow a week, over 8 weeks.");
    expect(trendSentence(trend(null, null, 2))).toBe("Not enough weeks for a trend: it needs 3 weeks with arrows (2 so far).");
  });
});
