import { Router, type Request } from "express";
import type { z } from "zod";
import type { Rol } from "../../domain/shared/actor";
import type { EngineClient } from "../../engine/client";
import { submitSasOfferte } from "../../engine/commands";
import { procedureEntity, SasBodies, type SasOpdracht } from "../../workflows/procedure/definition";
import { actorOf } from "../auth";
import type { OpenApiRegistry } from "../openapi";
import { HttpProblem } from "../problem";
import { route } from "../route";
import { idempotency } from "./procedures";

type Role = Exclude<Rol, "systeem">;
const everyone: Role[] = ["inkoper", "beoordelaar", "programmadirecteur", "bosd", "aanbieder"];

/**
 * The SAS's steps after the aanmelding (inkoopplan 6.5, 6.7; DESIGN 4). The aanmelding itself, its
 * knock-outs, questions and stopzetting use the procedure's own routes.
 */
export function sasRouter(engine: EngineClient, registry: OpenApiRegistry): Router {
  const router = Router();
  const tag = "SAS";
  const procedure = (req: Request) => engine.entity(procedureEntity, String(req.params.id));

  route(router, registry, { method: "get", path: "/procedures/:id/sas", tag, summary: "De SAS van een procedure: fase, opzet, scores, selectie, dialoog, inschrijvingen, gunning (wat de rol mag zien)", roles: everyone }, async (req) => {
    const view = await procedure(req).get({ actor: actorOf(req) });
    if (!view.sas) throw new HttpProblem(404, "Deze procedure is geen SAS-aanbesteding.");
    return view.sas;
  });

  /** One route per step: the body is validated by zod, the rule runs in the procedure's validator. */
  function step<B extends z.ZodObject>(path: string, summary: string, roles: Role[], body: B, opdracht: (b: z.infer<B>, req: Request) => SasOpdracht, idempotent = false): void {
    route(router, registry, { method: "post", path: `/procedures/:id/sas/${path}`, tag, summary, roles, body, ...(idempotent ? { idempotent: true } : {}) }, async (req, _res, { body: b }) =>
      procedure(req).sas({ actor: actorOf(req), opdracht: opdracht(b as z.infer<B>, req) }, idempotency(req)),
    );
  }

  step("scores", "Eigen score van een beoordelaar voor één kandidaat, perceel en criterium (zelfstandig, met motivering)", ["beoordelaar"], SasBodies.score, (b) => ({ type: "GeefScore", ...b }));
  step("consensus", "Consensusscore met motivering, nadat de beoordelaars zelfstandig scoorden", ["inkoper", "beoordelaar"], SasBodies.score, (b) => ({ type: "StelConsensusVast", ...b }));
  step("selectie", "Stel de selectie voor aan de programmadirecteur (rangschikking per perceel)", ["inkoper"], SasBodies.voorstel, (b) => ({ type: "ProposeSelectie", ...b }));
  step("gunningssystematiek", "Leg de gewichten en schaal van de gunningscriteria voor aan het BOSD (Hoog-specialistisch, 7.2)", ["inkoper"], SasBodies.gunningssystematiek, (b) => ({
    type: "ProposeGunningssystematiek",
    ...b,
  }));
  step("dialoogsessies", "Leg een dialoogsessie met een geselecteerde kandidaat vast (datum, deelnemers, verslag)", ["inkoper"], SasBodies.dialoogsessie, (b) => ({ type: "RecordDialoogsessie", ...b }));
  step("wijzigingen", "Publiceer een wijziging van de eisen uit de dialoog aan alle geselecteerde kandidaten tegelijk (nota)", ["inkoper"], SasBodies.wijziging, (b) => ({ type: "PublishWijziging", ...b }));
  step("dialoog-sluiting", "Sluit de dialoog en nodig de kandidaten uit tot inschrijving tot het sluitingstijdstip", ["inkoper"], SasBodies.dialoogSluiting, (b) => ({ type: "SluitDialoog", ...b }));
  step("opening", "Bevestig het openen van de inschrijvingen (vier ogen: twee personen van de regio)", ["inkoper", "beoordelaar"], SasBodies.leeg, () => ({ type: "BevestigOpening" }));
  step("voorlopige-gunning", "Stel de voorlopige gunning voor aan de programmadirecteur", ["inkoper"], SasBodies.voorstel, (b) => ({ type: "ProposeVoorlopigeGunning", ...b }));
  step("bezwaren", "Maak bezwaar tegen de voorlopige gunning, binnen de opschortende termijn", ["aanbieder"], SasBodies.bezwaar, (b, req) => ({ type: "DienBezwaarIn", kvk: actorOf(req).kvk ?? "", ...b }));
  step("definitieve-gunning", "Stel de definitieve gunning voor, na de opschortende termijn en zonder open bezwaar", ["inkoper"], SasBodies.leeg, () => ({ type: "ProposeDefinitieveGunning" }));

  route(
    router,
    registry,
    { method: "post", path: "/procedures/:id/sas/bezwaren/:nr/afhandeling", tag, summary: "Leg vast hoe een bezwaar is afgehandeld", roles: ["inkoper"], body: SasBodies.afhandeling },
    async (req, _res, { body }) => {
      const nr = Number(req.params.nr);
      if (!Number.isSafeInteger(nr) || nr < 1) throw new HttpProblem(400, "nr moet een bezwaarnummer zijn", "nr");
      return procedure(req).sas({ actor: actorOf(req), opdracht: { type: "HandelBezwaarAf", nr, ...body } }, idempotency(req));
    },
  );

  route(
    router,
    registry,
    { method: "post", path: "/procedures/:id/sas/offertes", tag, summary: "Dien de definitieve inschrijving in (verzegeld tot de opening)", roles: ["aanbieder"], body: SasBodies.offerte, idempotent: true },
    async (req, _res, { body }) => submitSasOfferte(engine, String(req.params.id), { actor: actorOf(req), ...body }, idempotency(req)),
  );

  return router;
}
