import * as restate from "@restatedev/restate-sdk";
import { z } from "zod";
import { werkdagenTermEnd } from "../domain/calendar";
import { findContract, hoorEnWederhoorTekst } from "../domain/catalogue";
import { HOOR_TERMIJN_TOELICHTING } from "../domain/besluit/teksten";
import { auditView, mayReadInhoud } from "../domain/inschrijving/access";
import { decideInschrijving, type InschrijvingCommand } from "../domain/inschrijving/decide";
import {
  evolveInschrijving,
  initialInschrijvingState,
  type InschrijvingEvent,
  type InschrijvingState,
} from "../domain/inschrijving/entity";
import { describeItem, volledigheidssignalen } from "../domain/inschrijving/items";
import { redenOf } from "../domain/procedure/documents";
import { ActorSchema, SYSTEEM, type Actor } from "../domain/shared/actor";
import { refuse } from "../domain/shared/refusal";
import { herstelMail, hoorbriefMail } from "../templates/mail";
import type { HoorbriefDocument } from "../templates/types";
import { renderDocument, sendNotification } from "./effects";
import { applyDecision, loadLog, loadState } from "./event-log";
import { parseOrRefuse, refusalError } from "./refusal";
import type { ProcedureObject } from "./procedure";

const model = { initial: initialInschrijvingState, evolve: evolveInschrijving };
const ActorOnly = z.object({ actor: ActorSchema });
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

type State = InschrijvingState;
type Live = Exclude<State, { status: "leeg" }>;

async function run(ctx: restate.ObjectContext, command: InschrijvingCommand, reden?: string) {
  const result = await applyDecision<State, InschrijvingEvent>(ctx, model, (s, now) => decideInschrijving(s, command, now), command.actor, reden);
  const done = result.events.find((e) => e.type === "BeoordelingAfgerond");
  if (done && done.type === "BeoordelingAfgerond" && result.state.status !== "leeg") {
    ctx.objectSendClient({ name: "procedure" } as ProcedureObject, result.state.procedureId).recordUitkomst({
      ronde: result.state.ronde,
      kvk: result.state.kvk,
      uitkomst: done.data.uitkomst,
    });
  }
  return result;
}

function live(state: State): Live {
  if (state.status === "leeg") throw refusalError(refuse("BestaatNiet", 404, "Deze inschrijving bestaat niet."));
  return state;
}

function procedureRef(state: Live, titel: string) {
  const contract = findContract(state.contractId);
  return { id: state.procedureId, titel, contractNaam: contract?.naam ?? state.contractId, sectie: contract?.sectie ?? "" };
}

/**
 * One inschrijving, keyed `<procedureId>/<kvk>` (`/r<n>` for later rounds). Only the procedure creates
 * it; reads check the seal in the engine itself. After closing it carries its own beoordeling:
 * completeness, judgements, hoor en wederhoor with a durable term, and the uitkomst it reports back.
 */
export const inschrijvingObject = restate.object({
  name: "inschrijving",
  handlers: {
    store: restate.handlers.object.exclusive(
      { ingressPrivate: true },
      async (ctx: restate.ObjectContext, data: Extract<InschrijvingEvent, { type: "InschrijvingSubmitted" }>["data"]): Promise<void> => {
        await applyDecision<State, InschrijvingEvent>(ctx, model, (state) => (state.status === "leeg" ? [{ type: "InschrijvingSubmitted", data }] : []), {
          rol: "aanbieder",
          id: data.ontvangstbewijs.kvk,
          kvk: data.ontvangstbewijs.kvk,
        });
      },
    ),

    /** Sent by the procedure when the round closes. */
    startBeoordeling: restate.handlers.object.exclusive(
      { ingressPrivate: true },
      async (ctx: restate.ObjectContext, input: { aantalBeoordelaars: number; procedureTitel: string; hoorTermijnWerkdagen: number; herstelTermijnWerkdagen: number }) => {
        ctx.set("termijnen", { hoor: input.hoorTermijnWerkdagen, herstel: input.herstelTermijnWerkdagen, procedureTitel: input.procedureTitel });
        const state = live(await loadState<State>(ctx, initialInschrijvingState));
        await run(ctx, { type: "StartVolledigheidstoets", actor: SYSTEEM, data: { aantalBeoordelaars: input.aantalBeoordelaars, signalen: volledigheidssignalen(state.inhoud) } });
      },
    ),

    declareVolledig: async (ctx: restate.ObjectContext, input: { actor: Actor; motivering: string }) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const { state } = await run(ctx, { type: "DeclareVolledig", actor, data: { motivering: String(input.motivering ?? "") } }, input.motivering);
      return state;
    },

    requestHerstel: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const data = parseOrRefuse(HerstelRequestSchema, input);
      const termijnen = (await ctx.get<{ herstel: number; procedureTitel: string }>("termijnen")) ?? { herstel: 5, procedureTitel: "" };
      const now = new Date(await ctx.date.now());
      const termijnEinde = data.termijnEinde ?? werkdagenTermEnd(now, termijnen.herstel).toISOString();
      const { state, events } = await run(ctx, { type: "RequestHerstel", actor, data: { ontbrekend: data.ontbrekend, termijnEinde } });
      const s = live(state);
      if (events.length > 0) {
        ctx.objectSendClient(inschrijvingObject, ctx.key).expireHerstel(restate.rpc.sendOpts({ delay: Math.max(0, new Date(termijnEinde).getTime() - now.getTime()) }));
        const ontbrekend = data.ontbrekend.map((k) => describeItem({ key: k, criterium: k.split(":")[0]!, ...(k.includes(":") ? { productId: k.slice(k.indexOf(":") + 1) } : {}) }));
        await sendNotification(ctx, "herstelverzoek", ["inschrijving", ctx.key, "herstel", String(events[0]!.seq)], {
          to: [s.email],
          ...herstelMail({ naam: s.naam, procedureTitel: termijnen.procedureTitel, termijnEinde, ontbrekend }),
        });
      }
      return s;
    },

    supplyHerstel: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const data = parseOrRefuse(HerstelSupplySchema, input);
      return (await run(ctx, { type: "SupplyHerstel", actor, data })).state;
    },

    expireHerstel: restate.handlers.object.exclusive({ ingressPrivate: true }, async (ctx: restate.ObjectContext) => {
      await run(ctx, { type: "ExpireHerstel", actor: SYSTEEM }, "Hersteltermijn verstreken");
    }),

    judge: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const data = parseOrRefuse(JudgeSchema, input);
      return (await run(ctx, { type: "JudgeCriterium", actor, data }, data.motivering)).state;
    },

    settle: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const data = parseOrRefuse(JudgeSchema, input);
      return (await run(ctx, { type: "SettleOordeel", actor, data }, data.motivering)).state;
    },

    startHoorEnWederhoor: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const data = parseOrRefuse(HoorStartSchema, input);
      const termijnen = (await ctx.get<{ hoor: number; procedureTitel: string }>("termijnen")) ?? { hoor: 10, procedureTitel: "" };
      const now = new Date(await ctx.date.now());
      const termijnEinde = data.termijnEinde ?? werkdagenTermEnd(now, termijnen.hoor).toISOString();
      const { state, events } = await run(ctx, { type: "StartHoorEnWederhoor", actor, data: { termijnEinde } });
      const s = live(state);
      const started = events.find((e) => e.type === "HoorEnWederhoorStarted");
      if (!started || started.type !== "HoorEnWederhoorStarted") return s;
      ctx.objectSendClient(inschrijvingObject, ctx.key).expireHoorEnWederhoor(restate.rpc.sendOpts({ delay: Math.max(0, new Date(termijnEinde).getTime() - now.getTime()) }));
      const brief: HoorbriefDocument = {
        kenmerk: `HW-${ctx.key}`,
        datum: now.toISOString(),
        aan: { naam: s.naam, kvk: s.kvk, email: s.email },
        procedure: procedureRef(s, termijnen.procedureTitel),
        tekortkomingen: started.data.tekortkomingen.map((t) => redenOf(t, false)),
        termijnWerkdagen: data.termijnEinde ? 0 : termijnen.hoor,
        termijnEinde,
        termijnToelichting: HOOR_TERMIJN_TOELICHTING,
        hoorEnWederhoorTekst,
        afzender: { naam: actor.id, rol: actor.rol },
      };
      const doc = await renderDocument(ctx, { kind: "hoorbrief", data: brief, bestandsnaam: `hoorbrief-${ctx.key.replace(/\//g, "-")}.pdf` }, now.toISOString());
      await applyDecision<State, InschrijvingEvent>(ctx, model, () => [{ type: "DocumentToegevoegd", data: { document: doc, doel: "hoorbrief" } }], SYSTEEM);
      await sendNotification(ctx, "hoorbrief", ["inschrijving", ctx.key, "hoorbrief", String(started.seq)], {
        to: [s.email],
        ...hoorbriefMail({ naam: s.naam, procedureTitel: termijnen.procedureTitel, termijnEinde, aantal: started.data.tekortkomingen.length }),
        documenten: [doc],
      });
      return live(await loadState<State>(ctx, initialInschrijvingState));
    },

    replyHoorEnWederhoor: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const data = parseOrRefuse(HoorReplySchema, input);
      return (await run(ctx, { type: "ReplyHoorEnWederhoor", actor, data })).state;
    },

    expireHoorEnWederhoor: restate.handlers.object.exclusive({ ingressPrivate: true }, async (ctx: restate.ObjectContext) => {
      await run(ctx, { type: "ExpireHoorEnWederhoor", actor: SYSTEEM }, "Termijn hoor en wederhoor verstreken");
    }),

    document: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor, documentId } = parseOrRefuse(z.object({ actor: ActorSchema, documentId: z.string() }), input);
      const state = live(await loadState<State>(ctx, initialInschrijvingState));
      const denied = mayReadInhoud(actor, state, new Date(await ctx.date.now()));
      if (denied) throw refusalError(denied);
      const doc = state.documenten.find((d) => d.id === documentId);
      if (!doc) throw refusalError(refuse("BestaatNiet", 404, "Dit document hoort niet bij deze inschrijving."));
      return doc;
    }),

    read: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const state = live(await loadState<State>(ctx, initialInschrijvingState));
      const denied = mayReadInhoud(actor, state, new Date(await ctx.date.now()));
      if (denied) throw refusalError(denied);
      return state;
    }),

    /** Who did what and when is never sealed; the content inside the events is, until closing. */
    events: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const state = live(await loadState<State>(ctx, initialInschrijvingState));
      if (actor.rol === "aanbieder" && actor.kvk !== state.kvk) throw refusalError(refuse("RolNietToegestaan", 403, "U kunt alleen uw eigen inschrijvingen inzien."));
      const denied = mayReadInhoud(actor, state, new Date(await ctx.date.now()));
      return auditView(await loadLog<InschrijvingEvent>(ctx), denied === null);
    }),
  },
});
export type InschrijvingObject = typeof inschrijvingObject;
