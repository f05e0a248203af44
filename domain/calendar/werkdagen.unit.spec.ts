import {
  addWerkdagen,
  addWerkdagenToDate,
  amsterdamOffset,
  atAmsterdam,
  countWerkdagen,
  extendToWerkdag,
  isWerkdag,
  nextWerkdag,
  previousWerkdag,
  toAmsterdamIso,
  werkdagenTermEnd,
} from "./index";

const utc = (d: Date): string => d.toISOString();

describe("isWerkdag", () => {
  it("excludes weekends and holidays", () => {
    expect(isWerkdag("2025-03-14")).toBe(true); // Friday
    expect(isWerkdag("2025-03-15")).toBe(false); // Saturday
    expect(isWerkdag("2025-03-16")).toBe(false); // Sunday
    expect(isWerkdag("2025-12-25")).toBe(false);
    expect(isWerkdag("2025-12-26")).toBe(false);
    expect(isWerkdag("2026-01-01")).toBe(false);
    expect(isWerkdag("2025-12-31")).toBe(true); // Oudejaarsdag is a werkdag
  });
});

describe("addWerkdagenToDate / next / previous", () => {
  it("skips weekends", () => {
    expect(addWerkdagenToDate("2025-03-14", 1)).toBe("2025-03-17");
    expect(addWerkdagenToDate("2025-03-15", 1)).toBe("2025-03-17"); // event on Saturday
    expect(addWerkdagenToDate("2025-03-14", 10)).toBe("2025-03-28");
    expect(addWerkdagenToDate("2025-03-14", 0)).toBe("2025-03-14");
    expect(addWerkdagenToDate("2025-03-15", 0)).toBe("2025-03-15");
  });

  it("skips Easter 2025 but not Goede Vrijdag", () => {
    expect(addWerkdagenToDate("2025-04-17", 1)).toBe("2025-04-18");
    expect(addWerkdagenToDate("2025-04-17", 2)).toBe("2025-04-22");
    expect(addWerkdagenToDate("2026-04-02", 2)).toBe("2026-04-07");
  });

  it("skips Koningsdag, Bevrijdingsdag, Hemelvaart and Pinksteren", () => {
    expect(nextWerkdag("2026-04-24")).toBe("2026-04-28"); // Koningsdag Monday 27 April 2026
    expect(nextWerkdag("2025-05-02")).toBe("2025-05-06"); // Bevrijdingsdag Monday 5 May 2025
    expect(nextWerkdag("2025-05-28")).toBe("2025-05-30"); // Hemelvaart Thursday 29 May 2025
    expect(nextWerkdag("2025-06-06")).toBe("2025-06-10"); // Tweede Pinksterdag 9 June 2025
    expect(nextWerkdag("2026-05-22")).toBe("2026-05-26"); // Tweede Pinksterdag 25 May 2026
  });

  it("crosses Christmas and New Year", () => {
    expect(nextWerkdag("2025-12-24")).toBe("2025-12-29");
    expect(nextWerkdag("2025-12-31")).toBe("2026-01-02");
    expect(addWerkdagenToDate("2025-12-24", 5)).toBe("2026-01-05");
    expect(previousWerkdag("2026-01-02")).toBe("2025-12-31");
    expect(addWerkdagenToDate("2025-12-29", -1)).toBe("2025-12-24");
    expect(addWerkdagenToDate("2026-01-05", -5)).toBe("2025-12-24");
  });

  it("rejects bad input", () => {
    expect(() => addWerkdagenToDate("2025-03-14", 1.5)).toThrow(/geheel getal/);
    expect(() => addWerkdagenToDate("2025-02-30", 1)).toThrow(RangeError);
  });
});

describe("extendToWerkdag (art. 1 Algemene termijnenwet)", () => {
  it("keeps a werkdag and moves weekend days and holidays forward", () => {
    expect(extendToWerkdag("2025-03-14")).toBe("2025-03-14");
    expect(extendToWerkdag("2025-03-15")).toBe("2025-03-17");
    expect(extendToWerkdag("2025-12-25")).toBe("2025-12-29");
    expect(extendToWerkdag("2025-04-26")).toBe("2025-04-28"); // Koningsdag on Saturday
  });
});

describe("addWerkdagen (wall clock kept) and werkdagenTermEnd (end of day)", () => {
  it("Friday 14:00 plus 10 werkdagen", () => {
    const sent = atAmsterdam("2025-03-14", "14:00");
    expect(toAmsterdamIso(addWerkdagen(sent, 10))).toBe("2025-03-28T14:00:00.000+01:00");
    expect(toAmsterdamIso(werkdagenTermEnd(sent, 10))).toBe("2025-03-28T23:59:59.999+01:00");
    expect(utc(werkdagenTermEnd(sent, 10))).toBe("2025-03-28T22:59:59.999Z");
  });

  it("crosses the spring DST change keeping 12:00 Amsterdam", () => {
    const fri = atAmsterdam("2025-03-28", "12:00");
    expect(amsterdamOffset(fri)).toBe("+01:00");
    const mon = addWerkdagen(fri, 1);
    expect(utc(mon)).toBe("2025-03-31T10:00:00.000Z");
    expect(amsterdamOffset(mon)).toBe("+02:00");
    expect(utc(werkdagenTermEnd(fri, 1))).toBe("2025-03-31T21:59:59.999Z");
  });

  it("crosses the autumn DST change keeping 12:00 Amsterdam", () => {
    const fri = atAmsterdam("2025-10-24", "12:00");
    const mon = addWerkdagen(fri, 1);
    expect(utc(mon)).toBe("2025-10-27T11:00:00.000Z");
    expect(amsterdamOffset(mon)).toBe("+01:00");
  });

  it("counts from the Amsterdam day, whatever the UTC date", () => {
    // Friday 23:30 UTC is Saturday 00:30 in Amsterdam: the event day is Saturday.
    const late = new Date("2025-03-14T23:30:00Z");
    expect(toAmsterdamIso(addWerkdagen(late, 1))).toBe("2025-03-17T00:30:00.000+01:00");
    expect(utc(werkdagenTermEnd(late, 1))).toBe("2025-03-17T22:59:59.999Z");
  });

  it("crosses a holiday and the year boundary", () => {
    const wed = atAmsterdam("2025-12-24", "09:15");
    expect(toAmsterdamIso(addWerkdagen(wed, 4))).toBe("2026-01-02T09:15:00.000+01:00");
    expect(toAmsterdamIso(addWerkdagen(atAmsterdam("2025-05-02", "16:00"), 1))).toBe("2025-05-06T16:00:00.000+02:00");
  });
});

describe("countWerkdagen", () => {
  it("counts the werkdagen in (from, to]", () => {
    expect(countWerkdagen("2025-12-24", "2026-01-05")).toBe(5);
    expect(countWerkdagen("2026-01-05", "2025-12-24")).toBe(-5);
    expect(countWerkdagen("2025-03-14", "2025-03-14")).toBe(0);
    expect(countWerkdagen("2025-03-14", "2025-03-16")).toBe(0);
    expect(countWerkdagen("2025-03-14", "2025-03-28")).toBe(10);
  });
});
