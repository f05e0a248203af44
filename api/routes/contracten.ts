import type { EngineClient } from "../../engine/client";
import { Router, type Request } from "express";
import { z } from "zod";
import { KvkSchema } from "../../domain/shared/kvk";
import { proposeContractBesluit, proposeOntbinding } from "../../engine/commands";
import { contractEntity, OpzeggingSchema, VerbeteringSchema, VoorstelSchema } from "../../workflows/contract/definition";
import { actorOf } from "../auth";
import type { OpenApiRegistry } from "../openapi";
import { HttpProblem } from "../problem";
import { route } from "../route";

const everyone = ["inkoper", "beoordelaar", "programmadirecteur", "bosd", "aanbieder"] as const;

function keyOf(req: Request): string {
  const kvk = KvkSchema.safeParse(req.params.kvk);
  if (!kvk.success) throw new HttpProblem(400, kvk.error.issues[0]?.message ?? "ongeldig KvK-nummer", "kvk");
  return `${req.params.contractId}/${kvk.data}`;
}

export function contractenRouter(engine: EngineClient, registry: OpenApiRegistry): Router {
  const router = Router();
  const tag = "Contracten";

  route(router, registry, { method: "get", path: "/contracten", tag, summary: "Contracten per aanbieder (een aanbieder ziet de eigen)", roles: [...everyone] }, async (req) => {
    const actor = actorOf(req);
    const all = (await engine.list(contractEntity)) as { kvk?: string }[];
    return actor.rol === "aanbieder" ? all.filter((c) => c.kvk === actor.kvk) : all;
  });

  route(router, registry, { method: "get", path: "/contracten/:contractId/:kvk", tag, summary: "Eén contract met termijnen en de huidige termijn", roles: [...everyone] }, async (req) =>
    engine.entity(contractEntity, keyOf(req)).get({ actor: actorOf(req) }),
  );

  route(
    router,
    registry,
    { method: "post", path: "/contracten/:contractId/:kvk/ontbinding", tag, summary: "Stel ontbinding voor (besluit van het bevoegd gezag)", roles: ["inkoper"], body: z.object({ motivering: z.string({ error: "motivering ontbreekt" }).max(8000) }) },
    async (req, _res, { body }) => proposeOntbinding(engine, keyOf(req), { actor: actorOf(req), motivering: body.motivering }),
  );

  route(
    router,
    registry,
    {
      method: "post",
      path: "/contracten/:contractId/:kvk/voorstellen",
      tag,
      summary: "Stel een besluit over het contract voor: cliëntenstop, opheffing, ingebrekestelling, ontbinding, opzegging, beëindiging per direct of wegens landelijk beleid",
      roles: ["inkoper"],
      body: VoorstelSchema,
    },
    async (req, _res, { body }) => proposeContractBesluit(engine, keyOf(req), { actor: actorOf(req), ...body }),
  );

  route(
    router,
    registry,
    { method: "post", path: "/contracten/:contractId/:kvk/verbetering", tag, summary: "Leg vast dat de aanbieder binnen de ingebrekestelling is verbeterd", roles: ["inkoper"], body: VerbeteringSchema },
    async (req, _res, { body }) => engine.entity(contractEntity, keyOf(req)).recordVerbetering({ actor: actorOf(req), ...body }),
  );

  route(
    router,
    registry,
    { method: "post", path: "/contracten/:contractId/:kvk/opzegging", tag, summary: "De aanbieder zegt op (minstens één kalendermaand, vanaf de eerste van de volgende maand)", roles: ["aanbieder"], body: OpzeggingSchema },
    async (req, _res, { body }) => engine.entity(contractEntity, keyOf(req)).opzeggen({ actor: actorOf(req), ...body }),
  );

  route(router, registry, { method: "get", path: "/contracten/:contractId/:kvk/logboek", tag, summary: "Het logboek van een contract", roles: [...everyone] }, async (req) =>
    engine.entity(contractEntity, keyOf(req)).events({ actor: actorOf(req) }),
  );

  return router;
}
