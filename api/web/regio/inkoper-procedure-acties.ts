import { Router, type Request, type Response } from "express";
import type { FieldErrors } from "../forms";
import { requireUser } from "../session";
import { actorOf, amsterdamInstant, attempt, errorsFrom, field, fields, handle, redirectWith, type Engine, type Refusal } from "./common";
import { procedurePage, procedureUrl, type FormState } from "./inkoper-procedure";

/**
 * The inkoper's actions on a procedure. Each posts to the engine; a refusal re-renders the procedure
 * page with the message on its field and the values typed, success redirects with a message.
 */
export function inkoperProcedureActiesRouter(engine: Engine): Router {
  const router = Router();
  const guard = requireUser("inkoper");
  const id = (req: Request) => String(req.params.id);

  const refused = (req: Request, res: Response, values: FormState["values"], errors: FieldErrors, httpStatus: number) =>
    procedurePage(engine, req, res, id(req), { errors, values }, httpStatus);
  const refusedBy = (req: Request, res: Response, values: FormState["values"], r: Refusal, fieldMap: Record<string, string>, form: string) =>
    refused(req, res, values, errorsFrom(r, fieldMap, form), r.status);

  router.post(
    "/inkoper/procedures/:id/publiceren",
    guard,
    handle(async (req, res) => {
      const result = await attempt(() => engine.procedure(id(req)).publish({ actor: actorOf(req) }));
      if (!result.ok) return refusedBy(req, res, {}, result.refusal, {}, "publiceren");
      redirectWith(res, procedureUrl(id(req)), "De procedure is gepubliceerd. Aanbieders kunnen nu inschrijven; de inschrijving sluit vanzelf op het sluitingstijdstip.");
    }),
  );

  router.post(
    "/inkoper/procedures/:id/opening",
    guard,
    handle(async (req, res) => {
      const result = await attempt(() => engine.procedure(id(req)).bevestigOpening({ actor: actorOf(req) }));
      if (!result.ok) return refusedBy(req, res, {}, result.refusal, {}, "opening");
      redirectWith(
        res,
        procedureUrl(id(req)),
        result.value.opening ? "Uw bevestiging van de opening is vastgelegd. Een tweede persoon van de regio bevestigt; daarna zijn de inschrijvingen open." : "De inschrijvingen zijn geopend (vier ogen). Het proces-verbaal is opgemaakt en de beoordeling begint.",
      );
    }),
  );

  router.post(
    "/inkoper/procedures/:id/vragen/:nr/antwoord",
    guard,
    handle(async (req, res) => {
      const nr = Number(req.params.nr);
      const name = `antwoord-${String(req.params.nr)}`;
      const antwoord = field(req.body, name) || field(req.body, "antwoord");
      const values = { [name]: antwoord };
      if (!Number.isInteger(nr) || nr < 1) return refused(req, res, values, { [name]: "Dit is geen vraagnummer." }, 400);
      if (!antwoord.trim()) return refused(req, res, values, { [name]: `Vul het antwoord op vraag ${nr} in.` }, 400);
      const result = await attempt(() => engine.procedure(id(req)).answerQuestion({ actor: actorOf(req), nr, antwoord }));
      if (!result.ok) return refusedBy(req, res, values, result.refusal, { antwoord: name, nr: name }, name);
      redirectWith(res, `${procedureUrl(id(req))}#vragen`, `Het antwoord op vraag ${nr} is opgeslagen. Het wordt openbaar met de volgende nota van inlichtingen.`);
    }),
  );

  router.post(
    "/inkoper/procedures/:id/nota-van-inlichtingen",
    guard,
    handle(async (req, res) => {
      const result = await attempt(() => engine.procedure(id(req)).publishNotaVanInlichtingen({ actor: actorOf(req) }));
      if (!result.ok) return refusedBy(req, res, {}, result.refusal, {}, "nota");
      redirectWith(res, `${procedureUrl(id(req))}#documenten`, `Nota van inlichtingen ${result.value.nummer} is gepubliceerd en als PDF naar de geregistreerde aanbieders gestuurd.`);
    }),
  );

  router.post(
    "/inkoper/procedures/:id/gunningsvoorstel",
    guard,
    handle(async (req, res) => {
      const toelichting = field(req.body, "toelichting");
      const values = { toelichting };
      if (!toelichting.trim()) return refused(req, res, values, { toelichting: "Licht het gunningsvoorstel toe." }, 400);
      const result = await attempt(() => engine.procedure(id(req)).proposeGunning({ actor: actorOf(req), toelichting }));
      if (!result.ok) return refusedBy(req, res, values, result.refusal, { toelichting: "toelichting" }, "gunning");
      redirectWith(res, procedureUrl(id(req)), `Het gunningsvoorstel ${result.value.besluitId} is voorgelegd aan de programmadirecteur.`);
    }),
  );

  router.post(
    "/inkoper/procedures/:id/heropening",
    guard,
    handle(async (req, res) => {
      const values = {
        "heropening-reden": field(req.body, "heropening-reden"),
        "heropening-producten": fields(req.body, "heropening-producten"),
        "heropening-plaatsen": fields(req.body, "heropening-plaatsen"),
        "heropening-motivering": field(req.body, "heropening-motivering"),
        "heropening-publicatie": field(req.body, "heropening-publicatie"),
        "heropening-sluiting": field(req.body, "heropening-sluiting"),
      };
      const errors: FieldErrors = {};
      const reden = values["heropening-reden"];
      if (reden !== "nieuw-product" && reden !== "capaciteitstekort") errors["heropening-reden"] = "Kies de reden van de heropening.";
      if (values["heropening-producten"].length === 0) errors["heropening-producten"] = "Kies minstens één product.";
      if (!values["heropening-motivering"].trim()) errors["heropening-motivering"] = "Motiveer de heropening.";
      const publicatieAt = amsterdamInstant(values["heropening-publicatie"]);
      if (!publicatieAt) errors["heropening-publicatie"] = "Vul het publicatietijdstip in als datum en tijd.";
      const sluitingAt = amsterdamInstant(values["heropening-sluiting"]);
      if (!sluitingAt) errors["heropening-sluiting"] = "Vul het sluitingstijdstip in als datum en tijd.";
      if (Object.keys(errors).length > 0) return refused(req, res, values, errors, 400);
      const result = await attempt(() =>
        engine.procedure(id(req)).proposeHeropening({
          actor: actorOf(req),
          reden: reden as "nieuw-product" | "capaciteitstekort",
          producten: values["heropening-producten"],
          ...(values["heropening-plaatsen"].length > 0 ? { plaatsen: values["heropening-plaatsen"] } : {}),
          motivering: values["heropening-motivering"],
          publicatieAt: publicatieAt!,
          sluitingAt: sluitingAt!,
        }),
      );
      if (!result.ok)
        return refusedBy(
          req,
          res,
          values,
          result.refusal,
          { reden: "heropening-reden", producten: "heropening-producten", plaatsen: "heropening-plaatsen", motivering: "heropening-motivering", publicatieAt: "heropening-publicatie", sluitingAt: "heropening-sluiting" },
          "heropening",
        );
      redirectWith(res, procedureUrl(id(req)), `Het voorstel tot heropenen (${result.value.besluitId}) is voorgelegd aan het BOSD.`);
    }),
  );

  router.post(
    "/inkoper/procedures/:id/stopzetting",
    guard,
    handle(async (req, res) => {
      const motivering = field(req.body, "stopzetting-motivering");
      const bevestigd = field(req.body, "stopzetting-bevestig") === "ja";
      const values = { "stopzetting-motivering": motivering, ...(bevestigd ? { "stopzetting-bevestig": ["ja"] } : {}) };
      // Stopping is not undone: the form asks for a deliberate tick, not just a click.
      const errors: FieldErrors = {};
      if (!motivering.trim()) errors["stopzetting-motivering"] = "Motiveer het stopzetten.";
      if (!bevestigd) errors["stopzetting-bevestig"] = "Bevestig dat u het stopzetten aan het BOSD wilt voorleggen.";
      if (Object.keys(errors).length > 0) return refused(req, res, values, errors, 400);
      const result = await attempt(() => engine.procedure(id(req)).proposeStopzetting({ actor: actorOf(req), motivering }));
      if (!result.ok) return refusedBy(req, res, values, result.refusal, { motivering: "stopzetting-motivering" }, "stopzetting");
      redirectWith(res, procedureUrl(id(req)), `Het voorstel tot stopzetten (${result.value.besluitId}) is voorgelegd aan het BOSD.`);
    }),
  );

  return router;
}
