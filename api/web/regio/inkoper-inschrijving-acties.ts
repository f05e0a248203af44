import { Router, type Request, type Response } from "express";
import type { FieldErrors } from "../forms";
import { requireUser } from "../session";
import { actorOf, amsterdamInstant, attempt, errorsFrom, field, fields, handle, inschrijvingRef, link, redirectWith, sealedUntilClosing, type Engine, type Refusal } from "./common";
import { inschrijvingPage } from "./inkoper-inschrijving";
import { inschrijvingUrl, procedureUrl, type FormState } from "./inkoper-procedure";
import { serveBijlage } from "./inschrijving-weergave";
import { itemNaam } from "./labels";

/** The inkoper's page of one inschrijving and what the inkoper does there after closing (before it: the seal). */
export function inkoperInschrijvingRouter(engine: Engine): Router {
  const router = Router();
  // Every route here names one inschrijving by KvK, so each passes the seal before it asks the engine.
  const guard = [requireUser("inkoper"), sealedUntilClosing(engine, { current: "/inkoper", terug: (id) => link(procedureUrl(id), "Terug naar de procedure") })];
  const base = "/inkoper/procedures/:id/inschrijvingen/:kvk";
  const back = (req: Request) => {
    const ref = inschrijvingRef(req);
    return inschrijvingUrl(ref.procedureId, ref.kvk, ref.ronde);
  };
  const refused = (req: Request, res: Response, values: FormState["values"], errors: FieldErrors, httpStatus: number) => inschrijvingPage(engine, req, res, { errors, values }, httpStatus);
  const refusedBy = (req: Request, res: Response, values: FormState["values"], r: Refusal, map: Record<string, string>, form: string) => refused(req, res, values, errorsFrom(r, map, form), r.status);
  const client = (req: Request) => engine.inschrijving(inschrijvingRef(req).key);

  router.get(base, guard, handle((req, res) => inschrijvingPage(engine, req, res)));
  router.get(`${base}/bijlagen/:uploadId`, guard, handle((req, res) => serveBijlage(engine, req, res)));

  router.post(
    `${base}/volledig`,
    guard,
    handle(async (req, res) => {
      const motivering = field(req.body, "volledig-motivering");
      const values = { "volledig-motivering": motivering };
      if (motivering.trim().length < 5) return refused(req, res, values, { "volledig-motivering": "Motiveer waarom de inschrijving volledig is (minstens 5 tekens)." }, 400);
      const result = await attempt(() => client(req).declareVolledig({ actor: actorOf(req), motivering }));
      if (!result.ok) return refusedBy(req, res, values, result.refusal, { motivering: "volledig-motivering" }, "volledig");
      redirectWith(res, back(req), "De inschrijving is volledig verklaard; de beoordeling kan beginnen.");
    }),
  );

  router.post(
    `${base}/herstelverzoek`,
    guard,
    handle(async (req, res) => {
      const values = { ontbrekend: fields(req.body, "ontbrekend"), "herstel-termijnEinde": field(req.body, "herstel-termijnEinde") };
      const errors: FieldErrors = {};
      if (values.ontbrekend.length === 0) errors.ontbrekend = "Kies wat ontbreekt.";
      const termijnEinde = values["herstel-termijnEinde"] ? amsterdamInstant(values["herstel-termijnEinde"]) : undefined;
      if (termijnEinde === null) errors["herstel-termijnEinde"] = "Vul het einde van de hersteltermijn in als datum en tijd, of laat het veld leeg.";
      if (Object.keys(errors).length > 0) return refused(req, res, values, errors, 400);
      const result = await attempt(() => client(req).requestHerstel({ actor: actorOf(req), ontbrekend: values.ontbrekend, ...(termijnEinde ? { termijnEinde } : {}) }));
      if (!result.ok) return refusedBy(req, res, values, result.refusal, { ontbrekend: "ontbrekend", termijnEinde: "herstel-termijnEinde" }, "herstel");
      redirectWith(res, back(req), "Het herstelverzoek is verstuurd naar de aanbieder, met de termijn.");
    }),
  );

  router.post(
    `${base}/beslechting`,
    guard,
    handle(async (req, res) => {
      const item = field(req.body, "item");
      const oordeel = field(req.body, `oordeel-${item}`);
      const motivering = field(req.body, `motivering-${item}`);
      const values = { [`oordeel-${item}`]: oordeel, [`motivering-${item}`]: motivering };
      const errors: FieldErrors = {};
      if (oordeel !== "voldoet" && oordeel !== "voldoet-niet") errors[`oordeel-${item}`] = `${itemNaam(item)}: kies voldoet of voldoet niet.`;
      if (!motivering.trim()) errors[`motivering-${item}`] = `${itemNaam(item)}: motiveer uw beslissing.`;
      if (Object.keys(errors).length > 0) return refused(req, res, values, errors, 400);
      const result = await attempt(() => client(req).settle({ actor: actorOf(req), item, oordeel: oordeel as "voldoet" | "voldoet-niet", motivering }));
      if (!result.ok) return refusedBy(req, res, values, result.refusal, { item: `oordeel-${item}`, oordeel: `oordeel-${item}`, motivering: `motivering-${item}` }, `beslecht-${item}`);
      redirectWith(res, back(req), `Het verschil over ${itemNaam(item)} is beslecht.`);
    }),
  );

  router.post(
    `${base}/hoor-en-wederhoor`,
    guard,
    handle(async (req, res) => {
      const raw = field(req.body, "hoor-termijnEinde");
      const values = { "hoor-termijnEinde": raw };
      const termijnEinde = raw ? amsterdamInstant(raw) : undefined;
      if (termijnEinde === null) return refused(req, res, values, { "hoor-termijnEinde": "Vul het einde van de termijn in als datum en tijd, of laat het veld leeg." }, 400);
      const result = await attempt(() => client(req).startHoorEnWederhoor({ actor: actorOf(req), ...(termijnEinde ? { termijnEinde } : {}) }));
      if (!result.ok) return refusedBy(req, res, values, result.refusal, { termijnEinde: "hoor-termijnEinde" }, "hoor");
      redirectWith(res, back(req), "Hoor en wederhoor is gestart: de brief is als PDF en per e-mail naar de aanbieder gestuurd.");
    }),
  );

  return router;
}
