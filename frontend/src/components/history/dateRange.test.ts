import { describe, expect, it } from "vitest";

import { dayRangeBounds } from "./dateRange";

describe("date range bounds", () => {
  it("starts at the first day's local midnight and ends at the midnight after the last day", () => {
    expect(dayRangeBounds("2026-11-01", "2026-11-30")).toEqual({
      start_from: new Date(2026, 10, 1).toISOString(),
      start_to: new Date(2026, 11, 1).toISOString(),
    });
  });

  it("includes the whole of a single day", () => {
    const { start_from, start_to } = dayRangeBounds("2026-12-31", "2026-12-31");
    expect(start_from).toBe(new Date(2026, 11, 31).toISOString());
    expect(start_to).toBe(new Date(2027, 0, 1).toISOString());
  });

  it("leaves an empty or invalid end open", () => {
    expect(dayRangeBounds("", "")).toEqual({});
    expect(dayRangeBounds("2026-11-01", "")).toEqual({ start_from: new Date(2026, 10, 1).toISOString() });
    expect(dayRangeBounds("yesterday", "2026-11-30")).toEqual({ start_to: new Date(2026, 11, 1).toISOString() });
  });
});
