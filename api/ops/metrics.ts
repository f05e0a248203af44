import { timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { EngineCallEvent, EngineClient } from "../../engine/client";

/**
 * Prometheus metrics of one app: HTTP requests by method, route pattern and status, the engine's calls
 * and errors, and the process's own (CPU, memory, event loop, GC), in the text format a Prometheus
 * server scrapes.
 */
export interface Metrics {
  /** First in the chain: times every request and counts it when the answer is sent. */
  middleware: RequestHandler;
  /** GET /metrics, behind the token when there is one. */
  endpoint: RequestHandler;
  registry: Registry;
}

export interface MetricsOptions {
  /** INKOOP_METRICS_TOKEN: when set, a scrape must send `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** Without a token, production answers 404: metrics name routes and load, not for everyone. */
  production: boolean;
}

/** The process's own metrics, once per process: several apps in one process (the tests) share them. */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The route pattern, never the raw path: `/api/v1/procedures/:id`, not the id, so the number of series
 * stays bounded. Express knows the matched route's own path (relative to its router); the mount prefix is
 * what precedes the same number of segments in the real path. Anything no route answered (404s, static
 * files, the body parser's refusals) is one series.
 */
export function routePattern(req: Request): string {
  const route = (req as { route?: { path?: unknown } }).route;
  const path = route?.path;
  if (typeof path !== "string") return "(geen route)";
  const real = (req.originalUrl.split("?")[0] ?? "").split("/").filter(Boolean);
  const own = path.split("/").filter(Boolean);
  if (own.some((s) => s.startsWith("*")) || own.length > real.length) return "(geen route)";
  const prefix = real.slice(0, real.length - own.length);
  return "/" + [...prefix, ...own].join("/");
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createMetrics(engine: EngineClient, opts: MetricsOptions): Metrics {
  const registry = new Registry();
  // One scale for requests and engine calls, so a request's time and its engine share read side by side.
  const SECONDEN = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  const requests = new Counter({
    name: "inkoop_http_requests_total",
    help: "HTTP-verzoeken, naar methode, routepatroon en status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "inkoop_http_request_duration_seconds",
    help: "Duur van HTTP-verzoeken tot het antwoord verstuurd is, naar methode, routepatroon en status",
    labelNames: ["method", "route", "status"] as const,
    buckets: SECONDEN,
    registers: [registry],
  });
  const engineCalls = new Histogram({
    name: "inkoop_engine_call_duration_seconds",
    help: "Duur van aanroepen van de procesmotor (Temporal), naar soort en uitkomst",
    labelNames: ["operation", "outcome"] as const,
    buckets: SECONDEN,
    registers: [registry],
  });
  const engineErrors = new Counter({
    name: "inkoop_engine_call_errors_total",
    help: "Mislukte aanroepen van de procesmotor: niet bereikbaar/te laat (unreachable) of een fout (error); weigeringen tellen niet",
    labelNames: ["operation", "reason"] as const,
    registers: [registry],
  });
  // Zero series up front, so a dashboard sees 0 rather than no data before the first error.
  for (const operation of ["update", "query", "describe", "list", "ready"]) for (const reason of ["unreachable", "error"]) engineErrors.inc({ operation, reason }, 0);
  engine.observe((e: EngineCallEvent) => {
    engineCalls.observe({ operation: e.operation, outcome: e.outcome }, e.seconds);
    if (e.outcome === "unreachable" || e.outcome === "error") engineErrors.inc({ operation: e.operation, reason: e.outcome });
  });

  const middleware: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const end = duration.startTimer();
    res.once("finish", () => {
      const labels = { method: req.method, route: routePattern(req), status: String(res.statusCode) };
      requests.inc(labels);
      end(labels);
    });
    next();
  };

  const endpoint: RequestHandler = async (req: Request, res: Response) => {
    res.set("Cache-Control", "no-store");
    if (opts.token) {
      const auth = /^Bearer\s+(.+)$/i.exec(req.get("authorization") ?? "")?.[1]?.trim() ?? "";
      if (!sameSecret(auth, opts.token)) {
        res.status(401).set("WWW-Authenticate", 'Bearer realm="metrics"').type("text/plain; charset=utf-8").send("Metrics vragen een token: Authorization: Bearer <INKOOP_METRICS_TOKEN>.\n");
        return;
      }
    } else if (opts.production) {
      res.status(404).type("text/plain; charset=utf-8").send("Metrics staan uit: zet INKOOP_METRICS_TOKEN om ze met dat token op te vragen.\n");
      return;
    }
    const merged = Registry.merge([processMetrics(), registry]);
    res.type(merged.contentType).send(await merged.metrics());
  };

  return { middleware, endpoint, registry };
}
