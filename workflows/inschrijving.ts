import * as restate from "@restatedev/restate-sdk";
import { z } from "zod";
import { auditView, mayReadInhoud } from "../domain/inschrijving/access";
import {
  evolveInschrijving,
  initialInschrijvingState,
  type InschrijvingEvent,
  type InschrijvingState,
} from "../domain/inschrijving/entity";
import { ActorSchema } from "../domain/shared/actor";
import { refuse } from "../domain/shared/refusal";
import { applyDecision, loadLog, loadState } from "./event-log";
import { parseOrRefuse, refusalError } from "./refusal";

const model = { initial: initialInschrijvingState, evolve: evolveInschrijving };
const ReadSchema = z.object({ actor: ActorSchema });

/**
 * One inschrijving, keyed `<procedureId>/<kvk>`. Only the procedure writes it (ingress-private);
 * reads check the seal in the engine itself, so no caller can open a bid before the closing instant.
 */
export const inschrijvingObject = restate.object({
  name: "inschrijving",
  handlers: {
    store: restate.handlers.object.exclusive(
      { ingressPrivate: true },
      async (ctx: restate.ObjectContext, event: InschrijvingEvent["data"]): Promise<void> => {
        await applyDecision<InschrijvingState, InschrijvingEvent>(
          ctx,
          model,
          (state) => (state.status === "leeg" ? [{ type: "InschrijvingSubmitted", data: event }] : []),
          { rol: "aanbieder", id: event.ontvangstbewijs.kvk, kvk: event.ontvangstbewijs.kvk },
        );
      },
    ),
    read: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ReadSchema, input);
      const state = await loadState<InschrijvingState>(ctx, initialInschrijvingState);
      if (state.status === "leeg") throw refusalError(refuse("BestaatNiet", 404, "Deze inschrijving bestaat niet."));
      const denied = mayReadInhoud(actor, state, new Date(await ctx.date.now()));
      if (denied) throw refusalError(denied);
      return state;
    }),
    /** Who did what and when is never sealed; the content inside the events is, until closing. */
    events: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ReadSchema, input);
      const state = await loadState<InschrijvingState>(ctx, initialInschrijvingState);
      if (state.status === "leeg") throw refusalError(refuse("BestaatNiet", 404, "Deze inschrijving bestaat niet."));
      if (actor.rol === "aanbieder" && actor.kvk !== state.kvk)
        throw refusalError(refuse("RolNietToegestaan", 403, "U kunt alleen uw eigen inschrijvingen inzien."));
      const denied = mayReadInhoud(actor, state, new Date(await ctx.date.now()));
      return auditView(await loadLog<InschrijvingEvent>(ctx), denied === null);
    }),
  },
});
export type InschrijvingObject = typeof inschrijvingObject;
