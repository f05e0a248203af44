import { addDays, assertInteger, formatCalendarDate, parseCalendarDate } from "./dates";
import { endOfDayAmsterdam, plusAmsterdam, toAmsterdamDate } from "./instant";

/**
 * Terms in calendar days, months and years. Month and year arithmetic clamps to the end of the
 * month: 31 Jan + 1 month = 28 Feb (29 in a leap year), 29 Feb 2024 + 1 year = 28 Feb 2025.
 * A term's end date is inclusive: the term runs until the end of that day in Amsterdam.
 */

/** `n` calendar days after the instant, at the same Amsterdam wall-clock time (across DST). */
export function addCalendarDays(instant: Date, n: number): Date {
  assertInteger(n, "Aantal dagen");
  return plusAmsterdam(instant, { days: n });
}

/** End (23:59:59.999 Amsterdam) of the `n`th calendar day after the instant's Amsterdam day. */
export function calendarDaysTermEnd(instant: Date, n: number): Date {
  return endOfDayAmsterdam(addDays(toAmsterdamDate(instant), n));
}

/** `n` months after `date` (before it when negative), clamped to the end of the month. */
export function addMonths(date: string, n: number): string {
  assertInteger(n, "Aantal maanden");
  return formatCalendarDate(parseCalendarDate(date).plus({ months: n }));
}

/** `n` years after `date` (before it when negative); 29 February becomes 28 February. */
export function addYears(date: string, n: number): string {
  assertInteger(n, "Aantal jaren");
  return formatCalendarDate(parseCalendarDate(date).plus({ years: n }));
}

function assertPositive(n: number, label: string): void {
  assertInteger(n, label);
  if (n < 1) throw new RangeError(`${label} moet minstens 1 zijn, niet ${n}.`);
}

/**
 * First day of the last `months` months of a term that ends (inclusive) on `endDate`:
 * (endDate + 1 day) − months, clamped. 2027-12-31, 3 → 2027-10-01; 2027-06-30, 3 → 2027-04-01.
 */
export function leadTimeStart(endDate: string, months: number): string {
  assertPositive(months, "Aantal maanden");
  return addMonths(addDays(endDate, 1), -months);
}

/**
 * "Uiterlijk `months` maanden voor het einde": the last day on which an act (notice, decision to
 * extend) still leaves the full lead time before the term ends at the end of `endDate`. It is the
 * day before `leadTimeStart`. 2027-12-31, 3 → 2027-09-30; 2027-05-15, 3 → 2027-02-15.
 * For a month-end endDate the result is a month-end too: 2027-06-30, 3 → 2027-03-31 (the lead
 * time is April–June), not 03-30 as naive "same day-of-month" would give.
 */
export function monthsBeforeEnd(endDate: string, months: number): string {
  return addDays(leadTimeStart(endDate, months), -1);
}

/** The first day of the month after the instant's Amsterdam month. */
export function firstOfNextMonth(instant: Date): string {
  return formatCalendarDate(parseCalendarDate(toAmsterdamDate(instant)).startOf("month").plus({ months: 1 }));
}

/**
 * Model contract 8.1/8.2: notice of at least `months` calendar months, counted from the first of
 * the month after the notice (Amsterdam date of `instant`). Returns the last day the contract
 * still runs: notice on 15 March (or 1 or 31 March) with 1 month → "…-04-30"; the contract has
 * ended from 1 May.
 */
export function opzeggingEarliestEnd(instant: Date, months = 1): string {
  assertPositive(months, "Opzegtermijn in maanden");
  return addDays(addMonths(firstOfNextMonth(instant), months), -1);
}

export interface TermPeriod {
  /** First day, inclusive. */
  start: string;
  /** Last day, inclusive. */
  end: string;
}

/**
 * Consecutive terms (initial term, then extensions) of the given lengths in years. Each boundary
 * is computed from `startDate` (start + cumulative years), so a 29 February start does not drift.
 * 2025-01-01 with [3, 2] → 2025-01-01..2027-12-31, 2028-01-01..2029-12-31.
 */
export function termDates(startDate: string, years: readonly number[]): TermPeriod[] {
  parseCalendarDate(startDate, "startdatum");
  const terms: TermPeriod[] = [];
  let elapsed = 0;
  let start = startDate;
  for (const y of years) {
    assertPositive(y, "Looptijd in jaren");
    elapsed += y;
    const next = addYears(startDate, elapsed);
    terms.push({ start, end: addDays(next, -1) });
    start = next;
  }
  return terms;
}
