// A slot's stored arrows: read page by page, kept current by the live channel and by this
// screen's own requests, and remembered for the next time the screen opens with no signal.
import { ref, type Ref } from "vue";

import type { ApiClient, Shot } from "../api/client";
import type { ShotEvent } from "../live/useLiveSession";
import { freshOrLastKnown, type Answer, type LastKnown } from "../offline/lastKnown";

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
  /** The arrows are the last known list: the server could not be reached. */
  stale: Ref<boolean>;
  /** The failure of the last read (problem document or thrown error), else null. */
  failure: Ref<unknown>;
  reload(): Promise<void>;
  upsert(changed: readonly Shot[]): void;
  remove(shotId: string): void;
  apply(event: ShotEvent): void;
}

type Change = (shots: readonly Shot[]) => Shot[];

/** Every stored arrow of a slot, page by page. */
async function readAllShots(api: ApiClient, slotId: string): Promise<Answer<Shot[]>> {
  const all: Shot[] = [];
  let cursor: string | null = null;
  do {
    const query: { limit: number; cursor?: string } = cursor === null ? { limit: 1000 } : { limit: 1000, cursor };
    const { data, error, response } = await api.GET("/api/v0/slot/{slot_id}/shot", {
      params: { path: { slot_id: slotId }, query },
    });
    if (data === undefined) return { error, status: response.status };
    all.push(...data.items);
    cursor = data.next_cursor;
  } while (cursor !== null);
  return { data: all };
}

/**
 * The slot's arrows, kept in `memory` as they change so the screen opens offline with them.
 * Changes that arrive while a read is under way (an arrow the queue just stored, an event) are
 * applied again on top of its answer, which may have been read before them.
 */
export function useSlotShots(api: ApiClient, slotId: () => string, memory: LastKnown): SlotShots {
  const shots = ref<Shot[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const stale = ref(false);
  const failure = ref<unknown>(null);
  let generation = 0;
  /** The slot the shown arrows belong to, once a read has answered. */
  let shownSlot: string | null = null;
  let meanwhile: Change[] = [];

  function show(next: Shot[]): void {
    shots.value = next;
    // While another slot's read is under way the list shown is still the previous slot's.
    if (shownSlot !== null && shownSlot === slotId()) void memory.put(`shots/${shownSlot}`, next);
  }

  function change(edit: Change): void {
    if (loading.value) meanwhile.push(edit);
    show(edit(shots.value));
  }

  async function reload(): Promise<void> {
    const mine = ++generation;
    const slot = slotId();
    loading.value = true;
    failure.value = null;
    meanwhile = [];
    const { data, error, stale: remembered } = await freshOrLastKnown(memory, `shots/${slot}`, () => readAllShots(api, slot));
    // A later reload (a reconnect's snapshot) wins over an earlier one still reading.
    if (mine !== generation) return;
    loading.value = false;
    if (data === undefined) {
      failure.value = error;
      return;
    }
    shownSlot = slot;
    stale.value = remembered;
    loaded.value = true;
    show(meanwhile.reduce<Shot[]>((list, edit) => edit(list), upsertShots([], data)));
    meanwhile = [];
  }

  return {
    shots,
    loading,
    loaded,
    stale,
    failure,
    reload,
    upsert: (changed) => change((current) => upsertShots(current, changed)),
    remove: (shotId) => change((current) => current.filter((shot) => shot.id !== shotId)),
    apply: (event) => {
      const slot = slotId();
      change((current) => applyShotEvent(current, event, slot));
    },
  };
}
