import type { Entity } from "./entity";

/**
 * One durable timer per entity (contract, verlengingsronde): after every command the rules name the
 * next moment to be woken, with the (systeem) command to run then; the entity keeps only that one.
 */
export const WEKKER = "wake";

export interface WakeInput<C> {
  at: string;
  soort: string;
  command: C;
}

type AnyEntity = Pick<Entity<unknown, { type: string; data: unknown }>, "at" | "cancel" | "timer">;

export function armWekker<C>(entity: AnyEntity, next: { at: Date; soort: string; command: C } | null): void {
  if (!next) return entity.cancel(WEKKER);
  entity.at(WEKKER, next.at, { at: next.at.toISOString(), soort: next.soort, command: next.command } satisfies WakeInput<C>);
}

/** The moment and reason of the armed timer, as the entity shows it. */
export function wekkerOf(entity: AnyEntity): { at: string; soort: string } | null {
  const t = entity.timer(WEKKER);
  return t ? { at: t.at, soort: (t.input as WakeInput<unknown>).soort } : null;
}
