import { z } from "zod";
import type { AanbiederProfiel } from "../../domain/aanbieder/aanbieder";
import type { InschrijvingInput, Ontvangstbewijs } from "../../domain/inschrijving/inschrijving";
import type { ProcedureInput, ProcesVerbaal } from "../../domain/procedure/procedure";
import type { Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import type { StoredDocument } from "../../templates/types";
import { entityDef, query, update } from "../runtime/definitions";
import type { ProcedureView } from "./view";

export const VraagSchema = z.object({ vraag: z.string({ error: "vraag ontbreekt" }).max(4000, { error: "vraag is te lang" }) });
export const AntwoordSchema = z.object({ nr: z.number().int().positive(), antwoord: z.string({ error: "antwoord ontbreekt" }).max(8000) });
export const VoorstelSchema = z.object({ toelichting: z.string({ error: "toelichting ontbreekt" }).max(8000) });
const instant = (veld: string) => z.iso.datetime({ offset: true, error: `${veld} moet een tijdstip zijn zoals 2026-03-01T12:00:00+01:00` });
export const HeropeningSchema = z.object({
  reden: z.enum(["nieuw-product", "capaciteitstekort"], { error: "reden moet 'nieuw-product' of 'capaciteitstekort' zijn" }),
  producten: z.array(z.string().min(1)).min(1, { error: "kies minstens één product" }),
  motivering: z.string({ error: "motivering ontbreekt" }).max(8000),
  publicatieAt: instant("publicatieAt"),
  sluitingAt: instant("sluitingAt"),
});
export const StopzettingSchema = z.object({ motivering: z.string({ error: "motivering ontbreekt" }).max(8000) });

type WithActor<T = unknown> = { actor: Actor } & T;

/**
 * What the API brings along with a submission: facts that live in other entities (the aanbieder's
 * profile, whether its contract was ontbonden) and the content hash, so the validator can run the
 * whole rule synchronously.
 */
export interface SubmitInput {
  actor: Actor;
  kvk: string;
  inschrijving: InschrijvingInput;
  aanbieder: AanbiederProfiel | null;
  ontbonden: boolean;
  sha256: string;
}

/** An Open House procedure, keyed by its id. */
export const procedureEntity = entityDef({
  type: "procedure",
  updates: {
    create: update<ProcedureView, WithActor<{ procedure: ProcedureInput }>>("create"),
    publish: update<ProcedureView, WithActor>("publish"),
    submitInschrijving: update<Ontvangstbewijs, SubmitInput>("submitInschrijving"),
    askQuestion: update<{ nr: number; gesteldOp: string } | null, WithActor<{ vraag: string; aanbieder: AanbiederProfiel | null }>>("askQuestion"),
    answerQuestion: update<ProcedureView["vragen"], WithActor<{ nr: number; antwoord: string }>>("answerQuestion"),
    publishNotaVanInlichtingen: update<{ nummer: number; document: StoredDocument }, WithActor>("publishNotaVanInlichtingen"),
    proposeGunning: update<{ besluitId: string }, WithActor<z.infer<typeof VoorstelSchema>>>("proposeGunning"),
    proposeHeropening: update<{ besluitId: string }, WithActor<z.infer<typeof HeropeningSchema>>>("proposeHeropening"),
    proposeStopzetting: update<{ besluitId: string }, WithActor<z.infer<typeof StopzettingSchema>>>("proposeStopzetting"),
  },
  queries: {
    get: query<ProcedureView, WithActor>("get"),
    events: query<unknown[], WithActor>("events"),
    procesVerbaal: query<ProcesVerbaal, WithActor>("procesVerbaal"),
    document: query<StoredDocument, WithActor<{ documentId: string }>>("document"),
  },
  creates: ["create"],
  missing: refuse("BestaatNiet", 404, "Deze procedure bestaat niet."),
});
export type ProcedureEntity = typeof procedureEntity;
