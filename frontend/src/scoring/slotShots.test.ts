import { describe, expect, it } from "vitest";

import type { ShotEvent } from "../live/useLiveSession";
import { makeShot } from "./fixtures";
import { applyShotEvent, upsertShots } from "./slotShots";

const statistics = {} as never;
const meta = { ts: "2026-12-01T10:00:00Z", request_id: null };

describe("applyShotEvent", () => {
  const first = makeShot({ end_number: 1, position: 1, value: 9 });
  const second = makeShot({ end_number: 1, position: 2, value: 8 });

  it("adds created arrows in shooting order, once even if the event repeats", () => {
    const event: ShotEvent = { type: "shot.created", ...meta, data: { slot_id: "slot-1", shots: [second, first], statistics } };
    const once = applyShotEvent([], event, "slot-1");
    expect(applyShotEvent(once, event, "slot-1").map((shot) => shot.id)).toEqual([first.id, second.id]);
  });

  it("replaces an updated arrow by id", () => {
    const moved = { ...first, value: 10, value_label: "10" as const };
    const event: ShotEvent = { type: "shot.updated", ...meta, data: { slot_id: "slot-1", shot: moved, statistics } };
    expect(applyShotEvent([first, second], event, "slot-1")[0]?.value).toBe(10);
  });

  it("removes a deleted arrow", () => {
    const event: ShotEvent = { type: "shot.deleted", ...meta, data: { slot_id: "slot-1", shot_id: first.id, statistics } };
    expect(applyShotEvent([first, second], event, "slot-1")).toEqual([second]);
  });

  it("ignores other archers' arrows", () => {
    const event: ShotEvent = { type: "shot.deleted", ...meta, data: { slot_id: "slot-2", shot_id: first.id, statistics } };
    expect(applyShotEvent([first], event, "slot-1")).toEqual([first]);
  });
});

describe("upsertShots", () => {
  it("sorts by end then position", () => {
    const late = makeShot({ end_number: 2, position: 1, value: 5 });
    const early = makeShot({ end_number: 1, position: 3, value: 5 });
    expect(upsertShots([late], [early]).map((shot) => shot.id)).toEqual([early.id, late.id]);
  });
});
