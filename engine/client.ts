import {
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
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

/** A refusal of the engine: the 4xx status, the Dutch reason and the field, exactly as the rules gave them. */
export class EngineRefusal extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.melding);
  }
}

/** The engine could not be reached or failed on its side: never the caller's fault. */
export class EngineUnavailable extends Error {}

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
 * The API's only door to the engine: an entity is addressed by its definition and business key; its
 * updates and queries become methods. Refusals come back as EngineRefusal with the rules' own words.
 */
export class EngineClient {
  constructor(
    readonly client: Client,
    readonly taskQueue: string,
    private readonly historyLimit?: number,
  ) {}

  entity<D extends EntityDef>(def: D, key: string): EntityHandle<D> {
    const handle = this.client.workflow.getHandle(workflowIdOf(def, key));
    const methods: Record<string, (input?: unknown, opts?: CallOptions) => Promise<unknown>> = {};
    for (const [name, updateDef] of Object.entries(def.updates)) {
      const creates = def.creates.includes(name);
      methods[name] = async (input?: unknown, opts?: CallOptions) => {
        const updateId = opts?.idempotencyKey ? `${IDEMPOTENT_PREFIX}${name}:${opts.idempotencyKey}` : undefined;
        try {
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
        } catch (err) {
          throw this.translate(err, def);
        }
      };
    }
    for (const [name, queryDef] of Object.entries(def.queries)) {
      methods[name] = async (input?: unknown) => {
        let answer: Answer<unknown>;
        try {
          answer = await handle.query(queryDef, { ...(input ?? {}), now: new Date().toISOString() });
        } catch (err) {
          if (err instanceof WorkflowNotFoundError && def.absent && name in def.absent) return (def.absent as Record<string, unknown>)[name];
          throw this.translate(err, def);
        }
        if (!answer.ok) throw new EngineRefusal(answer.refusal);
        return answer.value;
      };
    }
    return methods as EntityHandle<D>;
  }

  /** Every running entity of a type with the summary it published (its memo), oldest first. */
  async list(def: { type: string }): Promise<Listed[]> {
    const out: Listed[] = [];
    try {
      for await (const wf of this.client.workflow.list({ query: `WorkflowType = '${def.type}' AND ExecutionStatus = 'Running'` })) {
        const summary = (wf.memo?.summary ?? null) as Record<string, unknown> | null;
        if (!summary) continue;
        out.push({ id: wf.workflowId.slice(def.type.length + 1), ...summary });
      }
    } catch (err) {
      throw this.translate(err, null);
    }
    return out.reverse();
  }

  private translate(err: unknown, def: EntityDef | null): Error {
    const refusal = refusalOfFailure(err);
    if (refusal) return new EngineRefusal(refusal);
    if (err instanceof WorkflowNotFoundError && def) return new EngineRefusal(def.missing);
    if (err instanceof WorkflowUpdateFailedError || err instanceof ServiceError) return new EngineUnavailable(err.message, { cause: err });
    return err instanceof Error ? err : new Error(String(err));
  }
}
