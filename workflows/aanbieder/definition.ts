import { z } from "zod";
import { AanbiederRegistratieSchema, type AanbiederProfiel, type AanbiederRegistratie } from "../../domain/aanbieder/aanbieder";
import type { Recorded } from "../../domain/shared/audit";
import { ActorSchema, type Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import { entityDef, query, update } from "../runtime/definitions";

export type AanbiederEvent = { type: "AanbiederRegistered" | "AanbiederUpdated"; data: AanbiederProfiel };

export const RegisterSchema = z.object({ actor: ActorSchema, registratie: AanbiederRegistratieSchema });

/** What lists (and the `aanbiederContacten` activity) read of an aanbieder: its memo. */
export type AanbiederSummary = { kvk: string; naam: string; email: string };

/** An aanbieder, keyed by KvK number: the registry that submissions are checked against. */
export const aanbiederEntity = entityDef({
  type: "aanbieder",
  updates: {
    register: update<AanbiederProfiel, { actor: Actor; registratie: AanbiederRegistratie }>("register"),
  },
  queries: {
    /** The profile; null when this KvK number is not registered. */
    get: query<AanbiederProfiel | null>("get"),
    events: query<Recorded<AanbiederEvent>[]>("events"),
  },
  creates: ["register"],
  missing: refuse("BestaatNiet", 404, "Deze aanbieder is niet geregistreerd."),
  absent: { get: null, events: [] },
});
export type AanbiederEntity = typeof aanbiederEntity;
