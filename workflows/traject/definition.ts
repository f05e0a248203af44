import { iso, z } from "zod";
import { CriteriumAntwoordSchema } from "../../domain/inschrijving/inschrijving";
import type { Recorded } from "../../domain/shared/audit";
import type { Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import type { TrajectDetails, TrajectEvent, TrajectStatus } from "../../domain/onderhands/traject";
import { entityDef, query, update } from "../runtime/definitions";

type WithActor<T = unknown> = { actor: Actor } & T;
const tekst = (veld: string, max: number) => z.string({ error: `${veld} ontbreekt` }).max(max, { error: `${veld} is te lang (maximaal ${max} tekens)` });

/** The bodies the API takes for a trajectory's steps. */
export const TrajectBodies = {
  offerte: z.object({
    diensten: z
      .array(
        z.object({
          naam: tekst("naam", 200),
          tarief: z.number({ error: "tarief moet een bedrag in euro zijn" }),
          eenheid: tekst("eenheid", 50),
        }),
        { error: "diensten ontbreekt" },
      )
      .max(50),
    landelijkTarief: z
      .object({
        geaccepteerd: z.boolean({ error: "geaccepteerd moet ja of nee zijn" }),
        ingroeipad: z.array(z.object({ jaar: z.number().int().min(2020).max(2060), percentage: z.number() })).max(10),
      })
      .optional(),
    toelichting: tekst("toelichting", 20000),
    /** With the first offer: the toelatingscriteria, per dienst where a criterion is per product (TC02, TC07). */
    antwoorden: z.array(CriteriumAntwoordSchema, { error: "antwoorden moet een lijst zijn" }).max(2000).optional(),
  }),
  gespreksronde: z.object({
    datum: iso.date({ error: "datum moet een datum zijn zoals 2027-02-10" }),
    deelnemers: z.array(z.string().max(200), { error: "deelnemers ontbreekt" }).max(50),
    verslag: tekst("verslag", 20000),
  }),
  overeenstemming: z.object({ motivering: tekst("motivering", 8000) }),
  beeindiging: z.object({
    reden: z.enum(["geen-overeenstemming", "ingetrokken-door-aanbieder", "voldoet-niet-aan-toelatingscriteria", "anders"], {
      error: "reden moet 'geen-overeenstemming', 'ingetrokken-door-aanbieder', 'voldoet-niet-aan-toelatingscriteria' of 'anders' zijn",
    }),
    motivering: tekst("motivering", 8000),
  }),
};

/** What the procedure hands a new trajectory. */
export interface TrajectStart {
  procedureId: string;
  procedureTitel: string;
  contractId: string;
  kvk: string;
  naam: string;
  email: string;
  deadline: string;
  vraagtLandelijkTarief: boolean;
  contractIngangsdatum?: string;
}

export type TrajectView = { status: TrajectStatus } & TrajectDetails & { procedureTitel: string };

/** One invited aanbieder's own inkooptraject, keyed `<procedureId>/<kvk>`. */
export const trajectEntity = entityDef({
  type: "traject",
  updates: {
    dienOfferteIn: update<TrajectView, WithActor<z.infer<typeof TrajectBodies.offerte> & { sha256: string }>>("dienOfferteIn"),
    legGespreksrondeVast: update<TrajectView, WithActor<z.infer<typeof TrajectBodies.gespreksronde>>>("legGespreksrondeVast"),
    stelOvereenstemmingVoor: update<{ besluitId: string }, WithActor<z.infer<typeof TrajectBodies.overeenstemming>>>("stelOvereenstemmingVoor"),
    stelBeeindigingVoor: update<{ besluitId: string }, WithActor<z.infer<typeof TrajectBodies.beeindiging>>>("stelBeeindigingVoor"),
  },
  queries: {
    get: query<TrajectView, WithActor>("get"),
    events: query<Recorded<TrajectEvent>[], WithActor>("events"),
  },
  creates: [],
  missing: refuse("BestaatNiet", 404, "Dit inkooptraject bestaat niet."),
});
