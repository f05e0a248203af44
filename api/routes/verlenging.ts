import type { EngineClient } from "../../engine/client";
import { Router, type Request } from "express";
import { rondeKey } from "../../domain/contract/contract";
import {
  HoorSchema,
  OpenSchema,
  ReassessSchema,
  ReplySchema,
  RondeBesluitSchema,
  WeigeringSchema,
  verlengingsrondeEntity,
} from "../../workflows/verlengingsronde/definition";
import { openVerlengingsronde, proposeWeigering, startRondeHoor } from "../../engine/commands";
import { actorOf } from "../auth";
import type { OpenApiRegistry } from "../openapi";
import { route } from "../route";

const keyOf = (req: Request) => rondeKey(String(req.params.contractId), String(req.params.termijnEinde));

/** Verlengingsrondes per catalogue contract and term end (inkoopplan 5.1, 5.2, 5.3.4, 7.3). */
export function verlengingRouter(engine: EngineClient, registry: OpenApiRegistry): Router {
  const router = Router();
  const tag = "Verlenging";
  const base = "/verlengingsrondes/:contractId/:termijnEinde";

  route(router, registry, { method: "get", path: "/verlengingsrondes", tag, summary: "Alle verlengingsrondes", roles: ["inkoper", "programmadirecteur", "bosd", "beoordelaar"] }, async (req) => {
    // The list (each round's memo, which the visibility store takes over a moment later) shows the status
    // the round itself has now, so list and round agree right after a besluit (issue 13).
    const actor = actorOf(req);
    const lijst = await engine.list(verlengingsrondeEntity);
    return Promise.all(
      lijst.map(async (r) => {
        const { contractId, termijnEinde } = r as { contractId?: unknown; termijnEinde?: unknown };
        if (typeof contractId !== "string" || typeof termijnEinde !== "string") return r;
        try {
          const ronde = await engine.entity(verlengingsrondeEntity, rondeKey(contractId, termijnEinde)).get({ actor });
          return { ...r, status: ronde.status };
        } catch {
          return r;
        }
      }),
    );
  });
  route(router, registry, { method: "post", path: "/verlengingsrondes", tag, summary: "Open de verlengingsronde van een contract voor een termijneinde", roles: ["inkoper"], body: OpenSchema }, async (req, _res, { body }) =>
    openVerlengingsronde(engine, rondeKey(body.contractId, body.termijnEinde), { actor: actorOf(req), ...body }),
  );
  route(router, registry, { method: "get", path: base, tag, summary: "Eén verlengingsronde (een aanbieder ziet alleen de eigen weigering)", roles: ["inkoper", "programmadirecteur", "bosd", "beoordelaar", "aanbieder"] }, async (req) =>
    engine.entity(verlengingsrondeEntity, keyOf(req)).get({ actor: actorOf(req) }),
  );
  route(router, registry, { method: "post", path: `${base}/weigeringen`, tag, summary: "Stel een individuele weigering van verlenging voor, met reden en motivering", roles: ["inkoper"], body: WeigeringSchema }, async (req, _res, { body }) =>
    proposeWeigering(engine, keyOf(req), String(req.params.contractId), { actor: actorOf(req), ...body }),
  );
  route(router, registry, { method: "post", path: `${base}/hoor-en-wederhoor`, tag, summary: "Start hoor en wederhoor over een voorgestelde weigering (brief + termijn)", roles: ["inkoper"], body: HoorSchema }, async (req, _res, { body }) =>
    startRondeHoor(engine, keyOf(req), { actor: actorOf(req), ...body }),
  );
  route(router, registry, { method: "post", path: `${base}/hoor-en-wederhoor/reactie`, tag, summary: "De aanbieder reageert binnen de termijn", roles: ["aanbieder"], body: ReplySchema }, async (req, _res, { body }) =>
    engine.entity(verlengingsrondeEntity, keyOf(req)).replyHoor({ actor: actorOf(req), ...body }),
  );
  route(router, registry, { method: "post", path: `${base}/herbeoordeling`, tag, summary: "Handhaaf of trek een weigering in na hoor en wederhoor, met motivering", roles: ["inkoper"], body: ReassessSchema }, async (req, _res, { body }) =>
    engine.entity(verlengingsrondeEntity, keyOf(req)).reassess({ actor: actorOf(req), ...body }),
  );
  route(router, registry, { method: "post", path: `${base}/verlengingsbesluit`, tag, summary: "Leg het algemene verlengingsbesluit voor aan RWO (7.3)", roles: ["inkoper"], body: RondeBesluitSchema }, async (req, _res, { body }) =>
    engine.entity(verlengingsrondeEntity, keyOf(req)).proposeBesluit({ actor: actorOf(req), ...body }),
  );
  route(router, registry, { method: "get", path: `${base}/logboek`, tag, summary: "Het logboek van de ronde", roles: ["inkoper", "programmadirecteur", "bosd", "beoordelaar"] }, async (req) =>
    engine.entity(verlengingsrondeEntity, keyOf(req)).events({ actor: actorOf(req) }),
  );
  return router;
}
