import { describe, expect, it } from "vitest";

import type { SlotStatistics } from "../../api/client";
import { slotAt } from "../../scoring/fixtures";
import { buildLaneGrid, cellFigures } from "./laneGrid";

describe("lane grid", () => {
  it("puts every slot at its lane and letter, with free places empty", () => {
    const grid = buildLaneGrid([slotAt(2, "A"), slotAt(1, "C"), slotAt(1, "A")]);
    expect(grid.map((lane) => lane.lane)).toEqual([1, 2]);
    expect(grid[0]!.cells.map((cell) => [cell.letter, cell.slot?.id ?? null])).toEqual([
      ["A", "slot-1A"],
      ["B", null],
      ["C", "slot-1C"],
      ["D", null],
    ]);
  });

  it("shows the archer shooting in a place rather than the one who left it", () => {
    const left = slotAt(1, "A", { id: "left", is_active: false, left_at: "2026-12-01T10:00:00Z" });
    const shooting = slotAt(1, "A", { id: "shooting" });
    expect(buildLaneGrid([shooting, left])[0]!.cells[0]!.slot?.id).toBe("shooting");
    expect(buildLaneGrid([left, shooting])[0]!.cells[0]!.slot?.id).toBe("shooting");
  });

  it("has no lanes before anyone joins", () => {
    expect(buildLaneGrid([])).toEqual([]);
  });
});

describe("cell figures", () => {
  it("takes the running total and the last end from the live statistics", () => {
    const statistics = {
      total_score: 103,
      arrows_shot: 12,
      ends: [
        { end_number: 1, arrows: 6, total: 50, running_total: 50 },
        { end_number: 2, arrows: 6, total: 53, running_total: 103 },
      ],
    } as SlotStatistics;
    expect(cellFigures(slotAt(1, "A"), statistics)).toEqual({ total: 103, lastEnd: 53, arrows: 12 });
  });

  it("falls back on the slot's progress until statistics arrive", () => {
    const slot = slotAt(1, "A");
    slot.progress.total_score = 40;
    slot.progress.arrows_shot = 6;
    expect(cellFigures(slot, undefined)).toEqual({ total: 40, lastEnd: null, arrows: 6 });
  });
});
