import * as restate from "@restatedev/restate-sdk";
import { z } from "zod";
import { sha256OfJson } from "../activities/hash";
import { InschrijvingInputSchema, inschrijvingKey, type Ontvangstbewijs } from "../domain/inschrijving/inschrijving";
import { decide } from "../domain/procedure/decide";
import {
  evolve,
  initialProcedureState,
  ProcedureInputSchema,
  type ProcedureEvent,
  type ProcedureState,
} from "../domain/procedure/procedure";
import { ActorSchema, SYSTEEM, type Actor } from "../domain/shared/actor";
import { KvkSchema } from "../domain/shared/kvk";
import { refuse } from "../domain/shared/refusal";
import { aanbiederObject } from "./aanbieder";
import { applyDecision, loadLog, loadState } from "./event-log";
import { inschrijvingObject } from "./inschrijving";
import { parseOrRefuse, refusalError } from "./refusal";
import { registerObject } from "./register";

const model = { initial: initialProcedureState, evolve };

const CreateSchema = z.object({ actor: ActorSchema, procedure: ProcedureInputSchema });
const ActorOnlySchema = z.object({ actor: ActorSchema });
const SubmitSchema = z.object({ actor: ActorSchema, kvk: KvkSchema, inschrijving: InschrijvingInputSchema });

const regionRoles = ["inkoper", "beoordelaar", "programmadirecteur", "bosd"];

function summaryOf(state: ProcedureState): Record<string, unknown> {
  if (state.status === "leeg") return {};
  return {
    titel: state.titel,
    contractId: state.contractId,
    procedureType: state.procedureType,
    status: state.status,
    publicatieAt: state.publicatieAt,
    sluitingAt: state.sluitingAt,
    aantalInschrijvingen: state.inschrijvingen.length,
  };
}

/**
 * What a caller may see of a procedure. Before the closing instant even the region sees only how
 * many inschrijvingen arrived, not from whom; an aanbieder only ever sees its own.
 */
function viewFor(state: ProcedureState, actor: Actor, now: number) {
  if (state.status === "leeg") throw refusalError(refuse("BestaatNiet", 404, "Deze procedure bestaat niet."));
  const { inschrijvingen, procesVerbaal, ...rest } = state;
  const sealed = now < new Date(state.sluitingAt).getTime();
  const visible = regionRoles.includes(actor.rol) ? (sealed ? [] : inschrijvingen) : inschrijvingen.filter((i) => i.kvk === actor.kvk);
  return {
    ...rest,
    verzegeld: sealed,
    aantalInschrijvingen: inschrijvingen.length,
    inschrijvingen: visible,
    procesVerbaalBeschikbaar: procesVerbaal !== undefined,
  };
}

function scheduleClosing(ctx: restate.ObjectContext, sluitingAt: string, now: number): void {
  const delay = Math.max(0, new Date(sluitingAt).getTime() - now);
  ctx.objectSendClient(procedureObject, ctx.key).close(restate.rpc.sendOpts({ delay }));
}

/**
 * An Open House procedure, keyed by procedure id. Commands are exclusive handlers that run the
 * pure rules in domain/procedure; closing is a delayed message to itself at the closing instant.
 */
export const procedureObject = restate.object({
  name: "procedure",
  handlers: {
    create: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor, procedure } = parseOrRefuse(CreateSchema, input);
      const { state } = await applyDecision<ProcedureState, ProcedureEvent>(
        ctx,
        model,
        (s, now) => decide(s, { type: "CreateProcedure", actor, data: { ...procedure, id: ctx.key } }, now),
        actor,
      );
      ctx.objectSendClient(registerObject, "procedures").upsert({ id: ctx.key, summary: summaryOf(state) });
      return viewFor(state, actor, await ctx.date.now());
    },

    publish: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnlySchema, input);
      const { state, events } = await applyDecision<ProcedureState, ProcedureEvent>(
        ctx,
        model,
        (s, now) => decide(s, { type: "PublishProcedure", actor }, now),
        actor,
      );
      if (events.length > 0 && state.status !== "leeg") {
        scheduleClosing(ctx, state.sluitingAt, await ctx.date.now());
        ctx.objectSendClient(registerObject, "procedures").upsert({ id: ctx.key, summary: summaryOf(state) });
      }
      return viewFor(state, actor, await ctx.date.now());
    },

    submitInschrijving: restate.handlers.object.exclusive(
      { idempotencyRetention: { days: 30 } },
      async (ctx: restate.ObjectContext, input: unknown): Promise<Ontvangstbewijs> => {
        const { actor, kvk, inschrijving } = parseOrRefuse(SubmitSchema, input);
        const aanbieder = await ctx.objectClient(aanbiederObject, kvk).get();
        const ontvangstbewijsId = ctx.rand.uuidv4();
        const sha256 = await ctx.run("hash inschrijving", () => sha256OfJson({ procedureId: ctx.key, kvk, inschrijving }));
        const { state, events } = await applyDecision<ProcedureState, ProcedureEvent>(
          ctx,
          model,
          (s, now) => decide(s, { type: "SubmitInschrijving", actor, data: { aanbieder, kvk, inschrijving, ontvangstbewijsId, sha256 } }, now),
          actor,
        );
        const received = events.find((e) => e.type === "InschrijvingReceived");
        if (!received || received.type !== "InschrijvingReceived" || state.status === "leeg")
          throw new restate.TerminalError("Inschrijving niet geregistreerd", { errorCode: 500 });
        const ontvangstbewijs: Ontvangstbewijs = {
          inschrijvingId: inschrijvingKey(ctx.key, kvk),
          procedureId: ctx.key,
          kvk,
          ontvangstbewijsId,
          ontvangenOp: received.data.ontvangenOp,
          sha256,
        };
        await ctx.objectClient(inschrijvingObject, ontvangstbewijs.inschrijvingId).store({
          ontvangstbewijs,
          naam: received.data.naam,
          contractId: state.contractId,
          sluitingAt: state.sluitingAt,
          inhoud: inschrijving,
        });
        ctx.objectSendClient(registerObject, "procedures").upsert({ id: ctx.key, summary: summaryOf(state) });
        return ontvangstbewijs;
      },
    ),

    /** Sent by the procedure to itself at the closing instant. */
    close: restate.handlers.object.exclusive({ ingressPrivate: true }, async (ctx: restate.ObjectContext): Promise<void> => {
      const current = await loadState<ProcedureState>(ctx, initialProcedureState);
      const now = await ctx.date.now();
      // A message may arrive a hair early: wait again rather than refuse.
      if (current.status === "gepubliceerd" && now < new Date(current.sluitingAt).getTime()) {
        scheduleClosing(ctx, current.sluitingAt, now);
        return;
      }
      if (current.status !== "gepubliceerd") return;
      const { state } = await applyDecision<ProcedureState, ProcedureEvent>(
        ctx,
        model,
        (s, at) => decide(s, { type: "CloseProcedure", actor: SYSTEEM }, at),
        SYSTEEM,
        "Sluitingstijdstip bereikt",
      );
      ctx.objectSendClient(registerObject, "procedures").upsert({ id: ctx.key, summary: summaryOf(state) });
    }),

    get: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnlySchema, input);
      return viewFor(await loadState<ProcedureState>(ctx, initialProcedureState), actor, await ctx.date.now());
    }),

    events: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnlySchema, input);
      const state = await loadState<ProcedureState>(ctx, initialProcedureState);
      if (state.status === "leeg") throw refusalError(refuse("BestaatNiet", 404, "Deze procedure bestaat niet."));
      if (!regionRoles.includes(actor.rol))
        throw refusalError(refuse("RolNietToegestaan", 403, "Het logboek van een procedure is alleen voor de regio in te zien."));
      return loadLog<ProcedureEvent>(ctx);
    }),

    procesVerbaal: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnlySchema, input);
      const state = await loadState<ProcedureState>(ctx, initialProcedureState);
      if (state.status === "leeg") throw refusalError(refuse("BestaatNiet", 404, "Deze procedure bestaat niet."));
      if (!regionRoles.includes(actor.rol))
        throw refusalError(refuse("RolNietToegestaan", 403, "Het proces-verbaal is alleen voor de regio in te zien."));
      if (!state.procesVerbaal)
        throw refusalError(refuse("NogNietGesloten", 409, "Het proces-verbaal wordt opgemaakt bij het sluiten van de procedure."));
      return state.procesVerbaal;
    }),
  },
});
export type ProcedureObject = typeof procedureObject;
