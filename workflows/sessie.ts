import * as restate from "@restatedev/restate-sdk";

/**
 * A login session, keyed by its random id (which only the cookie carries). Kept in the engine so
 * every API process behind a load balancer sees the same sessions and logout ends them everywhere.
 */
export interface SessieData {
  gebruikersnaam: string;
  naam: string;
  rol: "inkoper" | "beoordelaar" | "aanbieder" | "programmadirecteur" | "bosd";
  kvk?: string;
  csrf: string;
  verlooptOp: string;
  gestartOp: string;
}

export const sessieObject = restate.object({
  name: "sessie",
  handlers: {
    start: async (ctx: restate.ObjectContext, data: SessieData): Promise<void> => {
      ctx.set("sessie", data);
      // The session removes itself when it expires, so the engine keeps no stale sessions.
      const delay = Math.max(0, new Date(data.verlooptOp).getTime() - (await ctx.date.now()));
      ctx.objectSendClient(sessieObject, ctx.key).end(restate.rpc.sendOpts({ delay }));
    },
    get: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext): Promise<SessieData | null> => {
      const s = await ctx.get<SessieData>("sessie");
      if (!s) return null;
      return new Date(s.verlooptOp).getTime() > (await ctx.date.now()) ? s : null;
    }),
    end: async (ctx: restate.ObjectContext): Promise<void> => {
      ctx.clearAll();
    },
  },
});
export type SessieObject = typeof sessieObject;
