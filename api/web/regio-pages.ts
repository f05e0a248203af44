import { Router } from "express";
import type { WebDeps } from "./index";
import { beoordelaarRouter } from "./regio/beoordelaar";
import { besluitenRouter } from "./regio/besluiten";
import { engineOf } from "./regio/common";
import { contractenRouter } from "./regio/contracten";
import { contractBeheerRouter } from "./regio/contract-beheer";
import { verlengingsrondesRouter } from "./regio/verlengingsrondes";
import { inkoperInschrijvingRouter } from "./regio/inkoper-inschrijving-acties";
import { inkoperNieuwRouter } from "./regio/inkoper-nieuw";
import { inkoperProcedureActiesRouter } from "./regio/inkoper-procedure-acties";
import { procedureLeesPagina, procedurePage } from "./regio/inkoper-procedure";
import { onderhandsRouter } from "./regio/onderhands";
import { onderhandsTrajectRouter } from "./regio/onderhands-traject";
import { actorOf, handle } from "./regio/common";
import { sasActiesRouter } from "./regio/sas-acties";
import { sasBeoordelaarRouter } from "./regio/sas-beoordelaar";
import { requireUser } from "./session";

/**
 * The region's pages: the inkoper's procedures and inschrijvingen, the beoordelaar's queue and
 * criterion form, besluiten for the programmadirecteur and the BOSD, and contracts for everyone.
 * Every page talks to the engine with the logged-in user as actor, as the JSON API does.
 */
export function regioRouter(deps: WebDeps): Router {
  const engine = engineOf(deps);
  const router = Router();
  router.use(inkoperNieuwRouter(engine));
  router.get("/inkoper/procedures/:id", requireUser("inkoper"), handle((req, res) => procedurePage(engine, req, res, String(req.params.id))));
  // The other roles of the region read a procedure here; an inkoper manages it on its own page.
  router.get(
    "/procedures/:id",
    requireUser("inkoper", "beoordelaar", "programmadirecteur", "bosd"),
    handle(async (req, res) => (actorOf(req).rol === "inkoper" ? res.redirect(303, `/inkoper/procedures/${encodeURIComponent(String(req.params.id))}`) : procedureLeesPagina(engine, req, res, String(req.params.id)))),
  );
  router.use(inkoperProcedureActiesRouter(engine));
  router.use(sasActiesRouter(engine));
  router.use(onderhandsRouter(engine));
  router.use(onderhandsTrajectRouter(engine));
  router.use(sasBeoordelaarRouter(engine));
  router.use(inkoperInschrijvingRouter(engine));
  router.use(beoordelaarRouter(engine));
  router.use(besluitenRouter(engine));
  router.use(contractenRouter(engine));
  router.use(contractBeheerRouter(deps));
  router.use(verlengingsrondesRouter(deps));
  return router;
}
