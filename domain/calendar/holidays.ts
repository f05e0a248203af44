import { addDays, assertInteger, isoWeekday, parseCalendarDate } from "./dates";

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
 * Computed here: Easter by the Anonymous Gregorian algorithm (Meeus/Jones/Butcher), everything else
 * a fixed date or an offset from Easter. This module is part of the workflow bundle; the library it
 * replaced (date-holidays, with moment and astronomia) made that bundle 13 MB. A unit test compares
 * these dates with date-holidays (a devDependency only) for every year from 1980 to 2300.
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

/** Years this module answers for: Koninginnedag moved to 29 April on a Sunday from 1980 on. */
const EERSTE_JAAR = 1980;

/** Easter Sunday of a Gregorian year (Meeus/Jones/Butcher), as month and day. */
export function eerstePaasdag(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

const pad = (n: number) => String(n).padStart(2, "0");
const isSunday = (year: number, month: number, day: number) => isoWeekday(`${year}-${pad(month)}-${pad(day)}`) === 7;

/** The king's day from 2014 (27 April, the 26th when the 27th is a Sunday); the queen's day before (30 April, else the 29th). */
function royalDay(year: number): PublicHoliday {
  if (year >= 2014) return { date: `${year}-04-${isSunday(year, 4, 27) ? "26" : "27"}`, name: "Koningsdag" };
  return { date: `${year}-04-${isSunday(year, 4, 30) ? "29" : "30"}`, name: "Koninginnedag" };
}

const cache = new Map<number, readonly PublicHoliday[]>();

function compute(year: number): readonly PublicHoliday[] {
  if (year < EERSTE_JAAR) throw new RangeError(`De feestdagen van ${year} zijn niet volledig bekend (alleen vanaf ${EERSTE_JAAR}); werkdagen zijn niet te berekenen.`);
  const pasen = eerstePaasdag(year);
  const naPasen = (days: number) => addDays(`${year}-${pad(pasen.month)}-${pad(pasen.day)}`, days);
  const found: PublicHoliday[] = [
    { date: `${year}-01-01`, name: "Nieuwjaarsdag" },
    { date: naPasen(0), name: "Eerste Paasdag" },
    { date: naPasen(1), name: "Tweede Paasdag" },
    royalDay(year),
    { date: `${year}-05-05`, name: "Bevrijdingsdag" },
    { date: naPasen(39), name: "Hemelvaartsdag" },
    { date: naPasen(49), name: "Eerste Pinksterdag" },
    { date: naPasen(50), name: "Tweede Pinksterdag" },
    { date: `${year}-12-25`, name: "Eerste Kerstdag" },
    { date: `${year}-12-26`, name: "Tweede Kerstdag" },
  ];
  for (const h of found) parseCalendarDate(h.date, "feestdag");
  // Hemelvaart can fall on 5 May, Koningsdag never on another holiday: sorted by date, names kept apart.
  found.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.name.localeCompare(b.name)));
  return Object.freeze(found.map((h) => Object.freeze(h)));
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
