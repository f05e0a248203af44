import {
  addCalendarDays,
  addMonths,
  addYears,
  amsterdamOffset,
  atAmsterdam,
  calendarDaysTermEnd,
  durationMs,
  firstOfNextMonth,
  leadTimeStart,
  monthsBeforeEnd,
  opzeggingEarliestEnd,
  termDates,
  toAmsterdamIso,
} from "./index";

const utc = (d: Date): string => d.toISOString();
const HOUR = 3_600_000;

describe("addCalendarDays / calendarDaysTermEnd", () => {
  it("keeps 12:00 Amsterdam across the spring DST change", () => {
    const sat = atAmsterdam("2025-03-29", "12:00");
    expect(utc(sat)).toBe("2025-03-29T11:00:00.000Z");
    const sun = addCalendarDays(sat, 1);
    expect(utc(sun)).toBe("2025-03-30T10:00:00.000Z");
    expect(amsterdamOffset(sun)).toBe("+02:00");
    expect(durationMs(sat, sun)).toBe(23 * HOUR);
    expect(toAmsterdamIso(addCalendarDays(sat, 14))).toBe("2025-04-12T12:00:00.000+02:00");
  });

  it("keeps 12:00 Amsterdam across the autumn DST change", () => {
    const sat = atAmsterdam("2025-10-25", "12:00");
    const sun = addCalendarDays(sat, 1);
    expect(utc(sun)).toBe("2025-10-26T11:00:00.000Z");
    expect(amsterdamOffset(sun)).toBe("+01:00");
    expect(durationMs(sat, sun)).toBe(25 * HOUR);
    expect(toAmsterdamIso(addCalendarDays(sun, -1))).toBe("2025-10-25T12:00:00.000+02:00");
  });

  it("moves a time in the spring gap forward", () => {
    expect(toAmsterdamIso(addCalendarDays(atAmsterdam("2025-03-29", "02:30"), 1))).toBe("2025-03-30T03:30:00.000+02:00");
  });

  it("ends a term at the end of the Nth calendar day", () => {
    const sent = atAmsterdam("2025-03-25", "16:45");
    expect(toAmsterdamIso(calendarDaysTermEnd(sent, 14))).toBe("2025-04-08T23:59:59.999+02:00");
    expect(utc(calendarDaysTermEnd(sent, 14))).toBe("2025-04-08T21:59:59.999Z");
    expect(utc(calendarDaysTermEnd(new Date("2025-12-31T23:30:00Z"), 1))).toBe("2026-01-02T22:59:59.999Z");
    expect(() => addCalendarDays(sent, 0.5)).toThrow(RangeError);
  });
});

describe("addMonths / addYears", () => {
  it("clamps to the end of the month", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-08-31", 1)).toBe("2025-09-30");
    expect(addMonths("2025-03-31", -1)).toBe("2025-02-28");
    expect(addMonths("2025-01-31", 2)).toBe("2025-03-31");
    expect(addMonths("2025-11-15", 2)).toBe("2026-01-15");
    expect(addMonths("2025-11-15", 0)).toBe("2025-11-15");
  });

  it("handles 29 February", () => {
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
    expect(addYears("2025-01-01", -1)).toBe("2024-01-01");
    expect(() => addYears("2025-01-01", 1.5)).toThrow(RangeError);
  });
});

describe("monthsBeforeEnd / leadTimeStart", () => {
  it("gives the last day that leaves the full lead time", () => {
    expect(monthsBeforeEnd("2027-12-31", 3)).toBe("2027-09-30");
    expect(leadTimeStart("2027-12-31", 3)).toBe("2027-10-01");
    expect(monthsBeforeEnd("2027-06-30", 3)).toBe("2027-03-31");
    expect(leadTimeStart("2027-06-30", 3)).toBe("2027-04-01");
    expect(monthsBeforeEnd("2027-05-15", 3)).toBe("2027-02-15");
    expect(monthsBeforeEnd("2028-05-30", 3)).toBe("2028-02-28");
    expect(monthsBeforeEnd("2027-03-31", 1)).toBe("2027-02-28");
    expect(monthsBeforeEnd("2029-12-31", 6)).toBe("2029-06-30");
  });

  it("rejects a lead time below one month", () => {
    expect(() => monthsBeforeEnd("2027-12-31", 0)).toThrow(/minstens 1/);
  });
});

describe("firstOfNextMonth / opzeggingEarliestEnd", () => {
  it("takes the month of the Amsterdam date", () => {
    expect(firstOfNextMonth(atAmsterdam("2025-03-15", "12:00"))).toBe("2025-04-01");
    expect(firstOfNextMonth(atAmsterdam("2025-12-10", "12:00"))).toBe("2026-01-01");
    // 31 March 22:30 UTC is 1 April 00:30 in Amsterdam.
    expect(firstOfNextMonth(new Date("2025-03-31T22:30:00Z"))).toBe("2025-05-01");
  });

  it("gives the last day the contract runs, notice counted from the first of next month", () => {
    expect(opzeggingEarliestEnd(atAmsterdam("2025-03-15", "10:00"))).toBe("2025-04-30");
    // first day of the month
    expect(opzeggingEarliestEnd(atAmsterdam("2025-03-01", "00:00"))).toBe("2025-04-30");
    // last day of the month, late evening
    expect(opzeggingEarliestEnd(atAmsterdam("2025-03-31", "23:59"))).toBe("2025-04-30");
    expect(opzeggingEarliestEnd(atAmsterdam("2025-02-28", "23:59"))).toBe("2025-03-31");
    // just after midnight on the 1st, Amsterdam time
    expect(opzeggingEarliestEnd(new Date("2025-03-31T22:30:00Z"))).toBe("2025-05-31");
    expect(opzeggingEarliestEnd(atAmsterdam("2025-11-15", "10:00"), 3)).toBe("2026-02-28");
    expect(opzeggingEarliestEnd(atAmsterdam("2027-12-31", "10:00"), 2)).toBe("2028-02-29");
    expect(() => opzeggingEarliestEnd(atAmsterdam("2025-03-15", "10:00"), 0)).toThrow(RangeError);
  });
});

describe("termDates", () => {
  it("Ambulant: 3 + 2 + 2 + 2 + 1 years", () => {
    expect(termDates("2025-01-01", [3, 2, 2, 2, 1])).toEqual([
      { start: "2025-01-01", end: "2027-12-31" },
      { start: "2028-01-01", end: "2029-12-31" },
      { start: "2030-01-01", end: "2031-12-31" },
      { start: "2032-01-01", end: "2033-12-31" },
      { start: "2034-01-01", end: "2034-12-31" },
    ]);
  });

  it("Dagbesteding: 2 + 8 × 1 years, 10 years in all", () => {
    const terms = termDates("2025-01-01", [2, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(terms).toHaveLength(9);
    expect(terms[0]).toEqual({ start: "2025-01-01", end: "2026-12-31" });
    expect(terms[1]).toEqual({ start: "2027-01-01", end: "2027-12-31" });
    expect(terms[8]).toEqual({ start: "2034-01-01", end: "2034-12-31" });
    for (let i = 1; i < terms.length; i++) {
      const prev = terms[i - 1];
      const cur = terms[i];
      expect(prev && cur && prev.end < cur.start).toBe(true);
    }
  });

  it("works from a mid-year and a leap-day start without drift", () => {
    expect(termDates("2025-07-01", [2, 1])).toEqual([
      { start: "2025-07-01", end: "2027-06-30" },
      { start: "2027-07-01", end: "2028-06-30" },
    ]);
    expect(termDates("2024-02-29", [1, 1, 2])).toEqual([
      { start: "2024-02-29", end: "2025-02-27" },
      { start: "2025-02-28", end: "2026-02-27" },
      { start: "2026-02-28", end: "2028-02-28" },
    ]);
  });

  it("rejects bad lengths and dates", () => {
    expect(termDates("2025-01-01", [])).toEqual([]);
    expect(() => termDates("2025-01-01", [0])).toThrow(/minstens 1/);
    expect(() => termDates("2025-01-01", [1.5])).toThrow(RangeError);
    expect(() => termDates("2025-02-30", [1])).toThrow(/startdatum/);
  });
});
