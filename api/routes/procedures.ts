import { Router, type Request } from "express";
import { createHash, randomBytes } from "node:crypto";
import { InschrijvingInputSchema, OntvangstbewijsSchema } from "../../domain/inschrijving/inschrijving";
import { ProcedureInputSchema, rondeVerzegeld } from "../../domain/procedure/procedure";
import type { Actor } from "../../domain/shared/actor";
import { KvkSchema } from "../../domain/shared/kvk";
import { EngineRefusal, type CallOptions, type EngineClient } from "../../engine/client";
import { askQuestion, submitInschrijving, vervangInschrijving } from "../../engine/commands";
import { inschrijvingEntity } from "../../workflows/inschrijving/definition";
import { onderhandsEntity } from "../../workflows/onderhands/definition";
import { AntwoordSchema, HeropeningSchema, IntrekkingSchema, procedureEntity, StopzettingSchema, VoorstelSchema, VraagSchema } from "../../workflows/procedure/definition";
import { actorOf } from "../auth";
import type { OpenApiRegistry } from "../openapi";
import { HttpProblem } from "../problem";
import { route } from "../route";
import { sendDocument } from "../download";
import { keyOf } from "./beoordeling";

const region = ["inkoper", "beoordelaar", "programmadirecteur", "bosd"] as const;
const everyone = [...region, "aanbieder"] as const;

/**
 * The client's Idempotency-Key becomes the engine's update id, scoped to the caller: a retried submit
 * is answered, not repeated, and another caller's key is simply another request.
 */
export function idempotency(req: Request): CallOptions {
  const key = req.get("idempotency-key");
  if (key === undefined) return {};
  if (key.length < 8 || key.length > 200) throw new HttpProblem(400, "Idempotency-Key moet 8 tot 200 tekens lang zijn.", "Idempotency-Key");
  const actor: Actor | undefined = req.actor;
  return { idempotencyKey: `${actor?.rol ?? "-"}:${actor?.kvk ?? "-"}:${actor?.id ?? "-"}:${key}` };
}


/**
 * A procedure created without an id gets one here. With an Idempotency-Key the id follows from the
 * caller-scoped key, so a repeat reaches the same entity with the same update id and gets the first
 * answer instead of a second procedure; another caller's key hashes to another id.
 */
function newProcedureId(contractId: string, opts: CallOptions): string {
  const suffix = opts.idempotencyKey ? createHash("sha256").update(opts.idempotencyKey).digest("hex").slice(0, 8) : randomBytes(4).toString("hex");
  return `${contractId}-${suffix}`;
}

export function proceduresRouter(engine: EngineClient, registry: OpenApiRegistry): Router {
  const router = Router();
  const procedure = (req: Request) => engine.entity(procedureEntity, String(req.params.id));

  /**
   * Before a round closes, the region may not even learn whether a given KvK entered: answer every
   * such question with the seal, before asking the inschrijving (whose 404 would tell).
   */
  async function refuseWhileSealed(req: Request): Promise<void> {
    const actor = actorOf(req);
    if (actor.rol === "aanbieder") return;
    // An onderhands trajectory's toets has no procedure of this kind and no closing: nothing is sealed.
    const view = await procedure(req)
      .get({ actor })
      .catch((err: unknown) => {
        if (err instanceof EngineRefusal && err.refusal.status === 404) return null;
        throw err;
      });
    if (!view) return;
    const nr = Number(req.query.ronde ?? 1);
    const ronde = view.rondes.find((r) => r.nr === nr);
    if (ronde && Date.now() < new Date(ronde.sluitingAt).getTime())
      throw new HttpProblem(403, "Inschrijvingen in deze ronde zijn verzegeld tot het sluitingstijdstip.", undefined, "Verzegeld");
    if (ronde && rondeVerzegeld(ronde, new Date()))
      throw new HttpProblem(403, "Inschrijvingen in deze ronde zijn verzegeld tot de opening: twee personen van de regio bevestigen die.", undefined, "Verzegeld");
  }
  const tag = "Procedures";


  route(router, registry, { method: "get", path: "/procedures", tag, summary: "Alle procedures met status, termijnen en aantallen", roles: [...everyone] }, async () => {
    return engine.list(procedureEntity);
  });

  route(
    router,
    registry,
    { method: "post", path: "/procedures", tag, summary: "Maak een procedure aan (concept): Open House, of SAS met een opzet per perceel", roles: ["inkoper"], body: ProcedureInputSchema, idempotent: true },
    async (req, _res, { body }) => {
      const opts = idempotency(req);
      const id = body.id ?? newProcedureId(body.contractId, opts);
      // One id, one procedure: an onderhandse procedure's toetsen use the same inschrijving ids.
      const onderhands = await engine.entity(onderhandsEntity, id).get({ actor: actorOf(req) }).then(
        () => true,
        () => false,
      );
      if (onderhands) throw new HttpProblem(409, `Er bestaat al een onderhandse procedure met id ${id}; kies een ander id.`, "id");
      return engine.entity(procedureEntity, id).create({ actor: actorOf(req), procedure: { ...body, id } }, opts);
    },
  );

  route(router, registry, { method: "get", path: "/procedures/:id", tag, summary: "Eén procedure", roles: [...everyone] }, async (req) => {
    return procedure(req).get({ actor: actorOf(req) });
  });

  route(
    router,
    registry,
    { method: "post", path: "/procedures/:id/publicatie", tag, summary: "Publiceer de procedure; de sluiting wordt ingepland op het sluitingstijdstip", roles: ["inkoper"] },
    async (req) => procedure(req).publish({ actor: actorOf(req) }),
  );

  route(router, registry, { method: "get", path: "/procedures/:id/logboek", tag, summary: "Het logboek: wie deed wat, wanneer en waarom", roles: [...region] }, async (req) =>
    procedure(req).events({ actor: actorOf(req) }),
  );

  route(router, registry, { method: "get", path: "/procedures/:id/proces-verbaal", tag, summary: "Het proces-verbaal van sluiting", roles: [...region] }, async (req) =>
    procedure(req).procesVerbaal({ actor: actorOf(req) }),
  );

  route(
    router,
    registry,
    {
      method: "post",
      path: "/procedures/:id/inschrijvingen",
      tag: "Inschrijvingen",
      summary: "Dien een inschrijving in; antwoord is een ontvangstbewijs",
      roles: ["aanbieder"],
      body: InschrijvingInputSchema,
      response: OntvangstbewijsSchema,
      idempotent: true,
    },
    async (req, _res, { body }) => {
      const actor = actorOf(req);
      return submitInschrijving(engine, String(req.params.id), { actor, kvk: actor.kvk ?? "", inschrijving: body }, idempotency(req));
    },
  );

  /** The aanbieder's own inschrijving by KvK: another KvK is answered as if nothing was there. */
  const eigenKvk = (req: Request): string => {
    const actor = actorOf(req);
    const kvk = KvkSchema.safeParse(req.params.kvk);
    if (!kvk.success) throw new HttpProblem(400, kvk.error.issues[0]?.message ?? "ongeldig KvK-nummer", "kvk");
    if (actor.kvk !== kvk.data) throw new HttpProblem(404, "Er is geen inschrijving van dit KvK-nummer die u kunt wijzigen.");
    return kvk.data;
  };

  route(
    router,
    registry,
    {
      method: "post",
      path: "/procedures/:id/inschrijvingen/:kvk/vervanging",
      tag: "Inschrijvingen",
      summary: "Vervang de eigen inschrijving door een nieuwe versie (tot het sluitingstijdstip; alleen de laatste versie telt); antwoord is het ontvangstbewijs van die versie",
      roles: ["aanbieder"],
      body: InschrijvingInputSchema,
      response: OntvangstbewijsSchema,
      idempotent: true,
    },
    async (req, _res, { body }) => vervangInschrijving(engine, String(req.params.id), { actor: actorOf(req), kvk: eigenKvk(req), inschrijving: body }, idempotency(req)),
  );

  route(
    router,
    registry,
    {
      method: "post",
      path: "/procedures/:id/inschrijvingen/:kvk/intrekking",
      tag: "Inschrijvingen",
      summary: "Trek de eigen inschrijving in (tot het sluitingstijdstip); zij telt niet mee en staat apart in het proces-verbaal",
      roles: ["aanbieder"],
      body: IntrekkingSchema,
      idempotent: true,
    },
    async (req, _res, { body }) => procedure(req).trekInschrijvingIn({ actor: actorOf(req), kvk: eigenKvk(req), ...body }, idempotency(req)),
  );

  route(
    router,
    registry,
    { method: "get", path: "/procedures/:id/inschrijvingen", tag: "Inschrijvingen", summary: "De ontvangen inschrijvingen (vóór sluiting alleen het aantal)", roles: [...everyone] },
    async (req) => {
      const view = await procedure(req).get({ actor: actorOf(req) });
      return { verzegeld: view.verzegeld, sluitingAt: view.sluitingAt, aantal: view.aantalInschrijvingen, inschrijvingen: view.inschrijvingen };
    },
  );

  route(
    router,
    registry,
    { method: "get", path: "/procedures/:id/inschrijvingen/:kvk", tag: "Inschrijvingen", summary: "De inhoud van een inschrijving (verzegeld tot de sluiting)", roles: [...everyone] },
    async (req) => {
      await refuseWhileSealed(req);
      return engine.entity(inschrijvingEntity, keyOf(req)).read({ actor: actorOf(req) });
    },
  );

  route(
    router,
    registry,
    { method: "get", path: "/procedures/:id/inschrijvingen/:kvk/logboek", tag: "Inschrijvingen", summary: "Het logboek van een inschrijving", roles: [...everyone] },
    async (req) => {
      await refuseWhileSealed(req);
      return engine.entity(inschrijvingEntity, keyOf(req)).events({ actor: actorOf(req) });
    },
  );

  route(
    router,
    registry,
    {
      method: "post",
      path: "/procedures/:id/opening",
      tag,
      summary: "Bevestig de opening van de verzegelde inschrijvingen na het sluitingstijdstip (vier ogen: eerst een inkoper, dan een tweede inkoper of een beoordelaar, naar de instelling openingDoor)",
      roles: ["inkoper", "beoordelaar"],
    },
    async (req) => procedure(req).bevestigOpening({ actor: actorOf(req) }),
  );

  route(router, registry, { method: "post", path: "/procedures/:id/vragen", tag: "Nota van inlichtingen", summary: "Stel een vraag (aanbieder, vóór de vragentermijn)", roles: ["aanbieder"], body: VraagSchema }, async (req, _res, { body }) =>
    askQuestion(engine, String(req.params.id), { actor: actorOf(req), vraag: body.vraag }),
  );

  route(router, registry, { method: "get", path: "/procedures/:id/vragen", tag: "Nota van inlichtingen", summary: "Vragen en antwoorden (gepubliceerde zonder naam van de vraagsteller)", roles: [...everyone] }, async (req) => {
    const view = await procedure(req).get({ actor: actorOf(req) });
    return view.vragen;
  });

  route(
    router,
    registry,
    { method: "post", path: "/procedures/:id/vragen/:nr/antwoord", tag: "Nota van inlichtingen", summary: "Beantwoord een vraag (inkoper)", roles: ["inkoper"], body: AntwoordSchema.pick({ antwoord: true }) },
    async (req, _res, { body }) => {
      const nr = Number(req.params.nr);
      if (!Number.isSafeInteger(nr) || nr < 1) throw new HttpProblem(400, "nr moet een vraagnummer zijn", "nr");
      return procedure(req).answerQuestion({ actor: actorOf(req), nr, antwoord: body.antwoord });
    },
  );

  route(router, registry, { method: "post", path: "/procedures/:id/nota-van-inlichtingen", tag: "Nota van inlichtingen", summary: "Publiceer de beantwoorde vragen als nota van inlichtingen (PDF + e-mail aan alle aanbieders)", roles: ["inkoper"] }, async (req) =>
    procedure(req).publishNotaVanInlichtingen({ actor: actorOf(req) }),
  );

  route(router, registry, { method: "post", path: "/procedures/:id/gunningsvoorstel", tag, summary: "Leg de uitkomsten voor aan de programmadirecteur (akkoord gunning, 7.2)", roles: ["inkoper"], body: VoorstelSchema }, async (req, _res, { body }) =>
    procedure(req).proposeGunning({ actor: actorOf(req), ...body }),
  );

  route(router, registry, { method: "post", path: "/procedures/:id/heropening", tag, summary: "Stel heropenen voor (nieuw product of capaciteitstekort; besluit BOSD)", roles: ["inkoper"], body: HeropeningSchema }, async (req, _res, { body }) =>
    procedure(req).proposeHeropening({ actor: actorOf(req), ...body }),
  );

  route(router, registry, { method: "post", path: "/procedures/:id/stopzetting", tag, summary: "Stel stopzetten voor (besluit BOSD, 7.2)", roles: ["inkoper"], body: StopzettingSchema }, async (req, _res, { body }) =>
    procedure(req).proposeStopzetting({ actor: actorOf(req), ...body }),
  );

  route(router, registry, { method: "get", path: "/procedures/:id/documenten/:documentId", tag, summary: "Download een document van de procedure (proces-verbaal, nota van inlichtingen)", roles: [...everyone] }, async (req, res) => {
    const doc = await procedure(req).document({ actor: actorOf(req), documentId: String(req.params.documentId) });
    await sendDocument(res, doc);
  });

  return router;
}

