import { z } from "zod";
import type { BesluitDocumentSpec, BesluitInhoud, RecordedBesluitEvent } from "../../domain/besluit/besluit";
import type { Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import type { StoredDocument } from "../../templates/types";
import { entityDef, query, update } from "../runtime/definitions";
import type { BesluitView } from "./view";

/** What a besluit reports to the entity it is about (procedure, contract, verlengingsronde) once its authority decided. */
export interface BesluitGenomenMessage {
  besluitId: string;
  akkoord: boolean;
  motivering: string;
  door: string;
  /** The definitive document, rendered after the authority's akkoord. */
  document?: StoredDocument;
}

/** The creating commands (internal: sent by procedure, contract or verlengingsronde with `entity.create`). */
export interface VoorleggenInput {
  auteur: Actor;
  inhoud: BesluitInhoud;
  document: BesluitDocumentSpec;
  procedureTitel: string;
}
export interface VaststellenInput {
  auteur: Actor;
  inhoud: BesluitInhoud & { motivering: string };
  document: BesluitDocumentSpec;
  procedureTitel: string;
}

type WithActor<T = unknown> = { actor: Actor } & T;

export const BeslissingInputSchema = z.object({
  akkoord: z.boolean({ error: "kies akkoord of terugsturen" }),
  motivering: z.string().max(4000).default(""),
});

/** A besluit, keyed by its id. Only other entities create it (`voorleggen` / `vaststellen`); the API decides on it. */
export const besluitEntity = entityDef({
  type: "besluit",
  updates: {
    beslissen: update<BesluitView, WithActor<z.input<typeof BeslissingInputSchema>>>("beslissen"),
  },
  queries: {
    get: query<BesluitView, WithActor>("get"),
    document: query<StoredDocument, WithActor<{ documentId: string }>>("document"),
    events: query<RecordedBesluitEvent[], WithActor>("events"),
  },
  creates: [],
  missing: refuse("BestaatNiet", 404, "Dit besluit bestaat niet."),
});
export type BesluitEntity = typeof besluitEntity;
