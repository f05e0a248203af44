import { iso, z } from "zod";
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
  /** A contract entered per plaats (Hulp bij huishouden): the plaatsen the heropening is for; required for a capaciteitstekort there. */
  plaatsen: z.array(z.string().min(1).max(100), { error: "plaatsen moet een lijst van plaatsen zijn" }).max(50).optional(),
  motivering: z.string({ error: "motivering ontbreekt" }).max(8000),
  publicatieAt: instant("publicatieAt"),
  sluitingAt: instant("sluitingAt"),
});
export const StopzettingSchema = z.object({ motivering: z.string({ error: "motivering ontbreekt" }).max(8000) });

const tekst = (veld: string, max: number) => z.string({ error: `${veld} ontbreekt` }).max(max, { error: `${veld} is te lang (maximaal ${max} tekens)` });
const kvk = z.string({ error: "kvk ontbreekt" }).regex(/^\d{8}$/, { error: "kvk moet een KvK-nummer van 8 cijfers zijn" });
const perceel = z.string({ error: "perceel ontbreekt" }).min(1, { error: "perceel ontbreekt" }).max(64);
const ScoreSchema = z.object({
  ronde: z.enum(["selectie", "gunning"], { error: "ronde moet 'selectie' of 'gunning' zijn" }),
  kvk,
  perceel,
  criterium: z.string({ error: "criterium ontbreekt" }).regex(/^[SG]\d{1,2}$/, { error: "criterium moet een code zijn zoals S1 of G2" }),
  score: z.number({ error: "score moet een getal zijn" }),
  motivering: tekst("motivering", 8000),
});

/** The bodies of the SAS's steps, as the API takes them (the workflow adds the step's type). */
export const SasBodies = {
  score: ScoreSchema,
  voorstel: z.object({ toelichting: tekst("toelichting", 8000) }),
  gunningssystematiek: z.object({
    wegingen: z.array(z.object({ perceel, criterium: z.string().min(1).max(8), gewicht: z.number({ error: "gewicht moet een getal zijn" }) }), { error: "wegingen ontbreekt" }).max(100),
    schaal: z.object({ min: z.number({ error: "schaal.min moet een getal zijn" }), max: z.number({ error: "schaal.max moet een getal zijn" }) }, { error: "schaal ontbreekt" }),
    motivering: tekst("motivering", 8000),
  }),
  dialoogsessie: z.object({
    kvk,
    datum: iso.date({ error: "datum moet een datum zijn zoals 2027-02-10" }),
    deelnemers: z.array(z.string().max(200), { error: "deelnemers ontbreekt" }).max(50),
    verslag: tekst("verslag", 20000),
  }),
  wijziging: z.object({ onderwerp: tekst("onderwerp", 200), wijziging: tekst("wijziging", 8000) }),
  dialoogSluiting: z.object({ sluitingAt: instant("sluitingAt") }),
  offerte: z.object({
    percelen: z.array(perceel, { error: "percelen ontbreekt" }).max(10).optional(),
    antwoorden: z
      .array(z.object({ perceel: perceel.optional(), criterium: z.string({ error: "criterium ontbreekt" }).min(1).max(8), antwoord: tekst("antwoord", 20000), documentRef: z.string().max(500).optional() }), {
        error: "antwoorden ontbreekt",
      })
      .max(200),
  }),
  bezwaar: z.object({ motivering: tekst("motivering", 8000) }),
  afhandeling: z.object({
    uitkomst: z.enum(["ongegrond", "ingetrokken", "gegrond"], { error: "uitkomst moet 'ongegrond', 'ingetrokken' of 'gegrond' zijn" }),
    motivering: tekst("motivering", 8000),
  }),
  leeg: z.object({}),
};

const OfferteStap = z.object({
  type: z.literal("SubmitOfferte"),
  kvk,
  percelen: z.array(perceel).max(10),
  antwoorden: z.array(z.object({ perceel, criterium: z.string().min(1).max(8), antwoord: tekst("antwoord", 20000), documentRef: z.string().max(500).optional() })).max(200),
  naam: z.string().max(300),
  email: z.string().max(300),
  sha256: z.string().max(128),
});

/** The SAS's steps after the aanmelding, one update with the step as its type (domain/sas/decide.ts). */
export const SasOpdrachtSchema = z.discriminatedUnion(
  "type",
  [
    ScoreSchema.extend({ type: z.literal("GeefScore") }),
    ScoreSchema.extend({ type: z.literal("StelConsensusVast") }),
    SasBodies.voorstel.extend({ type: z.literal("ProposeSelectie") }),
    SasBodies.gunningssystematiek.extend({ type: z.literal("ProposeGunningssystematiek") }),
    SasBodies.dialoogsessie.extend({ type: z.literal("RecordDialoogsessie") }),
    SasBodies.wijziging.extend({ type: z.literal("PublishWijziging") }),
    SasBodies.dialoogSluiting.extend({ type: z.literal("SluitDialoog") }),
    OfferteStap,
    z.object({ type: z.literal("BevestigOpening") }),
    SasBodies.voorstel.extend({ type: z.literal("ProposeVoorlopigeGunning") }),
    SasBodies.bezwaar.extend({ type: z.literal("DienBezwaarIn"), kvk }),
    SasBodies.afhandeling.extend({ type: z.literal("HandelBezwaarAf"), nr: z.number({ error: "nr moet een bezwaarnummer zijn" }).int().positive() }),
    z.object({ type: z.literal("ProposeDefinitieveGunning") }),
  ],
  { error: "onbekende stap" },
);
export type SasOpdracht = z.infer<typeof SasOpdrachtSchema>;

/** What a SAS step answers: the besluit it put forward, the receipt of a final offer, or a number. */
export interface SasResultaat {
  stap: SasOpdracht["type"];
  besluitId?: string;
  nr?: number;
  ontvangstbewijs?: { procedureId: string; kvk: string; ontvangstbewijsId: string; ontvangenOp: string; sha256: string; percelen: string[] };
  fase: string;
}

type WithActor<T = unknown> = { actor: Actor } & T;

/**
 * What the API brings along with a submission: facts that live in other entities (the aanbieder's
 * profile, whether its contract was ontbonden) and the content hash, so the validator can run the
 * whole rule synchronously.
 */
export const IntrekkingSchema = z.object({ toelichting: z.string().max(2000, { error: "toelichting is te lang (maximaal 2000 tekens)" }).optional() });

export interface SubmitInput {
  actor: Actor;
  kvk: string;
  inschrijving: InschrijvingInput;
  /** The aanbieder's summary (its memo: kvk, naam, confirmed e-mail) or, in older histories, its whole profile. */
  aanbieder: Pick<AanbiederProfiel, "naam" | "email"> | null;
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
    sas: update<SasResultaat, WithActor<{ opdracht: SasOpdracht }>>("sas"),
    /** One of the two confirmations that open a closed round's sealed inschrijvingen (four eyes). */
    bevestigOpening: update<ProcedureView, WithActor>("bevestigOpening"),
    /** A new version of the aanbieder's own inschrijving before closing; only the last one counts. */
    vervangInschrijving: update<Ontvangstbewijs, SubmitInput>("vervangInschrijving"),
    trekInschrijvingIn: update<{ inschrijvingId: string; kvk: string; ronde: number; ingetrokkenOp: string }, WithActor<{ kvk: string; toelichting?: string }>>("trekInschrijvingIn"),
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
