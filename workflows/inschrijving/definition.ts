import { z } from "zod";
import type { InschrijvingState } from "../../domain/inschrijving/entity";
import type { Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import type { StoredDocument } from "../../templates/types";
import { entityDef, query, update } from "../runtime/definitions";

const instant = z.iso.datetime({ offset: true, error: "termijnEinde moet een tijdstip zijn zoals 2026-03-01T12:00:00+01:00" });
const Oordeel = z.enum(["voldoet", "voldoet-niet"], { error: "oordeel moet 'voldoet' of 'voldoet-niet' zijn" });
const Motivering = z.string({ error: "motivering ontbreekt" }).max(4000);

export const JudgeSchema = z.object({ item: z.string().min(1, { error: "item ontbreekt" }), oordeel: Oordeel, motivering: Motivering });
export const HerstelRequestSchema = z.object({ ontbrekend: z.array(z.string().min(1)).min(1, { error: "noem wat ontbreekt" }), termijnEinde: instant.optional() });
export const HerstelSupplySchema = z.object({
  aanvullingen: z.array(z.object({ item: z.string().min(1), documentRef: z.string().min(1, { error: "documentRef ontbreekt" }).max(500), toelichting: z.string().max(4000).optional() })).min(1),
});
export const HoorStartSchema = z.object({ termijnEinde: instant.optional() });
export const HoorReplySchema = z.object({ toelichting: z.string({ error: "toelichting ontbreekt" }).max(8000), documenten: z.array(z.string().min(1).max(500)).max(50).default([]) });

type WithActor<T = unknown> = { actor: Actor } & T;

/** An inschrijving that exists (every update answers it; `read` answers it when the seal allows). */
export type InschrijvingView = Exclude<InschrijvingState, { status: "leeg" }>;

/**
 * One inschrijving, keyed `<procedureId>/<kvk>` (`/r<n>` for later rounds). Only the procedure creates it
 * (internal `store`, then `startBeoordeling` at closing); nothing here creates it from the API.
 */
export const inschrijvingEntity = entityDef({
  type: "inschrijving",
  updates: {
    declareVolledig: update<InschrijvingView, WithActor<{ motivering: string }>>("declareVolledig"),
    requestHerstel: update<InschrijvingView, WithActor<z.input<typeof HerstelRequestSchema>>>("requestHerstel"),
    supplyHerstel: update<InschrijvingView, WithActor<z.input<typeof HerstelSupplySchema>>>("supplyHerstel"),
    judge: update<InschrijvingView, WithActor<z.input<typeof JudgeSchema>>>("judge"),
    settle: update<InschrijvingView, WithActor<z.input<typeof JudgeSchema>>>("settle"),
    startHoorEnWederhoor: update<InschrijvingView, WithActor<z.input<typeof HoorStartSchema>>>("startHoorEnWederhoor"),
    replyHoorEnWederhoor: update<InschrijvingView, WithActor<z.input<typeof HoorReplySchema>>>("replyHoorEnWederhoor"),
  },
  queries: {
    read: query<InschrijvingView, WithActor>("read"),
    document: query<StoredDocument, WithActor<{ documentId: string }>>("document"),
    /** The audit trail; sealed content is replaced by "verzegeld" (see domain/inschrijving/access auditView). */
    events: query<unknown[], WithActor>("events"),
  },
  creates: [],
  missing: refuse("BestaatNiet", 404, "Deze inschrijving bestaat niet."),
  // The receipt answers before the engine has started the entity, which waits for a lull in the
  // submissions for at most 3 s (workflows/procedure/workflow.ts, Entity.createBatched).
  appearsWithinMs: 6_000,
});
export type InschrijvingEntity = typeof inschrijvingEntity;
