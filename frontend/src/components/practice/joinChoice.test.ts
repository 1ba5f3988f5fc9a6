import { describe, expect, it } from "vitest";

import { emptyJoinChoice, idempotencyKeys, joinBody } from "./joinChoice";

describe("join body", () => {
  it("asks for a round before joining with one", () => {
    expect(joinBody(emptyJoinChoice())).toEqual({ missing: "Choose a round, or switch to free practice." });
  });

  it("sends only the round and the equipment chosen", () => {
    const choice = { ...emptyJoinChoice(), round_code: "wa720_70" };
    choice.equipment = { arrow_set_id: "set-1", bow_id: null };
    expect(joinBody(choice)).toEqual({ round_code: "wa720_70", arrow_set_id: "set-1" });
  });

  it("sends the free practice's face, distance and end size", () => {
    const choice = { ...emptyJoinChoice(), mode: "free" as const };
    expect(joinBody(choice)).toEqual({ missing: "Enter the distance you shoot at." });
    choice.free = { face_type: "wa_40", distance: 20, distance_unit: "yd", arrows_per_end: 3 };
    expect(joinBody(choice)).toEqual({ face_type: "wa_40", distance: 20, distance_unit: "yd", arrows_per_end: 3 });
  });
});

describe("idempotency keys", () => {
  it("reuses the key for the same body and makes a new one for another", () => {
    let next = 0;
    const keyFor = idempotencyKeys(() => `key-${++next}`);
    expect(keyFor({ location: "Club" })).toBe("key-1");
    expect(keyFor({ location: "Club" })).toBe("key-1");
    expect(keyFor({ location: "Hall" })).toBe("key-2");
  });
});
