import { Router } from "express";
import type { WebDeps } from "./index";
import { beoordelingRoutes } from "./aanbieder/beoordeling";
import { besluitenRoutes } from "./aanbieder/besluiten";
import { contractenRoutes } from "./aanbieder/contracten";
import { pageErrors } from "./aanbieder/common";
import { inschrijvingRoutes } from "./aanbieder/inschrijving";
import { onderhandsRoutes } from "./aanbieder/onderhands";
import { procedureRoutes } from "./aanbieder/procedures";
import { sasRoutes } from "./aanbieder/sas";

/**
 * The aanbieder's pages: open procedures and questions, the inschrijving with its evidence uploads
 * and receipt, herstel, hoor en wederhoor, and its besluiten. Every page talks to the engine with the
 * logged-in aanbieder as actor, so the engine decides what it may see and do, as for the API.
 *
 * GET  /aanbieder                                          procedures and my inschrijvingen
 * GET  /aanbieder/procedures/:id                           detail, nota van inlichtingen, question form
 * POST /aanbieder/procedures/:id/vragen                    ask a question
 * GET  /aanbieder/procedures/:id/inschrijving              the form (or my receipt)
 * POST /aanbieder/procedures/:id/inschrijving              submit (multipart, uploads)
 * GET  /aanbieder/procedures/:id/herstel[?ronde=N]         supply missing documents
 * POST /aanbieder/procedures/:id/herstel[?ronde=N]
 * GET  /aanbieder/procedures/:id/hoor-en-wederhoor[?ronde=N]  reply to the hearing
 * POST /aanbieder/procedures/:id/hoor-en-wederhoor[?ronde=N]
 * GET  /aanbieder/procedures/:id/sas                       a SAS: phase, selection, dialogue, final offer, bezwaar
 * POST /aanbieder/procedures/:id/sas/offerte               the final offer (after the dialogue)
 * POST /aanbieder/procedures/:id/sas/bezwaar               a bezwaar in the standstill
 * GET  /aanbieder/onderhands                              my invitations to onderhandse procedures
 * GET  /aanbieder/onderhands/:id                          my trajectory: deadline, offers, rounds, outcome, offer form
 * POST /aanbieder/onderhands/:id/offerte                  an offer, or a revised one after a round
 * GET  /aanbieder/besluiten                                my besluiten with their PDFs
 * GET  /aanbieder/uploads/:id                              an upload of my own inschrijvingen
 */
export function aanbiederRouter(deps: WebDeps): Router {
  const router = Router();
  procedureRoutes(router, deps);
  inschrijvingRoutes(router, deps);
  beoordelingRoutes(router, deps);
  sasRoutes(router, deps);
  besluitenRoutes(router, deps);
  contractenRoutes(router, deps);
  onderhandsRoutes(router, deps);
  router.use("/aanbieder", pageErrors);
  return router;
}
