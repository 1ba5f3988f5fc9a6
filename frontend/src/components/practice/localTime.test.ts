import { describe, expect, it } from "vitest";

import { dateTimeLocalToIso, offsetOf, toDateTimeLocal } from "./localTime";

describe("local date and time", () => {
  it("fills a datetime-local input to the minute", () => {
    expect(toDateTimeLocal(new Date(2026, 11, 1, 9, 5, 42))).toBe("2026-12-01T09:05");
  });

  it("sends the typed wall-clock time with the local offset", () => {
    const iso = dateTimeLocalToIso("2026-12-01T09:30");
    expect(iso).toMatch(/^2026-12-01T09:30:00[+-]\d{2}:\d{2}$/);
    // The same instant as the browser reads the local time.
    expect(Date.parse(iso!)).toBe(new Date(2026, 11, 1, 9, 30).getTime());
  });

  it("rejects what is not a local date and time", () => {
    expect(dateTimeLocalToIso("")).toBeNull();
    expect(dateTimeLocalToIso("2026-12-01")).toBeNull();
  });

  it("writes offsets east and west of Greenwich", () => {
    const at = (minutes: number) => ({ getTimezoneOffset: () => minutes }) as Date;
    expect(offsetOf(at(-60))).toBe("+01:00");
    expect(offsetOf(at(330))).toBe("-05:30");
    expect(offsetOf(at(0))).toBe("+00:00");
  });
});
