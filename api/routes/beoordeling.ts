import type { EngineClient } from "../../engine/client";
import { replyHoorEnWederhoor, supplyHerstel } from "../../engine/commands";
import { Router, type Request } from "express";
import { z } from "zod";
import { KvkSchema } from "../../domain/shared/kvk";
import { inschrijvingIdFor } from "../../domain/procedure/decide";
import { HerstelRequestSchema, HerstelSupplySchema, HoorReplySchema, HoorStartSchema, inschrijvingEntity, JudgeSchema } from "../../workflows/inschrijving/definition";
import { actorOf } from "../auth";
import { sendDocument } from "../download";
import type { OpenApiRegistry } from "../openapi";
import { HttpProblem } from "../problem";
import { route } from "../route";

const RondeQuery = z.object({ ronde: z.coerce.number().int().min(1).max(100).optional() });
const VolledigSchema = z.object({ motivering: z.string({ error: "motivering ontbreekt" }).min(5, { error: "motiveer waarom de inschrijving volledig is" }).max(4000) });

/** `<procedureId>/<kvk>` for the first round, `/r<n>` after it: the ronde comes as a query parameter. */
export function keyOf(req: Request): string {
  const kvk = KvkSchema.safeParse(req.params.kvk);
  if (!kvk.success) throw new HttpProblem(400, kvk.error.issues[0]?.message ?? "ongeldig KvK-nummer", "kvk");
  const ronde = RondeQuery.safeParse(req.query);
  if (!ronde.success) throw new HttpProblem(400, "ronde moet een getal zijn", "query.ronde");
  return inschrijvingIdFor(String(req.params.id), kvk.data, ronde.data.ronde ?? 1);
}

/** Everything that happens to an inschrijving after closing: completeness, judgements, hoor en wederhoor. */
export function beoordelingRouter(engine: EngineClient, registry: OpenApiRegistry): Router {
  const router = Router();
  const tag = "Beoordeling";
  const base = "/procedures/:id/inschrijvingen/:kvk";
  const client = (req: Request) => engine.entity(inschrijvingEntity, keyOf(req));

  route(router, registry, { method: "post", path: `${base}/volledig`, tag, summary: "Verklaar de inschrijving volledig ondanks signalen (inkoper)", roles: ["inkoper"], body: VolledigSchema, query: RondeQuery }, async (req, _res, { body }) =>
    client(req).declareVolledig({ actor: actorOf(req), motivering: body.motivering }),
  );
  route(router, registry, { method: "post", path: `${base}/herstelverzoek`, tag, summary: "Vraag herstel van een onvolledige inschrijving, met een termijn", roles: ["inkoper"], body: HerstelRequestSchema, query: RondeQuery }, async (req, _res, { body }) =>
    client(req).requestHerstel({ actor: actorOf(req), ...body }),
  );
  route(router, registry, { method: "post", path: `${base}/herstel`, tag, summary: "Lever ontbrekende stukken aan binnen de hersteltermijn", roles: ["aanbieder"], body: HerstelSupplySchema, query: RondeQuery }, async (req, _res, { body }) =>
    supplyHerstel(engine, keyOf(req), { actor: actorOf(req), ...body }),
  );
  route(router, registry, { method: "post", path: `${base}/beoordelingen`, tag, summary: "Beoordeel één toelatingscriterium (per product waar dat geldt) met motivering", roles: ["beoordelaar"], body: JudgeSchema, query: RondeQuery }, async (req, _res, { body }) =>
    client(req).judge({ actor: actorOf(req), ...body }),
  );
  route(router, registry, { method: "post", path: `${base}/beslechting`, tag, summary: "Beslecht een verschil tussen twee beoordelaars, met motivering", roles: ["inkoper"], body: JudgeSchema, query: RondeQuery }, async (req, _res, { body }) =>
    client(req).settle({ actor: actorOf(req), ...body }),
  );
  route(router, registry, { method: "post", path: `${base}/hoor-en-wederhoor`, tag, summary: "Start hoor en wederhoor: brief (PDF + e-mail) en termijn", roles: ["inkoper", "beoordelaar"], body: HoorStartSchema, query: RondeQuery }, async (req, _res, { body }) =>
    client(req).startHoorEnWederhoor({ actor: actorOf(req), ...body }),
  );
  route(router, registry, { method: "post", path: `${base}/hoor-en-wederhoor/reactie`, tag, summary: "Reageer op hoor en wederhoor met toelichting en documenten", roles: ["aanbieder"], body: HoorReplySchema, query: RondeQuery }, async (req, _res, { body }) =>
    replyHoorEnWederhoor(engine, keyOf(req), { actor: actorOf(req), ...body }),
  );
  route(router, registry, { method: "get", path: `${base}/documenten/:documentId`, tag, summary: "Download een document van de inschrijving (hoorbrief)", roles: ["aanbieder", "inkoper", "beoordelaar", "programmadirecteur", "bosd"], query: RondeQuery }, async (req, res) => {
    const doc = await client(req).document({ actor: actorOf(req), documentId: String(req.params.documentId) });
    await sendDocument(res, doc);
  });
  return router;
}
