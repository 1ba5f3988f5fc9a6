import { nextTick } from "vue";

/**
 * After a refused submit, moves focus to the first field the server complained about: its
 * message may be far above the button, and focus makes a screen reader read it.
 */
export async function focusFirstInvalid(form: HTMLElement | null): Promise<void> {
  await nextTick();
  const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  // Centred, because the sticky header would hide a field scrolled just to the top edge.
  field?.focus({ preventScroll: true });
  field?.scrollIntoView({ block: "center" });
}
