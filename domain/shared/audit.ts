import type { Actor } from "./actor";

/**
 * One line of an entity's audit trail: who did what, when and why. Events are stored in this
 * envelope so the log read by users is the same data the state is folded from.
 */
export type Recorded<E extends { type: string; data: unknown }> = E extends unknown
  ? { seq: number; type: E["type"]; data: E["data"]; at: string; actor: Actor; reden?: string }
  : never;

export function record<E extends { type: string; data: unknown }>(
  events: readonly E[],
  previous: number,
  at: Date,
  actor: Actor,
  reden?: string,
): Recorded<E>[] {
  return events.map(
    (e, i) =>
      ({
        seq: previous + i + 1,
        type: e.type,
        data: e.data,
        at: at.toISOString(),
        actor,
        ...(reden === undefined ? {} : { reden }),
      }) as Recorded<E>,
  );
}
