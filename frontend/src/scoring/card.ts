// The slot's score card: stored arrows and arrows still in the offline queue, in ends.
import type { Shot } from "../api/client";
import type { PendingArrow } from "../offline/arrowQueue";
import { placeArrow, sequenceOf, type PlanPass, type Placement } from "./plan";

export interface CardArrow {
  /** The shot id once stored, else the queue key. */
  key: string;
  end_number: number;
  position: number;
  shot: Shot | null;
  queued: PendingArrow | null;
}

export interface Card {
  arrows: CardArrow[];
  /** Where the next arrow will go; null when the round is complete. */
  next: Placement | null;
}

/**
 * Whether a stored shot is the queued arrow: the live channel can bring it before the queue
 * reports it stored, and it must not be shown twice meanwhile.
 */
export function isStoredAs(queued: PendingArrow, shot: Shot): boolean {
  const arrow = queued.arrow;
  if (arrow.shot_at === undefined || Date.parse(arrow.shot_at) !== Date.parse(shot.shot_at)) return false;
  if ("value" in arrow) return !shot.is_plotted && shot.value_label === arrow.value;
  return shot.is_plotted && shot.x_mm === arrow.x_mm && shot.y_mm === arrow.y_mm;
}

const byShootingOrder = (a: { end_number: number; position: number }, b: { end_number: number; position: number }): number =>
  a.end_number - b.end_number || a.position - b.position;

/** As on a paper score sheet: highest value first, X before 10, misses last. */
export function compareHighToLow(a: Shot, b: Shot): number {
  return b.value - a.value || Number(b.is_x) - Number(a.is_x) || a.position - b.position;
}

/** Stored arrows high to low, then arrows the server has not scored yet, in shooting order. */
export function compareCardArrows(a: CardArrow, b: CardArrow): number {
  if (a.shot !== null && b.shot !== null) return compareHighToLow(a.shot, b.shot);
  if (a.shot !== null) return -1;
  if (b.shot !== null) return 1;
  return a.position - b.position;
}

/**
 * Stored shots and the queue's waiting arrows of one slot, the waiting ones placed where the
 * server will put them (after the last stored arrow, in queue order). Rejected arrows are left
 * out: they will never be stored.
 */
export function buildCard(plan: readonly PlanPass[], shots: readonly Shot[], queued: readonly PendingArrow[]): Card {
  const stored = [...shots].sort(byShootingOrder);
  const last = stored.at(-1);
  const lastSeq = last === undefined ? -1 : (sequenceOf(plan, last.end_number, last.position) ?? stored.length - 1);
  const waiting = queued.filter(
    (item) => item.state !== "rejected" && !stored.some((shot) => isStoredAs(item, shot)),
  );
  const lastEnd = last?.end_number ?? 1;
  const arrows: CardArrow[] = stored.map((shot) => ({
    key: shot.id,
    end_number: shot.end_number,
    position: shot.position,
    shot,
    queued: null,
  }));
  waiting.forEach((item, index) => {
    // Past the end of the round the server will refuse it; until then it sits in the last end.
    const placement = placeArrow(plan, lastSeq + 1 + index) ?? { end_number: lastEnd, position: Infinity };
    arrows.push({ key: item.key, end_number: placement.end_number, position: placement.position, shot: null, queued: item });
  });
  return { arrows, next: placeArrow(plan, lastSeq + 1 + waiting.length) };
}

/** The last end that has an arrow, or 0. */
export function lastEndNumber(card: Card): number {
  return card.arrows.reduce((max, arrow) => Math.max(max, arrow.end_number), 0);
}

/**
 * The end the screen is on: the last end with arrows, or the next one once that end is full and
 * the archer moved on from it (`movedOnFrom`). A full end stays in view until then.
 */
export function currentEndNumber(card: Card, movedOnFrom: number | null): number {
  const last = lastEndNumber(card);
  if (last === 0) return card.next?.end_number ?? 1;
  if (card.next === null || card.next.end_number === last) return last;
  return movedOnFrom === last ? card.next.end_number : last;
}

/** Whether the end is over: the next arrow goes to a later end, or the round is complete. */
export function isEndFull(card: Card, endNumber: number): boolean {
  return card.next === null || card.next.end_number > endNumber;
}

export interface EndRow {
  end_number: number;
  /** High to low. */
  shots: Shot[];
  total: number;
  running_total: number;
}

/** One row per end with arrows: the server's values summed per end and cumulatively. */
export function endRows(shots: readonly Shot[]): EndRow[] {
  const byEnd = new Map<number, Shot[]>();
  for (const shot of shots) byEnd.set(shot.end_number, [...(byEnd.get(shot.end_number) ?? []), shot]);
  let running = 0;
  return [...byEnd.entries()]
    .sort(([a], [b]) => a - b)
    .map(([end_number, endShots]) => {
      const total = endShots.reduce((sum, shot) => sum + shot.value, 0);
      running += total;
      return { end_number, shots: endShots.sort(compareHighToLow), total, running_total: running };
    });
}
