import { shallowRef, type ShallowRef } from "vue";

import { useRequest, type RequestState } from "../../composables/useRequest";

interface Named {
  id: string;
  name: string;
}

export interface CollectionApi<Item> {
  list(): Promise<{ data?: { items: Item[] }; error?: unknown }>;
  remove(id: string): Promise<{ error?: unknown }>;
}

export interface Collection<Item> {
  /** The items by name, or null until the first list arrives. */
  items: ShallowRef<Item[] | null>;
  loading: RequestState;
  load(): Promise<void>;
  /** Adds a created item or replaces an updated one. */
  put(item: Item): void;
  /** Deletes on the server, then here; resolves to the failure, or undefined. */
  remove(item: Item): Promise<unknown>;
}

export const byName = (a: Named, b: Named): number => a.name.localeCompare(b.name);

/** A list of the archer's own items (bows, arrow sets), kept in step with what the server says. */
export function useCollection<Item extends Named>(api: CollectionApi<Item>): Collection<Item> {
  const items = shallowRef<Item[] | null>(null);
  const loading = useRequest();

  async function load(): Promise<void> {
    await loading.run(async () => {
      const { data, error } = await api.list();
      // The server lists them oldest first.
      if (data !== undefined) items.value = [...data.items].sort(byName);
      return error;
    });
  }

  function put(item: Item): void {
    const others = (items.value ?? []).filter((other) => other.id !== item.id);
    items.value = [...others, item].sort(byName);
  }

  async function remove(item: Item): Promise<unknown> {
    const { error } = await api.remove(item.id);
    if (error === undefined) items.value = (items.value ?? []).filter((other) => other.id !== item.id);
    return error;
  }

  return { items, loading, load, put, remove };
}
