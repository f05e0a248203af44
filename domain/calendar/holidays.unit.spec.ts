import { HOLIDAY_POLICY, dutchPublicHolidays, holidayName, isDutchPublicHoliday, isWerkdag } from "./index";

describe("dutchPublicHolidays", () => {
  it("lists the Algemene termijnenwet holidays of 2025, sorted, Goede Vrijdag excluded", () => {
    expect(dutchPublicHolidays(2025)).toEqual([
      { date: "2025-01-01", name: "Nieuwjaarsdag" },
      { date: "2025-04-20", name: "Eerste Paasdag" },
      { date: "2025-04-21", name: "Tweede Paasdag" },
      { date: "2025-04-26", name: "Koningsdag" },
      { date: "2025-05-05", name: "Bevrijdingsdag" },
      { date: "2025-05-29", name: "Hemelvaartsdag" },
      { date: "2025-06-08", name: "Eerste Pinksterdag" },
      { date: "2025-06-09", name: "Tweede Pinksterdag" },
      { date: "2025-12-25", name: "Eerste Kerstdag" },
      { date: "2025-12-26", name: "Tweede Kerstdag" },
    ]);
  });

  it("lists the holidays of 2026", () => {
    expect(dutchPublicHolidays(2026)).toEqual([
      { date: "2026-01-01", name: "Nieuwjaarsdag" },
      { date: "2026-04-05", name: "Eerste Paasdag" },
      { date: "2026-04-06", name: "Tweede Paasdag" },
      { date: "2026-04-27", name: "Koningsdag" },
      { date: "2026-05-05", name: "Bevrijdingsdag" },
      { date: "2026-05-14", name: "Hemelvaartsdag" },
      { date: "2026-05-24", name: "Eerste Pinksterdag" },
      { date: "2026-05-25", name: "Tweede Pinksterdag" },
      { date: "2026-12-25", name: "Eerste Kerstdag" },
      { date: "2026-12-26", name: "Tweede Kerstdag" },
    ]);
  });

  it.each([2014, 2025, 2031, 2036, 2042])("moves Koningsdag to Saturday 26 April in %i (27 April is a Sunday)", (year) => {
    const koningsdag = dutchPublicHolidays(year).find((h) => h.name === "Koningsdag");
    expect(koningsdag?.date).toBe(`${year}-04-26`);
  });

  it.each([2026, 2027, 2030, 2032])("keeps Koningsdag on 27 April in %i", (year) => {
    expect(holidayName(`${year}-04-27`)).toBe("Koningsdag");
    expect(isDutchPublicHoliday(`${year}-04-26`)).toBe(false);
  });

  it("knows Koninginnedag before 2014", () => {
    expect(holidayName("2013-04-30")).toBe("Koninginnedag");
    expect(dutchPublicHolidays(2013).some((h) => h.name === "Koningsdag")).toBe(false);
  });

  it("counts Bevrijdingsdag every year, not only in lustrum years", () => {
    for (const year of [2025, 2026, 2027, 2028, 2029, 2030]) {
      expect(holidayName(`${year}-05-05`)).toBe("Bevrijdingsdag");
    }
    expect(isWerkdag("2026-05-05")).toBe(false); // a Tuesday
    expect(isWerkdag("2027-05-05")).toBe(false); // a Wednesday, not a lustrum year
  });

  it("treats the days around Easter 2025 and 2026 per the policy", () => {
    expect(isWerkdag("2025-04-17")).toBe(true); // Witte Donderdag
    expect(isWerkdag("2025-04-18")).toBe(true); // Goede Vrijdag
    expect(holidayName("2025-04-18")).toBeUndefined();
    expect(holidayName("2025-04-20")).toBe("Eerste Paasdag");
    expect(isWerkdag("2025-04-21")).toBe(false);
    expect(isWerkdag("2025-04-22")).toBe(true);
    expect(isWerkdag("2026-04-03")).toBe(true); // Goede Vrijdag
    expect(isWerkdag("2026-04-06")).toBe(false); // Tweede Paasdag
  });

  it("knows Hemelvaart and Pinksteren 2025 and 2026", () => {
    expect(holidayName("2025-05-29")).toBe("Hemelvaartsdag");
    expect(isWerkdag("2025-05-30")).toBe(true); // the Friday after is a werkdag
    expect(holidayName("2025-06-09")).toBe("Tweede Pinksterdag");
    expect(holidayName("2026-05-14")).toBe("Hemelvaartsdag");
    expect(holidayName("2026-05-24")).toBe("Eerste Pinksterdag");
    expect(holidayName("2026-05-25")).toBe("Tweede Pinksterdag");
  });

  it("returns copies that callers cannot use to change the calendar", () => {
    const list = dutchPublicHolidays(2025);
    list.pop();
    const first = list[0];
    if (first) first.date = "2025-01-02";
    expect(dutchPublicHolidays(2025)).toHaveLength(10);
    expect(isWerkdag("2025-01-02")).toBe(true);
    expect(isWerkdag("2025-01-01")).toBe(false);
  });

  it("rejects a year it cannot fully resolve and a non-integer year", () => {
    expect(() => dutchPublicHolidays(1900)).toThrow(/niet volledig bekend/);
    expect(() => dutchPublicHolidays(2025.5)).toThrow(RangeError);
  });

  it("explains the policy in Dutch", () => {
    expect(HOLIDAY_POLICY).toMatch(/Algemene termijnenwet/);
    expect(HOLIDAY_POLICY).toMatch(/Goede Vrijdag .*werkdag/);
    expect(HOLIDAY_POLICY).toMatch(/Bevrijdingsdag \(5 mei, elk jaar/);
  });
});

describe("the computed holidays agree with the date-holidays library", () => {
  // date-holidays is a devDependency: the product computes the dates itself (see holidays.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Holidays = require("date-holidays") as typeof import("date-holidays").default;
  const bron = new Holidays("NL", { timezone: "Europe/Amsterdam", languages: ["nl"] });
  const regels: Record<string, string> = { "01-01": "Nieuwjaarsdag", easter: "Eerste Paasdag", "easter 1": "Tweede Paasdag", "05-05": "Bevrijdingsdag", "easter 39": "Hemelvaartsdag", "easter 49": "Eerste Pinksterdag", "easter 50": "Tweede Pinksterdag", "12-25": "Eerste Kerstdag", "12-26": "Tweede Kerstdag" };
  const volgensBibliotheek = (year: number) =>
    bron
      .getHolidays(year)
      .map((h) => ({ date: h.date.slice(0, 10), name: regels[h.rule] ?? (h.rule.startsWith("04-27") ? "Koningsdag" : h.rule.startsWith("04-30") ? "Koninginnedag" : "") }))
      .filter((h) => h.name !== "")
      .map((h) => `${h.date} ${h.name}`)
      .sort();

  it("for every year from 1980 to 2300", () => {
    const verschillen: string[] = [];
    for (let year = 1980; year <= 2300; year++) {
      const eigen = dutchPublicHolidays(year).map((h) => `${h.date} ${h.name}`).sort();
      if (JSON.stringify(eigen) !== JSON.stringify(volgensBibliotheek(year))) verschillen.push(`${year}: ${eigen.join(", ")} ≠ ${volgensBibliotheek(year).join(", ")}`);
    }
    expect(verschillen).toEqual([]);
  });

  it("refuses years before 1980 instead of guessing", () => {
    expect(() => dutchPublicHolidays(1979)).toThrow(RangeError);
  });
});
