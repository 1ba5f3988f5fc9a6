/** One page of a cursor-paged listing (listBows, listArrowSets, listSlots, ...). */
export interface Page<Item> {
  items: Item[];
  next_cursor: string | null;
}

/**
 * Every item of a paged listing: asks for the page after each `next_cursor` until the last,
 * and answers like a single request whose page holds them all (or like the first that failed).
 */
export async function everyPage<Item, Result extends { data?: Page<Item> }>(
  fetchPage: (cursor: string | undefined) => Promise<Result>,
): Promise<Result> {
  const items: Item[] = [];
  let cursor: string | undefined;
  for (;;) {
    const result = await fetchPage(cursor);
    if (result.data === undefined) return result;
    items.push(...result.data.items);
    // A reply without a cursor (an older server) is its last page too.
    const next = result.data.next_cursor ?? null;
    if (next === null) return { ...result, data: { ...result.data, items, next_cursor: null } };
    cursor = next;
  }
}

/** The query of one page: the server's default page size, after `cursor` if there is one. */
export function pageQuery(cursor: string | undefined): { cursor?: string } {
  return cursor === undefined ? {} : { cursor };
}
