export interface StartBounds {
  start_from?: string;
  start_to?: string;
}

/** Local midnight at the start of a `date` input's day ("2026-12-01"), or null when it is not a date. */
function localMidnight(day: string, addDays = 0): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return null;
  const [year, month, date] = match.slice(1).map(Number);
  // The Date constructor rolls day 32 over into the next month, and follows DST changes.
  const midnight = new Date(year ?? 0, (month ?? 1) - 1, (date ?? 1) + addDays);
  return Number.isNaN(midnight.getTime()) ? null : midnight;
}

/**
 * The listSessions bounds for a range of whole local days, both ends included: `start_from` is
 * the first day's local midnight and `start_to` (exclusive on the server) the midnight after
 * the last day. Empty or invalid inputs leave that end open.
 */
export function dayRangeBounds(from: string, to: string): StartBounds {
  const start = localMidnight(from);
  const end = localMidnight(to, 1);
  return {
    ...(start === null ? {} : { start_from: start.toISOString() }),
    ...(end === null ? {} : { start_to: end.toISOString() }),
  };
}
