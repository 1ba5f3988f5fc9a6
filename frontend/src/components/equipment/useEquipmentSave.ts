import { changedFields } from "../../composables/changes";
import { useFormRequest, type FormRequestState } from "../../composables/useFormRequest";
import { useIdempotencyKey } from "./idempotency";

/** An openapi-fetch answer, as far as saving needs it. */
interface Answer<Item> {
  data?: Item;
  error?: unknown;
}

export interface EquipmentSaveOptions<Item, Body extends object> {
  /** The item being edited, or undefined while adding one. */
  item(): Item | undefined;
  /** The body fields the form shows next to their inputs; the alert names the others. */
  shownFields: readonly string[];
  /** The request body as the form holds it now. */
  body(): Body;
  /** The item's body before the edit: the PATCH sends only what differs from it. */
  bodyOf(item: Item): Body;
  create(body: Body, idempotencyKey: string): Promise<Answer<Item>>;
  update(item: Item, changes: Partial<Body>): Promise<Answer<Item>>;
  /** Called once the server has saved the item. */
  saved(item: Item | undefined): void;
}

export interface EquipmentSave {
  request: FormRequestState;
  /** Creates or updates the item; resolves false when the server refused (see `request`). */
  save(): Promise<boolean>;
}

/** Saving a bow or an arrow set: a create that is safe to retry, or a PATCH of what changed. */
export function useEquipmentSave<Item, Body extends object>(options: EquipmentSaveOptions<Item, Body>): EquipmentSave {
  const request = useFormRequest(options.shownFields);
  const idempotency = useIdempotencyKey();

  async function save(): Promise<boolean> {
    const body = options.body();
    const item = options.item();
    let saved: Item | undefined;
    const ok = await request.run(async () => {
      const { data, error } =
        item === undefined
          ? await options.create(body, idempotency.keyFor(body))
          : await options.update(item, changedFields(options.bodyOf(item), body));
      saved = data;
      return error;
    });
    if (ok) options.saved(saved);
    return ok;
  }

  return { request, save };
}
