import * as restate from "@restatedev/restate-sdk";
import { z } from "zod";
import {
  decideBesluit,
  evolveBesluit,
  initialBesluitState,
  roleOfAuthority,
  type BesluitDocumentSpec,
  type BesluitEvent,
  type BesluitInhoud,
  type BesluitState,
} from "../domain/besluit/besluit";
import { formatInstantNl } from "../domain/calendar";
import { ActorSchema, SYSTEEM, type Actor } from "../domain/shared/actor";
import { refuse } from "../domain/shared/refusal";
import { besluitAanOntvangerMail, besluitTeruggestuurdMail, besluitVoorgelegdMail } from "../templates/mail";
import type { StoredDocument } from "../templates/types";
import { renderDocument, sendNotification } from "./effects";
import { applyDecision, loadLog, loadState } from "./event-log";
import { parseOrRefuse, refusalError } from "./refusal";
import { registerObject } from "./register";
import type { ContractObject } from "./contract";
import type { ProcedureObject } from "./procedure";
import type { VerlengingsrondeObject } from "./verlengingsronde";

export interface BesluitGenomenMessage {
  besluitId: string;
  akkoord: boolean;
  motivering: string;
  door: string;
  /** The definitive document, rendered after the authority's akkoord. */
  document?: StoredDocument;
}

const regionRoles = ["inkoper", "beoordelaar", "programmadirecteur", "bosd"];
const ActorOnly = z.object({ actor: ActorSchema });
const Beslissing = z.object({ actor: ActorSchema, akkoord: z.boolean({ error: "kies akkoord of terugsturen" }), motivering: z.string().max(4000).default("") });

function withMeta(ctx: restate.ObjectContext, auteur: Actor) {
  return {
    initial: initialBesluitState,
    evolve: (s: BesluitState, e: BesluitEvent) => evolveBesluit(s, e, { besluitId: ctx.key, auteur }),
  };
}

function append(ctx: restate.ObjectContext, auteur: Actor, events: BesluitEvent[]) {
  return applyDecision<BesluitState, BesluitEvent>(ctx, withMeta(ctx, auteur), () => events, SYSTEEM);
}

function summary(state: BesluitState): Record<string, unknown> {
  if (state.status === "leeg") return {};
  return {
    type: state.type,
    titel: state.titel,
    status: state.status,
    authority: state.authority,
    beslisRol: roleOfAuthority[state.authority],
    procedureId: state.procedureId,
    ontvangerKvk: state.ontvanger?.kvk,
    ontvangerNaam: state.ontvanger?.naam,
    datum: state.datum,
    samenvatting: state.samenvatting,
  };
}

/** The definitive version shows who decided and when: same data, the decision added to the kop. */
function definitive(spec: BesluitDocumentSpec, beslissing: { door: string; at: string }, authorityNaam: string): BesluitDocumentSpec {
  if (!("kop" in spec.data)) return spec;
  const kop = {
    ...spec.data.kop,
    datum: beslissing.at,
    bevoegdGezag: { ...spec.data.kop.bevoegdGezag, toelichting: `Vastgesteld door ${authorityNaam} (${beslissing.door}) op ${formatInstantNl(new Date(beslissing.at))}.` },
  };
  return { ...spec, data: { ...spec.data, kop }, bestandsnaam: spec.bestandsnaam.replace(/\.pdf$/, "-vastgesteld.pdf") } as BesluitDocumentSpec;
}

/**
 * A besluit, keyed by its id. `voorleggen` sends it to its authority (PDF + mail); `vaststellen` issues
 * it at once under an earlier mandate and sends it to its ontvanger; `beslissen` is the authority's
 * akkoord or sending back, reported to the entity the besluit is about.
 */
export const besluitObject = restate.object({
  name: "besluit",
  handlers: {
    voorleggen: restate.handlers.object.exclusive(
      { ingressPrivate: true },
      async (ctx: restate.ObjectContext, input: { auteur: Actor; inhoud: BesluitInhoud; document: BesluitDocumentSpec; procedureTitel: string }) => {
        const { state, events } = await applyDecision(ctx, withMeta(ctx, input.auteur), (s, now) => decideBesluit(s, { type: "Voorleggen", actor: input.auteur, data: input.inhoud }, now), input.auteur);
        if (events.length === 0 || state.status === "leeg") return;
        ctx.set("documentSpec", input.document);
        const doc = await renderDocument(ctx, input.document, state.datum);
        await append(ctx, input.auteur, [{ type: "BesluitDocumentGemaakt", data: { document: doc } }]);
        const mail = besluitVoorgelegdMail({ titel: state.titel, besluitId: ctx.key, procedureTitel: input.procedureTitel, authorityNaam: state.authorityNaam, samenvatting: state.samenvatting });
        const rol = roleOfAuthority[state.authority] === "bosd" ? "bosd" : "programmadirecteur";
        const messageId = await sendNotification(ctx, "besluit voorgelegd", ["besluit", ctx.key, "voorgelegd"], { to: [{ rol }], ...mail, documenten: [doc] });
        await append(ctx, input.auteur, [{ type: "BesluitVerzonden", data: { aan: [rol], messageId, at: new Date(await ctx.date.now()).toISOString() } }]);
        ctx.objectSendClient(registerObject, "besluiten").upsert({ id: ctx.key, summary: summary(state) });
      },
    ),

    vaststellen: restate.handlers.object.exclusive(
      { ingressPrivate: true },
      async (ctx: restate.ObjectContext, input: { auteur: Actor; inhoud: BesluitInhoud & { motivering: string }; document: BesluitDocumentSpec; procedureTitel: string }) => {
        const { state, events } = await applyDecision(ctx, withMeta(ctx, input.auteur), (s, now) => decideBesluit(s, { type: "Vaststellen", actor: input.auteur, data: input.inhoud }, now), input.auteur);
        if (events.length === 0 || state.status === "leeg") return;
        const doc = await renderDocument(ctx, input.document, state.datum);
        await append(ctx, input.auteur, [{ type: "BesluitDocumentGemaakt", data: { document: doc } }]);
        const ontvanger = state.ontvanger;
        if (ontvanger?.email) {
          const mail = besluitAanOntvangerMail({ titel: state.titel, besluitId: ctx.key, procedureTitel: input.procedureTitel, naam: ontvanger.naam, samenvatting: state.samenvatting });
          const messageId = await sendNotification(ctx, "besluit aan ontvanger", ["besluit", ctx.key, "vastgesteld"], { to: [ontvanger.email], ...mail, documenten: [doc] });
          await append(ctx, input.auteur, [{ type: "BesluitVerzonden", data: { aan: [ontvanger.email], messageId, at: new Date(await ctx.date.now()).toISOString() } }]);
        }
        ctx.objectSendClient(registerObject, "besluiten").upsert({ id: ctx.key, summary: summary(state) });
      },
    ),

    beslissen: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor, akkoord, motivering } = parseOrRefuse(Beslissing, input);
      const current = await loadState<BesluitState>(ctx, initialBesluitState);
      const auteur = current.status === "leeg" ? actor : current.auteur;
      const { state } = await applyDecision(ctx, withMeta(ctx, auteur), (s, now) => decideBesluit(s, { type: "Beslissen", actor, data: { akkoord, motivering } }, now), actor, motivering || undefined);
      if (state.status === "leeg" || !state.beslissing) throw new restate.TerminalError("besluit zonder beslissing", { errorCode: 500 });
      let document: StoredDocument | undefined;
      if (akkoord) {
        const spec = await ctx.get<BesluitDocumentSpec>("documentSpec");
        if (spec) {
          document = await renderDocument(ctx, definitive(spec, state.beslissing, state.authorityNaam), state.beslissing.at);
          await append(ctx, auteur, [{ type: "BesluitDocumentGemaakt", data: { document } }]);
        }
      } else {
        const mail = besluitTeruggestuurdMail({ titel: state.titel, besluitId: ctx.key, procedureTitel: state.procedureId ?? "", door: `${state.authorityNaam} (${actor.id})`, motivering });
        await sendNotification(ctx, "besluit teruggestuurd", ["besluit", ctx.key, "teruggestuurd"], { to: [{ rol: "inkoop" }], ...mail });
      }
      const message: BesluitGenomenMessage = { besluitId: ctx.key, akkoord, motivering, door: actor.id, ...(document ? { document } : {}) };
      if (state.onderwerp.soort === "procedure") ctx.objectSendClient({ name: "procedure" } as ProcedureObject, state.onderwerp.id).besluitGenomen(message);
      else if (state.onderwerp.soort === "verlengingsronde") ctx.objectSendClient({ name: "verlengingsronde" } as VerlengingsrondeObject, state.onderwerp.id).besluitGenomen(message);
      else ctx.objectSendClient({ name: "contract" } as ContractObject, state.onderwerp.id).besluitGenomen(message);
      ctx.objectSendClient(registerObject, "besluiten").upsert({ id: ctx.key, summary: summary(state) });
      return view(state, actor);
    },

    get: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const state = await loadState<BesluitState>(ctx, initialBesluitState);
      return view(state, actor);
    }),

    document: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor, documentId } = parseOrRefuse(z.object({ actor: ActorSchema, documentId: z.string() }), input);
      const state = view(await loadState<BesluitState>(ctx, initialBesluitState), actor);
      if (state.status === "leeg") throw refusalError(refuse("BestaatNiet", 404, "Dit besluit bestaat niet."));
      const doc = state.documenten.find((d) => d.id === documentId);
      if (!doc) throw refusalError(refuse("BestaatNiet", 404, "Dit document hoort niet bij dit besluit."));
      return doc;
    }),

    events: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      view(await loadState<BesluitState>(ctx, initialBesluitState), actor);
      return loadLog<BesluitEvent>(ctx);
    }),
  },
});
export type BesluitObject = typeof besluitObject;


/** The ontvanger sees its own besluit; the region's roles see all. */
function view(state: BesluitState, actor: Actor): BesluitState {
  if (state.status === "leeg") throw refusalError(refuse("BestaatNiet", 404, "Dit besluit bestaat niet."));
  if (regionRoles.includes(actor.rol)) return state;
  if (actor.rol === "aanbieder" && state.ontvanger?.kvk === actor.kvk && state.status === "vastgesteld") return state;
  throw refusalError(refuse("RolNietToegestaan", 403, "U kunt alleen uw eigen besluiten inzien."));
}
