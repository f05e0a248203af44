import { formatDateNl, formatInstantNl, isCalendarDate, parseInstant } from "../calendar";

/**
 * Standard Dutch texts of inkoop's besluiten. The seeds give no text for rechtsmiddelen; these follow
 * common Dutch Open House practice and are the region's to change.
 */
export const RECHTSMIDDELEN =
  "Bent u het niet eens met dit besluit? Dan kunt u binnen 20 kalenderdagen na de datum van dit besluit schriftelijk een klacht indienen bij het inkoopteam van de RWO, met vermelding van het besluitnummer en uw motivering. " +
  "Wij reageren binnen 10 werkdagen. Daarnaast kunt u binnen dezelfde termijn een kort geding aanhangig maken bij de voorzieningenrechter van de rechtbank Den Haag. " +
  "Na het verstrijken van deze termijn wordt u geacht met dit besluit in te stemmen. (Deze termijnen zijn een instelling van de regio; het inkoopplan noemt ze niet.)";

export const HOOR_TERMIJN_TOELICHTING =
  "De termijn voor hoor en wederhoor is een instelling van de regio voor deze procedure: het inkoopplan (4.4.1) noemt geen termijn en geen beslisser.";

export const HERSTEL_TERMIJN_TOELICHTING =
  "De hersteltermijn voor een onvolledige inschrijving is een instelling van de regio; het inkoopkader 2017 noemt een hersteltermijn zonder lengte.";

/*
 * A date or instant written as ISO 8601 inside a sentence ("Inschrijven kan tot 2026-11-29T20:13:49.988Z")
 * is not for a reader. Not part of an identifier: no letter, digit, "-", "/" or "." directly before it, and
 * no letter, digit, "-" or "/" directly after it (so "oh-ambulant-2027-12345678" and "jzplus/2028-12-31" stay).
 */
const ISO_IN_TEKST = /(?<![\p{L}\p{N}_/.-])(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?(?![\p{L}\p{N}_/-])/gu;

/**
 * Writes every ISO date ("1 januari 2027") and instant ("29 november 2026 om 21:13", Amsterdam time) inside a
 * text in Dutch; the rest of the text, and anything that does not parse as a real date, stays as it is.
 */
export function nederlandseDatums(tekst: string): string {
  return tekst.replace(ISO_IN_TEKST, (heel: string, datum: string, tijd: string | undefined) => {
    try {
      if (tijd === undefined) return isCalendarDate(datum) ? formatDateNl(datum) : heel;
      return formatInstantNl(parseInstant(heel));
    } catch {
      return heel;
    }
  });
}

/** True for a string that is only an ISO date or instant: a data field, which the templates format themselves. */
export function isAlleenDatum(tekst: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(tekst);
}
