import { ref, shallowRef, type Ref, type ShallowRef } from "vue";

import { useRequest, type RequestState } from "./useRequest";

export interface Confirmation<Item> {
  /** The item the dialog asks about, or null before the first question. */
  target: ShallowRef<Item | null>;
  /** Whether the dialog is open (ConfirmDialog's `v-model:open`). */
  open: Ref<boolean>;
  /** The action's busy flag and failure, for the dialog's button and alert. */
  request: RequestState;
  /** Opens the dialog about `item`, forgetting any earlier failure. */
  ask(item: Item): void;
  /** Runs the action on the target; the dialog closes once it succeeded, else shows the failure. */
  confirm(): Promise<void>;
}

/**
 * A destructive action on one item of a list (delete a bow, revoke a token) behind a
 * ConfirmDialog. `action` resolves to the failure (an openapi-fetch `error`) or undefined.
 */
export function useConfirmation<Item>(action: (item: Item) => Promise<unknown>): Confirmation<Item> {
  const target = shallowRef<Item | null>(null);
  const open = ref(false);
  const request = useRequest();

  function ask(item: Item): void {
    target.value = item;
    request.clear();
    open.value = true;
  }

  async function confirm(): Promise<void> {
    const item = target.value;
    if (item === null) return;
    if (await request.run(() => action(item))) open.value = false;
  }

  return { target, open, request, ask, confirm };
}
