import {
  addDays,
  compareDates,
  daysBetween,
  formatDateNl,
  isCalendarDate,
  isoWeekday,
  isWeekend,
  lastDayOfMonth,
} from "./index";

describe("calendar dates", () => {
  it("validates YYYY-MM-DD", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2025-2-1")).toBe(false);
    expect(isCalendarDate("2025-01-01T00:00:00Z")).toBe(false);
    expect(isCalendarDate(20250101)).toBe(false);
    expect(() => addDays("2025-02-30", 1)).toThrow(/bestaat niet/);
    expect(() => addDays("1-1-2025", 1)).toThrow(/JJJJ-MM-DD/);
  });

  it("adds days across month, year and DST boundaries", () => {
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-03-29", 2)).toBe("2025-03-31");
    expect(addDays("2025-10-25", 2)).toBe("2025-10-27");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(() => addDays("2025-01-01", 1.5)).toThrow(/geheel getal/);
  });

  it("knows weekdays and weekends", () => {
    expect(isoWeekday("2025-04-27")).toBe(7);
    expect(isoWeekday("2025-04-28")).toBe(1);
    expect(isWeekend("2025-04-26")).toBe(true);
    expect(isWeekend("2025-04-25")).toBe(false);
  });

  it("compares and measures dates", () => {
    expect(compareDates("2025-01-01", "2025-01-02")).toBeLessThan(0);
    expect(compareDates("2025-01-02", "2025-01-02")).toBe(0);
    expect(daysBetween("2025-03-29", "2025-03-31")).toBe(2);
    expect(daysBetween("2025-01-01", "2024-01-01")).toBe(-366);
  });

  it("gives the last day of a month and Dutch text", () => {
    expect(lastDayOfMonth("2024-02-10")).toBe("2024-02-29");
    expect(lastDayOfMonth("2025-02-10")).toBe("2025-02-28");
    expect(lastDayOfMonth("2025-12-01")).toBe("2025-12-31");
    expect(formatDateNl("2026-04-30")).toBe("30 april 2026");
  });
});
