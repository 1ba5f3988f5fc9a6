// A slot's stored arrows: read page by page, kept current by the live channel and by this
// screen's own requests.
import { ref, type Ref } from "vue";

import type { ApiClient, Shot } from "../api/client";
import type { ShotEvent } from "../live/useLiveSession";

/** The arrows after one live event, for the events of `slotId` (by shot id: events may repeat). */
export function applyShotEvent(shots: readonly Shot[], event: ShotEvent, slotId: string): Shot[] {
  if (event.data.slot_id !== slotId) return [...shots];
  switch (event.type) {
    case "shot.created":
      return upsertShots(shots, event.data.shots);
    case "shot.updated":
      return upsertShots(shots, [event.data.shot]);
    case "shot.deleted":
      return shots.filter((shot) => shot.id !== event.data.shot_id);
  }
}

/** Adds or replaces arrows by id, keeping shooting order. */
export function upsertShots(shots: readonly Shot[], changed: readonly Shot[]): Shot[] {
  const byId = new Map(shots.map((shot) => [shot.id, shot]));
  for (const shot of changed) byId.set(shot.id, shot);
  return [...byId.values()].sort((a, b) => a.end_number - b.end_number || a.position - b.position);
}

export interface SlotShots {
  shots: Ref<Shot[]>;
  loading: Ref<boolean>;
  /** The first read has answered: later reads (a reconnect's) keep the arrows in view meanwhile. */
  loaded: Ref<boolean>;
  /** The failure of the last read (problem document or thrown error), else null. */
  failure: Ref<unknown>;
  reload(): Promise<void>;
  upsert(changed: readonly Shot[]): void;
  remove(shotId: string): void;
  apply(event: ShotEvent): void;
}

export function useSlotShots(api: ApiClient, slotId: () => string): SlotShots {
  const shots = ref<Shot[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const failure = ref<unknown>(null);
  let generation = 0;

  async function reload(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    failure.value = null;
    try {
      const all: Shot[] = [];
      let cursor: string | null = null;
      do {
        const query: { limit: number; cursor?: string } = cursor === null ? { limit: 1000 } : { limit: 1000, cursor };
        const { data, error } = await api.GET("/api/v0/slot/{slot_id}/shot", {
          params: { path: { slot_id: slotId() }, query },
        });
        if (data === undefined) throw error;
        all.push(...data.items);
        cursor = data.next_cursor;
      } while (cursor !== null);
      // A later reload (a reconnect's snapshot) wins over an earlier one still reading.
      if (mine === generation) {
        shots.value = upsertShots([], all);
        loaded.value = true;
      }
    } catch (thrown) {
      if (mine === generation) failure.value = thrown;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  return {
    shots,
    loading,
    loaded,
    failure,
    reload,
    upsert: (changed) => (shots.value = upsertShots(shots.value, changed)),
    remove: (shotId) => (shots.value = shots.value.filter((shot) => shot.id !== shotId)),
    apply: (event) => (shots.value = applyShotEvent(shots.value, event, slotId())),
  };
}
