import { describe, expect, it } from "vitest";

import { everyPage, pageQuery, type Page } from "./pages";

type Reply = { data?: Page<number>; error?: string };

function pagedServer(pages: Record<string, Page<number>>) {
  const asked: (string | undefined)[] = [];
  const fetchPage = (cursor: string | undefined): Promise<Reply> => {
    asked.push(cursor);
    const page = pages[cursor ?? "first"];
    return Promise.resolve(page === undefined ? { error: "invalid_cursor" } : { data: page });
  };
  return { asked, fetchPage };
}

describe("everyPage", () => {
  it("follows next_cursor to the last page and answers with every item in order", async () => {
    const server = pagedServer({
      first: { items: [1, 2], next_cursor: "c2" },
      c2: { items: [3, 4], next_cursor: "c3" },
      c3: { items: [5], next_cursor: null },
    });
    const result = await everyPage(server.fetchPage);
    expect(result.data).toEqual({ items: [1, 2, 3, 4, 5], next_cursor: null });
    expect(server.asked).toEqual([undefined, "c2", "c3"]);
  });

  it("answers with the failure of the first page that fails", async () => {
    const server = pagedServer({ first: { items: [1], next_cursor: "gone" } });
    const result = await everyPage(server.fetchPage);
    expect(result).toEqual({ error: "invalid_cursor" });
  });

  it("stops at a reply without a cursor, as an older server sends", async () => {
    const reply = { data: { items: [7] } as unknown as Page<number> };
    const result = await everyPage(() => Promise.resolve(reply));
    expect(result.data?.items).toEqual([7]);
  });
});

describe("pageQuery", () => {
  it("asks for the first page without a cursor and for the next one with it", () => {
    expect(pageQuery(undefined)).toEqual({});
    expect(pageQuery("c2")).toEqual({ cursor: "c2" });
  });
});
