import { describe, expect, it } from "vitest";

import type { Round } from "../../api/client";
import { describePass, distanceInMetres, filterRounds, passGroups, roundMatches, toggled } from "./roundSearch";

function round(code: string, name: string, extra: Partial<Round> = {}): Round {
  return {
    code,
    name,
    body: "world_archery",
    location: "outdoor",
    passes: [{ distance: 70, distance_unit: "m", arrows: 36, arrows_per_end: 6, face_type: "wa_122", max_score: 360 }],
    arrows: 72,
    max_score: 720,
    ...extra,
  };
}

const wa720 = round("wa720_70", "WA 70m");
const wa18 = round("wa18", "WA 18m", {
  location: "indoor",
  passes: [{ distance: 18, distance_unit: "m", arrows: 30, arrows_per_end: 3, face_type: "wa_40", max_score: 300 }],
});
const york = round("york", "York", {
  body: "archery_gb",
  passes: [{ distance: 100, distance_unit: "yd", arrows: 72, arrows_per_end: 6, face_type: "imperial_122", max_score: 648 }],
});
const catalogue = [wa720, wa18, york];

describe("round search", () => {
  it("finds the WA 720 rounds by the number in their code", () => {
    expect(filterRounds(catalogue, { query: "720", bodies: [], locations: [] })).toEqual([wa720]);
  });

  it("needs every word, in any order, ignoring case", () => {
    expect(roundMatches(wa720, "70 WA")).toBe(true);
    expect(roundMatches(wa720, "wa york")).toBe(false);
  });

  it("matches distances written with or without a space, and the body's name", () => {
    expect(roundMatches(wa18, "18m")).toBe(true);
    expect(roundMatches(york, "100 yd")).toBe(true);
    expect(roundMatches(york, "archery gb")).toBe(true);
  });

  it("keeps every round for an empty query", () => {
    expect(filterRounds(catalogue, { query: "  ", bodies: [], locations: [] })).toEqual(catalogue);
  });

  it("combines chips of one kind with OR and kinds with AND", () => {
    expect(filterRounds(catalogue, { query: "", bodies: ["archery_gb", "world_archery"], locations: ["indoor"] })).toEqual([
      wa18,
    ]);
    expect(filterRounds(catalogue, { query: "", bodies: ["archery_gb"], locations: [] })).toEqual([york]);
  });

  it("toggles a chip on and off", () => {
    expect(toggled(["indoor"], "field")).toEqual(["indoor", "field"]);
    expect(toggled(["indoor", "field"], "indoor")).toEqual(["field"]);
  });
});

describe("pass description", () => {
  it("names the distance, arrows, end size and face", () => {
    const pass = york.passes[0]!;
    expect(describePass({ pass, times: 1 }, () => "122 cm imperial")).toBe("100 yd · 72 arrows, ends of 6 · 122 cm imperial");
  });

  it("folds identical passes in a row into one line", () => {
    const seventy = wa720.passes[0]!;
    const fifty = { ...seventy, distance: 50 };
    expect(passGroups([seventy, { ...seventy }, fifty, seventy])).toEqual([
      { pass: seventy, times: 2 },
      { pass: fifty, times: 1 },
      { pass: seventy, times: 1 },
    ]);
    expect(describePass({ pass: seventy, times: 2 }, () => "122 cm")).toBe("70 m · 2 × 36 arrows, ends of 6 · 122 cm");
  });

  it("converts yards to metres for the session distance", () => {
    expect(distanceInMetres(100, "yd")).toBe(91.4);
    expect(distanceInMetres(70, "m")).toBe(70);
  });
});
