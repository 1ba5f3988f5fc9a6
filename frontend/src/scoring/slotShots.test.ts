import { flushPromises } from "@vue/test-utils";
import { describe, expect, it } from "vitest";

import { createApiClient } from "../api/client";
import type { ShotEvent } from "../live/useLiveSession";
import type { LastKnown } from "../offline/lastKnown";
import { makeShot } from "./fixtures";
import { applyShotEvent, upsertShots, useSlotShots } from "./slotShots";

const statistics = {} as never;
const meta = { ts: "2026-12-01T10:00:00Z", event_id: "5f0c7a1e-1d2b-4c3d-8e4f-000000000001" };

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

/** A LastKnown in a Map (JSON copies, as IndexedDB keeps them), for tests that only need it to keep and give back. */
function mapMemory(): LastKnown & { kept: Map<string, unknown> } {
  const kept = new Map<string, unknown>();
  return {
    kept,
    get: async (key) => kept.get(key) as never,
    put: async (key, value) => void kept.set(key, JSON.parse(JSON.stringify(value))),
    remove: async (key) => void kept.delete(key),
    forget: async () => kept.clear(),
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("useSlotShots", () => {
  const first = makeShot({ end_number: 1, position: 1, value: 9 });
  const second = makeShot({ end_number: 1, position: 2, value: 8 });
  const third = makeShot({ end_number: 1, position: 3, value: 7 });

  it("opens with the last known arrows when the server cannot be reached, then reads them again", async () => {
    let reply: () => Promise<Response> = async () => json({ items: [first], next_cursor: null });
    const api = createApiClient({ baseUrl: "http://quiver.test", fetch: () => reply() });
    const memory = mapMemory();
    const slotShots = useSlotShots(api, () => "slot-1", memory);

    await slotShots.reload();
    slotShots.upsert([second]);
    await flushPromises();
    expect(memory.kept.get("shots/slot-1")).toEqual([first, second]);

    reply = () => Promise.reject(new TypeError("Failed to fetch"));
    const reopened = useSlotShots(api, () => "slot-1", memory);
    await reopened.reload();
    expect(reopened.shots.value).toEqual([first, second]);
    expect(reopened.stale.value).toBe(true);
    expect(reopened.failure.value).toBeNull();

    reply = async () => json({ items: [first, second, third], next_cursor: null });
    await reopened.reload();
    expect(reopened.shots.value).toEqual([first, second, third]);
    expect(reopened.stale.value).toBe(false);
  });

  it("shows the failure when nothing was kept", async () => {
    const api = createApiClient({ baseUrl: "http://quiver.test", fetch: () => Promise.reject(new TypeError("Failed to fetch")) });
    const slotShots = useSlotShots(api, () => "slot-1", mapMemory());
    await slotShots.reload();
    expect(slotShots.failure.value).toBeInstanceOf(TypeError);
    expect(slotShots.loaded.value).toBe(false);
  });

  it("keeps an arrow stored while a read was under way that answered without it", async () => {
    let answer: (response: Response) => void = () => undefined;
    const api = createApiClient({
      baseUrl: "http://quiver.test",
      fetch: () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    const slotShots = useSlotShots(api, () => "slot-1", mapMemory());
    const reading = slotShots.reload();
    await flushPromises();
    // The queue stores an arrow and another is deleted by an event, while the list was read.
    slotShots.upsert([third]);
    slotShots.apply({ type: "shot.deleted", ...meta, data: { slot_id: "slot-1", shot_id: first.id, statistics } });
    answer(json({ items: [first, second], next_cursor: null }));
    await reading;
    expect(slotShots.shots.value).toEqual([second, third]);
  });
});
