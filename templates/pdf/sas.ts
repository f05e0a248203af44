import type { SasCriteriumRegel, SasRangRegel } from "../types";

/*
 * What the SAS documents (voorstel and beslissing) share: Dutch number formatting of scores and
 * totals, the titles per soort, and the tables of consensus scores.
 */

export type SasSoort = "selectie" | "voorlopige-gunning" | "definitieve-gunning";

/** "7,25": a weighted total always with two decimals and a decimal comma. */
export function totaalNl(totaal: number): string {
  return totaal.toFixed(2).replace(".", ",");
}

/** "8" or "7,5": a score or weight as entered, with at most two decimals and a decimal comma. */
export function getalNl(waarde: number): string {
  return Number.isInteger(waarde) ? String(waarde) : String(Number(waarde.toFixed(2))).replace(".", ",");
}

export function schaalNl(schaal: { min: number; max: number }): string {
  return `${getalNl(schaal.min)} tot en met ${getalNl(schaal.max)}`;
}

export function criteriumNaam(c: SasCriteriumRegel): string {
  return `${c.code} ${c.naam}`;
}

/** The consensus score of one candidate on one criterium, or a dash when there is none. */
export function scoreVan(regel: SasRangRegel, code: string): string {
  const score = regel.scores.find((s) => s.criterium === code);
  return score === undefined ? "–" : getalNl(score.score);
}

/** "Geselecteerd" or "Gegund": the column that says who goes through. */
export function doorKop(soort: SasSoort): string {
  return soort === "selectie" ? "Geselecteerd" : "Gegund";
}

export function isGunning(soort: SasSoort): boolean {
  return soort !== "selectie";
}

export const VOORSTEL_TITELS: Record<SasSoort, string> = {
  selectie: "Voorstel selectiebeslissing",
  "voorlopige-gunning": "Voorstel voorlopige gunning",
  "definitieve-gunning": "Voorstel definitieve gunning",
};

export const BESLISSING_TITELS: Record<SasSoort, string> = {
  selectie: "Selectiebeslissing",
  "voorlopige-gunning": "Voorlopige gunningsbeslissing",
  "definitieve-gunning": "Gunningsbesluit",
};
