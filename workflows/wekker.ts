import * as restate from "@restatedev/restate-sdk";

/**
 * One durable timer per entity (contract, verlengingsronde): the rules name the next moment to be
 * woken; the entity keeps only that one, so a timer that is no longer current does nothing.
 */
export type Wekker = { at: string; soort: string };
export type WakeInput<C> = Wekker & { command: C };

/** An object with a `wake` handler, named rather than imported, so the definition need not refer to itself. */
type WakeHandlers<C> = { wake: (ctx: restate.ObjectContext, input: WakeInput<C>) => Promise<void> };
export type WakeTarget<C> = restate.VirtualObjectDefinition<string, WakeHandlers<C>>;

export function wakeTarget<C>(name: string): WakeTarget<C> {
  return { name } as WakeTarget<C>;
}

export async function scheduleWekker<C>(ctx: restate.ObjectContext, target: WakeTarget<C>, next: { at: Date; soort: string; command: C } | null): Promise<void> {
  const stored = await ctx.get<Wekker>("wekker");
  if (!next) {
    if (stored) ctx.clear("wekker");
    return;
  }
  const wekker: Wekker = { at: next.at.toISOString(), soort: next.soort };
  if (stored && stored.at === wekker.at && stored.soort === wekker.soort) return;
  ctx.set("wekker", wekker);
  const delay = Math.max(0, next.at.getTime() - (await ctx.date.now()));
  ctx.objectSendClient<WakeHandlers<C>>(target, ctx.key).wake({ ...wekker, command: next.command }, restate.rpc.sendOpts({ delay }));
}

/**
 * Called by `wake`: true when this timer is the current one and its moment has come (it is then
 * consumed). A stale timer is dropped; one that arrives early is sent again for its moment.
 */
export async function takeWekker<C>(ctx: restate.ObjectContext, target: WakeTarget<C>, input: WakeInput<C>): Promise<boolean> {
  const stored = await ctx.get<Wekker>("wekker");
  if (!stored || stored.at !== input.at || stored.soort !== input.soort) return false;
  const remaining = new Date(input.at).getTime() - (await ctx.date.now());
  if (remaining > 0) {
    ctx.objectSendClient<WakeHandlers<C>>(target, ctx.key).wake(input, restate.rpc.sendOpts({ delay: remaining }));
    return false;
  }
  ctx.clear("wekker");
  return true;
}

export async function storedWekker(ctx: restate.ObjectSharedContext): Promise<Wekker | null> {
  return (await ctx.get<Wekker>("wekker")) ?? null;
}
