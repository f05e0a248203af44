import type { EngineClient } from "../engine/client";
import express, { type Express } from "express";
import cookieParser from "cookie-parser";
import { identify } from "./auth";
import { webRouter, type WebDeps } from "./web";
import { sessionMiddleware, verifyCsrf, type SessionConfig } from "./web/session";
import { OpenApiRegistry } from "./openapi";
import { ENGINE_AWAY_MESSAGE, RETRY_AFTER_SECONDS, notFound } from "./problem";
import { createMetrics } from "./ops/metrics";
import { defaultApiLogger, requestLogger } from "./ops/logging";
import type { Logger } from "pino";
import { securityHeaders } from "./security-headers";
import { pageNotFound, siteErrorHandler, utf8JsonOnly } from "./site-errors";
import { aanbiedersRouter } from "./routes/aanbieders";
import { catalogueRouter } from "./routes/catalogue";
import { sasRouter } from "./routes/sas";
import { onderhandsRouter } from "./routes/onderhands";
import { proceduresRouter } from "./routes/procedures";
import { beoordelingRouter } from "./routes/beoordeling";
import { besluitenRouter } from "./routes/besluiten";
import { contractenRouter } from "./routes/contracten";
import { verlengingRouter } from "./routes/verlenging";

export interface AppDeps {
  /** The engine (a Temporal client): the API keeps no business state of its own. */
  engine: EngineClient;
  /** Sessions for the web pages and the API; without it only the catalogue and role headers work. */
  web?: Omit<WebDeps, "session"> & { session: Omit<SessionConfig, "engine"> };
  /**
   * Accept X-Inkoop-Rol/-Kvk headers as identity. Only for tests and scripting on a developer's
   * machine: anybody can send a header, so production leaves this off and uses login.
   */
  roleHeaders?: boolean;
  /**
   * Routers the host adds (npm start: the development mail inbox). Mounted here rather than on the
   * returned app so they sit behind the session middleware and before any catch-all that would shadow them.
   */
  extraRoutes?: (app: Express) => void;
  /**
   * The reverse proxies in front of the app (Express's "trust proxy": "loopback", subnets, or a hop
   * count). Only then is X-Forwarded-For believed, so login attempts are counted per real client.
   */
  trustProxy?: string | number;
  /**
   * Who may read GET /metrics: with a token only a scrape that sends it as bearer token; without one,
   * everybody on a developer's machine and nobody in production. Defaults to INKOOP_METRICS_TOKEN and NODE_ENV.
   */
  metrics?: { token?: string; production?: boolean };
  /** Where the request log goes: one JSON line per request. Defaults to stdout at INKOOP_LOG_LEVEL (silent in jest). */
  logger?: Logger;
}

/** INKOOP_TRUST_PROXY as Express understands it; "trust everyone" would let any client pick its own address. */
export function trustProxyFromEnv(value: string | undefined): string | number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (v === "true" || v === "*")
    throw new Error("INKOOP_TRUST_PROXY=true vertrouwt elke afzender van X-Forwarded-For: noem de proxy's (bijvoorbeeld loopback of 10.0.0.0/8) of het aantal hops.");
  return v;
}

export function createApp({ engine, web, roleHeaders = false, extraRoutes, trustProxy, metrics: metricsOptions, logger }: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  if (trustProxy !== undefined) app.set("trust proxy", trustProxy);
  const metrics = createMetrics(engine, {
    token: metricsOptions?.token ?? (process.env.INKOOP_METRICS_TOKEN || undefined),
    production: metricsOptions?.production ?? process.env.NODE_ENV === "production",
  });
  // The very first: every request gets its request id (X-Request-Id) and one log line, refusals included.
  app.use(requestLogger(logger ?? defaultApiLogger(), engine));
  // Before everything, so every answer is counted, including the refusals of the middleware below.
  app.use(metrics.middleware);
  // First, so every answer carries them: also what a body parser refuses, a 404 and the error pages.
  app.use(securityHeaders({ production: process.env.NODE_ENV === "production" }));
  app.use(utf8JsonOnly);
  app.use(express.json({ limit: "1mb" }));
  app.use(express.urlencoded({ extended: false, limit: "1mb" }));
  app.use(cookieParser());
  // Prometheus's own path, outside the versioned API (it is not part of its contract) and before the
  // session middleware: a scrape carries no cookie and must not cost an engine call.
  app.get("/metrics", metrics.endpoint);
  const session: SessionConfig | undefined = web ? { ...web.session, engine } : undefined;
  if (session) app.use(sessionMiddleware(session));
  if (roleHeaders) app.use((req, res, next) => (req.actor ? next() : identify(req, res, next)));
  app.use(verifyCsrf);

  const registry = new OpenApiRegistry();
  const api = express.Router();
  // Liveness: the process answers. It does not ask the engine, so an engine that is away does not get the API restarted.
  api.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  registry.add({ method: "get", path: "/api/v1/health", summary: "Liveness: het proces draait (vraagt de procesmotor niets)", tag: "Beheer", statuses: [] });
  // Readiness: the engine answers a cheap call within its deadline; otherwise 503, so a load balancer sends no traffic here.
  api.get("/ready", async (req, res) => {
    res.set("Cache-Control", "no-store");
    if (await engine.ready()) {
      res.json({ status: "ok", procesmotor: "bereikbaar" });
      return;
    }
    res
      .status(503)
      .set("Retry-After", String(RETRY_AFTER_SECONDS))
      .type("application/problem+json")
      .json({ type: "about:blank", title: "Tijdelijk niet beschikbaar", status: 503, detail: ENGINE_AWAY_MESSAGE, code: "EngineNietBereikbaar", instance: req.originalUrl });
  });
  registry.add({ method: "get", path: "/api/v1/ready", summary: "Readiness: de procesmotor antwoordt binnen 2 s; anders 503 met Retry-After", tag: "Beheer", statuses: [503] });
  api.use(catalogueRouter(registry));
  api.use(aanbiedersRouter(engine, registry));
  api.use(proceduresRouter(engine, registry));
  api.use(sasRouter(engine, registry));
  api.use(onderhandsRouter(engine, registry));
  api.use(beoordelingRouter(engine, registry));
  api.use(besluitenRouter(engine, registry));
  api.use(contractenRouter(engine, registry));
  api.use(verlengingRouter(engine, registry));
  const openapi = registry.document();
  api.get("/openapi.json", (_req, res) => {
    res.json(openapi);
  });
  // The address the start-up output prints: where to go from here, instead of a 404.
  api.get("/", (_req, res) => {
    res.json({
      naam: "Inkoop Jeugd en Wmo, Regio Midden-Holland: API",
      versie: "v1",
      openapi: "/api/v1/openapi.json",
      toelichting: "Alle adressen, verzoeken en antwoorden staan in het OpenAPI-document. Een pagina-sessie of (alleen in ontwikkeling) de X-Inkoop-Rol-headers geven toegang.",
    });
  });
  app.use("/api/v1", api);
  app.use("/api", notFound);
  if (session && web) app.use(webRouter({ ...web, session }));
  extraRoutes?.(app);
  app.use(pageNotFound);
  // Last, so it also sees what the body parsers and the router refuse before any route runs.
  app.use(siteErrorHandler);
  return app;
}
