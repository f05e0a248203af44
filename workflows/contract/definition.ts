import { iso, z } from "zod";
// `iso.date`, not `z.iso.date`: in the workflow bundle webpack resolves `z.iso.date` to `z.date` (a Date
// schema, so every "JJJJ-MM-DD" string is refused); the named `iso` namespace import is bundled correctly.
import type { AanbiederProfiel } from "../../domain/aanbieder/aanbieder";
import type { ContractCommand, RecordedContractEvent } from "../../domain/contract/contract";
import { ActorSchema, type Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import { entityDef, query, update } from "../runtime/definitions";
import type { ContractView, Live } from "./view";

const instant = z.iso.datetime({ offset: true, error: "moet een tijdstip zijn zoals 2027-03-01T12:00:00+01:00" });
const datum = iso.date({ error: "moet een datum zijn zoals 2027-04-30" });

export const VoorstelSchema = z.object({
  soort: z.enum(["clientenstop", "opheffing-clientenstop", "ingebrekestelling", "ontbinding", "opzegging", "dringende-reden", "landelijk-beleid"], {
    error: "soort moet een van clientenstop, opheffing-clientenstop, ingebrekestelling, ontbinding, opzegging, dringende-reden of landelijk-beleid zijn",
  }),
  motivering: z.string({ error: "motivering ontbreekt" }).max(8000),
  termijnWerkdagen: z.number().int().min(1).max(250).optional(),
  termijnEinde: instant.optional(),
  einddatum: datum.optional(),
  grond: z.enum(["fusie-of-overname", "voldoet-niet-meer-aan-voorwaarden", "ernstige-fout"]).optional(),
});
export const VerbeteringSchema = z.object({ motivering: z.string({ error: "motivering ontbreekt" }).max(8000) });
export const OpzeggingSchema = z.object({ toelichting: z.string().max(4000).default(""), einddatum: datum.optional() });
/** Kept for the API route that existed before the full handhaving chain. */
export const OntbindingSchema = z.object({ actor: ActorSchema, motivering: z.string({ error: "motivering ontbreekt" }).max(8000) });

type WithActor<T = unknown> = { actor: Actor } & T;

/**
 * What the API brings along with a proposal: the aanbieder's profile (the `aanbieder` entity keyed by
 * the contract's kvk; null when it has none), whose e-mail address becomes the besluit's ontvanger.
 */
interface MetAanbieder {
  aanbieder: AanbiederProfiel | null;
}

/** What the procedure sends with `start` (internal, at gunning). */
export type StartInput = Extract<ContractCommand, { type: "StartContract" }>["data"];
/** What the verlengingsronde sends with `verlengingsbesluit` (internal). */
export type VerlengingsbesluitInput = Extract<ContractCommand, { type: "RecordVerlengingsbesluit" }>["data"];

/** The contract of one aanbieder under one catalogue contract, keyed `<contractId>/<kvk>`; created by the procedure (`start`). */
export const contractEntity = entityDef({
  type: "contract",
  updates: {
    propose: update<{ besluitId: string }, WithActor<z.input<typeof VoorstelSchema> & MetAanbieder>>("propose"),
    proposeOntbinding: update<{ besluitId: string }, WithActor<{ motivering: string } & MetAanbieder>>("proposeOntbinding"),
    recordVerbetering: update<Live, WithActor<z.input<typeof VerbeteringSchema>>>("recordVerbetering"),
    opzeggen: update<Live, WithActor<z.input<typeof OpzeggingSchema>>>("opzeggen"),
  },
  queries: {
    get: query<ContractView, WithActor>("get"),
    /** For other entities (and the API before an inschrijving): only whether it was ontbonden (4.4.2). */
    ontbonden: query<boolean>("ontbonden"),
    events: query<RecordedContractEvent[], WithActor>("events"),
  },
  creates: [],
  missing: refuse("BestaatNiet", 404, "Dit contract bestaat niet."),
  absent: { ontbonden: false },
});
export type ContractEntity = typeof contractEntity;
