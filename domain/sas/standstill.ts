import { calendarDaysTermEnd, endOfDayAmsterdam, extendToWerkdag, toAmsterdamDate } from "../calendar";

/**
 * The end of the standstill (opschortende termijn) after the voorlopige gunningsbeslissingen went out:
 * `dagen` calendar days from the day after sending (Aanbestedingswet art. 2.127 practice, a setting; the
 * seeds name no term). A term that ends on a Saturday, Sunday or holiday runs to the end of the next
 * werkdag (Algemene termijnenwet art. 1), as Dutch courts apply it to this term.
 */
export function standstillEinde(verzondenOp: Date, dagen: number): Date {
  const einde = toAmsterdamDate(calendarDaysTermEnd(verzondenOp, dagen));
  return endOfDayAmsterdam(extendToWerkdag(einde));
}
