import {
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  getExternalWorkflowHandle,
  log as wfLog,
  makeContinueAsNewFunc,
  ParentClosePolicy,
  setHandler,
  sleep,
  startChild,
  upsertMemo,
  uuid4,
  workflowInfo,
} from "@temporalio/workflow";
import { WorkflowExecutionAlreadyStartedError, type QueryDefinition, type UpdateDefinition } from "@temporalio/common";
import { record, type Recorded } from "../../domain/shared/audit";
import type { Actor } from "../../domain/shared/actor";
import { isRefusal, type Refusal } from "../../domain/shared/refusal";
import { deliverSignal, workflowIdOf, type Answer, type Carried, type Delivery, type EntityInput } from "./definitions";
import { IDEMPOTENT_PREFIX } from "./constants";
import type { EntityStart } from "../../activities/entities";
import { startEntities } from "./effects";
import { fail, refusalIn } from "./refusal";

type AnyEvent = { type: string; data: unknown };

export interface Model<S, E extends AnyEvent> {
  initial: S;
  evolve: (state: S, event: E) => S;
}

/** Continue as new well before Temporal's limits (51,200 events, 2,000 updates per run). */
const DEFAULT_HISTORY_LIMIT = 10_000;
const UPDATE_LIMIT = 1_500;
const EMPTY_GRACE_MS = 10 * 60_000;
/** How many answers to idempotent updates an entity remembers across runs. */
const ANSWERS_KEPT = 2_000;
const HANDLED_KEPT = 5_000;
/** Entities per start activity: the first besluiten go out while later ones are still being started, and a retry repeats little. */
const CREATED_PER_ACTIVITY = 100;
/**
 * Starts that wait for a lull (createBatched with `afterRush`): a pause this long in their arrivals lets
 * them go; they wait at most MAX_DEFER_MS after the first of them arrived, and no longer once this many
 * bytes of start input wait (the content is in this workflow's memory until then).
 */
const LULL_MS = 1_000;
const MAX_DEFER_MS = 3_000;
const MAX_WAITING_BYTES = 4 * 1024 * 1024;
/** Start input per start activity, well below the engine's limit of 2 MB per payload. */
const START_BATCH_BYTES = 512 * 1024;

type InternalHandler = (input: unknown) => Promise<void> | void;

/**
 * The one shape every entity workflow has: state folded from its own events, an append-only log
 * (the audit trail), updates whose synchronous validator runs the pure rules, queries that read,
 * internal commands from other entities and from durable timers, and continueAsNew that carries
 * all of it (idempotency answers included) into the next run.
 *
 * Handlers run one at a time per entity, as a command in a real office would: a handler that
 * waits for an activity (a PDF, a mail) keeps the next command waiting rather than interleaving
 * with it. The validator still refuses early on the state it sees; the handler decides again on
 * the state it finally gets, so a refusal is never missed.
 */
export class Entity<S, E extends AnyEvent> {
  state: S;
  log: Recorded<E>[];
  /** Facts an entity keeps beside its state (letters' settings, pending recipients). */
  readonly data: Record<string, unknown>;
  readonly key: string;
  private readonly timers: Record<string, { at: string; input: unknown }>;
  private readonly answered: Map<string, unknown>;
  private readonly handled: string[];
  private readonly internals = new Map<string, InternalHandler>();
  private readonly historyLimit: number;
  private updatesThisRun = 0;
  private timersChanged = false;
  /** Closed until the creating command has run: a message that arrived with the start waits for it. */
  private openGate: () => void = () => undefined;
  /** True once the creating command has run; until then a validator would judge an empty entity. */
  private gateOpen = false;
  private lock: Promise<void> = new Promise((resolve) => (this.openGate = resolve));
  /** Entities this one is creating in the background (by workflow id), until the engine has started them. */
  private readonly creating = new Map<string, Promise<void>>();
  /** Starts waiting for the next start activity (createBatched), with what to resolve once it ran. */
  private readonly toStart: { start: EntityStart; started: () => void; bytes: number; afterRush: boolean; waitingSince: number }[] = [];
  private starting = false;
  /** Starts that wait for a lull: counted as they arrive, and needed now when something waits for one of them. */
  private arrivals = 0;
  private startsNeeded = false;
  private lastMemo = "";
  private summaryOf: ((state: S) => Record<string, unknown> | null) | null = null;
  private finished = false;

  constructor(
    private readonly model: Model<S, E>,
    private readonly input: EntityInput<S, Recorded<E>>,
  ) {
    const c = input.carried;
    this.key = input.key;
    this.state = c?.state ?? model.initial;
    this.log = c?.log ?? [];
    this.data = c?.data ?? {};
    this.timers = c?.timers ?? {};
    this.answered = new Map(c?.answered ?? []);
    this.handled = c?.handled ?? [];
    this.historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
    setHandler(deliverSignal, (d: Delivery) => this.deliver(d));
  }

  /** The workflow's clock: deterministic, the time of the current workflow task. */
  now(): Date {
    // eslint-disable-next-line no-restricted-syntax -- Temporal replaces Date in workflows with its deterministic clock.
    return new Date();
  }

  uuid(): string {
    return uuid4();
  }

  /** Runs a pure rule on the current state; a refusal is thrown as the update's failure. */
  decide(rule: (state: S, now: Date) => E[] | Refusal): E[] {
    const outcome = rule(this.state, this.now());
    if (isRefusal(outcome)) fail(outcome);
    return outcome;
  }

  /** Folds events into the state and appends them to the log, at one instant, by one actor. */
  commit(events: E[], actor: Actor, reden?: string): Recorded<E>[] {
    if (events.length === 0) return [];
    const recorded = record(events, this.log.length, this.now(), actor, reden);
    this.state = events.reduce(this.model.evolve, this.state);
    this.log = [...this.log, ...recorded];
    this.publishSummary();
    return recorded;
  }

  /** Decide and commit in one step: the whole of a command without effects. */
  apply(rule: (state: S, now: Date) => E[] | Refusal, actor: Actor, reden?: string): { state: S; events: Recorded<E>[] } {
    const events = this.commit(this.decide(rule), actor, reden);
    return { state: this.state, events };
  }

  /** What lists show of this entity (the workflow's memo, read by the visibility API). */
  summary(fn: (state: S) => Record<string, unknown> | null): void {
    this.summaryOf = fn;
    this.publishSummary();
  }

  private publishSummary(): void {
    if (!this.summaryOf) return;
    const summary = this.summaryOf(this.state);
    if (!summary) return;
    const json = JSON.stringify(summary);
    if (json === this.lastMemo) return;
    this.lastMemo = json;
    upsertMemo({ summary });
  }

  /**
   * A command from the API. `validate` must be synchronous (an async validator cannot refuse) and
   * runs the pure rule; `handle` runs under the entity's lock and decides again before it commits.
   */
  update<R, I>(def: UpdateDefinition<R, [I]>, spec: { validate: (input: I) => void; handle: (input: I) => Promise<R> | R; concurrent?: boolean }): void {
    setHandler(
      def,
      async (input: I): Promise<R> => {
        const id = currentUpdateInfo()?.id;
        if (id !== undefined && this.answered.has(id)) return this.answered.get(id) as R;
        this.updatesThisRun += 1;
        const result = spec.concurrent ? await spec.handle(input) : await this.exclusive(() => spec.handle(input));
        if (id?.startsWith(IDEMPOTENT_PREFIX)) this.remember(id, result);
        return result;
      },
      {
        validator: (input: I) => {
          const id = currentUpdateInfo()?.id;
          if (id !== undefined && this.answered.has(id)) return;
          // An update that arrives with the entity's creating command (another entity created it a moment
          // ago) would be judged against an empty entity: its handler, which waits for that command,
          // decides instead, and a refusal there is the update's failure just the same.
          if (!this.gateOpen && this.input.init) return;
          spec.validate(input);
        },
      },
    );
  }

  private remember(id: string, result: unknown): void {
    this.answered.set(id, result);
    while (this.answered.size > ANSWERS_KEPT) this.answered.delete(this.answered.keys().next().value as string);
  }

  /** A read. A refusal (not found, not allowed, sealed) is answered as data. */
  query<R, I>(def: QueryDefinition<Answer<R>, [I]>, read: (input: I, now: Date) => R): void {
    setHandler(def, (input: I): Answer<R> => {
      try {
        // A workflow's own clock stands still between its tasks; a read asks about the caller's moment (the seal, expiry).
        const asked = (input as { now?: unknown } | undefined)?.now;
        const now = typeof asked === "string" && !Number.isNaN(Date.parse(asked)) ? new Date(asked) : this.now();
        return { ok: true, value: read(input, now) };
      } catch (err) {
        const refusal = refusalIn(err);
        if (refusal) return { ok: false, refusal };
        throw err;
      }
    });
  }

  /** A command from another entity, the entity's creation, or a timer. */
  internal<I>(name: string, handler: (input: I) => Promise<void> | void): void {
    this.internals.set(name, handler as InternalHandler);
  }

  private async deliver(d: Delivery): Promise<void> {
    if (this.alreadyHandled(d)) return;
    await this.exclusive(() => this.invoke(d));
  }

  private alreadyHandled(d: Delivery): boolean {
    if (d.messageId === undefined) return false;
    if (this.handled.includes(d.messageId)) return true;
    this.handled.push(d.messageId);
    if (this.handled.length > HANDLED_KEPT) this.handled.splice(0, this.handled.length - HANDLED_KEPT);
    return false;
  }

  private async invoke(d: Delivery): Promise<void> {
    const handler = this.internals.get(d.name);
    if (!handler) {
      wfLog.warn("onbekend intern commando", { name: d.name, key: this.key });
      return;
    }
    try {
      await handler(d.input);
    } catch (err) {
      // A refusal of an internal command (a stale timer, a message about a besluit that no longer
      // matters) changes nothing; failing the workflow over it would stop the entity.
      const refusal = refusalIn(err);
      if (!refusal) throw err;
      wfLog.info("intern commando geweigerd", { name: d.name, key: this.key, refusal });
    }
  }

  private exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.lock.then(fn);
    this.lock = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Arms (or moves) the named durable timer; at its instant the internal command of that name runs. */
  at(name: string, instant: Date | string, input: unknown = {}): void {
    const at = typeof instant === "string" ? new Date(instant).toISOString() : instant.toISOString();
    const current = this.timers[name];
    if (current && current.at === at && JSON.stringify(current.input) === JSON.stringify(input)) return;
    this.timers[name] = { at, input };
    this.timersChanged = true;
  }

  cancel(name: string): void {
    if (!(name in this.timers)) return;
    delete this.timers[name];
    this.timersChanged = true;
  }

  timer(name: string): { at: string; input: unknown } | null {
    return this.timers[name] ?? null;
  }

  /** Creates another entity (a child workflow that outlives this one), or hands the command to it when it exists. */
  async create(def: { type: string }, key: string, init: Delivery): Promise<void> {
    try {
      await startChild(def.type, {
        workflowId: workflowIdOf(def, key),
        args: [{ key, init, historyLimit: this.historyLimit } satisfies EntityInput],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      await this.signal(def, key, init);
    }
  }

  /**
   * Creates many entities at once, in the order given: started by an activity, not as children, so
   * that their starts do not queue one by one in this workflow's history. Each creating command needs
   * a message id, which makes a repeated start a message handled once.
   */
  async createMany(starts: { def: { type: string }; key: string; init: Delivery & { messageId: string } }[]): Promise<void> {
    for (let i = 0; i < starts.length; i += CREATED_PER_ACTIVITY) {
      await startEntities(starts.slice(i, i + CREATED_PER_ACTIVITY).map(({ def, key, init }) => this.startOf(def, key, init)));
    }
  }

  /**
   * Creates another entity in the background, like createInBackground, but started by an activity
   * together with the others created while the previous such activity ran. A procedure that takes 50
   * submissions at once writes one activity into its history for them, not 50 child starts, each of
   * which the engine records in the parent one after another. With `afterRush` the start also waits
   * for a lull in such creations (untilRushIsOver), and an activity carries at most START_BATCH_BYTES.
   */
  createBatched(def: { type: string }, key: string, init: Delivery & { messageId: string }, opts: { afterRush?: boolean } = {}): void {
    const id = workflowIdOf(def, key);
    const before = this.creating.get(id);
    const afterRush = opts.afterRush === true;
    // Measured only where it decides something: histories recorded before `afterRush` batched by count alone.
    const bytes = afterRush ? JSON.stringify(init.input ?? null).length : 0;
    const started = new Promise<void>((resolve) => {
      this.toStart.push({ start: this.startOf(def, key, init), started: resolve, bytes, afterRush, waitingSince: this.now().getTime() });
    });
    this.arrivals += 1;
    this.track(id, before ? before.then(() => started) : started);
    if (!this.starting) void this.startBatches();
  }

  private startOf(def: { type: string }, key: string, init: Delivery & { messageId: string }): EntityStart {
    return { type: def.type, key, init, historyLimit: this.historyLimit };
  }

  /** Remembers a start under way until it is done, for send and continue-as-new to wait for. */
  private track(id: string, started: Promise<void>): void {
    const tracked = started.finally(() => {
      if (this.creating.get(id) === tracked) this.creating.delete(id);
    });
    this.creating.set(id, tracked);
  }

  /** Runs start activities until nothing waits; what arrives during one goes with the next. */
  private async startBatches(): Promise<void> {
    this.starting = true;
    try {
      while (this.toStart.length > 0) {
        if (this.toStart[0]!.afterRush) await this.untilRushIsOver();
        const batch = this.toStart.splice(0, this.batchLength());
        try {
          await startEntities(batch.map((b) => b.start));
        } catch (err) {
          wfLog.error("entiteiten niet aangemaakt", { keys: batch.map((b) => b.start.key), error: String(err) });
        }
        for (const b of batch) b.started();
      }
    } finally {
      this.starting = false;
      this.startsNeeded = false;
    }
  }

  /** As many waiting starts as one activity takes: by count, and by the size of their input. */
  private batchLength(): number {
    let n = 0;
    let bytes = 0;
    while (n < this.toStart.length && n < CREATED_PER_ACTIVITY) {
      bytes += this.toStart[n]!.bytes;
      if (n > 0 && bytes > START_BATCH_BYTES) break;
      n += 1;
    }
    return n;
  }

  /**
   * Receipts first: while submissions keep arriving, the entities they create wait, so the machine spends
   * itself on the answers people wait for before the closing instant. They go at the first lull of
   * LULL_MS, after MAX_DEFER_MS at most, when MAX_WAITING_BYTES wait, or as soon as something needs
   * one of them (a message to it, the end of this run).
   */
  private async untilRushIsOver(): Promise<void> {
    const deadline = this.toStart[0]!.waitingSince + MAX_DEFER_MS;
    for (;;) {
      const seen = this.arrivals;
      const remaining = deadline - this.now().getTime();
      if (remaining <= 0) return;
      const needed = () => this.startsNeeded || this.toStart.reduce((sum, b) => sum + b.bytes, 0) >= MAX_WAITING_BYTES;
      // A timer of its own that is never cancelled: Temporal's time-skipping test server strands a run whose
      // task cancels a timer that fired meanwhile (sdk-java#3088), which condition's timeout does when needed first.
      let elapsed = false;
      void sleep(Math.min(LULL_MS, remaining)).then(
        () => (elapsed = true),
        () => (elapsed = true),
      );
      await condition(() => elapsed || needed());
      if (needed() || this.arrivals === seen) return;
    }
  }

  /**
   * Creates another entity without waiting until the engine has started it: the start is recorded with
   * the command that decided it, so the caller (a receipt) can answer at once. A message to that entity
   * waits for its start (send), and so does continuing as new.
   */
  createInBackground(def: { type: string }, key: string, init: Delivery): void {
    const id = workflowIdOf(def, key);
    const before = this.creating.get(id);
    // The start command goes out in this very workflow task, unless a start of the same entity is still under way.
    const started = (before ? before.then(() => this.create(def, key, init)) : this.create(def, key, init)).then(
      () => undefined,
      (err: unknown) => wfLog.error("entiteit niet aangemaakt", { to: id, name: init.name, error: String(err) }),
    );
    this.track(id, started);
  }

  /** A one-way message to an existing entity; delivered once, handled once (by its message id). */
  async send(def: { type: string }, key: string, d: Delivery): Promise<void> {
    // Awaited only when there is something to wait for: an extra turn would move the signal command
    // behind commands issued after it, and recorded histories would no longer replay.
    const starting = this.creating.get(workflowIdOf(def, key));
    if (starting) {
      this.startsNeeded = true;
      await starting;
    }
    await this.signal(def, key, d);
  }

  private async signal(def: { type: string }, key: string, d: Delivery): Promise<void> {
    try {
      await getExternalWorkflowHandle(workflowIdOf(def, key)).signal(deliverSignal, { messageId: d.messageId ?? uuid4(), ...d });
    } catch (err) {
      wfLog.warn("bericht niet bezorgd", { to: workflowIdOf(def, key), name: d.name, error: String(err) });
    }
  }

  /** Ends the entity once its handlers are done (an expired session, attempts on a name that never got an account). */
  finish(): void {
    this.finished = true;
    this.timersChanged = true;
  }

  private mustContinue(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength > this.historyLimit || this.updatesThisRun > UPDATE_LIMIT;
  }

  private carried(): Carried<S, Recorded<E>> {
    return { state: this.state, log: this.log, data: this.data, timers: this.timers, answered: [...this.answered], handled: this.handled };
  }

  /**
   * The workflow's main loop: run the creating command, then wake for timers until the entity is
   * finished or its run is long enough to continue as new.
   */
  async run(): Promise<void> {
    const init = this.input.init;
    if (init && !this.alreadyHandled(init)) await this.invoke(init);
    this.gateOpen = true;
    this.openGate();
    // A creating update that was refused still started the workflow: an entity that never came to be ends itself.
    const empty = () => this.state === this.model.initial && this.log.length === 0 && Object.keys(this.timers).length === 0;
    if (empty() && !(await condition(() => !empty(), EMPTY_GRACE_MS))) {
      await condition(allHandlersFinished);
      return;
    }
    // Whatever still waits for a lull is needed now: the run does not end before its starts are made.
    const settle = async () => {
      this.startsNeeded = true;
      await condition(() => this.creating.size === 0 && allHandlersFinished());
    };
    for (;;) {
      if (this.finished) {
        await settle();
        return;
      }
      this.timersChanged = false;
      const next = Object.entries(this.timers).sort(([, a], [, b]) => a.at.localeCompare(b.at))[0];
      const wake = () => this.timersChanged || this.mustContinue();
      if (next) await condition(wake, Math.max(1, new Date(next[1].at).getTime() - this.now().getTime()));
      else await condition(wake);
      await this.fireDue();
      if (this.mustContinue()) {
        await settle();
        // The engine starts the new run with the memo the command names, none otherwise: without it, lists and
        // the API's summary reads would miss this entity until the new run's first task published it again.
        const next = makeContinueAsNewFunc<(input: EntityInput<S, Recorded<E>>) => Promise<void>>({ memo: workflowInfo().memo });
        await next({ ...this.input, init: undefined, carried: this.carried() } as EntityInput<S, Recorded<E>>);
      }
    }
  }

  private async fireDue(): Promise<void> {
    const now = this.now().getTime();
    for (const [name, t] of Object.entries(this.timers)) {
      if (new Date(t.at).getTime() > now) continue;
      delete this.timers[name];
      await this.deliver({ name, input: t.input });
    }
  }
}
