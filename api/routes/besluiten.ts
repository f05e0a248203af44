import type { EngineClient } from "../../engine/client";
import { Router } from "express";
import { z } from "zod";
import { besluitEntity } from "../../workflows/besluit/definition";
import { actorOf } from "../auth";
import { sendDocument } from "../download";
import type { OpenApiRegistry } from "../openapi";
import { route } from "../route";

const everyone = ["inkoper", "beoordelaar", "programmadirecteur", "bosd", "aanbieder"] as const;

const BeslissingSchema = z.object({
  akkoord: z.boolean({ error: "akkoord moet true of false zijn" }),
  motivering: z.string().max(8000).default(""),
});
const ListQuery = z.object({
  status: z.enum(["voorgelegd", "vastgesteld", "teruggestuurd"]).optional(),
  procedureId: z.string().optional(),
  /** Only the besluiten waiting for the caller's own role. */
  teNemen: z.enum(["ja", "nee"]).optional(),
});

type Summary = { id: string; status?: string; beslisRol?: string; ontvangerKvk?: string; procedureId?: string };

export function besluitenRouter(engine: EngineClient, registry: OpenApiRegistry): Router {
  const router = Router();
  const tag = "Besluiten";

  route(router, registry, { method: "get", path: "/besluiten", tag, summary: "Besluiten: een aanbieder ziet de eigen vastgestelde, de regio alle", roles: [...everyone], query: ListQuery }, async (req, _res, { query }) => {
    const actor = actorOf(req);
    const all = (await engine.list(besluitEntity)) as Summary[];
    return all.filter(
      (b) =>
        (actor.rol !== "aanbieder" || (b.ontvangerKvk === actor.kvk && b.status === "vastgesteld")) &&
        (query.status === undefined || b.status === query.status) &&
        (query.procedureId === undefined || b.procedureId === query.procedureId) &&
        (query.teNemen !== "ja" || (b.status === "voorgelegd" && b.beslisRol === actor.rol)),
    );
  });

  route(router, registry, { method: "get", path: "/besluiten/:besluitId", tag, summary: "Eén besluit met auteur, bevoegd gezag, documenten en verzending", roles: [...everyone] }, async (req) =>
    engine.entity(besluitEntity, String(req.params.besluitId)).get({ actor: actorOf(req) }),
  );

  route(
    router,
    registry,
    { method: "post", path: "/besluiten/:besluitId/beslissing", tag, summary: "Het bevoegd gezag geeft akkoord of stuurt terug met motivering", roles: ["programmadirecteur", "bosd", "inkoper"], body: BeslissingSchema },
    async (req, _res, { body }) => engine.entity(besluitEntity, String(req.params.besluitId)).beslissen({ actor: actorOf(req), ...body }),
  );

  route(router, registry, { method: "get", path: "/besluiten/:besluitId/logboek", tag, summary: "Het logboek van een besluit", roles: [...everyone] }, async (req) =>
    engine.entity(besluitEntity, String(req.params.besluitId)).events({ actor: actorOf(req) }),
  );

  route(router, registry, { method: "get", path: "/besluiten/:besluitId/documenten/:documentId", tag, summary: "Download het besluit (PDF)", roles: [...everyone] }, async (req, res) => {
    const doc = await engine.entity(besluitEntity, String(req.params.besluitId)).document({ actor: actorOf(req), documentId: String(req.params.documentId) });
    await sendDocument(res, doc);
  });

  return router;
}
