import type { HistorySummary, HistoryTrend } from "../../api/client";

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** A `date` ("2026-06-08") as the UTC midnight it names, in ms; NaN when it is not one. */
export function dayMs(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return Number.NaN;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** One week of the chart: weeks without arrows are there too, with zero volume and no mean. */
export interface WeekPoint {
  weekStart: string;
  /** The week's Monday (UTC midnight of its date), in seconds, for the chart's time axis. */
  t: number;
  arrows: number;
  mean: number | null;
  /** The trend line's value this week; null without a trend. */
  trend: number | null;
}

/**
 * The summary's weeks from the first to the last, the empty ones filled in, with the trend
 * line. The server fits ordinary least squares with one point per week holding arrows, so its
 * line passes through the mean week and the mean of the weekly means; only the slope is sent.
 */
export function weekPoints(summary: Pick<HistorySummary, "weeks" | "trend">): WeekPoint[] {
  const weeks = summary.weeks.map((week) => ({ ...week, ms: dayMs(week.week_start) })).filter((week) => !Number.isNaN(week.ms));
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  if (first === undefined || last === undefined) return [];
  const slope = summary.trend.slope_per_week;
  const index = (ms: number): number => Math.round((ms - first.ms) / WEEK_MS);
  const meanIndex = weeks.reduce((sum, week) => sum + index(week.ms), 0) / weeks.length;
  const meanOfMeans = weeks.reduce((sum, week) => sum + week.mean_per_arrow, 0) / weeks.length;
  const byIndex = new Map(weeks.map((week) => [index(week.ms), week]));
  const points: WeekPoint[] = [];
  for (let i = 0; i <= index(last.ms); i++) {
    const week = byIndex.get(i);
    const ms = first.ms + i * WEEK_MS;
    points.push({
      weekStart: week?.week_start ?? new Date(ms).toISOString().slice(0, 10),
      t: ms / 1000,
      arrows: week?.arrows_shot ?? 0,
      mean: week?.mean_per_arrow ?? null,
      trend: slope === null ? null : round3(meanOfMeans + slope * (i - meanIndex)),
    });
  }
  return points;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export type TrendVerdict = "improving" | "declining" | "steady" | "unknown";

/**
 * What the trend says: a slope at least twice its standard error from zero (about 95 %
 * confidence) is a change; a smaller one is no clear change either way.
 */
export function trendVerdict(trend: HistoryTrend): TrendVerdict {
  const { slope_per_week: slope, slope_standard_error: error } = trend;
  if (slope === null || error === null) return "unknown";
  if (Math.abs(slope) <= 2 * error) return "steady";
  return slope > 0 ? "improving" : "declining";
}

const signed = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3, signDisplay: "exceptZero" });
const plain = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });

/** The trend in one sentence, for the chart's caption and screen readers. */
export function trendSentence(trend: HistoryTrend): string {
  const { slope_per_week: slope, slope_standard_error: error } = trend;
  if (slope === null || error === null) {
    return `Not enough weeks for a trend: it needs 3 weeks with arrows (${trend.weeks} so far).`;
  }
  const figures = `${signed.format(slope)} ± ${plain.format(error)} points per arrow a week, over ${trend.weeks} weeks`;
  switch (trendVerdict(trend)) {
    case "improving":
      return `Improving: ${figures}.`;
    case "declining":
      return `Declining: ${figures}.`;
    default:
      return `No clear change: ${figures}.`;
  }
}

/** The archer's own time zone, so that weeks start on their Monday, not London's. */
export function localTimeZone(): string | undefined {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone === "" ? undefined : zone;
  } catch {
    return undefined;
  }
}
