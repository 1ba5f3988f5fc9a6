import { computed, reactive, ref, watch, type ComputedRef, type Ref } from "vue";

import type { Session } from "../../api/client";
import { useApi } from "../../api/inject";
import { everyPage, pageQuery } from "../../api/pages";
import { useRequest, type RequestState } from "../../composables/useRequest";
import { dayRangeBounds } from "./dateRange";
import { concurrencyLimit } from "./limiter";

export interface HistoryFilters {
  /** `date` input values ("2026-12-01"), empty for an open end. */
  from: string;
  to: string;
  status: "all" | "open" | "closed";
  range: "all" | "indoor" | "outdoor";
}

/** The archer's own score in one session, fetched row by row. */
export type OwnScore =
  | { state: "loading" }
  | { state: "scored"; total: number; max: number }
  | { state: "no-slot" }
  | { state: "failed" };

/**
 * The API cannot filter sessions by indoor/outdoor, so that filter applies to the pages already
 * loaded: a page may show fewer rows than it fetched, and "Load more" looks further back.
 */
export function byRange(sessions: readonly Session[], range: HistoryFilters["range"]): Session[] {
  return range === "all" ? [...sessions] : sessions.filter((session) => session.is_indoor === (range === "indoor"));
}

export interface SessionHistory {
  filters: HistoryFilters;
  /** The loaded sessions that pass every filter. */
  shown: ComputedRef<Session[]>;
  /** How many sessions the server sent for the current server-side filters. */
  loaded: ComputedRef<number>;
  hasMore: ComputedRef<boolean>;
  request: RequestState;
  scores: Ref<Record<string, OwnScore>>;
  loadMore(): Promise<void>;
}

/** The archer's sessions, a page at a time, with each row's own score fetched a few at a time. */
export function useSessionHistory(archerId: () => string | null, pageSize = 20): SessionHistory {
  const api = useApi();
  const filters = reactive<HistoryFilters>({ from: "", to: "", status: "all", range: "all" });
  const sessions = ref<Session[]>([]);
  const nextCursor = ref<string | null>(null);
  const request = useRequest();
  const scores = ref<Record<string, OwnScore>>({});
  const limit = concurrencyLimit(3);
  // Bumped when the server-side filters change: pages for older filters are dropped.
  let generation = 0;

  async function loadPage(cursor: string | null): Promise<void> {
    const current = ++generation;
    await request.run(async () => {
      const { data, error } = await api.GET("/api/v0/session", {
        params: {
          query: {
            ...dayRangeBounds(filters.from, filters.to),
            ...(filters.status === "all" ? {} : { is_opened: filters.status === "open" }),
            ...(cursor === null ? {} : { cursor }),
            limit: pageSize,
          },
        },
      });
      if (current !== generation) return undefined;
      if (data !== undefined) {
        sessions.value = cursor === null ? data.items : [...sessions.value, ...data.items];
        nextCursor.value = data.next_cursor;
        data.items.forEach(fetchScore);
      } else if (cursor === null) {
        // Rows of the previous filters would read as answers to the new ones.
        sessions.value = [];
        nextCursor.value = null;
      }
      return error;
    });
  }

  function fetchScore(session: Session): void {
    const known = scores.value[session.id];
    if (known !== undefined && known.state !== "failed") return;
    scores.value = { ...scores.value, [session.id]: { state: "loading" } };
    void limit(async () => {
      let score: OwnScore = { state: "failed" };
      try {
        const { data } = await everyPage((cursor) =>
          api.GET("/api/v0/session/{session_id}/slot", {
            params: { path: { session_id: session.id }, query: pageQuery(cursor) },
          }),
        );
        if (data !== undefined) {
          const mine = data.items.find((slot) => slot.archer_id === archerId());
          score =
            mine === undefined
              ? { state: "no-slot" }
              : { state: "scored", total: mine.progress.total_score, max: mine.progress.max_possible_score };
        }
      } catch {
        // Offline: the row says its score could not be read.
      }
      scores.value = { ...scores.value, [session.id]: score };
    });
  }

  watch(
    () => [filters.from, filters.to, filters.status],
    () => {
      nextCursor.value = null;
      void loadPage(null);
    },
    { immediate: true },
  );

  return {
    filters,
    shown: computed(() => byRange(sessions.value, filters.range)),
    loaded: computed(() => sessions.value.length),
    hasMore: computed(() => nextCursor.value !== null),
    request,
    scores,
    loadMore: () => loadPage(nextCursor.value),
  };
}
