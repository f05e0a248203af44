import {
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
  type Client,
} from "@temporalio/client";
import { ApplicationFailure } from "@temporalio/common";
import { ServiceError } from "@temporalio/client";
import type { Refusal } from "../domain/shared/refusal";
import {
  workflowIdOf,
  type Answer,
  type EntityDef,
  type EntityInput,
  type QueryInput,
  type QueryValue,
  type UpdateInput,
  type UpdateResult,
} from "../workflows/runtime/definitions";
import { IDEMPOTENT_PREFIX } from "../workflows/runtime/constants";
import { integerSetting } from "./settings";

/** A refusal of the engine: the 4xx status, the Dutch reason and the field, exactly as the rules gave them. */
export class EngineRefusal extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.melding);
  }
}

/** The engine could not be reached or failed on its side: never the caller's fault. */
export class EngineUnavailable extends Error {}

/**
 * The engine did not answer in time or could not be reached at all (stopped, restarting, overloaded):
 * a passing condition, so the API answers 503 with Retry-After rather than an error of its own.
 */
export class EngineUnreachable extends EngineUnavailable {}

/**
 * How long a call may take before the API gives up and answers 503. An engine that is down fails within
 * about a second anyway (connection refused, see clientChannelOptions); these bound an engine that
 * accepts connections but does not answer (stopped, stuck, overloaded), or a workflow whose worker is
 * away. Normal calls take well under a second, but on a loaded machine the client's own work before the
 * call (encrypting the payloads) can take seconds, and an update waits for the workflow to decide: the
 * deadlines leave room for that. A call cut off by its deadline may still complete in the engine: a
 * retry with the same Idempotency-Key then gets its answer.
 */
export const ENGINE_DEADLINES_MS = { query: 10_000, describe: 10_000, update: 20_000, list: 15_000, ready: 2_000 } as const;

// gRPC status codes (grpc.status): CANCELLED (what a call cut off by its own deadline can end as),
// DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE.
const PASSING_CODES = new Set([1, 4, 8, 14]);

/** True when err (or a cause) says the engine is away or too slow, not that it refused or failed. */
export function isEngineUnreachable(err: unknown): boolean {
  let cause: unknown = err;
  for (let depth = 0; cause instanceof Error && depth < 10; depth++) {
    if (cause instanceof EngineUnreachable || cause instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    if (isGrpcServiceError(cause) && PASSING_CODES.has(cause.code)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** One call to the engine as it ended, for the metrics: never the key or the payload, only the kind. */
export interface EngineCallEvent {
  operation: "update" | "query" | "describe" | "list" | "ready";
  outcome: "ok" | "refused" | "unreachable" | "error";
  seconds: number;
}

export interface CallOptions {
  /** The client's Idempotency-Key, already scoped to the caller: a retry gets the first answer. */
  idempotencyKey?: string;
}

type UpdateMethods<D extends EntityDef> = {
  [K in keyof D["updates"]]: (input: UpdateInput<D["updates"][K]>, opts?: CallOptions) => Promise<UpdateResult<D["updates"][K]>>;
};
type QueryMethods<D extends EntityDef> = {
  [K in keyof D["queries"]]: (input?: QueryInput<D["queries"][K]>) => Promise<QueryValue<D["queries"][K]>>;
};
export type EntityHandle<D extends EntityDef> = UpdateMethods<D> & QueryMethods<D>;

export interface Listed {
  id: string;
  [field: string]: unknown;
}

function refusalOfFailure(err: unknown): Refusal | null {
  let cause: unknown = err;
  while (cause instanceof Error) {
    if (cause instanceof ApplicationFailure && cause.type === "Refusal") return (cause.details?.[0] as Refusal | undefined) ?? null;
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * Updates one process lets be in flight on one workflow at a time. The Temporal server refuses more than
 * 10 (history.maxInFlightUpdates, also Temporal Cloud's limit) with RESOURCE_EXHAUSTED; the rest wait
 * here in order instead of retrying with back-off, which made 50 concurrent submissions take seconds.
 * Below 10, so a second API process or a worker's own updates still find room.
 */
export const MAX_UPDATES_IN_FLIGHT = 8;

/**
 * The dev server that npm start, the tests and the benchmark run is configured to allow this many
 * (scripts/stack/temporal-server.ts): 50 submissions at once then reach the procedure in a few workflow
 * tasks instead of one task per 8. A process on that server lets OWN_SERVER_CLIENT_UPDATES be in flight,
 * leaving room for a second process. INKOOP_UPDATES_IN_FLIGHT overrides both defaults (a cluster whose
 * limit was raised).
 */
export const OWN_SERVER_IN_FLIGHT_UPDATES = 64;
export const OWN_SERVER_CLIENT_UPDATES = 48;

export function updatesInFlight(fallback: number, value = process.env.INKOOP_UPDATES_IN_FLIGHT): number {
  return integerSetting("INKOOP_UPDATES_IN_FLIGHT", value, fallback, 1);
}

/** A counting semaphore per workflow id: the waiting callers of one busy workflow, first come first served. */
class InFlight {
  private readonly lanes = new Map<string, { running: number; waiting: (() => void)[] }>();
  constructor(private readonly limit: number) {}

  async run<T>(workflowId: string, fn: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(workflowId);
    if (!lane) this.lanes.set(workflowId, (lane = { running: 0, waiting: [] }));
    if (lane.running >= this.limit) await new Promise<void>((resolve) => lane.waiting.push(resolve));
    lane.running += 1;
    try {
      return await fn();
    } finally {
      lane.running -= 1;
      const next = lane.waiting.shift();
      if (next) next();
      else if (lane.running === 0) this.lanes.delete(workflowId);
    }
  }
}

/**
 * The API's only door to the engine: an entity is addressed by its definition and business key; its
 * updates and queries become methods. Refusals come back as EngineRefusal with the rules' own words.
 */
export class EngineClient {
  private readonly observers = new Set<(e: EngineCallEvent) => void>();
  private readonly inFlight: InFlight;

  constructor(
    readonly client: Client,
    readonly taskQueue: string,
    private readonly historyLimit?: number,
    opts: { updatesInFlight?: number } = {},
  ) {
    this.inFlight = new InFlight(updatesInFlight(opts.updatesInFlight ?? MAX_UPDATES_IN_FLIGHT));
  }

  /** Listens to every call's outcome and duration (the metrics do); answers the function that stops listening. */
  observe(listener: (e: EngineCallEvent) => void): () => void {
    this.observers.add(listener);
    return () => this.observers.delete(listener);
  }

  /**
   * Runs one call under a deadline, so no request can hang on an engine that does not answer, and tells
   * the observers how it ended.
   */
  private async call<T>(operation: EngineCallEvent["operation"], fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    let outcome: EngineCallEvent["outcome"] = "ok";
    try {
      return await this.client.connection.withDeadline(Date.now() + ENGINE_DEADLINES_MS[operation], fn);
    } catch (err) {
      outcome = err instanceof EngineRefusal || refusalOfFailure(err) || err instanceof WorkflowNotFoundError ? "refused" : isEngineUnreachable(err) ? "unreachable" : "error";
      throw err;
    } finally {
      const event: EngineCallEvent = { operation, outcome, seconds: (performance.now() - t0) / 1000 };
      for (const o of this.observers) o(event);
    }
  }

  /** Readiness: the engine answers a cheap call (its namespace) within the deadline. */
  async ready(): Promise<boolean> {
    try {
      await this.call("ready", () => this.client.connection.workflowService.describeNamespace({ namespace: this.client.options.namespace }));
      return true;
    } catch {
      return false;
    }
  }

  entity<D extends EntityDef>(def: D, key: string): EntityHandle<D> {
    const handle = this.client.workflow.getHandle(workflowIdOf(def, key));
    const methods: Record<string, (input?: unknown, opts?: CallOptions) => Promise<unknown>> = {};
    for (const [name, updateDef] of Object.entries(def.updates)) {
      const creates = def.creates.includes(name);
      methods[name] = async (input?: unknown, opts?: CallOptions) => {
        const updateId = opts?.idempotencyKey ? `${IDEMPOTENT_PREFIX}${name}:${opts.idempotencyKey}` : undefined;
        try {
          // The wait for a slot is outside the call's deadline: the deadline bounds the engine, not the queue.
          return await this.inFlight.run(workflowIdOf(def, key), () => this.call("update", async () => {
            if (creates) {
              const startWorkflowOperation = new WithStartWorkflowOperation(def.type, {
                workflowId: workflowIdOf(def, key),
                taskQueue: this.taskQueue,
                args: [{ key, ...(this.historyLimit ? { historyLimit: this.historyLimit } : {}) } satisfies EntityInput],
                workflowIdConflictPolicy: "USE_EXISTING",
              });
              return await this.client.workflow.executeUpdateWithStart(updateDef, { args: [input ?? {}], startWorkflowOperation, ...(updateId ? { updateId } : {}) });
            }
            return await handle.executeUpdate(updateDef, { args: [input ?? {}], ...(updateId ? { updateId } : {}) });
          }));
        } catch (err) {
          throw this.translate(err, def);
        }
      };
    }
    for (const [name, queryDef] of Object.entries(def.queries)) {
      methods[name] = async (input?: unknown) => {
        let answer: Answer<unknown>;
        const lookUntil = Date.now() + (def.appearsWithinMs ?? 0);
        for (;;) {
          try {
            answer = await this.call("query", () => handle.query(queryDef, { ...(input ?? {}), now: new Date().toISOString() }));
            break;
          } catch (err) {
            if (err instanceof WorkflowNotFoundError && Date.now() < lookUntil) {
              await new Promise((r) => setTimeout(r, 100));
              continue;
            }
            if (err instanceof WorkflowNotFoundError && def.absent && name in def.absent) return (def.absent as Record<string, unknown>)[name];
            throw this.translate(err, def);
          }
        }
        if (!answer.ok) throw new EngineRefusal(answer.refusal);
        return answer.value;
      };
    }
    return methods as EntityHandle<D>;
  }

  /**
   * The summary an entity published (its memo), read from the engine without the worker: a describe
   * instead of a query. `summary` is null while the entity has published none, e.g. in the first task
   * of a new run after continue-as-new (which does not carry the memo over).
   */
  async summary(def: { type: string }, key: string): Promise<{ found: false } | { found: true; summary: Record<string, unknown> | null }> {
    const handle = this.client.workflow.getHandle(workflowIdOf(def, key));
    try {
      // "Not found" is this read's answer (no earlier contract, say), not a refusal: logged and counted as ok.
      const description = await this.call("describe", () => handle.describe().catch((err: unknown) => (err instanceof WorkflowNotFoundError ? null : Promise.reject(err))));
      if (!description) return { found: false };
      return { found: true, summary: (description.memo?.summary ?? null) as Record<string, unknown> | null };
    } catch (err) {
      throw this.translate(err, null);
    }
  }

  /** Every running entity of a type with the summary it published (its memo), oldest first. */
  async list(def: { type: string }): Promise<Listed[]> {
    const out: Listed[] = [];
    try {
      await this.call("list", async () => {
        for await (const wf of this.client.workflow.list({ query: `WorkflowType = '${def.type}' AND ExecutionStatus = 'Running'` })) {
          const summary = (wf.memo?.summary ?? null) as Record<string, unknown> | null;
          if (!summary) continue;
          out.push({ id: wf.workflowId.slice(def.type.length + 1), ...summary });
        }
      });
    } catch (err) {
      throw this.translate(err, null);
    }
    return out.reverse();
  }

  private translate(err: unknown, def: EntityDef | null): Error {
    const refusal = refusalOfFailure(err);
    if (refusal) return new EngineRefusal(refusal);
    if (err instanceof WorkflowNotFoundError && def) return new EngineRefusal(def.missing);
    if (isEngineUnreachable(err)) return new EngineUnreachable(err instanceof Error ? err.message : String(err), { cause: err });
    if (err instanceof WorkflowUpdateFailedError || err instanceof ServiceError) return new EngineUnavailable(err.message, { cause: err });
    return err instanceof Error ? err : new Error(String(err));
  }
}
