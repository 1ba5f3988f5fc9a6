// The offline arrow queue: arrows wait in IndexedDB until the server has stored them.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import { defineStore } from "pinia";
import { markRaw, ref, watch, type Ref } from "vue";

import {
  describeError,
  isProblem,
  type ApiClient,
  type PlottedArrow,
  type Problem,
  type Shot,
  type ValueArrow,
} from "../api/client";
import { useApi } from "../api/inject";
import { useAuthStore } from "../stores/auth";
import { browserOnline, browserWindow } from "./network";

export type QueuedArrow = PlottedArrow | ValueArrow;

export interface PendingArrow {
  /** The request's Idempotency-Key; also the arrow's local id until the server stores it. */
  key: string;
  slotId: string;
  /** The body's one arrow, with `shot_at` set when it was plotted. */
  arrow: QueuedArrow;
  /** When it was queued (ISO 8601): arrows are sent in this order. */
  queuedAt: string;
  /** waiting: not sent yet, or to be retried; sending: in flight; rejected: the server said no. */
  state: "waiting" | "sending" | "rejected";
  /** The server's problem when rejected (4xx other than 408/429), else null. */
  problem: Problem | null;
}

export interface StoredArrow {
  key: string;
  slotId: string;
  shots: Shot[];
  /** The server answered from its idempotency record: an earlier attempt had stored it. */
  replayed: boolean;
}

export interface ArrowQueue {
  /** Every arrow not yet stored by the server, all slots, oldest first. */
  pending: Ref<PendingArrow[]>;
  /** Keeps the arrow in IndexedDB, then tries to send it (and every older one) in order. */
  enqueue(slotId: string, arrow: QueuedArrow): Promise<PendingArrow>;
  /** Moves or re-enters an arrow that is still waiting (not sending, not stored). */
  replace(key: string, arrow: QueuedArrow): Promise<void>;
  /** Sends what is waiting, in order; stops at the first network failure or 503. */
  flush(): Promise<void>;
  /** The archer dismisses a rejected arrow, after reading the server's problem. */
  discard(key: string): Promise<void>;
  /** Called once per arrow the server stored, with the stored shots (scored by the server). */
  onStored(listener: (stored: StoredArrow) => void): () => void;
}

/** What IndexedDB keeps of an arrow: the visible part and what makes its retries safe. */
interface QueueRecord extends PendingArrow {
  /** The queueing order: unlike `queuedAt`, it cannot tie or go back with the device's clock. */
  seq: number;
  /**
   * The body once a request carried it: the server may have stored it under the key, and the
   * same key with another body is refused, so a later correction is sent as a PATCH after it.
   */
  sent: QueuedArrow | null;
}

interface QueueSchema extends DBSchema {
  arrows: { key: string; value: QueueRecord };
}

export const DEFAULT_QUEUE_DB = "quiver-offline";
/** Back-off of the retry timer after a network failure or a transient status. */
export const RETRY_MIN_MS = 1_000;
export const RETRY_MAX_MS = 30_000;
/** Statuses that say "not now" rather than "no" (408, 429, 5xx): kept and retried, in order. */
const isTransient = (status: number): boolean => status === 408 || status === 429 || status >= 500;

export interface ArrowQueueOptions {
  api: ApiClient;
  dbName?: string;
  /** False while the device has no network; nothing is attempted then. */
  isOnline?: () => boolean;
  /** Where the browser's `online` event fires (the window); null to rely on flush() and the timer. */
  events?: EventTarget | null;
}

export interface ArrowQueueHandle extends ArrowQueue {
  /** Resolves once the arrows kept by an earlier page have been read back. */
  ready: Promise<void>;
  /** Stops the timer and the listeners and closes the database. */
  dispose(): void;
}

type Outcome = "stored" | "rejected" | "retry" | "stop";

const sameArrow = (a: QueuedArrow, b: QueuedArrow): boolean => JSON.stringify(a) === JSON.stringify(b);
// IndexedDB cannot clone Vue proxies; the wire body is plain JSON anyway.
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const byQueueOrder = (a: QueueRecord, b: QueueRecord): number => a.seq - b.seq;
const visible = ({ key, slotId, arrow, queuedAt, state, problem }: QueueRecord): PendingArrow => ({
  key,
  slotId,
  arrow,
  queuedAt,
  state,
  problem,
});

/** The server's problem, or one made from a response that carried none (a proxy's error page). */
function problemOf(error: unknown, response: Response): Problem {
  if (isProblem(error)) return error;
  return {
    type: "about:blank",
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: describeError(error, response),
    instance: new URL(response.url || "/", "http://local").pathname,
    code: `http_${response.status}`,
    request_id: response.headers.get("X-Request-ID") ?? "",
  };
}

/** Seconds of a numeric `Retry-After`, in milliseconds, or 0. */
function retryAfterMs(response: Response | undefined): number {
  const seconds = Number(response?.headers.get("Retry-After") ?? "");
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

export function createArrowQueue(options: ArrowQueueOptions): ArrowQueueHandle {
  const { api } = options;
  const isOnline = options.isOnline ?? browserOnline;
  const events = options.events === undefined ? browserWindow() : options.events;
  const db: Promise<IDBPDatabase<QueueSchema>> = openDB<QueueSchema>(options.dbName ?? DEFAULT_QUEUE_DB, 1, {
    upgrade(database) {
      database.createObjectStore("arrows", { keyPath: "key" });
    },
  });

  const records = new Map<string, QueueRecord>();
  const pending = ref<PendingArrow[]>([]);
  const listeners = new Set<(stored: StoredArrow) => void>();
  let lastSeq = 0;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  // The token a 401 refused: nothing is sent with it again, only with the next sign-in's.
  let refusedToken: string | null = null;
  let rerun = false;
  let disposed = false;

  function publish(): void {
    pending.value = [...records.values()].sort(byQueueOrder).map(visible);
  }

  async function save(record: QueueRecord): Promise<void> {
    records.set(record.key, record);
    publish();
    // "sending" only lasts while this page runs; a reload finds the arrow waiting.
    const kept = { ...record, state: record.state === "sending" ? "waiting" : record.state };
    await (await db).put("arrows", plain(kept));
  }

  async function remove(key: string): Promise<void> {
    records.delete(key);
    publish();
    await (await db).delete("arrows", key);
  }

  const ready = (async () => {
    for (const record of await (await db).getAll("arrows")) {
      records.set(record.key, { ...record, state: record.state === "rejected" ? "rejected" : "waiting" });
      lastSeq = Math.max(lastSeq, record.seq);
    }
    publish();
  })();

  function emit(stored: StoredArrow): void {
    for (const listener of listeners) {
      try {
        listener(stored);
      } catch (error) {
        // One screen's bug must not stop the queue: the arrow is stored either way.
        console.error(error);
      }
    }
  }

  /** What a failed answer means for the queue; a refusal is kept with the server's problem. */
  async function settle(key: string, response: Response, error: unknown): Promise<Outcome> {
    if (response.status === 401) return "stop";
    if (isTransient(response.status)) return "retry";
    const record = records.get(key);
    if (record !== undefined) {
      await save({ ...record, state: "rejected", problem: problemOf(error, response) });
    }
    return "rejected";
  }

  /**
   * Moves a just-stored arrow to where the archer put it since the POST was first sent; the
   * POST itself must keep its first body (the key is bound to it). Resolves to the arrow as
   * stored, or to the failed answer.
   */
  async function correct(
    key: string,
    sentBody: QueuedArrow,
    shots: Shot[],
  ): Promise<Shot[] | { response: Response; error: unknown }> {
    let applied = sentBody;
    let latest = shots;
    for (;;) {
      const wanted = records.get(key)?.arrow ?? applied;
      const shot = latest[0];
      if (shot === undefined || sameArrow(wanted, applied)) return latest;
      const { data, error, response } = await api.PATCH("/api/v0/shot/{shot_id}", {
        params: { path: { shot_id: shot.id } },
        body: wanted,
      });
      if (data === undefined) return { response, error };
      latest = [data];
      applied = wanted;
    }
  }

  async function send(record: QueueRecord): Promise<{ outcome: Outcome; response?: Response }> {
    const body = record.sent ?? record.arrow;
    await save({ ...record, state: "sending", sent: body });
    try {
      const { data, error, response } = await api.POST("/api/v0/slot/{slot_id}/shot", {
        params: { path: { slot_id: record.slotId }, header: { "Idempotency-Key": record.key } },
        body: { arrows: [body] },
      });
      if (data === undefined) return { outcome: await settle(record.key, response, error), response };
      const stored = {
        key: record.key,
        slotId: record.slotId,
        replayed: response.headers.get("Idempotent-Replayed") === "true",
      };
      const corrected = await correct(record.key, body, data.items);
      if (!Array.isArray(corrected)) {
        const outcome = await settle(record.key, corrected.response, corrected.error);
        // Only the move was refused: the arrow itself is stored where it was first put.
        if (outcome === "rejected") emit({ ...stored, shots: data.items });
        return { outcome, response: corrected.response };
      }
      await remove(record.key);
      emit({ ...stored, shots: corrected });
      return { outcome: "stored" };
    } catch {
      // fetch rejects when the network is down: the request may or may not have arrived,
      // which the Idempotency-Key makes harmless.
      return { outcome: "retry" };
    } finally {
      const current = records.get(record.key);
      if (current?.state === "sending") await save({ ...current, state: "waiting" });
    }
  }

  function scheduleRetry(response: Response | undefined): void {
    failures += 1;
    const backoff = Math.min(RETRY_MIN_MS * 2 ** (failures - 1), RETRY_MAX_MS);
    retryTimer = setTimeout(() => void flush(), Math.max(backoff, retryAfterMs(response)));
  }

  async function sendWaiting(): Promise<void> {
    await ready;
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    // Offline or signed out: wait for the `online` event, the timer, or the next sign-in.
    while (!disposed && isOnline() && api.getToken() !== null && api.getToken() !== refusedToken) {
      const next = [...records.values()].sort(byQueueOrder).find((record) => record.state === "waiting");
      if (next === undefined) {
        failures = 0;
        return;
      }
      const token = api.getToken();
      const { outcome, response } = await send(next);
      if (outcome === "retry") {
        if (!disposed) scheduleRetry(response);
        return;
      }
      if (outcome === "stop") {
        refusedToken = token;
        return;
      }
      if (outcome === "stored") failures = 0;
    }
  }

  function flush(): Promise<void> {
    if (running !== null) {
      // A flush asked for during one (a new arrow, the network back) runs once more after it.
      rerun = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          rerun = false;
          await sendWaiting();
        } while (rerun && !disposed);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  async function enqueue(slotId: string, arrow: QueuedArrow): Promise<PendingArrow> {
    await ready;
    const queuedAt = new Date().toISOString();
    lastSeq += 1;
    const record: QueueRecord = {
      key: crypto.randomUUID(),
      slotId,
      // Sent later, the arrow still says when it was shot.
      arrow: plain({ ...arrow, shot_at: arrow.shot_at ?? queuedAt }),
      queuedAt,
      state: "waiting",
      problem: null,
      seq: lastSeq,
      sent: null,
    };
    await save(record);
    void flush();
    return visible(record);
  }

  async function replace(key: string, arrow: QueuedArrow): Promise<void> {
    await ready;
    const record = records.get(key);
    if (record === undefined || record.state === "rejected") {
      throw new Error(`Arrow ${key} is not waiting to be sent; change the stored shot instead.`);
    }
    // A move keeps the time the arrow was shot. While it is in flight, the new body is applied
    // by a PATCH once the POST has answered (see `correct`).
    const shotAt = arrow.shot_at ?? record.arrow.shot_at ?? record.queuedAt;
    await save({ ...record, arrow: plain({ ...arrow, shot_at: shotAt }) });
  }

  async function discard(key: string): Promise<void> {
    await ready;
    if (records.get(key)?.state === "rejected") await remove(key);
  }

  function onStored(listener: (stored: StoredArrow) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  const onOnline = (): void => void flush();
  events?.addEventListener("online", onOnline);
  void flush();

  return {
    pending,
    enqueue,
    replace,
    flush,
    discard,
    onStored,
    ready,
    dispose(): void {
      disposed = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      events?.removeEventListener("online", onOnline);
      void db.then((database) => database.close());
    },
  };
}

// One queue per app (per Pinia), shared by every screen and the header's badge.
const useArrowQueueStore = defineStore("arrowQueue", () => {
  const auth = useAuthStore();
  const queue = markRaw(createArrowQueue({ api: useApi() }));
  // A 401 stops the queue; signing in again resumes it.
  watch(
    () => auth.isSignedIn,
    (signedIn) => {
      if (signedIn) void queue.flush();
    },
  );
  return { queue };
});

export function useArrowQueue(): ArrowQueue {
  return useArrowQueueStore().queue;
}
