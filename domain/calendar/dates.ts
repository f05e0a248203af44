import { DateTime } from "luxon";

/**
 * Calendar dates: a day without a time, written "YYYY-MM-DD", always meant as that day in
 * Europe/Amsterdam. Arithmetic on them is zone-free (done in UTC internally), so DST never
 * shifts a date. Invalid input is a programming error and throws a RangeError (Dutch text).
 */

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Parses a calendar date into a zone-free Luxon value for arithmetic; throws when invalid. */
export function parseCalendarDate(date: string, label = "datum"): DateTime<true> {
  if (typeof date !== "string" || !DATE_PATTERN.test(date)) {
    throw new RangeError(`Ongeldige ${label} "${String(date)}": verwacht JJJJ-MM-DD.`);
  }
  const dt = DateTime.fromISO(date, { zone: "utc" });
  if (!dt.isValid) {
    throw new RangeError(`Ongeldige ${label} "${date}": deze dag bestaat niet.`);
  }
  return dt;
}

/** Formats a zone-free Luxon value (from parseCalendarDate) back to "YYYY-MM-DD". */
export function formatCalendarDate(dt: DateTime<true>): string {
  return dt.toFormat("yyyy-MM-dd");
}

export function assertInteger(n: number, label: string): void {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`${label} moet een geheel getal zijn, niet ${String(n)}.`);
  }
}

/** True when `s` is an existing calendar date written "YYYY-MM-DD". */
export function isCalendarDate(s: unknown): s is string {
  return typeof s === "string" && DATE_PATTERN.test(s) && DateTime.fromISO(s, { zone: "utc" }).isValid;
}

/** `n` calendar days after `date` (before, when negative). */
export function addDays(date: string, n: number): string {
  assertInteger(n, "Aantal dagen");
  return formatCalendarDate(parseCalendarDate(date).plus({ days: n }));
}

/** ISO weekday: 1 = maandag … 7 = zondag. */
export function isoWeekday(date: string): number {
  return parseCalendarDate(date).weekday;
}

export function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 6;
}

/** Negative when a is earlier than b, 0 when equal, positive when later (validates both). */
export function compareDates(a: string, b: string): number {
  parseCalendarDate(a);
  parseCalendarDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Number of calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(parseCalendarDate(to).diff(parseCalendarDate(from), "days").days);
}

/** Last day of the month of `date`. */
export function lastDayOfMonth(date: string): string {
  return formatCalendarDate(parseCalendarDate(date).endOf("month"));
}

/** Dutch text for letters and screens, e.g. "30 april 2026". */
export function formatDateNl(date: string): string {
  return parseCalendarDate(date).setLocale("nl").toFormat("d MMMM yyyy");
}
