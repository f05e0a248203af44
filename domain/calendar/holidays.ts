import Holidays from "date-holidays";
import { assertInteger, parseCalendarDate } from "./dates";

/**
 * Dutch public holidays for counting werkdagen.
 *
 * Policy: the "algemeen erkende feestdagen" of art. 3 Algemene termijnenwet (Atw), the list Dutch
 * government and courts use for statutory terms:
 * - Nieuwjaarsdag, Tweede Paasdag, Hemelvaartsdag, Tweede Pinksterdag, Eerste en Tweede Kerstdag;
 * - "de dag waarop de verjaardag van de Koning wordt gevierd": Koningsdag, 27 April, or 26 April
 *   when the 27th is a Sunday (Koninginnedag, 30 April, until 2013);
 * - "de vijfde mei": Bevrijdingsdag counts EVERY year. The lustrum rule (a day off only every five
 *   years) comes from collective labour agreements, not from the Atw.
 * - Eerste Paasdag and Eerste Pinksterdag are listed too; they are always Sundays.
 * Goede Vrijdag is NOT a holiday here: it is not in the Atw, and date-holidays itself marks it
 * only as a school holiday. Days the Crown may equate with a holiday for one occasion (art. 3(2)
 * Atw) are not included.
 *
 * The dates come from date-holidays (no hand-rolled Easter). We use its local-date strings
 * ("2025-04-21 00:00:00"), never its Date objects, which depend on the machine's zone. Holidays
 * are recognised by date-holidays' rule; if a library update changes a rule, the year fails
 * loudly instead of silently dropping a holiday.
 */

export interface PublicHoliday {
  /** "YYYY-MM-DD", the day in Amsterdam. */
  date: string;
  /** Dutch name. */
  name: string;
}

/** Dutch text a UI can show to explain which days are not werkdagen. */
export const HOLIDAY_POLICY =
  "Werkdagen zijn maandag tot en met vrijdag, behalve de algemeen erkende feestdagen van artikel 3 " +
  "van de Algemene termijnenwet: Nieuwjaarsdag, Tweede Paasdag, Koningsdag (27 april, of 26 april als " +
  "27 april op een zondag valt), Bevrijdingsdag (5 mei, elk jaar, niet alleen in lustrumjaren), " +
  "Hemelvaartsdag, Tweede Pinksterdag en Eerste en Tweede Kerstdag. Eerste Paasdag en Eerste " +
  "Pinksterdag vallen altijd op zondag. Goede Vrijdag is geen algemeen erkende feestdag in de zin " +
  "van de Algemene termijnenwet en telt daarom als werkdag. Dagen die eenmalig met een feestdag " +
  "zijn gelijkgesteld, zijn niet meegenomen.";

/** date-holidays rule → our Dutch name. Goede Vrijdag ("easter -2") is deliberately absent. */
const BY_RULE: ReadonlyMap<string, string> = new Map([
  ["01-01", "Nieuwjaarsdag"],
  ["easter", "Eerste Paasdag"],
  ["easter 1", "Tweede Paasdag"],
  ["05-05", "Bevrijdingsdag"],
  ["easter 39", "Hemelvaartsdag"],
  ["easter 49", "Eerste Pinksterdag"],
  ["easter 50", "Tweede Pinksterdag"],
  ["12-25", "Eerste Kerstdag"],
  ["12-26", "Tweede Kerstdag"],
]);

/** The king's or queen's day: "04-27 if sunday then previous saturday since 2014", "04-30 …". */
function royalDayName(rule: string): string | undefined {
  if (rule.startsWith("04-27")) return "Koningsdag";
  if (rule.startsWith("04-30")) return "Koninginnedag";
  return undefined;
}

const EXPECTED_PER_YEAR = BY_RULE.size + 1;

let source: Holidays | undefined;
const cache = new Map<number, readonly PublicHoliday[]>();

function compute(year: number): readonly PublicHoliday[] {
  source ??= new Holidays("NL", { timezone: "Europe/Amsterdam", languages: ["nl"] });
  const found: PublicHoliday[] = [];
  for (const h of source.getHolidays(year)) {
    const name = BY_RULE.get(h.rule) ?? royalDayName(h.rule);
    if (name === undefined) continue;
    const date = h.date.slice(0, 10);
    parseCalendarDate(date, "feestdag");
    found.push(Object.freeze({ date, name }));
  }
  const names = new Set(found.map((h) => h.name));
  if (found.length !== EXPECTED_PER_YEAR || names.size !== EXPECTED_PER_YEAR) {
    throw new RangeError(`De feestdagen van ${year} zijn niet volledig bekend; werkdagen zijn niet te berekenen.`);
  }
  found.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return Object.freeze(found);
}

function holidaysOf(year: number): readonly PublicHoliday[] {
  assertInteger(year, "Jaar");
  let list = cache.get(year);
  if (list === undefined) {
    list = compute(year);
    cache.set(year, list);
  }
  return list;
}

/** The holidays of `year` that are not werkdagen (see HOLIDAY_POLICY), sorted by date. */
export function dutchPublicHolidays(year: number): PublicHoliday[] {
  return holidaysOf(year).map((h) => ({ ...h }));
}

/** The holiday's Dutch name when `date` is one of the holidays above, otherwise undefined. */
export function holidayName(date: string): string | undefined {
  const year = parseCalendarDate(date).year;
  return holidaysOf(year).find((h) => h.date === date)?.name;
}

export function isDutchPublicHoliday(date: string): boolean {
  return holidayName(date) !== undefined;
}
