import type { Schemas, Slot, SlotStatistics } from "../../api/client";

export type SlotLetter = Schemas["SlotLetter"];

/** The places on every target butt, left to right. */
export const LETTERS: readonly SlotLetter[] = ["A", "B", "C", "D"];

export interface BoardCell {
  letter: SlotLetter;
  /** The archer shooting there, or the last one who left it; null when nobody has been there. */
  slot: Slot | null;
}

export interface BoardLane {
  lane: number;
  cells: BoardCell[];
}

/**
 * Lanes × letters A–D from a session's slots, lanes in order. A place freed by an archer who
 * left can be taken by another: the active slot wins, else the latest to have left is shown.
 */
export function buildLaneGrid(slots: readonly Slot[]): BoardLane[] {
  const byPlace = new Map<string, Slot>();
  for (const slot of slots) {
    const key = `${slot.lane}${slot.letter}`;
    const known = byPlace.get(key);
    if (known === undefined || precedes(known, slot)) byPlace.set(key, slot);
  }
  const lanes = [...new Set(slots.map((slot) => slot.lane))].sort((a, b) => a - b);
  return lanes.map((lane) => ({
    lane,
    cells: LETTERS.map((letter) => ({ letter, slot: byPlace.get(`${lane}${letter}`) ?? null })),
  }));
}

/** Whether `candidate` should be shown instead of `known` in the same place. */
function precedes(known: Slot, candidate: Slot): boolean {
  if (known.is_active !== candidate.is_active) return candidate.is_active;
  return (candidate.left_at ?? "") > (known.left_at ?? "");
}

export interface CellFigures {
  total: number;
  /** The latest end's total; null before the first arrow. */
  lastEnd: number | null;
  arrows: number;
}

/** What a board cell shows: the live statistics when they came, else the slot's own progress. */
export function cellFigures(slot: Slot, statistics: SlotStatistics | undefined): CellFigures {
  if (statistics === undefined) {
    return { total: slot.progress.total_score, lastEnd: null, arrows: slot.progress.arrows_shot };
  }
  return {
    total: statistics.total_score,
    lastEnd: statistics.ends.at(-1)?.total ?? null,
    arrows: statistics.arrows_shot,
  };
}
