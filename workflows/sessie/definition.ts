import { z } from "zod";
import { refuse } from "../../domain/shared/refusal";
import { entityDef, query, update } from "../runtime/definitions";

/**
 * A login session, keyed by its random id (which only the cookie carries). Kept in the engine so
 * every API process behind a load balancer sees the same sessions and logout ends them everywhere.
 */
export interface SessieData {
  gebruikersnaam: string;
  naam: string;
  rol: "inkoper" | "beoordelaar" | "aanbieder" | "programmadirecteur" | "bosd";
  kvk?: string;
  csrf: string;
  verlooptOp: string;
  gestartOp: string;
}

const instant = (veld: string) => z.iso.datetime({ offset: true, error: `${veld} moet een tijdstip zijn zoals 2026-03-01T12:00:00+01:00` });

/** Checked at the engine boundary: an unreadable `verlooptOp` could not arm the expiry timer. */
export const SessieSchema = z.object({
  gebruikersnaam: z.string().min(1),
  naam: z.string(),
  rol: z.enum(["inkoper", "beoordelaar", "aanbieder", "programmadirecteur", "bosd"]),
  kvk: z.string().optional(),
  csrf: z.string().min(1),
  verlooptOp: instant("verlooptOp"),
  gestartOp: instant("gestartOp"),
}) satisfies z.ZodType<SessieData>;

export type SessieEvent = { type: "SessieGestart"; data: SessieData } | { type: "SessieBeeindigd"; data: { reden: "uitgelogd" | "verlopen" } };

export const sessieEntity = entityDef({
  type: "sessie",
  updates: {
    start: update<void, SessieData>("start"),
    end: update<void>("end"),
  },
  queries: {
    /** The session while it lasts; null once it has expired or ended (or never existed). */
    get: query<SessieData | null>("get"),
  },
  creates: ["start"],
  missing: refuse("BestaatNiet", 404, "Deze sessie bestaat niet (meer)."),
  absent: { get: null },
});
export type SessieEntity = typeof sessieEntity;
