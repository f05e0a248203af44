import { EngineRefusal, type EngineClient } from "../../engine/client";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { sessieEntity, type SessieData } from "../../workflows/sessie/definition";
import { html } from "./html";
import { page, type WebUser } from "./layout";

export const SESSION_COOKIE = "inkoop_sessie";
const SESSION_HOURS = 8;

declare module "express-serve-static-core" {
  interface Request {
    user?: WebUser;
    sessionId?: string;
    csrf?: string;
  }
}

export interface SessionConfig {
  engine: EngineClient;
  /** HMAC key for the session cookie. */
  secret: string;
  /** Send the cookie only over HTTPS (production). */
  secure: boolean;
}

function sign(id: string, secret: string): string {
  return `${id}.${createHmac("sha256", secret).update(id).digest("base64url")}`;
}

function unsign(value: string, secret: string): string | null {
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return null;
  const id = value.slice(0, dot);
  const expected = Buffer.from(sign(id, secret));
  const given = Buffer.from(value);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

/** Reads the signed session cookie and, when the engine knows the session, sets req.user and req.actor. */
export function sessionMiddleware(cfg: SessionConfig): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const cookie = req.cookies?.[SESSION_COOKIE] as string | undefined;
      const id = cookie ? unsign(cookie, cfg.secret) : null;
      if (id) {
        const s = await cfg.engine.entity(sessieEntity, id).get();
        if (s) {
          req.user = { gebruikersnaam: s.gebruikersnaam, naam: s.naam, rol: s.rol, ...(s.kvk ? { kvk: s.kvk } : {}) };
          req.sessionId = id;
          req.csrf = s.csrf;
          req.actor = { rol: s.rol, id: s.gebruikersnaam, ...(s.kvk ? { kvk: s.kvk } : {}) };
        }
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Starts a session for a user who proved who they are, and sets the signed cookie. */
export async function startSession(cfg: SessionConfig, res: Response, user: WebUser): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const now = Date.now();
  const data: SessieData = {
    ...user,
    csrf: randomBytes(24).toString("base64url"),
    gestartOp: new Date(now).toISOString(),
    verlooptOp: new Date(now + SESSION_HOURS * 3600_000).toISOString(),
  };
  await cfg.engine.entity(sessieEntity, id).start(data);
  res.cookie(SESSION_COOKIE, sign(id, cfg.secret), { httpOnly: true, sameSite: "lax", secure: cfg.secure, path: "/", maxAge: SESSION_HOURS * 3600_000 });
  return id;
}

export async function endSession(cfg: SessionConfig, req: Request, res: Response): Promise<void> {
  // A session that expired between reading it and logging out is ended all the same.
  if (req.sessionId) await cfg.engine.entity(sessieEntity, req.sessionId).end({}).catch((err: unknown) => {
    if (!(err instanceof EngineRefusal)) throw err;
  });
  res.clearCookie(SESSION_COOKIE, { path: "/" });
}

/**
 * Every state-changing request of a logged-in user carries the session's CSRF token, as a form field
 * `_csrf` or an `X-CSRF-Token` header. Requests authenticated otherwise (role headers in development)
 * carry no session and need none.
 */
export function verifyCsrf(req: Request, res: Response, next: NextFunction): void {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method) || !req.sessionId) return next();
  // A multipart form (file uploads) is read only by its own route, after this check: it carries its
  // token in the action URL as well, so a forged upload is refused before a byte of it is read.
  const query = req.is("multipart/form-data") ? req.query._csrf : undefined;
  const given = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get("x-csrf-token") ?? query;
  const expected = Buffer.from(req.csrf ?? "");
  // Compare bytes, not characters: "é" has one character and two bytes, and timingSafeEqual throws on unequal lengths.
  const ok = typeof given === "string" && Buffer.byteLength(given) === expected.length && timingSafeEqual(Buffer.from(given), expected);
  if (ok) return next();
  res.status(403);
  if (req.path.startsWith("/api/")) {
    res.type("application/problem+json").json({ type: "about:blank", title: "Geen toegang", status: 403, detail: "Het formulier is verlopen of ongeldig (CSRF-controle). Laad de pagina opnieuw." });
    return;
  }
  res.send(page({ title: "Formulier verlopen", body: html`<h1 class="utrecht-heading-1">Formulier verlopen</h1><p class="utrecht-paragraph">Het formulier is verlopen of ongeldig. Ga terug, laad de pagina opnieuw en probeer het nog eens.</p>` }));
}

/** Pages: not logged in → to the login page; logged in with another role → a Dutch 403 page. */
export function requireUser(...roles: WebUser["rol"][]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.user) return res.redirect(303, `/inloggen?terug=${encodeURIComponent(req.originalUrl)}`);
    if (roles.length > 0 && !roles.includes(req.user.rol)) {
      res.status(403).send(
        page({
          title: "Geen toegang",
          user: req.user,
          csrf: req.csrf ?? "",
          body: html`<h1 class="utrecht-heading-1">Geen toegang</h1><p class="utrecht-paragraph">Deze pagina is er voor: ${roles.join(", ")}. U bent aangemeld als ${req.user.rol}.</p>`,
        }),
      );
      return;
    }
    next();
  };
}
