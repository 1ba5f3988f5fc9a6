// The offline queue as one slot's screen sees it.
import { computed, onScopeDispose, ref, watch, type ComputedRef } from "vue";

import type { Shot } from "../api/client";
import type { ArrowQueue, PendingArrow } from "../offline/arrowQueue";

/** How long an arrow the queue let go of stays drawn while its stored shot is on the way. */
const HANDOVER_MS = 10_000;

export interface SlotQueue {
  /** Arrows of the slot not stored yet (rejected ones included), oldest first. */
  queued: ComputedRef<PendingArrow[]>;
  rejected: ComputedRef<PendingArrow[]>;
}

/**
 * The slot's queued arrows, and the stored shots handed to `onStored`. The queue drops an arrow
 * a moment before it reports the stored shot; the arrow is kept drawn in between so it does not
 * blink out and back.
 */
export function useSlotQueue(queue: ArrowQueue, slotId: () => string, onStored: (shots: Shot[]) => void): SlotQueue {
  const handingOver = ref<PendingArrow[]>([]);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const mine = computed(() => queue.pending.value.filter((item) => item.slotId === slotId()));

  function release(key: string): void {
    clearTimeout(timers.get(key));
    timers.delete(key);
    handingOver.value = handingOver.value.filter((item) => item.key !== key);
  }

  watch(mine, (now, before) => {
    const gone = before.filter((item) => item.state !== "rejected" && !now.some((kept) => kept.key === item.key));
    for (const item of gone) {
      handingOver.value = [...handingOver.value, item];
      timers.set(
        item.key,
        setTimeout(() => release(item.key), HANDOVER_MS),
      );
    }
  });

  const stopListening = queue.onStored((stored) => {
    if (stored.slotId !== slotId()) return;
    onStored(stored.shots);
    release(stored.key);
  });
  onScopeDispose(() => {
    stopListening();
    timers.forEach((timer) => clearTimeout(timer));
  });

  const queued = computed(() =>
    [...handingOver.value, ...mine.value].sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0)),
  );
  const rejected = computed(() => mine.value.filter((item) => item.state === "rejected"));
  return { queued, rejected };
}
