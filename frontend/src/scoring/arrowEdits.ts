// Moving, re-entering and deleting an arrow: a stored one through the API, one still in the
// offline queue through the queue (it is sent with its latest body).
import { onScopeDispose, ref, type Ref } from "vue";

import type { ApiClient, ArrowValue, Shot } from "../api/client";
import { useRequest } from "../composables/useRequest";
import type { ArrowQueue, QueuedArrow } from "../offline/arrowQueue";
import type { CardArrow } from "./card";
import type { FacePoint } from "./coordinates";

/** Arrow-key nudges come in bursts: one request once the archer pauses. */
export const MOVE_COMMIT_DELAY_MS = 500;

export interface ArrowEditsOptions {
  api: ApiClient;
  queue: ArrowQueue;
  /** The arrow as the card has it now (a queued arrow may have been stored meanwhile). */
  find(key: string): CardArrow | undefined;
  stored(shot: Shot): void;
  deleted(shotId: string): void;
  /** Called after every change the server accepted (the statistics changed). */
  changed(): void;
}

export interface ArrowEdits {
  /** Where arrows were moved to while the move is being committed, by card key. */
  overrides: Ref<Record<string, FacePoint>>;
  busy: Ref<boolean>;
  /** The last refusal (problem document or thrown error), else null. */
  failure: Ref<unknown>;
  move(key: string, to: FacePoint, delayMs?: number): void;
  setValue(key: string, value: ArrowValue): Promise<boolean>;
  remove(key: string): Promise<boolean>;
}

const keepShotAt = (arrow: CardArrow, body: QueuedArrow): QueuedArrow => {
  const shotAt = arrow.queued?.arrow.shot_at;
  return shotAt === undefined ? body : { ...body, shot_at: shotAt };
};

export function useArrowEdits(options: ArrowEditsOptions): ArrowEdits {
  const { api, queue } = options;
  const overrides = ref<Record<string, FacePoint>>({});
  const request = useRequest();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  onScopeDispose(() => timers.forEach((timer) => clearTimeout(timer)));

  function dropOverride(key: string, committed: FacePoint): void {
    // A later move made meanwhile stays until its own commit.
    const current = overrides.value[key];
    if (current?.x_mm !== committed.x_mm || current.y_mm !== committed.y_mm) return;
    const { [key]: _dropped, ...rest } = overrides.value;
    overrides.value = rest;
  }

  /** Sends `body` for the arrow; resolves true when it was accepted. */
  async function change(key: string, body: QueuedArrow): Promise<boolean> {
    const arrow = options.find(key);
    if (arrow === undefined) return false;
    return request.run(async () => {
      if (arrow.shot === null) {
        await queue.replace(arrow.key, keepShotAt(arrow, body));
        return undefined;
      }
      const { data, error } = await api.PATCH("/api/v0/shot/{shot_id}", {
        params: { path: { shot_id: arrow.shot.id } },
        body,
      });
      if (data !== undefined) {
        options.stored(data);
        options.changed();
      }
      return error;
    });
  }

  function move(key: string, to: FacePoint, delayMs = MOVE_COMMIT_DELAY_MS): void {
    overrides.value = { ...overrides.value, [key]: to };
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        void change(key, { x_mm: to.x_mm, y_mm: to.y_mm }).then(() => dropOverride(key, to));
      }, delayMs),
    );
  }

  async function remove(key: string): Promise<boolean> {
    const shot = options.find(key)?.shot;
    if (shot === null || shot === undefined) return false;
    return request.run(async () => {
      const { error, response } = await api.DELETE("/api/v0/shot/{shot_id}", { params: { path: { shot_id: shot.id } } });
      if (response.ok) {
        options.deleted(shot.id);
        options.changed();
      }
      return error;
    });
  }

  return {
    overrides,
    busy: request.busy,
    failure: request.failure,
    move,
    setValue: (key, value) => change(key, { value }),
    remove,
  };
}
