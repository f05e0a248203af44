import type { NextFunction, Request, Response } from "express";
import { RolSchema, type Actor, type Rol } from "../domain/shared/actor";
import { KvkSchema } from "../domain/shared/kvk";
import { HttpProblem } from "./problem";

/**
 * Who is calling. Until real login exists the caller states its role in headers; the server still
 * checks that role on every call, and the engine checks it again.
 */
export const ROLE_HEADER = "x-inkoop-rol";
export const USER_HEADER = "x-inkoop-gebruiker";
export const KVK_HEADER = "x-inkoop-kvk";

declare module "express-serve-static-core" {
  interface Request {
    actor?: Actor;
  }
}

export function identify(req: Request, _res: Response, next: NextFunction): void {
  const rol = req.get(ROLE_HEADER);
  if (rol === undefined) return next();
  const parsed = RolSchema.exclude(["systeem"]).safeParse(rol);
  if (!parsed.success) return next(new HttpProblem(400, `Onbekende rol '${rol}'.`, ROLE_HEADER));
  const id = req.get(USER_HEADER) ?? rol;
  if (parsed.data === "aanbieder") {
    const kvk = KvkSchema.safeParse(req.get(KVK_HEADER) ?? "");
    if (!kvk.success) return next(new HttpProblem(400, "Een aanbieder handelt voor één KvK-nummer van 8 cijfers.", KVK_HEADER));
    req.actor = { rol: "aanbieder", id, kvk: kvk.data };
  } else {
    req.actor = { rol: parsed.data, id };
  }
  next();
}

export function actorOf(req: Request): Actor {
  if (!req.actor) throw new HttpProblem(401, "U bent niet aangemeld: geef uw rol op.");
  return req.actor;
}

const roleNames: Record<Exclude<Rol, "systeem">, string> = {
  inkoper: "inkoper",
  beoordelaar: "beoordelaar",
  aanbieder: "aanbieder",
  programmadirecteur: "programmadirecteur",
  bosd: "BOSD",
};

export function requireRole(...roles: Exclude<Rol, "systeem">[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!req.actor) return next(new HttpProblem(401, "U bent niet aangemeld: geef uw rol op."));
    if (!(roles as string[]).includes(req.actor.rol))
      return next(new HttpProblem(403, `Alleen ${roles.map((r) => roleNames[r]).join(" of ")} mag dit doen.`));
    next();
  };
}
