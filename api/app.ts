import type { EngineClient } from "../engine/client";
import express, { type Express } from "express";
import cookieParser from "cookie-parser";
import { identify } from "./auth";
import { webRouter, type WebDeps } from "./web";
import { sessionMiddleware, verifyCsrf, type SessionConfig } from "./web/session";
import { OpenApiRegistry } from "./openapi";
import { notFound } from "./problem";
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

export function createApp({ engine, web, roleHeaders = false, extraRoutes, trustProxy }: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  if (trustProxy !== undefined) app.set("trust proxy", trustProxy);
  // First, so every answer carries them: also what a body parser refuses, a 404 and the error pages.
  app.use(securityHeaders({ production: process.env.NODE_ENV === "production" }));
  app.use(utf8JsonOnly);
  app.use(express.json({ limit: "1mb" }));
  app.use(express.urlencoded({ extended: false, limit: "1mb" }));
  app.use(cookieParser());
  const session: SessionConfig | undefined = web ? { ...web.session, engine } : undefined;
  if (session) app.use(sessionMiddleware(session));
  if (roleHeaders) app.use((req, res, next) => (req.actor ? next() : identify(req, res, next)));
  app.use(verifyCsrf);

  const registry = new OpenApiRegistry();
  const api = express.Router();
  api.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
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
