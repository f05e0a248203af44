import { addDays, assertInteger, isWeekend, parseCalendarDate } from "./dates";
import { isDutchPublicHoliday } from "./holidays";
import { endOfDayAmsterdam, toAmsterdamDate, withAmsterdamDate } from "./instant";

/**
 * Werkdagen: Monday to Friday, except the holidays of HOLIDAY_POLICY.
 *
 * Counting rule: "binnen N werkdagen" after an event counts N werkdagen strictly after the
 * Amsterdam day of the event; the event day itself never counts, werkdag or not. So a letter sent
 * on Friday 14:00 with 10 werkdagen has its term on the 10th werkdag after that Friday.
 * - `werkdagenTermEnd` gives the Dutch convention: the term ends at the end of that day
 *   (23:59:59.999 Amsterdam).
 * - `addWerkdagen` gives the same day at the event's Amsterdam wall-clock time (Friday 14:00 →
 *   that werkdag at 14:00), for "N werkdagen later" moments that are not deadlines.
 */

export function isWerkdag(date: string): boolean {
  return !isWeekend(date) && !isDutchPublicHoliday(date);
}

/** The first werkdag strictly after `date`. */
export function nextWerkdag(date: string): string {
  return addWerkdagenToDate(date, 1);
}

/** The last werkdag strictly before `date`. */
export function previousWerkdag(date: string): string {
  return addWerkdagenToDate(date, -1);
}

/**
 * `date` itself when it is a werkdag, otherwise the next werkdag: the extension of art. 1
 * Algemene termijnenwet for a statutory term that ends on a weekend day or holiday.
 */
export function extendToWerkdag(date: string): string {
  return isWerkdag(date) ? date : nextWerkdag(date);
}

/** The `n`th werkdag after `date` (before it when negative; `date` itself when 0). */
export function addWerkdagenToDate(date: string, n: number): string {
  assertInteger(n, "Aantal werkdagen");
  parseCalendarDate(date);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let current = date;
  while (remaining > 0) {
    current = addDays(current, step);
    if (isWerkdag(current)) remaining--;
  }
  return current;
}

/** `n` werkdagen after the instant's Amsterdam day, at the same Amsterdam wall-clock time. */
export function addWerkdagen(instant: Date, n: number): Date {
  return withAmsterdamDate(instant, addWerkdagenToDate(toAmsterdamDate(instant), n));
}

/** End (23:59:59.999 Amsterdam) of the `n`th werkdag after the instant's Amsterdam day. */
export function werkdagenTermEnd(instant: Date, n: number): Date {
  return endOfDayAmsterdam(addWerkdagenToDate(toAmsterdamDate(instant), n));
}

/**
 * Werkdagen after `from` up to and including `to` (the days in (from, to]); negative with the
 * same magnitude when `to` is before `from`. Useful for "nog 3 werkdagen".
 */
export function countWerkdagen(from: string, to: string): number {
  parseCalendarDate(from);
  parseCalendarDate(to);
  if (to < from) return -countWerkdagen(to, from);
  let count = 0;
  for (let d = from; d < to; ) {
    d = addDays(d, 1);
    if (isWerkdag(d)) count++;
  }
  return count;
}
