import * as restate from "@restatedev/restate-sdk";
import { AanbiederRegistratieSchema, type AanbiederProfiel } from "../domain/aanbieder/aanbieder";
import { ActorSchema } from "../domain/shared/actor";
import { z } from "zod";
import { parseOrRefuse, refusalError } from "./refusal";
import { refuse } from "../domain/shared/refusal";
import { record, type Recorded } from "../domain/shared/audit";
import { registerObject } from "./register";
import { sendNotification } from "./effects";
import type { StoredDocument } from "../templates/types";

type AanbiederEvent = { type: "AanbiederRegistered" | "AanbiederUpdated"; data: AanbiederProfiel };

const RegisterSchema = z.object({ actor: ActorSchema, registratie: AanbiederRegistratieSchema });

/** An aanbieder, keyed by KvK number: the registry that submissions are checked against. */
export const aanbiederObject = restate.object({
  name: "aanbieder",
  handlers: {
    register: async (ctx: restate.ObjectContext, input: unknown): Promise<AanbiederProfiel> => {
      const { actor, registratie } = parseOrRefuse(RegisterSchema, input);
      if (registratie.kvk !== ctx.key) throw refusalError(refuse("OngeldigeInvoer", 400, "KvK-nummer wijkt af van de sleutel.", "kvk"));
      const selfService = actor.rol === "aanbieder" && actor.kvk === registratie.kvk;
      if (!selfService && actor.rol !== "inkoper")
        throw refusalError(refuse("RolNietToegestaan", 403, "Alleen de aanbieder zelf of een inkoper kan een aanbieder registreren.", "kvk"));
      const existing = await ctx.get<AanbiederProfiel>("profiel");
      const now = new Date(await ctx.date.now());
      const profiel: AanbiederProfiel = { ...registratie, geregistreerdOp: existing?.geregistreerdOp ?? now.toISOString() };
      const log = (await ctx.get<Recorded<AanbiederEvent>[]>("log")) ?? [];
      const event: AanbiederEvent = { type: existing ? "AanbiederUpdated" : "AanbiederRegistered", data: profiel };
      ctx.set("profiel", profiel);
      ctx.set("log", [...log, ...record([event], log.length, now, actor)]);
      ctx.objectSendClient(registerObject, "aanbieders").upsert({ id: registratie.kvk, summary: { kvk: profiel.kvk, naam: profiel.naam, email: profiel.email } });
      return profiel;
    },
    /**
     * Delivers one notification to this aanbieder. Procedures fan out through here, so each mail is
     * its own invocation: sent in parallel, retried on its own, and the address read where it lives.
     */
    notify: restate.handlers.object.exclusive(
      { ingressPrivate: true },
      async (ctx: restate.ObjectContext, n: { naam: string; idParts: string[]; subject: string; text: string; documenten?: StoredDocument[] }): Promise<void> => {
        const profiel = await ctx.get<AanbiederProfiel>("profiel");
        if (!profiel) return;
        await sendNotification(ctx, n.naam, n.idParts, { to: [profiel.email], subject: n.subject, text: n.text, documenten: n.documenten ?? [] });
      },
    ),

    get: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext): Promise<AanbiederProfiel | null> => {
      return (await ctx.get<AanbiederProfiel>("profiel")) ?? null;
    }),
    events: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext): Promise<Recorded<AanbiederEvent>[]> => {
      return (await ctx.get<Recorded<AanbiederEvent>[]>("log")) ?? [];
    }),
  },
});
export type AanbiederObject = typeof aanbiederObject;
