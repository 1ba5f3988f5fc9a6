import { describe, expect, it } from "vitest";

import type { Session } from "../../api/client";
import { byRange } from "./useSessionHistory";

function session(id: string, is_indoor: boolean): Session {
  return {
    id,
    owner_archer_id: "archer-1",
    is_opened: false,
    start_time: "2026-12-01T09:00:00Z",
    location: "Club",
    is_indoor,
    distance: 18,
    created_at: "2026-12-01T09:00:00Z",
    updated_at: "2026-12-01T09:00:00Z",
    closed_at: null,
  };
}

describe("indoor/outdoor filter on loaded pages", () => {
  const hall = session("hall", true);
  const field = session("field", false);

  it("keeps only the sessions of the chosen kind of range, in order", () => {
    expect(byRange([hall, field], "indoor")).toEqual([hall]);
    expect(byRange([hall, field], "outdoor")).toEqual([field]);
    expect(byRange([hall, field], "all")).toEqual([hall, field]);
  });
});
