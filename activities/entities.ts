import { Context } from "@temporalio/activity";
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from "@temporalio/client";
import { deliverSignal, workflowIdOf, type Delivery, type EntityInput } from "../workflows/runtime/definitions";

/** One entity to create: its workflow type and key, and the command that creates it. */
export interface EntityStart {
  type: string;
  key: string;
  /** Needs a message id: a start repeated after a retry is then delivered as that same message and handled once. */
  init: Delivery & { messageId: string };
  historyLimit?: number;
}

/** Starts at a time: enough to keep the engine busy, few enough not to crowd out the workflows it serves. */
const STARTS_IN_FLIGHT = 8;

/**
 * Starts entity workflows from outside the workflow that decided them. A child workflow would do the
 * same, but every child's start is written into its parent's history one after another: for the
 * besluiten and contracts of a gunning that made one procedure the queue all of them waited in.
 * An entity that exists already gets the creating command as a message, as `Entity.create` does.
 * With `eagerStart` (a client on the worker's own connection) the engine hands the new workflow's first
 * task back with the start, to this worker, instead of through the task queue.
 */
export async function startEntities(client: Client, starts: EntityStart[], eagerStart: boolean): Promise<void> {
  const { taskQueue } = Context.current().info;
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < starts.length) {
      const s = starts[next++]!;
      const workflowId = workflowIdOf(s, s.key);
      const input: EntityInput = { key: s.key, init: s.init, ...(s.historyLimit !== undefined ? { historyLimit: s.historyLimit } : {}) };
      try {
        await client.workflow.start(s.type, { taskQueue, workflowId, args: [input], requestEagerStart: eagerStart });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        await deliverTo(client, workflowId, s.init);
      }
      Context.current().heartbeat(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(STARTS_IN_FLIGHT, starts.length) }, lane));
}

/** The creating command as a message; an entity that has ended by now cannot take it, which retrying would not change. */
async function deliverTo(client: Client, workflowId: string, init: Delivery): Promise<void> {
  try {
    await client.workflow.getHandle(workflowId).signal(deliverSignal, init);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    Context.current().log.warn("bericht niet bezorgd", { to: workflowId, name: init.name, error: String(err) });
  }
}
