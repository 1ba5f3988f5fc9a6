import { describe, expect, it } from "vitest";

import type { PendingArrow } from "../offline/arrowQueue";
import {
  buildCard,
  compareCardArrows,
  compareHighToLow,
  currentEndNumber,
  endRows,
  isEndFull,
  isStoredAs,
  lastEndNumber,
} from "./card";
import { makeShot } from "./fixtures";
import type { PlanPass } from "./plan";

const plan: PlanPass[] = [{ face_type: "wa_122", distance: 70, distance_unit: "m", arrows: 12, arrows_per_end: 6 }];
const free: PlanPass[] = [{ face_type: "wa_122", distance: 70, distance_unit: "m", arrows: null, arrows_per_end: 3 }];

function queued(key: string, fields: Partial<PendingArrow> = {}): PendingArrow {
  return {
    key,
    slotId: "slot-1",
    arrow: { x_mm: 1, y_mm: 2, shot_at: "2026-12-01T10:05:00.000Z" },
    queuedAt: `2026-12-01T10:05:00.00${key.length}Z`,
    state: "waiting",
    problem: null,
    ...fields,
  };
}

describe("compareHighToLow", () => {
  it("sorts an end as on a paper score sheet: X before 10, misses last", () => {
    const shots = [
      makeShot({ end_number: 1, position: 1, value: 9 }),
      makeShot({ end_number: 1, position: 2, value: 0 }),
      makeShot({ end_number: 1, position: 3, value: 10 }),
      makeShot({ end_number: 1, position: 4, value: 10, is_x: true, value_label: "X" }),
      makeShot({ end_number: 1, position: 5, value: 7 }),
      makeShot({ end_number: 1, position: 6, value: 10 }),
    ];
    expect(shots.sort(compareHighToLow).map((shot) => `${shot.value_label}@${shot.position}`)).toEqual([
      "X@4",
      "10@3",
      "10@6",
      "9@1",
      "7@5",
      "M@2",
    ]);
  });
});

describe("endRows", () => {
  it("groups by end with the server's values summed per end and running", () => {
    const rows = endRows([
      makeShot({ end_number: 2, position: 1, value: 5 }),
      makeShot({ end_number: 1, position: 1, value: 8 }),
      makeShot({ end_number: 1, position: 2, value: 10 }),
      makeShot({ end_number: 2, position: 2, value: 0 }),
      makeShot({ end_number: 4, position: 1, value: 9 }),
    ]);
    expect(rows.map(({ end_number, total, running_total }) => [end_number, total, running_total])).toEqual([
      [1, 18, 18],
      [2, 5, 23],
      [4, 9, 32],
    ]);
    expect(rows[0]?.shots.map((shot) => shot.value)).toEqual([10, 8]);
  });

  it("is empty without arrows", () => {
    expect(endRows([])).toEqual([]);
  });
});

describe("buildCard", () => {
  it("places waiting arrows after the last stored one, across ends", () => {
    const stored = [1, 2, 3, 4, 5].map((position) => makeShot({ end_number: 1, position, value: 9 }));
    const card = buildCard(plan, stored, [queued("a"), queued("bb")]);
    expect(card.arrows.filter((arrow) => arrow.shot === null).map(({ end_number, position }) => [end_number, position])).toEqual([
      [1, 6],
      [2, 1],
    ]);
    expect(card.next).toEqual({ passIndex: 0, end_number: 2, position: 2 });
  });

  it("leaves rejected arrows out: the server will never store them", () => {
    const card = buildCard(plan, [], [queued("a", { state: "rejected" }), queued("bb")]);
    expect(card.arrows.map((arrow) => arrow.key)).toEqual(["bb"]);
  });

  it("does not show an arrow twice when the live channel brings it before the queue lets go", () => {
    const shot = makeShot({ end_number: 1, position: 1, value: 9, x_mm: 1, y_mm: 2, shot_at: "2026-12-01T10:05:00+00:00" });
    const card = buildCard(plan, [shot], [queued("a")]);
    expect(card.arrows.map((arrow) => arrow.key)).toEqual([shot.id]);
  });

  it("knows the round is over after its last arrow", () => {
    const stored = Array.from({ length: 12 }, (_, i) => makeShot({ end_number: Math.floor(i / 6) + 1, position: (i % 6) + 1, value: 5 }));
    expect(buildCard(plan, stored, []).next).toBeNull();
  });
});

describe("isStoredAs", () => {
  it("matches a value arrow by its value and time", () => {
    const item = queued("a", { arrow: { value: "X", shot_at: "2026-12-01T10:05:00.000Z" } });
    const shot = makeShot({ end_number: 1, position: 1, value: 10, value_label: "X", is_x: true, is_plotted: false, shot_at: "2026-12-01T10:05:00Z" });
    expect(isStoredAs(item, shot)).toBe(true);
    expect(isStoredAs(item, { ...shot, shot_at: "2026-12-01T10:05:01Z" })).toBe(false);
  });
});

describe("the current end", () => {
  const full = [1, 2, 3].map((position) => makeShot({ end_number: 1, position, value: 8 }));

  it("is end 1 before any arrow", () => {
    const card = buildCard(free, [], []);
    expect(lastEndNumber(card)).toBe(0);
    expect(currentEndNumber(card, null)).toBe(1);
    expect(isEndFull(card, 1)).toBe(false);
  });

  it("keeps a full end in view until the archer moves on", () => {
    const card = buildCard(free, full, []);
    expect(currentEndNumber(card, null)).toBe(1);
    expect(isEndFull(card, 1)).toBe(true);
    expect(currentEndNumber(card, 1)).toBe(2);
    expect(isEndFull(card, 2)).toBe(false);
  });

  it("follows the arrows once the next end has one", () => {
    const card = buildCard(free, full, [queued("a")]);
    expect(currentEndNumber(card, null)).toBe(2);
  });

  it("stays on the last end of a complete round", () => {
    const stored = Array.from({ length: 12 }, (_, i) => makeShot({ end_number: Math.floor(i / 6) + 1, position: (i % 6) + 1, value: 5 }));
    const card = buildCard(plan, stored, []);
    expect(currentEndNumber(card, 2)).toBe(2);
    expect(isEndFull(card, 2)).toBe(true);
  });

  it("lists stored arrows high to low and pending ones after them", () => {
    const card = buildCard(free, [makeShot({ end_number: 1, position: 1, value: 6 }), makeShot({ end_number: 1, position: 2, value: 9 })], [queued("a")]);
    expect([...card.arrows].sort(compareCardArrows).map((arrow) => arrow.shot?.value ?? "pending")).toEqual([9, 6, "pending"]);
  });
});
