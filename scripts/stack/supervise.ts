import type { ChildProcess } from "node:child_process";

export interface SupervisorOptions<T> {
  /** How the log calls it, in Dutch: "worker", "Temporal-server". */
  name: string;
  /** The child as it was first started (npm start waited for it). */
  first: T;
  /** Starts it again; rejects when it does not come up. */
  restart: () => Promise<T>;
  processOf: (t: T) => ChildProcess | undefined;
  log?: (line: string) => void;
  /** A child that dies within this many ms of its start (or does not come up) counts as a fast crash. */
  fastMs?: number;
  /** After this many fast crashes in a row, the supervisor stops trying and calls giveUp. */
  maxFastCrashes?: number;
  /** Waits between attempts: the first, doubled each time up to the max. */
  backoffMs?: { first: number; max: number };
  /** Called once when the supervisor gives up, with a Dutch explanation. */
  giveUp: (reason: string) => void;
}

export interface Supervisor<T> {
  /** The child that runs now (or ran last). */
  current(): T;
  /** From now on an exit is expected (npm start stops): no restart. */
  stop(): void;
  /** How many times it was started again. */
  restarts(): number;
}

/**
 * Keeps one child running: when it exits unasked (a crash, kill -9) it is started again, with a log line
 * each time. Children that keep dying right after their start are not restarted forever: after
 * maxFastCrashes in a row the supervisor gives up and says so.
 */
export function supervise<T>(opts: SupervisorOptions<T>): Supervisor<T> {
  const log = opts.log ?? ((line: string) => console.warn(line));
  const fastMs = opts.fastMs ?? 30_000;
  const maxFast = opts.maxFastCrashes ?? 5;
  const backoff = opts.backoffMs ?? { first: 500, max: 8_000 };
  let current = opts.first;
  let startedAt = Date.now();
  let stopped = false;
  let fastInRow = 0;
  let restarts = 0;

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

  const restartLoop = async (why: string): Promise<void> => {
    let wait = backoff.first;
    for (;;) {
      if (stopped) return;
      if (fastInRow >= maxFast) {
        stopped = true;
        opts.giveUp(`${opts.name} stopte ${fastInRow} keer achter elkaar binnen ${Math.round(fastMs / 1000)} s na de start (laatst: ${why}); npm start geeft het op.`);
        return;
      }
      const fast = fastInRow > 0 ? ` (${fastInRow} van ${maxFast} keer kort na de start gestopt)` : "";
      log(`${opts.name} stopte (${why}); opnieuw starten over ${(wait / 1000).toFixed(1).replace(".", ",")} s${fast}...`);
      await sleep(wait);
      if (stopped) return;
      try {
        const next = await opts.restart();
        if (stopped) {
          opts.processOf(next)?.kill("SIGTERM");
          return;
        }
        current = next;
        startedAt = Date.now();
        restarts += 1;
        log(`${opts.name} draait weer (herstart ${restarts})`);
        watch();
        return;
      } catch (err) {
        fastInRow += 1;
        why = `start mislukte: ${(err instanceof Error ? err.message : String(err)).split("\n")[0]}`;
        wait = Math.min(wait * 2, backoff.max);
      }
    }
  };

  const watch = () => {
    const child = opts.processOf(current);
    if (!child) return;
    const exited = (code: number | null, signal: NodeJS.Signals | null) => {
      if (stopped) return;
      fastInRow = Date.now() - startedAt < fastMs ? fastInRow + 1 : 0;
      void restartLoop(`code ${code}, signaal ${signal}`);
    };
    // Dead already (between its start and this line): its exit event has passed.
    if (child.exitCode !== null || child.signalCode !== null) exited(child.exitCode, child.signalCode);
    else child.once("exit", exited);
  };
  watch();

  return {
    current: () => current,
    stop: () => {
      stopped = true;
    },
    restarts: () => restarts,
  };
}
