import type { Context } from "@temporalio/activity";
import { CancelledFailure, type LogLevel as TemporalLevel, type LogMetadata, type Logger as TemporalLogger } from "@temporalio/common";
import type { ActivityInterceptors } from "@temporalio/worker";
import type { Logger } from "pino";
import { requestContext, requestIdFromHeaders } from "./request-context";

/**
 * The worker's logs as JSON lines: the Temporal Runtime's logger (the SDK's own lines, the workflows'
 * `log`, the activities' context logger and, forwarded, the engine core's warnings) written by pino,
 * like the API's request log.
 */
export function temporalLogger(base: Logger): TemporalLogger {
  const write = (level: TemporalLevel, message: string, meta?: LogMetadata) => {
    const method = level.toLowerCase() as "trace" | "debug" | "info" | "warn" | "error";
    if (!base.isLevelEnabled(method)) return;
    // Symbol keys (the SDK's own timestamp) are not JSON; an error goes under pino's `err`, with its stack.
    const { error, ...rest } = { ...(meta ?? {}) } as Record<string, unknown>;
    const fields: Record<string, unknown> = { ...rest, ...(error !== undefined ? { err: error } : {}) };
    for (const [k, v] of Object.entries(fields)) if (typeof v === "bigint") fields[k] = v.toString();
    base[method](fields, message);
  };
  return {
    log: write,
    trace: (m, meta) => write("TRACE", m, meta),
    debug: (m, meta) => write("DEBUG", m, meta),
    info: (m, meta) => write("INFO", m, meta),
    warn: (m, meta) => write("WARN", m, meta),
    error: (m, meta) => write("ERROR", m, meta),
  };
}

/**
 * One line per activity execution (`activiteit`: its name, attempt, outcome, duration, with the
 * workflow it ran for from the context logger) carrying the request id the workflow passed in the
 * activity's Temporal headers. The id is also on every line the activity logs itself through
 * `Context.current().log`, and in the request context, so a client call the activity makes carries it on.
 */
export function activityLogInterceptor(ctx: Context): ActivityInterceptors {
  let requestId: string | undefined;
  return {
    inbound: {
      async execute(input, next) {
        requestId = requestIdFromHeaders(input.headers);
        const t0 = performance.now();
        let outcome: "ok" | "error" | "cancelled" = "ok";
        try {
          return await (requestId === undefined ? next(input) : requestContext.run({ requestId }, () => next(input)));
        } catch (err) {
          outcome = err instanceof CancelledFailure || ctx.cancellationSignal.aborted ? "cancelled" : "error";
          throw err;
        } finally {
          const line = { activity: ctx.info.activityType, attempt: ctx.info.attempt, outcome, durationMs: Math.round((performance.now() - t0) * 10) / 10 };
          if (outcome === "error") ctx.log.warn("activiteit", line);
          else ctx.log.info("activiteit", line);
        }
      },
    },
    outbound: {
      // The task token lets whoever holds it complete the activity: not for a log.
      getLogAttributes: (input, next) => {
        const { taskToken: _taskToken, ...rest } = input;
        return next(requestId === undefined ? rest : { ...rest, requestId });
      },
    },
  };
}
