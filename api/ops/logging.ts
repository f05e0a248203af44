import type { NextFunction, Request, RequestHandler, Response } from "express";
import pino, { type DestinationStream, type Logger } from "pino";
import type { EngineCallEvent, EngineClient } from "../../engine/client";
import { routePattern } from "./metrics";
import { newRequestId, requestContext, sanitizeRequestId, type RequestScope } from "./request-context";

/**
 * Structured logs: one JSON line per HTTP request in the API, and (with the same logger settings) the
 * worker's lines per workflow step and activity. Level from INKOOP_LOG_LEVEL (trace, debug, info, warn,
 * error, fatal, silent); default info, but silent inside jest's test processes unless the level is set,
 * so test output stays readable.
 */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env, { quietInTests = true } = {}): LogLevel {
  const asked = env.INKOOP_LOG_LEVEL?.trim().toLowerCase();
  if (asked) {
    if ((LOG_LEVELS as readonly string[]).includes(asked)) return asked as LogLevel;
    throw new Error(`INKOOP_LOG_LEVEL=${env.INKOOP_LOG_LEVEL} bestaat niet: kies uit ${LOG_LEVELS.join(", ")}.`);
  }
  return quietInTests && (env.JEST_WORKER_ID !== undefined || env.NODE_ENV === "test") ? "silent" : "info";
}

/** A JSON-lines logger: ISO time, the level as a word, which process (service) wrote it. */
export function createLogger(service: "api" | "worker", opts: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? logLevelFromEnv(process.env, { quietInTests: service === "api" }),
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    opts.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

let apiLogger: Logger | undefined;
/** The API's logger on stdout, one per process (the tests make many apps). */
export function defaultApiLogger(): Logger {
  return (apiLogger ??= createLogger("api"));
}

const REQUEST_ID = "X-Request-Id";
/** Worst first: the outcome a request's log line reports when it made several engine calls. */
const OUTCOME_RANK: Record<EngineCallEvent["outcome"], number> = { error: 3, unreachable: 2, refused: 1, ok: 0 };

/**
 * The request log: takes the client's X-Request-Id when it is a usable one (else makes one), answers it
 * in the same header, runs the rest of the request with it in the request context (the engine client
 * puts it in the Temporal headers from there), and writes one line when the answer is sent: method,
 * route pattern (never the raw path: ids, KvK numbers), status, duration, the actor's role (never who),
 * and how the engine calls ended. No body, query, cookie or header is logged.
 */
export function requestLogger(logger: Logger, engine: EngineClient): RequestHandler {
  const owner = {};
  engine.observe((e) => {
    const scope = requestContext.getStore();
    if (scope?.owner === owner) scope.engineCalls?.push(e);
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const t0 = performance.now();
    const requestId = sanitizeRequestId(req.get(REQUEST_ID)) ?? newRequestId();
    res.setHeader(REQUEST_ID, requestId);
    const scope: RequestScope = { requestId, engineCalls: [], owner };
    const done = (aborted: boolean) => {
      const calls = scope.engineCalls ?? [];
      const worst = calls.reduce<EngineCallEvent["outcome"] | undefined>((w, c) => (w === undefined || OUTCOME_RANK[c.outcome] > OUTCOME_RANK[w] ? c.outcome : w), undefined);
      const line = {
        requestId,
        method: req.method,
        route: routePattern(req),
        status: res.statusCode,
        durationMs: Math.round((performance.now() - t0) * 10) / 10,
        ...(req.actor ? { rol: req.actor.rol } : {}),
        ...(calls.length > 0 ? { engine: { outcome: worst, calls: calls.length, ms: Math.round(calls.reduce((s, c) => s + c.seconds, 0) * 10_000) / 10 } } : {}),
        ...(aborted ? { aborted: true } : {}),
      };
      if (res.statusCode >= 500) logger.error(line, "verzoek");
      else logger.info(line, "verzoek");
    };
    let logged = false;
    res.once("finish", () => {
      logged = true;
      done(false);
    });
    // The client went away before the answer was complete: still one line.
    res.once("close", () => {
      if (!logged) done(true);
    });
    requestContext.run(scope, () => next());
  };
}
