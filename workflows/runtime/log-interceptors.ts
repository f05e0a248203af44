import {
  defaultPayloadConverter,
  log,
  type ActivityInput,
  type ContinueAsNewInput,
  type LocalActivityInput,
  type Next,
  type SignalInput,
  type SignalWorkflowInput,
  type StartChildWorkflowExecutionInput,
  type UpdateInput,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptorsFactory,
  type WorkflowOutboundCallsInterceptor,
} from "@temporalio/workflow";
import type { Payload } from "@temporalio/common";
import { refusalIn } from "./refusal";
import { REQUEST_ID_HEADER } from "./request-id";
import { requestIdStore as current } from "./request-store";

/*
 * The workflow interceptors (registered on the worker through the bundle: engine/worker.ts). They log and
 * pass the request id on, nothing else: no command a workflow emits depends on them except the header
 * of what it schedules, and that header is only there when the command that caused it carried one, so
 * histories recorded before them replay unchanged.
 *
 * One line per update and per signal handled (`workflowstap`), through the workflow logger: it is
 * silent while a workflow replays and goes to the worker's Runtime logger, which writes JSON lines.
 */

type Headers = Record<string, Payload>;

function readRequestId(headers: Headers | undefined): string | undefined {
  const payload = headers?.[REQUEST_ID_HEADER];
  if (!payload) return undefined;
  try {
    const value = defaultPayloadConverter.fromPayload<unknown>(payload);
    return typeof value === "string" && value.length > 0 && value.length <= 128 ? value : undefined;
  } catch {
    return undefined;
  }
}

function withRequestId<T extends { readonly headers: Headers }>(input: T): T {
  const requestId = current.getStore();
  if (requestId === undefined || input.headers[REQUEST_ID_HEADER]) return input;
  return { ...input, headers: { ...input.headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) } };
}

function within<T>(requestId: string | undefined, fn: () => T): T {
  return requestId === undefined ? fn() : current.run(requestId, fn);
}

/** The workflow's own clock (the time of its task): deterministic, so the same on replay. */
function clock(): number {
  // eslint-disable-next-line no-restricted-properties -- Temporal replaces Date in workflows with its deterministic clock.
  return Date.now();
}

type Outcome = "ok" | "refused" | "error";
function outcomeOf(err: unknown): Outcome {
  return refusalIn(err) ? "refused" : "error";
}

/** A signal between entities carries a Delivery: its name says which command it is. */
function commandOf(args: unknown[]): string | undefined {
  const name = (args[0] as { name?: unknown } | undefined)?.name;
  return typeof name === "string" ? name.slice(0, 100) : undefined;
}

function step(attrs: { kind: "update" | "signal"; name: string; command?: string | undefined; requestId: string | undefined; outcome: Outcome; durationMs: number; stage?: "validatie" }): void {
  const { requestId, command, stage, ...rest } = attrs;
  const line = { ...rest, ...(command ? { command } : {}), ...(stage ? { stage } : {}), ...(requestId ? { requestId } : {}) };
  if (attrs.outcome === "error") log.warn("workflowstap", line);
  else log.info("workflowstap", line);
}

class RequestIdInbound implements WorkflowInboundCallsInterceptor {
  execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, "execute">): Promise<unknown> {
    return within(readRequestId(input.headers), () => next(input));
  }

  validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, "validateUpdate">): void {
    try {
      next(input);
    } catch (err) {
      // A validator's refusal rejects the update: it never enters the history, so this is its only line.
      step({ kind: "update", name: input.name, requestId: readRequestId(input.headers), outcome: outcomeOf(err), durationMs: 0, stage: "validatie" });
      throw err;
    }
  }

  async handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, "handleUpdate">): Promise<unknown> {
    const requestId = readRequestId(input.headers);
    const t0 = clock();
    let outcome: Outcome = "ok";
    try {
      return await within(requestId, () => next(input));
    } catch (err) {
      outcome = outcomeOf(err);
      throw err;
    } finally {
      step({ kind: "update", name: input.name, requestId, outcome, durationMs: clock() - t0 });
    }
  }

  async handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, "handleSignal">): Promise<void> {
    const requestId = readRequestId(input.headers);
    const t0 = clock();
    let outcome: Outcome = "ok";
    try {
      await within(requestId, () => next(input));
    } catch (err) {
      outcome = outcomeOf(err);
      throw err;
    } finally {
      step({ kind: "signal", name: input.signalName, command: commandOf(input.args), requestId, outcome, durationMs: clock() - t0 });
    }
  }
}

class RequestIdOutbound implements WorkflowOutboundCallsInterceptor {
  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, "scheduleActivity">): Promise<unknown> {
    return next(withRequestId(input));
  }

  scheduleLocalActivity(input: LocalActivityInput, next: Next<WorkflowOutboundCallsInterceptor, "scheduleLocalActivity">): Promise<unknown> {
    return next(withRequestId(input));
  }

  startChildWorkflowExecution(input: StartChildWorkflowExecutionInput, next: Next<WorkflowOutboundCallsInterceptor, "startChildWorkflowExecution">): Promise<[Promise<string>, Promise<unknown>]> {
    return next(withRequestId(input));
  }

  signalWorkflow(input: SignalWorkflowInput, next: Next<WorkflowOutboundCallsInterceptor, "signalWorkflow">): Promise<void> {
    return next(withRequestId(input));
  }

  continueAsNew(input: ContinueAsNewInput, next: Next<WorkflowOutboundCallsInterceptor, "continueAsNew">): Promise<never> {
    return next(withRequestId(input));
  }

  /** Every line the workflow logs (its own and the SDK's) names the request it runs for. */
  getLogAttributes(input: Record<string, unknown>, next: Next<WorkflowOutboundCallsInterceptor, "getLogAttributes">): Record<string, unknown> {
    const requestId = current.getStore();
    return next(requestId === undefined ? input : { ...input, requestId });
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [new RequestIdInbound()],
  outbound: [new RequestIdOutbound()],
});
