import { DateTime } from "luxon";
import { parseCalendarDate } from "./dates";

/**
 * Instants (points in time) and their Europe/Amsterdam wall-clock reading. Instants are JS
 * `Date`s in and out; strings from the outside world go through `parseInstant` first.
 *
 * Wall-clock times that do not exist or exist twice (the DST changes on the last Sunday of March
 * and October) resolve as Luxon does: a time in the spring gap (02:00–03:00) moves forward one
 * hour (02:30 → 03:30 +02:00); an ambiguous autumn time (02:00–03:00) takes the later instant,
 * in winter time (+01:00).
 */

export const ZONE = "Europe/Amsterdam";

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const OFFSET_PATTERN = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Throws when `instant` is not a valid Date. */
export function assertInstant(instant: Date, label = "tijdstip"): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`Ongeldig ${label}: verwacht een geldige Date.`);
  }
}

function inAmsterdam(instant: Date): DateTime<true> {
  assertInstant(instant);
  const dt = DateTime.fromJSDate(instant, { zone: ZONE });
  if (!dt.isValid) throw new RangeError("Ongeldig tijdstip.");
  return dt;
}

function fromAmsterdam(dt: DateTime): Date {
  if (!dt.isValid) throw new RangeError("Ongeldig tijdstip in Europe/Amsterdam.");
  return dt.toJSDate();
}

/**
 * Reads an ISO-8601 instant such as "2025-03-31T12:00:00Z" or "2025-03-31T14:00+02:00".
 * An explicit offset (or Z) is required: without one the meaning would depend on a zone guess.
 */
export function parseInstant(iso: string): Date {
  if (typeof iso !== "string" || !iso.includes("T") || !OFFSET_PATTERN.test(iso)) {
    throw new RangeError(`Ongeldig tijdstip "${String(iso)}": verwacht ISO-8601 met tijdzone (Z of +01:00).`);
  }
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new RangeError(`Ongeldig tijdstip "${iso}".`);
  return dt.toJSDate();
}

/** The calendar date ("YYYY-MM-DD") of the instant as seen in Amsterdam. */
export function toAmsterdamDate(instant: Date): string {
  return inAmsterdam(instant).toFormat("yyyy-MM-dd");
}

/** The wall-clock time ("HH:mm") of the instant as seen in Amsterdam. */
export function toAmsterdamTime(instant: Date): string {
  return inAmsterdam(instant).toFormat("HH:mm");
}

/** ISO-8601 with the Amsterdam offset, e.g. "2025-03-31T12:00:00.000+02:00" (for logs and exports). */
export function toAmsterdamIso(instant: Date): string {
  return inAmsterdam(instant).toISO();
}

/** The Amsterdam UTC offset at that instant: "+01:00" (winter) or "+02:00" (summer). */
export function amsterdamOffset(instant: Date): string {
  return inAmsterdam(instant).toFormat("ZZ");
}

/** The instant at wall-clock `time` ("HH:mm" or "HH:mm:ss") on `date` in Amsterdam. */
export function atAmsterdam(date: string, time: string): Date {
  const d = parseCalendarDate(date);
  const m = TIME_PATTERN.exec(typeof time === "string" ? time : "");
  if (m === null) throw new RangeError(`Ongeldige tijd "${String(time)}": verwacht UU:mm.`);
  return fromAmsterdam(
    DateTime.fromObject(
      { year: d.year, month: d.month, day: d.day, hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3] ?? 0) },
      { zone: ZONE },
    ),
  );
}

/** 00:00:00.000 Amsterdam on `date`. */
export function startOfDayAmsterdam(date: string): Date {
  return atAmsterdam(date, "00:00");
}

/** 23:59:59.999 Amsterdam on `date`: the last instant of that day. */
export function endOfDayAmsterdam(date: string): Date {
  const d = parseCalendarDate(date);
  return fromAmsterdam(DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone: ZONE }).endOf("day"));
}

/** The closing instant of a term that closes on `date` at wall-clock `time` (default 12:00) in Amsterdam. */
export function closingInstantOf(date: string, time = "12:00"): Date {
  return atAmsterdam(date, time);
}

/** `instant` with the same Amsterdam wall-clock time, moved to calendar date `date`. */
export function withAmsterdamDate(instant: Date, date: string): Date {
  const t = inAmsterdam(instant);
  const d = parseCalendarDate(date);
  return fromAmsterdam(t.set({ year: d.year, month: d.month, day: d.day }));
}

/** Amsterdam wall-clock arithmetic on an instant (used by addCalendarDays). */
export function plusAmsterdam(instant: Date, duration: { days?: number; months?: number }): Date {
  return fromAmsterdam(inAmsterdam(instant).plus(duration));
}

export function isBefore(a: Date, b: Date): boolean {
  return compareInstants(a, b) < 0;
}

export function isAfter(a: Date, b: Date): boolean {
  return compareInstants(a, b) > 0;
}

export function isSameInstant(a: Date, b: Date): boolean {
  return compareInstants(a, b) === 0;
}

/** For sorting: negative when a is earlier than b. */
export function compareInstants(a: Date, b: Date): number {
  assertInstant(a);
  assertInstant(b);
  return a.getTime() - b.getTime();
}

/** Milliseconds from `from` to `to` (negative when `to` is earlier). */
export function durationMs(from: Date, to: Date): number {
  return compareInstants(to, from);
}

/** Dutch text for letters and screens, e.g. "30 april 2026 om 14:00" (Amsterdam time). */
export function formatInstantNl(instant: Date, opts: { seconden?: boolean } = {}): string {
  return inAmsterdam(instant)
    .setLocale("nl")
    .toFormat(opts.seconden ? "d MMMM yyyy 'om' HH:mm:ss" : "d MMMM yyyy 'om' HH:mm");
}
