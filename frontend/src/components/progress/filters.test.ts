import { describe, expect, it } from "vitest";

import { activeFilterCount, filtersFromRoute, historyQuery, NO_FILTERS, parseDistance, routeQuery, type ProgressFilters } from "./filters";

const BOW = "0b8f4a54-8a55-4c4e-9c4f-5a4c1b5d7e10";
const ARROWS = "21ac9f7e-77f9-4ded-8c5f-62f5242392f0";

const every: ProgressFilters = {
  from: "2026-11-01",
  to: "2026-11-30",
  round: "wa720_70",
  face: "wa_122",
  distance: "70",
  unit: "m",
  range: "outdoor",
  bow: BOW,
  arrowSet: ARROWS,
};

describe("progress filters", () => {
  it("send nothing when nothing is chosen", () => {
    expect(historyQuery(NO_FILTERS)).toEqual({});
    expect(routeQuery(NO_FILTERS)).toEqual({});
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
  });

  it("become the contract's History* query parameters", () => {
    expect(historyQuery(every)).toEqual({
      start_from: new Date(2026, 10, 1).toISOString(),
      start_to: new Date(2026, 11, 1).toISOString(),
      round_code: "wa720_70",
      face_type: "wa_122",
      distance: 70,
      distance_unit: "m",
      is_indoor: false,
      bow_id: BOW,
      arrow_set_id: ARROWS,
    });
    expect(historyQuery({ ...NO_FILTERS, range: "indoor", distance: "20", unit: "yd" })).toEqual({
      is_indoor: true,
      distance: 20,
      distance_unit: "yd",
    });
    expect(activeFilterCount(every)).toBe(7);
  });

  it("survive a round trip through the page URL", () => {
    const query = routeQuery(every);
    expect(query).toEqual({
      from: "2026-11-01",
      to: "2026-11-30",
      round: "wa720_70",
      face: "wa_122",
      distance: "70",
      range: "outdoor",
      bow: BOW,
      arrow_set: ARROWS,
    });
    expect(filtersFromRoute(query as Record<string, string>)).toEqual(every);
    const yards = { ...NO_FILTERS, distance: "60", unit: "yd" as const };
    expect(filtersFromRoute(routeQuery(yards) as Record<string, string>)).toEqual(yards);
  });

  it("drop malformed values from a hand-edited URL", () => {
    expect(
      filtersFromRoute({
        from: "yesterday",
        round: "WA 720; drop",
        face: ["wa_80", "wa_122"],
        distance: "-3",
        unit: "furlong",
        range: "field",
        bow: "not-a-uuid",
        arrow_set: null,
      }),
    ).toEqual({ ...NO_FILTERS, face: "wa_80" });
  });

  it("read distances within the contract's bounds, with a decimal comma", () => {
    expect(parseDistance("18,5")).toBe(18.5);
    expect(parseDistance(" 70 ")).toBe(70);
    expect(parseDistance("0.5")).toBeNull();
    expect(parseDistance("151")).toBeNull();
    expect(parseDistance("")).toBeNull();
    expect(parseDistance("seventy")).toBeNull();
  });
});
