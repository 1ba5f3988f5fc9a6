import { describe, expect, it } from "vitest";

import { changedFields } from "./changes";

describe("changedFields", () => {
  it("keeps only what differs", () => {
    expect(changedFields({ a: 1, b: "x", c: null }, { a: 1, b: "y", c: null })).toEqual({ b: "y" });
  });
});
