import { z } from "zod";
import { AanbiederRegistratieSchema, EmailBevestigingSchema, type AanbiederEvent, type AanbiederRegistratie, type AanbiederWeergave } from "../../domain/aanbieder/aanbieder";
import type { Recorded } from "../../domain/shared/audit";
import { ActorSchema, type Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import { entityDef, query, update } from "../runtime/definitions";

export type { AanbiederEvent } from "../../domain/aanbieder/aanbieder";

export const RegisterSchema = z.object({ actor: ActorSchema, registratie: AanbiederRegistratieSchema });
export const ConfirmEmailSchema = EmailBevestigingSchema.extend({ actor: ActorSchema });

/** What lists (and the `aanbiederContacten` activity) read of an aanbieder: its memo, with the confirmed address only. */
export type AanbiederSummary = { kvk: string; naam: string; email: string };

/** An aanbieder, keyed by KvK number: the registry that submissions are checked against. */
export const aanbiederEntity = entityDef({
  type: "aanbieder",
  updates: {
    register: update<AanbiederWeergave, { actor: Actor; registratie: AanbiederRegistratie }>("register"),
    /** Confirms a new e-mail address with the code mailed to it; only then does the address change. */
    confirmEmail: update<AanbiederWeergave, { actor: Actor; code: string }>("confirmEmail"),
  },
  queries: {
    /** The profile; null when this KvK number is not registered. */
    get: query<AanbiederWeergave | null>("get"),
    events: query<Recorded<AanbiederEvent>[]>("events"),
  },
  creates: ["register"],
  missing: refuse("BestaatNiet", 404, "Deze aanbieder is niet geregistreerd."),
  absent: { get: null, events: [] },
});
export type AanbiederEntity = typeof aanbiederEntity;
