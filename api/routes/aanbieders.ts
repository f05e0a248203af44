import type { EngineClient } from "../../engine/client";
import { Router, type Request } from "express";
import { AanbiederRegistratieSchema, EmailBevestigingSchema } from "../../domain/aanbieder/aanbieder";
import { KvkSchema } from "../../domain/shared/kvk";
import { aanbiederEntity } from "../../workflows/aanbieder/definition";
import { actorOf } from "../auth";
import type { OpenApiRegistry } from "../openapi";
import { HttpProblem } from "../problem";
import { route } from "../route";


function ownKvk(req: Request): string {
  const parsed = KvkSchema.safeParse(req.params.kvk);
  if (!parsed.success) throw new HttpProblem(400, parsed.error.issues[0]?.message ?? "ongeldig KvK-nummer", "kvk");
  const actor = actorOf(req);
  if (actor.rol === "aanbieder" && actor.kvk !== parsed.data) throw new HttpProblem(403, "U kunt alleen uw eigen gegevens inzien.");
  return parsed.data;
}

export function aanbiedersRouter(engine: EngineClient, registry: OpenApiRegistry): Router {
  const router = Router();
  const tag = "Aanbieders";

  route(
    router,
    registry,
    { method: "post", path: "/aanbieders", tag, summary: "Registreer een aanbieder (door de aanbieder zelf of een inkoper)", roles: ["aanbieder", "inkoper"], body: AanbiederRegistratieSchema },
    async (req, _res, { body }) => {
      const actor = actorOf(req);
      if (actor.rol === "aanbieder" && actor.kvk !== body.kvk) throw new HttpProblem(403, "U kunt alleen uw eigen KvK-nummer registreren.", "kvk");
      return engine.entity(aanbiederEntity, body.kvk).register({ actor, registratie: body });
    },
  );

  route(router, registry, { method: "get", path: "/aanbieders/:kvk", tag, summary: "Eén aanbieder", roles: ["aanbieder", "inkoper", "beoordelaar", "programmadirecteur", "bosd"] }, async (req) => {
    const kvk = ownKvk(req);
    const profiel = await engine.entity(aanbiederEntity, kvk).get();
    if (!profiel) throw new HttpProblem(404, `KvK-nummer ${kvk} is niet geregistreerd.`, "kvk");
    return profiel;
  });

  // Only the aanbieder itself: the code proves that it reads the new address (the engine checks the role too).
  route(
    router,
    registry,
    { method: "post", path: "/aanbieders/:kvk/email-bevestiging", tag, summary: "Bevestig een nieuw e-mailadres met de code die naar dat adres is gestuurd", roles: ["aanbieder"], body: EmailBevestigingSchema },
    async (req, _res, { body }) => engine.entity(aanbiederEntity, ownKvk(req)).confirmEmail({ actor: actorOf(req), code: body.code }),
  );

  route(router, registry, { method: "get", path: "/aanbieders/:kvk/logboek", tag, summary: "Het logboek van een aanbieder", roles: ["aanbieder", "inkoper"] }, async (req) =>
    engine.entity(aanbiederEntity, ownKvk(req)).events(),
  );

  return router;
}
