import { effectScope, nextTick, ref } from "vue";
import { describe, expect, it, vi } from "vitest";

import type { ArrowQueue, PendingArrow, StoredArrow } from "../offline/arrowQueue";
import { makeShot } from "./fixtures";
import { useSlotQueue } from "./slotQueue";

function fakeQueue() {
  const listeners = new Set<(stored: StoredArrow) => void>();
  const queue = {
    pending: ref<PendingArrow[]>([]),
    onStored(listener: (stored: StoredArrow) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as ArrowQueue & { pending: { value: PendingArrow[] } };
  return { queue, store: (stored: StoredArrow) => listeners.forEach((listener) => listener(stored)) };
}

const waiting = (key: string, slotId = "slot-1", state: PendingArrow["state"] = "waiting"): PendingArrow => ({
  key,
  slotId,
  arrow: { value: "9" },
  queuedAt: `2026-12-01T10:00:0${key.length}.000Z`,
  state,
  problem: null,
});

describe("useSlotQueue", () => {
  it("shows only the slot's arrows, rejected ones apart", () => {
    const { queue } = fakeQueue();
    queue.pending.value = [waiting("a"), waiting("bb", "slot-2"), waiting("ccc", "slot-1", "rejected")];
    const scope = effectScope();
    const view = scope.run(() => useSlotQueue(queue, () => "slot-1", () => undefined))!;
    expect(view.queued.value.map((item) => item.key)).toEqual(["a", "ccc"]);
    expect(view.rejected.value.map((item) => item.key)).toEqual(["ccc"]);
    scope.stop();
  });

  it("keeps an arrow drawn between leaving the queue and its stored shot arriving", async () => {
    const { queue, store } = fakeQueue();
    queue.pending.value = [waiting("a")];
    const onStored = vi.fn();
    const scope = effectScope();
    const view = scope.run(() => useSlotQueue(queue, () => "slot-1", onStored))!;

    queue.pending.value = [];
    await nextTick();
    expect(view.queued.value.map((item) => item.key)).toEqual(["a"]);

    const shot = makeShot({ end_number: 1, position: 1, value: 9 });
    store({ key: "a", slotId: "slot-1", shots: [shot], replayed: false });
    expect(onStored).toHaveBeenCalledWith([shot]);
    expect(view.queued.value).toEqual([]);
    scope.stop();
  });

  it("lets a dismissed rejected arrow go at once", async () => {
    const { queue } = fakeQueue();
    queue.pending.value = [waiting("a", "slot-1", "rejected")];
    const scope = effectScope();
    const view = scope.run(() => useSlotQueue(queue, () => "slot-1", () => undefined))!;
    queue.pending.value = [];
    await nextTick();
    expect(view.queued.value).toEqual([]);
    scope.stop();
  });

  it("ignores other slots' stored arrows", () => {
    const { queue, store } = fakeQueue();
    const onStored = vi.fn();
    const scope = effectScope();
    scope.run(() => useSlotQueue(queue, () => "slot-1", onStored));
    store({ key: "x", slotId: "slot-2", shots: [], replayed: false });
    expect(onStored).not.toHaveBeenCalled();
    scope.stop();
  });
});
