const pad = (value: number, width = 2): string => String(value).padStart(width, "0");

/** A `datetime-local` input's value for an instant, in the browser's time zone, to the minute. */
export function toDateTimeLocal(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "+01:00", "-05:30", "+00:00": the local offset at that instant, as RFC 3339 writes it. */
export function offsetOf(date: Date): string {
  const minutesEast = -date.getTimezoneOffset();
  const sign = minutesEast < 0 ? "-" : "+";
  const magnitude = Math.abs(minutesEast);
  return `${sign}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`;
}

/**
 * A `datetime-local` value ("2026-12-01T09:30") as an RFC 3339 instant with the archer's own
 * offset ("2026-12-01T09:30:00+01:00"), so the server keeps the wall-clock time they typed;
 * null when the value is not a valid local date and time.
 */
export function dateTimeLocalToIso(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (match === null) return null;
  const [year, month, day, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  const local = new Date(year ?? 0, (month ?? 1) - 1, day, hours, minutes, seconds);
  if (Number.isNaN(local.getTime())) return null;
  return `${toDateTimeLocal(local)}:${pad(local.getSeconds())}${offsetOf(local)}`;
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** An instant in the archer's locale and time zone. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}
