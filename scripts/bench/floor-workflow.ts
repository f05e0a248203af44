import { condition, defineQuery, defineSignal, defineUpdate, setHandler } from "@temporalio/workflow";

/*
 * The engine's floor for the benchmark (issue 15): a workflow that does nothing but answer. Its update
 * has no validator, no state, no activity and no child; what a call to it costs is the round trip
 * client → Temporal frontend → history → worker task → back, which is what every entity update pays
 * at the least. Bench-only: it runs in its own worker (floor-worker.ts) on its own task queue.
 */
export const pingUpdate = defineUpdate<number, [number]>("ping");
export const peekQuery = defineQuery<number>("peek");
export const stopSignal = defineSignal("stop");

export async function benchFloor(): Promise<void> {
  let stop = false;
  let last = 0;
  setHandler(pingUpdate, (n: number) => (last = n));
  setHandler(peekQuery, () => last);
  setHandler(stopSignal, () => void (stop = true));
  await condition(() => stop);
}
