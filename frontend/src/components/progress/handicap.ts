import type { HandicapPoint } from "../../api/client";
import { dayMs } from "./weekly";

/** The progression as the chart's aligned series: completed rounds and estimates apart. */
export interface HandicapSeries {
  /** Seconds; points of one day are a minute apart, so that the axis keeps increasing. */
  t: number[];
  rounds: Array<number | null>;
  estimates: Array<number | null>;
}

export function handicapSeries(points: readonly HandicapPoint[]): HandicapSeries {
  const sorted = points
    .map((point, order) => ({ point, order, ms: dayMs(point.date) }))
    .filter(({ ms }) => !Number.isNaN(ms))
    .sort((a, b) => a.ms - b.ms || a.order - b.order);
  const series: HandicapSeries = { t: [], rounds: [], estimates: [] };
  let previous = Number.NEGATIVE_INFINITY;
  for (const { point, ms } of sorted) {
    const t = Math.max(ms / 1000, previous + 60);
    previous = t;
    series.t.push(t);
    series.rounds.push(point.is_estimate ? null : point.handicap);
    series.estimates.push(point.is_estimate ? point.handicap : null);
  }
  return series;
}

/** The best (lowest) handicap of a completed round, the latest one first among equals. */
export function bestHandicap(points: readonly HandicapPoint[]): HandicapPoint | null {
  let best: HandicapPoint | null = null;
  for (const point of points) {
    if (point.is_estimate) continue;
    if (best === null || point.handicap < best.handicap || (point.handicap === best.handicap && point.date > best.date)) {
      best = point;
    }
  }
  return best;
}

/** The progression in one sentence, for the chart's caption and screen readers. */
export function handicapSentence(points: readonly HandicapPoint[], roundName: (code: string) => string): string {
  const completed = points.filter((point) => !point.is_estimate);
  const estimates = points.length - completed.length;
  const estimateNote = estimates === 0 ? "" : ` and ${estimates} ${estimates === 1 ? "estimate" : "estimates"} from practice`;
  const best = bestHandicap(points);
  const latest = [...completed].sort((a, b) => a.date.localeCompare(b.date)).pop();
  if (best === null || latest === undefined) {
    return estimates === 0
      ? "No completed standard round yet: complete one to get a handicap."
      : `No completed standard round yet${estimateNote.replace(" and", ";")}.`;
  }
  const rounds = `${completed.length} completed ${completed.length === 1 ? "round" : "rounds"}${estimateNote}`;
  const bestRound = best.round_code === null ? "" : ` (${roundName(best.round_code)}, ${best.date})`;
  return `${rounds}. Best handicap ${best.handicap}${bestRound}; latest ${latest.handicap}. Lower is better.`;
}
