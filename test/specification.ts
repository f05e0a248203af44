import { isRefusal, type Refusal } from "../domain/shared/refusal";

/**
 * Given/when/then for deciders: fold the given events from the initial state, decide the command,
 * and compare the outcome (events or refusal).
 */
export function specification<S, E, C>(decider: {
  initial: S;
  evolve: (state: S, event: E) => S;
  decide: (state: S, command: C, now: Date) => E[] | Refusal;
}) {
  return (given: E[], now: Date = new Date("2026-03-01T11:00:00Z")) => ({
    when: (command: C) => {
      const state = given.reduce(decider.evolve, decider.initial);
      const outcome = decider.decide(state, command, now);
      return {
        then: (expected: E[]) => {
          if (isRefusal(outcome)) throw new Error(`verwacht: events, kreeg weigering: ${outcome.melding}`);
          expect(outcome).toEqual(expected);
        },
        thenEvents: (check: (events: E[]) => void) => {
          if (isRefusal(outcome)) throw new Error(`verwacht: events, kreeg weigering: ${outcome.melding}`);
          check(outcome);
        },
        thenRefused: (expected: Partial<Refusal>) => {
          expect(isRefusal(outcome)).toBe(true);
          expect(outcome).toMatchObject(expected);
        },
        thenNothing: () => expect(outcome).toEqual([]),
      };
    },
  });
}
