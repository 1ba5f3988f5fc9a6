import { describe, expect, it } from "vitest";

import type { Round, Slot } from "../api/client";
import {
  endCapacity,
  passOfEnd,
  placeArrow,
  progressText,
  sequenceOf,
  shootingPlan,
  totalEnds,
  type PlanPass,
} from "./plan";

const wa720: Round = {
  code: "wa720_70",
  name: "WA 70m",
  body: "world_archery",
  location: "outdoor",
  passes: [
    { distance: 70, distance_unit: "m", arrows: 36, arrows_per_end: 6, face_type: "wa_122", max_score: 360 },
    { distance: 70, distance_unit: "m", arrows: 36, arrows_per_end: 6, face_type: "wa_122", max_score: 360 },
  ],
  arrows: 72,
  max_score: 720,
};

/** A pass of 10 arrows in ends of 4: its last end holds 2. */
const uneven: PlanPass[] = [
  { face_type: "wa_80", distance: 50, distance_unit: "m", arrows: 10, arrows_per_end: 4 },
  { face_type: "wa_40", distance: 30, distance_unit: "m", arrows: 6, arrows_per_end: 3 },
];

const free: PlanPass[] = [{ face_type: "wa_40", distance: 18, distance_unit: "m", arrows: null, arrows_per_end: 3 }];

describe("shootingPlan", () => {
  const slot = {
    face_type: "wa_80",
    distance: 30,
    distance_unit: "m",
    arrows_per_end: 3,
    round_code: null,
  } as unknown as Slot;

  it("is the round's passes when the slot follows a round", () => {
    expect(shootingPlan({ ...slot, round_code: "wa720_70" }, wa720)).toHaveLength(2);
  });

  it("is one open-ended pass for free practice", () => {
    expect(shootingPlan(slot, undefined)).toEqual([
      { face_type: "wa_80", distance: 30, distance_unit: "m", arrows_per_end: 3, arrows: null },
    ]);
  });
});

describe("placeArrow", () => {
  it("numbers ends through the whole round, a new pass starting a new end", () => {
    const plan = shootingPlan({} as Slot, wa720);
    expect(placeArrow(plan, 0)).toEqual({ passIndex: 0, end_number: 1, position: 1 });
    expect(placeArrow(plan, 35)).toEqual({ passIndex: 0, end_number: 6, position: 6 });
    expect(placeArrow(plan, 36)).toEqual({ passIndex: 1, end_number: 7, position: 1 });
    expect(placeArrow(plan, 71)).toEqual({ passIndex: 1, end_number: 12, position: 6 });
    expect(placeArrow(plan, 72)).toBeNull();
  });

  it("starts the next pass after a short last end", () => {
    expect(placeArrow(uneven, 9)).toEqual({ passIndex: 0, end_number: 3, position: 2 });
    expect(placeArrow(uneven, 10)).toEqual({ passIndex: 1, end_number: 4, position: 1 });
  });

  it("never ends in free practice", () => {
    expect(placeArrow(free, 299)).toEqual({ passIndex: 0, end_number: 100, position: 3 });
  });
});

describe("sequenceOf", () => {
  it("is the inverse of placeArrow", () => {
    for (const plan of [uneven, free]) {
      for (let seq = 0; seq < 16; seq += 1) {
        const place = placeArrow(plan, seq);
        expect(place).not.toBeNull();
        if (place !== null) expect(sequenceOf(plan, place.end_number, place.position)).toBe(seq);
      }
    }
  });

  it("is null for an end outside the round", () => {
    expect(sequenceOf(uneven, 6, 1)).toBeNull();
  });
});

describe("ends", () => {
  it("knows each end's size, a pass's last end included", () => {
    expect([1, 2, 3, 4, 5].map((end) => endCapacity(uneven, end))).toEqual([4, 4, 2, 3, 3]);
    expect(endCapacity(free, 42)).toBe(3);
  });

  it("knows which pass an end belongs to", () => {
    expect([1, 3, 4, 5, 6].map((end) => passOfEnd(uneven, end))).toEqual([0, 0, 1, 1, null]);
  });

  it("counts the ends of a round, none for free practice", () => {
    expect(totalEnds(shootingPlan({} as Slot, wa720))).toBe(12);
    expect(totalEnds(uneven)).toBe(5);
    expect(totalEnds(free)).toBeNull();
  });
});

describe("progressText", () => {
  const plan = shootingPlan({} as Slot, wa720);

  it("says the end and the distance of a round", () => {
    expect(progressText(plan, 4)).toBe("End 4 of 12 · distance 1 of 2");
    expect(progressText(plan, 10)).toBe("End 10 of 12 · distance 2 of 2");
  });

  it("leaves the distance out of a one-distance round", () => {
    expect(progressText([uneven[0] as PlanPass], 2)).toBe("End 2 of 3");
  });

  it("says only the end in free practice", () => {
    expect(progressText(free, 4)).toBe("End 4");
  });
});
