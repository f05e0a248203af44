/**
 * The calendar: instants, Europe/Amsterdam dates, werkdagen and terms. Pure: the current
 * instant is always a parameter.
 *
 * Conventions:
 * - Instant = JS `Date` in and `Date` out (strings only via `parseInstant`), because one type
 *   cannot be mixed up with a calendar date and never reads an offset-less string in the machine's zone.
 * - Calendar date = "YYYY-MM-DD" string, meaning that day in Europe/Amsterdam (`ZONE`).
 * - End dates are inclusive; a term "ends" at 23:59:59.999 Amsterdam on its end date.
 * - Invalid input (bad date, non-integer count) throws a RangeError with a Dutch message.
 */
export {
  addDays,
  compareDates,
  daysBetween,
  formatDateNl,
  isCalendarDate,
  isoWeekday,
  isWeekend,
  lastDayOfMonth,
} from "./dates";
export {
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
} from "./instant";
export { HOLIDAY_POLICY, dutchPublicHolidays, holidayName, isDutchPublicHoliday } from "./holidays";
export type { PublicHoliday } from "./holidays";
export {
  addWerkdagen,
  addWerkdagenToDate,
  countWerkdagen,
  extendToWerkdag,
  isWerkdag,
  nextWerkdag,
  previousWerkdag,
  werkdagenTermEnd,
} from "./werkdagen";
export {
  addCalendarDays,
  addMonths,
  addYears,
  calendarDaysTermEnd,
  firstOfNextMonth,
  leadTimeStart,
  monthsBeforeEnd,
  opzeggingEarliestEnd,
  termDates,
} from "./terms";
export type { TermPeriod } from "./terms";
