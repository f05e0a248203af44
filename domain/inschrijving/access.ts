import type { Actor } from "../shared/actor";
import { refuse, type Refusal } from "../shared/refusal";
import { formatInstantNl } from "../calendar";
import type { RecordedInschrijvingEvent } from "./entity";

const readingRoles = ["inkoper", "beoordelaar", "programmadirecteur", "bosd"] as const;

/**
 * Who may read an inschrijving's content, and when. The submitting aanbieder always sees its own;
 * another aanbieder never; the region's roles only once it is opened: the bid is sealed for everybody
 * on the region's side, inkoper included, until the closing instant and then until the opening (two
 * people confirm it, issue 13), which starts its beoordeling. So an inschrijving still `ingediend`
 * after the closing instant is sealed too.
 */
export function mayReadInhoud(actor: Actor, owner: { kvk: string; sluitingAt: string; status?: string }, now: Date): Refusal | null {
  if (actor.rol === "aanbieder")
    return actor.kvk === owner.kvk ? null : refuse("RolNietToegestaan", 403, "U kunt alleen uw eigen inschrijvingen inzien.");
  if (!(readingRoles as readonly string[]).includes(actor.rol))
    return refuse("RolNietToegestaan", 403, `De rol ${actor.rol} mag inschrijvingen niet inzien.`);
  const sluiting = new Date(owner.sluitingAt);
  if (now < sluiting)
    return refuse("Verzegeld", 403, `Deze inschrijving is verzegeld tot het sluitingstijdstip (${formatInstantNl(sluiting)}).`);
  if (owner.status === "ingetrokken") return refuse("RolNietToegestaan", 403, "Deze inschrijving is vóór het sluitingstijdstip ingetrokken: zij telt niet mee en de inhoud blijft gesloten.");
  if (owner.status === "ingediend") return refuse("Verzegeld", 403, "Deze inschrijving is verzegeld tot de opening: twee personen van de regio bevestigen die na het sluitingstijdstip.");
  return null;
}

/** The audit trail of an inschrijving: who did what and when is always visible; sealed content is left out. */
export function auditView(log: readonly RecordedInschrijvingEvent[], mayReadContent: boolean): unknown[] {
  if (mayReadContent) return [...log];
  return log.map((e) => (e.type === "InschrijvingSubmitted" ? { ...e, data: { ontvangstbewijs: e.data.ontvangstbewijs, inhoud: "verzegeld" } } : e));
}
