import {
  ZONE,
  amsterdamOffset,
  atAmsterdam,
  closingInstantOf,
  compareInstants,
  durationMs,
  endOfDayAmsterdam,
  formatInstantNl,
  isAfter,
  isBefore,
  isSameInstant,
  parseInstant,
  startOfDayAmsterdam,
  toAmsterdamDate,
  toAmsterdamIso,
  toAmsterdamTime,
  withAmsterdamDate,
} from "./index";

const utc = (d: Date): string => d.toISOString();
const HOUR = 3_600_000;

describe("instants in Europe/Amsterdam", () => {
  it("uses the Amsterdam zone", () => {
    expect(ZONE).toBe("Europe/Amsterdam");
  });

  it("reads the Amsterdam date, not the UTC or machine date", () => {
    expect(toAmsterdamDate(new Date("2025-12-31T23:30:00Z"))).toBe("2026-01-01");
    expect(toAmsterdamDate(new Date("2025-12-31T22:59:59.999Z"))).toBe("2025-12-31");
    expect(toAmsterdamDate(new Date("2025-06-30T22:30:00Z"))).toBe("2025-07-01");
    expect(toAmsterdamDate(new Date("2025-06-30T21:59:59.999Z"))).toBe("2025-06-30");
    expect(toAmsterdamTime(new Date("2025-06-30T12:00:00Z"))).toBe("14:00");
    expect(toAmsterdamTime(new Date("2025-01-30T12:00:00Z"))).toBe("13:00");
  });

  it("builds instants from Amsterdam wall-clock time", () => {
    expect(utc(atAmsterdam("2025-01-15", "14:00"))).toBe("2025-01-15T13:00:00.000Z");
    expect(utc(atAmsterdam("2025-07-15", "14:00"))).toBe("2025-07-15T12:00:00.000Z");
    expect(utc(atAmsterdam("2025-07-15", "23:59:30"))).toBe("2025-07-15T21:59:30.000Z");
    expect(utc(closingInstantOf("2025-06-02"))).toBe("2025-06-02T10:00:00.000Z");
    expect(utc(closingInstantOf("2025-01-02", "17:00"))).toBe("2025-01-02T16:00:00.000Z");
    expect(() => atAmsterdam("2025-01-15", "24:00")).toThrow(/UU:mm/);
    expect(() => atAmsterdam("2025-01-15", "9:00")).toThrow(RangeError);
    expect(() => atAmsterdam("2025-13-01", "09:00")).toThrow(RangeError);
  });

  it("gives start and end of an ordinary day", () => {
    expect(utc(startOfDayAmsterdam("2025-01-15"))).toBe("2025-01-14T23:00:00.000Z");
    expect(utc(endOfDayAmsterdam("2025-01-15"))).toBe("2025-01-15T22:59:59.999Z");
    expect(utc(endOfDayAmsterdam("2025-07-15"))).toBe("2025-07-15T21:59:59.999Z");
  });

  it("handles the spring DST change (last Sunday of March, 02:00 → 03:00)", () => {
    const start = startOfDayAmsterdam("2025-03-30");
    const end = endOfDayAmsterdam("2025-03-30");
    expect(utc(start)).toBe("2025-03-29T23:00:00.000Z");
    expect(utc(end)).toBe("2025-03-30T21:59:59.999Z");
    expect(durationMs(start, end) + 1).toBe(23 * HOUR);
    expect(amsterdamOffset(start)).toBe("+01:00");
    expect(amsterdamOffset(end)).toBe("+02:00");
    // 02:30 does not exist that night: it moves forward to 03:30 summer time.
    expect(utc(atAmsterdam("2025-03-30", "02:30"))).toBe("2025-03-30T01:30:00.000Z");
    expect(utc(atAmsterdam("2025-03-30", "03:00"))).toBe("2025-03-30T01:00:00.000Z");
  });

  it("handles the autumn DST change (last Sunday of October, 03:00 → 02:00)", () => {
    const start = startOfDayAmsterdam("2025-10-26");
    const end = endOfDayAmsterdam("2025-10-26");
    expect(utc(start)).toBe("2025-10-25T22:00:00.000Z");
    expect(utc(end)).toBe("2025-10-26T22:59:59.999Z");
    expect(durationMs(start, end) + 1).toBe(25 * HOUR);
    // 02:30 happens twice: the later (winter time, +01:00) is taken.
    expect(utc(atAmsterdam("2025-10-26", "02:30"))).toBe("2025-10-26T01:30:00.000Z");
    expect(toAmsterdamIso(new Date("2025-10-26T00:30:00Z"))).toBe("2025-10-26T02:30:00.000+02:00");
    expect(toAmsterdamIso(new Date("2025-10-26T01:30:00Z"))).toBe("2025-10-26T02:30:00.000+01:00");
  });

  it("moves an instant to another date keeping the wall clock", () => {
    const fri = atAmsterdam("2025-03-28", "14:00");
    expect(utc(withAmsterdamDate(fri, "2025-03-31"))).toBe("2025-03-31T12:00:00.000Z");
  });

  it("parses ISO-8601 only with an explicit offset", () => {
    expect(utc(parseInstant("2025-03-31T14:00+02:00"))).toBe("2025-03-31T12:00:00.000Z");
    expect(utc(parseInstant("2025-03-31T12:00:00.000Z"))).toBe("2025-03-31T12:00:00.000Z");
    expect(() => parseInstant("2025-03-31T14:00")).toThrow(/tijdzone/);
    expect(() => parseInstant("2025-03-31")).toThrow(RangeError);
    expect(() => parseInstant("2025-02-30T14:00Z")).toThrow(RangeError);
  });

  it("compares instants and measures durations", () => {
    const a = new Date("2025-01-01T00:00:00Z");
    const b = new Date("2025-01-01T00:00:01Z");
    expect(isBefore(a, b)).toBe(true);
    expect(isBefore(b, a)).toBe(false);
    expect(isAfter(b, a)).toBe(true);
    expect(isSameInstant(a, new Date("2025-01-01T01:00:00+01:00"))).toBe(true);
    expect(compareInstants(a, b)).toBeLessThan(0);
    expect(durationMs(a, b)).toBe(1000);
    expect(durationMs(b, a)).toBe(-1000);
    expect(() => durationMs(a, new Date("nonsense"))).toThrow(RangeError);
    expect(() => toAmsterdamDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("formats an instant in Dutch, Amsterdam time", () => {
    expect(formatInstantNl(new Date("2026-04-30T12:00:00Z"))).toBe("30 april 2026 om 14:00");
  });
});
