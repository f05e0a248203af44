import { z } from "zod";
import type { OnderhandsDetails, OnderhandsEvent, OnderhandsInput, OnderhandsStatus } from "../../domain/onderhands/procedure";
import type { Recorded } from "../../domain/shared/audit";
import type { Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import { entityDef, query, update } from "../runtime/definitions";

type WithActor<T = unknown> = { actor: Actor } & T;

export const UitnodigingSchema = z.object({
  kvk: z.string({ error: "kvk ontbreekt" }).regex(/^\d{8}$/, { error: "kvk moet een KvK-nummer van 8 cijfers zijn" }),
  deadline: z.iso.datetime({ offset: true, error: "deadline moet een tijdstip zijn zoals 2027-03-01T12:00:00+01:00" }),
});

export const MotiveringSchema = z.object({ motivering: z.string({ error: "motivering ontbreekt" }).max(20000, { error: "motivering is te lang (maximaal 20000 tekens)" }) });

export type OnderhandsView = { status: OnderhandsStatus } & OnderhandsDetails;

/** An onderhandse procedure (JB/JR, JeugdzorgPlus, Forensische GGZ), keyed by its id. */
export const onderhandsEntity = entityDef({
  type: "onderhands",
  updates: {
    start: update<OnderhandsView, WithActor<{ procedure: OnderhandsInput }>>("start"),
    legMotiveringVoor: update<{ besluitId: string }, WithActor>("legMotiveringVoor"),
    /** Before it is laid before the BOSD, or after the BOSD sent it back. */
    wijzigMotivering: update<OnderhandsView, WithActor<z.infer<typeof MotiveringSchema>>>("wijzigMotivering"),
    /** The API brings the aanbieder's profile (null when the KvK is not registered). */
    nodigUit: update<OnderhandsView, WithActor<z.infer<typeof UitnodigingSchema> & { aanbieder: { naam: string; email: string } | null }>>("nodigUit"),
  },
  queries: {
    get: query<OnderhandsView, WithActor>("get"),
    events: query<Recorded<OnderhandsEvent>[], WithActor>("events"),
  },
  creates: ["start"],
  missing: refuse("BestaatNiet", 404, "Deze procedure bestaat niet."),
});
