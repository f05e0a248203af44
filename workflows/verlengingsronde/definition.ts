import { iso, z } from "zod";
// `iso.date`, not `z.iso.date`: in the workflow bundle webpack resolves `z.iso.date` to `z.date` (a Date
// schema, so every "JJJJ-MM-DD" string is refused); the named `iso` namespace import is bundled correctly.
import type { AanbiederProfiel } from "../../domain/aanbieder/aanbieder";
import type { RecordedRondeEvent } from "../../domain/contract/verlengingsronde";
import type { Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import { entityDef, query, update } from "../runtime/definitions";
import type { Live, LopendContract, RondeView } from "./view";

const instant = z.iso.datetime({ offset: true, error: "termijnEinde moet een tijdstip zijn zoals 2027-03-01T12:00:00+01:00" });
export const OpenSchema = z.object({ contractId: z.string().min(1, { error: "contractId ontbreekt" }), termijnEinde: iso.date({ error: "termijnEinde moet een datum zijn zoals 2029-12-31" }) });
export const WeigeringSchema = z.object({
  kvk: z.string().regex(/^\d{8}$/, { error: "KvK-nummer moet uit precies 8 cijfers bestaan" }),
  reden: z.enum(["ondermaats-presteren", "geen-zorg-geleverd"], { error: "reden moet 'ondermaats-presteren' of 'geen-zorg-geleverd' zijn" }),
  motivering: z.string({ error: "motivering ontbreekt" }).max(8000),
});
export const HoorSchema = z.object({ kvk: z.string().regex(/^\d{8}$/), termijnEinde: instant.optional(), termijnWerkdagen: z.number().int().min(1).max(60).optional() });
export const ReplySchema = z.object({ toelichting: z.string({ error: "toelichting ontbreekt" }).max(8000), documenten: z.array(z.string().max(500)).max(50).default([]) });
export const ReassessSchema = z.object({ kvk: z.string().regex(/^\d{8}$/), besluit: z.enum(["handhaven", "intrekken"]), motivering: z.string({ error: "motivering ontbreekt" }).max(8000) });
export const RondeBesluitSchema = z.object({ motivering: z.string({ error: "motivering ontbreekt" }).max(8000), evaluatie: z.string().max(8000).optional() });

type WithActor<T = unknown> = { actor: Actor } & T;

/**
 * What the API brings along to open a round or propose a weigering: the running contracts of this
 * catalogue contract (from `engine.list(contractEntity)`, oldest first). The workflow keeps those with
 * status "actief", a kvk and an ingangsdatum (and, when an entry carries a contractId, only this catalogue
 * contract's); the round takes every one of them with a term ending on its termijnEinde, whatever its start date.
 */
interface MetContracten {
  contracten: LopendContract[];
}

/** A verlengingsronde per catalogue contract and term end, keyed `rondeKey(contractId, termijnEinde)`. */
export const verlengingsrondeEntity = entityDef({
  type: "verlengingsronde",
  updates: {
    open: update<Live, WithActor<z.input<typeof OpenSchema> & MetContracten>>("open"),
    proposeWeigering: update<Live, WithActor<z.input<typeof WeigeringSchema> & MetContracten>>("proposeWeigering"),
    /** `aanbieder`: the profile of the aanbieder entity keyed by `kvk` (null when it has none: then no hoorbrief is sent). */
    startHoorEnWederhoor: update<Live, WithActor<z.input<typeof HoorSchema> & { aanbieder: AanbiederProfiel | null }>>("startHoorEnWederhoor"),
    replyHoor: update<Live, WithActor<z.input<typeof ReplySchema>>>("replyHoor"),
    reassess: update<Live, WithActor<z.input<typeof ReassessSchema>>>("reassess"),
    proposeBesluit: update<{ besluitId: string }, WithActor<z.input<typeof RondeBesluitSchema>>>("proposeBesluit"),
  },
  queries: {
    get: query<RondeView, WithActor>("get"),
    events: query<RecordedRondeEvent[], WithActor>("events"),
  },
  creates: ["open"],
  missing: refuse("BestaatNiet", 404, "Deze verlengingsronde bestaat niet."),
});
export type VerlengingsrondeEntity = typeof verlengingsrondeEntity;
