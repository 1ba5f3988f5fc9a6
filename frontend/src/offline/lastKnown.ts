// The last good answers the app read, kept in IndexedDB so screens open with no signal. The
// service worker never caches /api (scores come from the server, now), so the app keeps its own
// copy, per archer: another archer signing in on the same phone never sees it.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import { defineStore } from "pinia";
import { markRaw, watch } from "vue";

import type { Face, Round, Session, Shot, Slot, SlotStatistics } from "../api/client";
import { useAuthStore } from "../stores/auth";

/** What is kept, by key: answers of the API as they came, wire types only. */
export interface LastKnownEntries {
  faces: Face[];
  rounds: Round[];
  [session: `session/${string}`]: { session: Session; slots: Slot[] };
  [shots: `shots/${string}`]: Shot[];
  [statistics: `statistics/${string}`]: SlotStatistics;
}

export type LastKnownKey = keyof LastKnownEntries & string;

export interface LastKnown {
  /** The archer's last known answer for `key`, or undefined (none, signed out, no IndexedDB). */
  get<K extends LastKnownKey>(key: K): Promise<LastKnownEntries[K] | undefined>;
  put<K extends LastKnownKey>(key: K, value: LastKnownEntries[K]): Promise<void>;
  remove(key: LastKnownKey): Promise<void>;
  /** Forgets everything kept for one archer. */
  forget(archerId: string): Promise<void>;
}

export interface LastKnownHandle extends LastKnown {
  dispose(): void;
}

interface KeptAnswer {
  archerId: string;
  key: string;
  value: unknown;
  savedAt: string;
}

interface LastKnownSchema extends DBSchema {
  answers: { key: [string, string]; value: KeptAnswer };
}

export const DEFAULT_LAST_KNOWN_DB = "quiver-last-known";

// IndexedDB cannot clone Vue proxies; the answers are plain JSON anyway.
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export interface LastKnownOptions {
  /** The signed-in archer, or null: nothing is kept or read for nobody. */
  archerId: () => string | null;
  dbName?: string;
}

/**
 * Remembering is a convenience: without IndexedDB (a private window, a full disk) the app just
 * remembers nothing, so every failure here reads as "nothing kept".
 */
export function createLastKnown(options: LastKnownOptions): LastKnownHandle {
  let db: Promise<IDBPDatabase<LastKnownSchema>> | null = null;
  const open = (): Promise<IDBPDatabase<LastKnownSchema>> =>
    (db ??= openDB<LastKnownSchema>(options.dbName ?? DEFAULT_LAST_KNOWN_DB, 1, {
      upgrade(database) {
        database.createObjectStore("answers", { keyPath: ["archerId", "key"] });
      },
    }));

  async function attempt<T>(action: (database: IDBPDatabase<LastKnownSchema>, archerId: string) => Promise<T>): Promise<T | undefined> {
    const archerId = options.archerId();
    if (archerId === null) return undefined;
    try {
      return await action(await open(), archerId);
    } catch {
      return undefined;
    }
  }

  return {
    async get<K extends LastKnownKey>(key: K) {
      const kept = await attempt((database, archerId) => database.get("answers", [archerId, key]));
      return kept?.value as LastKnownEntries[K] | undefined;
    },
    async put(key, value) {
      await attempt((database, archerId) =>
        database.put("answers", { archerId, key, value: plain(value), savedAt: new Date().toISOString() }),
      );
    },
    async remove(key) {
      await attempt((database, archerId) => database.delete("answers", [archerId, key]));
    },
    async forget(archerId) {
      try {
        // Every [archerId, key]: arrays sort after strings, so [archerId, []] bounds them all.
        await (await open()).delete("answers", IDBKeyRange.bound([archerId], [archerId, []]));
      } catch {
        // Nothing could be kept either.
      }
    },
    dispose(): void {
      void db?.then((database) => database.close()).catch(() => undefined);
    },
  };
}

/** Failures that say "the server could not be reached", not "the server said no". */
export function isUnreachable(failure: unknown, status?: number): boolean {
  if (status === 502 || status === 503 || status === 504) return true;
  return (
    failure instanceof TypeError ||
    // AbortSignal.timeout(): one bar of signal is no signal.
    (failure instanceof DOMException && (failure.name === "TimeoutError" || failure.name === "AbortError"))
  );
}

/** A read from the API: the data, or the failure with the response's status when there was one. */
export interface Answer<T> {
  data?: T | undefined;
  error?: unknown;
  status?: number | undefined;
}

export interface Recalled<T> {
  /** The fresh answer, or the last known one when the server could not be reached. */
  data: T | undefined;
  /** The failure when no data could be given, or the network failure behind a remembered answer. */
  error: unknown;
  /** The data is the last known answer, not the server's current one. */
  stale: boolean;
  /** The server could not be reached (with or without a remembered answer). */
  unreachable: boolean;
}

/**
 * Reads fresh data and remembers it; when the server cannot be reached, answers what was last
 * known. A refusal (403, 404, 410) is never masked by memory, and the remembered copy goes.
 */
export async function freshOrLastKnown<K extends LastKnownKey>(
  memory: LastKnown,
  key: K,
  read: () => Promise<Answer<LastKnownEntries[K]>>,
): Promise<Recalled<LastKnownEntries[K]>> {
  let answer: Answer<LastKnownEntries[K]>;
  try {
    answer = await read();
  } catch (thrown) {
    answer = { error: thrown };
  }
  if (answer.data !== undefined) {
    await memory.put(key, answer.data);
    return { data: answer.data, error: undefined, stale: false, unreachable: false };
  }
  if (isUnreachable(answer.error, answer.status)) {
    const known = await memory.get(key);
    return { data: known, error: answer.error, stale: known !== undefined, unreachable: true };
  }
  if (answer.status === 403 || answer.status === 404 || answer.status === 410) await memory.remove(key);
  return { data: undefined, error: answer.error, stale: false, unreachable: false };
}

// One memory per app, for the signed-in archer; signing out forgets what it kept.
const useLastKnownStore = defineStore("lastKnown", () => {
  const auth = useAuthStore();
  const memory = markRaw(createLastKnown({ archerId: () => auth.archerId }));
  watch(
    () => auth.archerId,
    (now, before) => {
      if (before !== null && now === null) void memory.forget(before);
    },
  );
  return { memory };
});

export function useLastKnown(): LastKnown {
  return useLastKnownStore().memory;
}
