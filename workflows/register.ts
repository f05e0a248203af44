import * as restate from "@restatedev/restate-sdk";

/**
 * A small index per collection ("procedures", "aanbieders") so dashboards can list entities
 * without scanning the engine. Entities push their summary here with a one-way message.
 */
type Entries = Record<string, Record<string, unknown>>;

export const registerObject = restate.object({
  name: "register",
  handlers: {
    upsert: restate.handlers.object.exclusive(
      { ingressPrivate: true },
      async (ctx: restate.ObjectContext, input: { id: string; summary: Record<string, unknown> }): Promise<void> => {
        const entries = (await ctx.get<Entries>("entries")) ?? {};
        entries[input.id] = { ...(entries[input.id] ?? {}), ...input.summary };
        ctx.set("entries", entries);
      },
    ),
    list: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext): Promise<Record<string, unknown>[]> => {
      const entries = (await ctx.get<Entries>("entries")) ?? {};
      return Object.entries(entries).map(([id, summary]) => ({ id, ...summary }));
    }),
  },
});
export type RegisterObject = typeof registerObject;
