import type * as clients from "@restatedev/restate-sdk-clients";
import express, { type Express } from "express";
import { identify } from "./auth";
import { OpenApiRegistry } from "./openapi";
import { notFound, problemHandler } from "./problem";
import { aanbiedersRouter } from "./routes/aanbieders";
import { catalogueRouter } from "./routes/catalogue";
import { proceduresRouter } from "./routes/procedures";
import { beoordelingRouter } from "./routes/beoordeling";
import { besluitenRouter } from "./routes/besluiten";
import { contractenRouter } from "./routes/contracten";

export interface AppDeps {
  /** The engine's ingress: the API keeps no business state of its own. */
  ingress: clients.Ingress;
}

export function createApp({ ingress }: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ limit: "1mb" }));
  app.use(identify);

  const registry = new OpenApiRegistry();
  const api = express.Router();
  api.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  api.use(catalogueRouter(registry));
  api.use(aanbiedersRouter(ingress, registry));
  api.use(proceduresRouter(ingress, registry));
  api.use(beoordelingRouter(ingress, registry));
  api.use(besluitenRouter(ingress, registry));
  api.use(contractenRouter(ingress, registry));
  const openapi = registry.document();
  api.get("/openapi.json", (_req, res) => {
    res.json(openapi);
  });
  app.use("/api/v1", api);
  app.use("/api", notFound, problemHandler);
  return app;
}
