import { Router, type Request } from "express";
import { OnderhandsInputSchema } from "../../domain/onderhands/procedure";
import type { Rol } from "../../domain/shared/actor";
import type { EngineClient } from "../../engine/client";
import { nodigUitOnderhands, dienTrajectOfferteIn } from "../../engine/commands";
import { MotiveringSchema, onderhandsEntity, UitnodigingSchema } from "../../workflows/onderhands/definition";
import { procedureEntity } from "../../workflows/procedure/definition";
import { TrajectBodies, trajectEntity } from "../../workflows/traject/definition";
import { actorOf } from "../auth";
import type { OpenApiRegistry } from "../openapi";
import { HttpProblem } from "../problem";
import { route } from "../route";
import { idempotency } from "./procedures";

type Role = Exclude<Rol, "systeem">;
const region: Role[] = ["inkoper", "beoordelaar", "programmadirecteur", "bosd"];
const everyone: Role[] = [...region, "aanbieder"];
const ID = /^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/;

/**
 * Onderhandse procedures (JB/JR 6.1, JeugdzorgPlus 6.2, Forensische GGZ 6.3): the procedure with the
 * motivation of its choice, and per invited aanbieder its own trajectory under /trajecten/{kvk}.
 */
export function onderhandsRouter(engine: EngineClient, registry: OpenApiRegistry): Router {
  const router = Router();
  const tag = "Onderhands";
  const procedure = (req: Request) => engine.entity(onderhandsEntity, String(req.params.id));
  const traject = (req: Request) => engine.entity(trajectEntity, `${String(req.params.id)}/${String(req.params.kvk)}`);
  const checkId = (id: string) => {
    if (!ID.test(id)) throw new HttpProblem(400, "id mag alleen letters, cijfers en streepjes bevatten (3-64 tekens)", "id");
  };

  route(router, registry, { method: "get", path: "/onderhands", tag, summary: "Alle onderhandse procedures", roles: region }, async () => engine.list(onderhandsEntity));

  route(
    router,
    registry,
    { method: "post", path: "/onderhands/:id", tag, summary: "Start een onderhandse procedure (met motivering waar het contract die vraagt)", roles: ["inkoper"], body: OnderhandsInputSchema, idempotent: true },
    async (req, _res, { body }) => {
      checkId(String(req.params.id));
      // Trajectories' toetsen share the inschrijving ids of procedures (<id>/<kvk>): one id, one procedure.
      const bezet = await engine
        .entity(procedureEntity, String(req.params.id))
        .get({ actor: actorOf(req) })
        .then(
          () => true,
          () => false,
        );
      if (bezet) throw new HttpProblem(409, `Er bestaat al een procedure met id ${String(req.params.id)}; kies een ander id.`, "id");
      return procedure(req).start({ actor: actorOf(req), procedure: body }, idempotency(req));
    },
  );
  route(router, registry, { method: "get", path: "/onderhands/:id", tag, summary: "Eén onderhandse procedure met haar uitnodigingen (een aanbieder ziet de eigen)", roles: everyone }, async (req) =>
    procedure(req).get({ actor: actorOf(req) }),
  );
  route(router, registry, { method: "get", path: "/onderhands/:id/logboek", tag, summary: "Het logboek van de procedure", roles: region }, async (req) => procedure(req).events({ actor: actorOf(req) }));
  route(router, registry, { method: "post", path: "/onderhands/:id/motivering", tag, summary: "Leg de motivering van de procedurekeuze voor aan het BOSD", roles: ["inkoper"] }, async (req) =>
    procedure(req).legMotiveringVoor({ actor: actorOf(req) }, idempotency(req)),
  );
  route(router, registry, { method: "post", path: "/onderhands/:id/motivering-tekst", tag, summary: "Wijzig de motivering van de procedurekeuze (vóór het voorleggen, of nadat het BOSD haar terugstuurde)", roles: ["inkoper"], body: MotiveringSchema }, async (req, _res, { body }) =>
    procedure(req).wijzigMotivering({ actor: actorOf(req), ...body }, idempotency(req)),
  );
  route(router, registry, { method: "post", path: "/onderhands/:id/uitnodigingen", tag, summary: "Nodig een aanbieder uit (een eigen traject met een termijn)", roles: ["inkoper"], body: UitnodigingSchema, idempotent: true }, async (req, _res, { body }) =>
    nodigUitOnderhands(engine, String(req.params.id), { actor: actorOf(req), ...body }, idempotency(req)),
  );

  route(router, registry, { method: "get", path: "/onderhands/:id/trajecten/:kvk", tag, summary: "Eén traject: offertes (elke versie), gespreksrondes, uitkomst", roles: everyone }, async (req) => traject(req).get({ actor: actorOf(req) }));
  route(router, registry, { method: "get", path: "/onderhands/:id/trajecten/:kvk/logboek", tag, summary: "Het logboek van een traject", roles: everyone }, async (req) => traject(req).events({ actor: actorOf(req) }));
  route(
    router,
    registry,
    { method: "post", path: "/onderhands/:id/trajecten/:kvk/offertes", tag, summary: "Doe een offerte of een herziene offerte na een gespreksronde (aanbieder)", roles: ["aanbieder"], body: TrajectBodies.offerte, idempotent: true },
    async (req, _res, { body }) => {
      const actor = actorOf(req);
      if (actor.kvk !== req.params.kvk) throw new HttpProblem(404, "Dit inkooptraject bestaat niet.");
      return dienTrajectOfferteIn(engine, `${String(req.params.id)}/${String(req.params.kvk)}`, { actor, ...body }, idempotency(req));
    },
  );
  route(router, registry, { method: "post", path: "/onderhands/:id/trajecten/:kvk/gespreksrondes", tag, summary: "Leg een gespreksronde vast (datum, deelnemers, verslag)", roles: ["inkoper"], body: TrajectBodies.gespreksronde }, async (req, _res, { body }) =>
    traject(req).legGespreksrondeVast({ actor: actorOf(req), ...body }, idempotency(req)),
  );
  route(router, registry, { method: "post", path: "/onderhands/:id/trajecten/:kvk/overeenstemming", tag, summary: "Stel overeenstemming voor: akkoord gunning van de programmadirecteur (7.2)", roles: ["inkoper"], body: TrajectBodies.overeenstemming }, async (req, _res, { body }) =>
    traject(req).stelOvereenstemmingVoor({ actor: actorOf(req), ...body }, idempotency(req)),
  );
  route(router, registry, { method: "post", path: "/onderhands/:id/trajecten/:kvk/beeindiging", tag, summary: "Stel het beëindigen van het traject voor, met reden", roles: ["inkoper"], body: TrajectBodies.beeindiging }, async (req, _res, { body }) =>
    traject(req).stelBeeindigingVoor({ actor: actorOf(req), ...body }, idempotency(req)),
  );
  return router;
}
