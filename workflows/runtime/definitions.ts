import type { QueryDefinition, UpdateDefinition } from "@temporalio/common";
import { defineQuery, defineSignal, defineUpdate } from "@temporalio/workflow";
import type { Refusal } from "../../domain/shared/refusal";

/**
 * What the API and the workflows share about an entity: its workflow type, how its business key
 * becomes a workflow id, and its typed updates (commands) and queries (reads). Importing this file
 * runs no workflow code, so the API can import it without the workflow sandbox.
 */

/** A query never throws across the wire (a thrown query loses its details): it answers a refusal as data. */
export type Answer<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** A command from another entity or from a timer: a signal names the internal handler and carries its input. */
export interface Delivery {
  name: string;
  input: unknown;
  /** Set by the sender so a message delivered twice is handled once. */
  messageId?: string;
}
export const deliverSignal = defineSignal<[Delivery]>("deliver");

/** What an entity carries from one run to the next (continueAsNew), and how a new one starts. */
export interface EntityInput<S = unknown, E = unknown> {
  key: string;
  carried?: Carried<S, E>;
  /** The command that creates the entity, when another entity starts it (a child workflow). */
  init?: Delivery;
  /** Continue as new after this many history events (tests make it small to exercise it). */
  historyLimit?: number;
}

export interface Carried<S, E> {
  state: S;
  log: E[];
  data: Record<string, unknown>;
  timers: Record<string, { at: string; input: unknown }>;
  /** Answers to idempotent updates (by update id), kept across runs since Temporal forgets update ids at continueAsNew. */
  answered: [string, unknown][];
  /** Message ids already handled, so a redelivered message changes nothing. */
  handled: string[];
}

// Queries and updates take one argument (the input object) and return their answer.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Updates = Record<string, UpdateDefinition<any, [any]>>;
type Queries = Record<string, QueryDefinition<Answer<any>, [any]>>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface EntityDef<U extends Updates = Updates, Q extends Queries = Queries> {
  /** The workflow type, also the first part of the workflow id. */
  type: string;
  updates: U;
  queries: Q;
  /** Updates that create the entity when it does not exist yet (update-with-start). */
  creates: readonly (keyof U & string)[];
  /** The refusal for any update or query on an entity that does not exist. */
  missing: Refusal;
  /** Queries that answer a value instead of the refusal when the entity does not exist. */
  absent?: { [K in keyof Q]?: QueryValue<Q[K]> };
  /**
   * For an entity that another one creates in the background (Entity.createInBackground): how long after
   * the answer that created it the engine may still be starting it. A read that finds no workflow looks
   * again until then before it answers `missing`.
   */
  appearsWithinMs?: number;
}

export type UpdateInput<D> = D extends UpdateDefinition<unknown, [infer I]> ? I : never;
export type UpdateResult<D> = D extends UpdateDefinition<infer R, [unknown]> ? R : never;
export type QueryInput<D> = D extends QueryDefinition<unknown, [infer I]> ? I : never;
export type QueryValue<D> = D extends QueryDefinition<Answer<infer R>, [unknown]> ? R : never;

export const workflowIdOf = (def: { type: string }, key: string): string => `${def.type}:${key}`;

export const update = <R, I = Record<string, never>>(name: string) => defineUpdate<R, [I]>(name);
/** A query may say at which moment it asks (the caller's clock; a workflow's own clock stands still between its tasks). */
export const query = <R, I = Record<string, never>>(name: string) => defineQuery<Answer<R>, [I & { now?: string }]>(name);

export function entityDef<U extends Updates, Q extends Queries>(def: EntityDef<U, Q>): EntityDef<U, Q> {
  return def;
}
