import type * as restate from "@restatedev/restate-sdk";
import { record, type Recorded } from "../domain/shared/audit";
import type { Actor } from "../domain/shared/actor";
import { isRefusal, type Refusal } from "../domain/shared/refusal";
import { refusalError } from "./refusal";

type AnyEvent = { type: string; data: unknown };

/**
 * Every entity stores its folded state and its append-only log under two keys, so reads need no
 * replay and the audit trail is the very events the state was built from.
 */
export interface EventSourced<S, E extends AnyEvent> {
  initial: S;
  evolve: (state: S, event: E) => S;
}

export async function loadState<S>(ctx: restate.ObjectSharedContext, initial: S): Promise<S> {
  return (await ctx.get<S>("state")) ?? initial;
}

export async function loadLog<E extends AnyEvent>(ctx: restate.ObjectSharedContext): Promise<Recorded<E>[]> {
  return (await ctx.get<Recorded<E>[]>("log")) ?? [];
}

/** Load, decide, and persist: throws the refusal as a terminal error, so nothing is half-written. */
export async function applyDecision<S, E extends AnyEvent>(
  ctx: restate.ObjectContext,
  model: EventSourced<S, E>,
  decide: (state: S, now: Date) => E[] | Refusal,
  actor: Actor,
  reden?: string,
): Promise<{ state: S; events: Recorded<E>[] }> {
  const state = await loadState(ctx, model.initial);
  const now = new Date(await ctx.date.now());
  const outcome = decide(state, now);
  if (isRefusal(outcome)) throw refusalError(outcome);
  if (outcome.length === 0) return { state, events: [] };
  const log = await loadLog<E>(ctx);
  const recorded = record(outcome, log.length, now, actor, reden);
  const next = outcome.reduce(model.evolve, state);
  ctx.set("state", next);
  ctx.set("log", [...log, ...recorded]);
  return { state: next, events: recorded };
}
