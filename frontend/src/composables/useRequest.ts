import { computed, ref, type ComputedRef, type Ref } from "vue";

import { describeError, fieldErrors } from "../api/client";

export interface RequestState {
  busy: Ref<boolean>;
  /** The last failure: a problem+json document, a thrown network error, or null. */
  failure: Ref<unknown>;
  /** The failure as one sentence for an alert, or null. */
  message: ComputedRef<string | null>;
  /** Per-field messages from the problem's `errors[]`, keyed by body field name. */
  fields: ComputedRef<Record<string, string>>;
  /**
   * Runs `action` with `busy` set. `action` resolves to the failure (`error` of an
   * openapi-fetch result, or `undefined`) or throws; either way it lands in `failure`.
   * Resolves true when the action succeeded.
   */
  run(action: () => Promise<unknown>): Promise<boolean>;
  clear(): void;
}

/** The busy flag and problem+json rendering every form and screen shares. */
export function useRequest(): RequestState {
  const busy = ref(false);
  const failure = ref<unknown>(null);
  const message = computed(() => (failure.value === null ? null : describeError(failure.value)));
  const fields = computed(() => fieldErrors(failure.value));

  async function run(action: () => Promise<unknown>): Promise<boolean> {
    busy.value = true;
    failure.value = null;
    try {
      const outcome = await action();
      if (outcome !== undefined && outcome !== null) {
        failure.value = outcome;
        return false;
      }
      return true;
    } catch (thrown) {
      failure.value = thrown;
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { busy, failure, message, fields, run, clear: () => (failure.value = null) };
}
