import { z } from "zod";
import type { Actor } from "./actor";
import { refuse, type Refusal } from "./refusal";

/**
 * Opening sealed inschrijvingen with four eyes (issue 13): after the closing instant the content becomes
 * readable only when two different people of the region have each confirmed the opening. Who the second
 * one is, is a setting of the procedure: another inkoper, or a beoordelaar. The first is always an
 * inkoper. One rule for the Open House's rounds and the SAS's final offers.
 */
export const OpeningDoorSchema = z.enum(["inkoper+inkoper", "inkoper+beoordelaar"], { error: "openingDoor moet inkoper+inkoper of inkoper+beoordelaar zijn" });
export type OpeningDoor = z.infer<typeof OpeningDoorSchema>;

export interface OpeningBevestiging {
  door: string;
  rol: string;
  at: string;
}

export const openingDoorTekst: Record<OpeningDoor, string> = {
  "inkoper+inkoper": "twee verschillende inkopers",
  "inkoper+beoordelaar": "een inkoper en daarna een beoordelaar",
};

/** One confirmation, and whether it completes the opening; or why this person cannot confirm now. */
export function bevestigOpening(eerder: readonly OpeningBevestiging[], actor: Actor, openingDoor: OpeningDoor, at: string): { bevestiging: OpeningBevestiging; compleet: boolean } | Refusal {
  if (eerder.some((b) => b.door === actor.id)) return refuse("NietInDezeFase", 409, "U heeft de opening al bevestigd; een tweede persoon van de regio bevestigt.");
  const tweedeRol = openingDoor === "inkoper+beoordelaar" ? "beoordelaar" : "inkoper";
  if (eerder.length === 0 && actor.rol !== "inkoper") return refuse("RolNietToegestaan", 403, "De opening begint met de bevestiging van een inkoper.");
  if (eerder.length === 1 && actor.rol !== tweedeRol) return refuse("RolNietToegestaan", 403, `De tweede bevestiging komt van een ${tweedeRol}.`);
  if (eerder.length >= 2) return refuse("NietInDezeFase", 409, "De inschrijvingen zijn al geopend.");
  return { bevestiging: { door: actor.id, rol: actor.rol, at }, compleet: eerder.length === 1 };
}
