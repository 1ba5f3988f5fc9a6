import { shallowRef, watch, type ShallowRef } from "vue";

import { useRequest, type RequestState } from "../../composables/useRequest";

export interface Loaded<T> {
  /** The latest answer for the current inputs, or null before it (and after a failure). */
  data: ShallowRef<T | null>;
  request: RequestState;
  reload(): Promise<void>;
}

/**
 * One panel's data, read again whenever `key()` changes (its filters, as a string): an answer
 * to older inputs that arrives late is dropped, so a panel never shows another filter's figures.
 */
export function useLoaded<T>(key: () => string, read: () => Promise<{ data?: T | undefined; error?: unknown }>): Loaded<T> {
  const data = shallowRef<T | null>(null);
  const request = useRequest();
  let generation = 0;

  async function reload(): Promise<void> {
    const current = ++generation;
    data.value = null;
    await request.run(async () => {
      const answer = await read();
      if (current !== generation) return undefined;
      data.value = answer.data ?? null;
      return answer.error;
    });
  }

  watch(key, () => void reload(), { immediate: true });
  return { data, request, reload };
}
