import { EngineRefusal, type EngineClient } from "../../engine/client";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { sessieEntity, type SessieData } from "../../workflows/sessie/definition";
import { gebruikerEntity } from "../../workflows/gebruiker/definition";
import { html } from "./html";
import { page, type WebUser } from "./layout";
import { isMultipartForm } from "./aanbieder/multipart";

export const SESSION_COOKIE = "inkoop_sessie";
const SESSION_HOURS = 8;

/*
 * Confirmations ("De procedure is gepubliceerd.") come from the server, never from the address: a
 * `?melding=` anyone can put in a link would read as an official confirmation. The action that
 * succeeded sets a short-lived cookie holding the text, signed with the session secret and bound to
 * the session (a cookie of another session or a forged one is ignored); the next page shows it and
 * clears it, so a reload shows nothing. A cookie rather than session state in the engine: the
 * engine would need an update per redirect for a message that lives a second.
 */
export const MELDING_COOKIE = "inkoop_melding";
const MELDING_SECONDS = 60;
const MELDING_MAX = 300;

const meldingMac = (payload: string, sessionId: string, secret: string) => createHmac("sha256", secret).update(`inkoop-melding:${sessionId}:${payload}`).digest("base64url");

export function sealMelding(melding: string, sessionId: string, secret: string, now: number): string {
  const payload = Buffer.from(JSON.stringify({ m: melding.slice(0, MELDING_MAX), exp: now + MELDING_SECONDS * 1000 })).toString("base64url");
  return `${payload}.${meldingMac(payload, sessionId, secret)}`;
}

export function openMelding(value: unknown, sessionId: string, secret: string, now: number): string | undefined {
  if (typeof value !== "string") return undefined;
  const [payload, sig, extra] = value.split(".");
  if (!payload || !sig || extra !== undefined) return undefined;
  const expected = Buffer.from(meldingMac(payload, sessionId, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const { m, exp } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { m?: unknown; exp?: unknown };
    // The expiry is inside the signature too: the cookie's max-age is only the browser's promise.
    return typeof m === "string" && m.length > 0 && typeof exp === "number" && now < exp ? m : undefined;
  } catch {
    return undefined;
  }
}

/** The flash message for the page being rendered; clears the cookie so it is shown only once. */
export function takeMelding(req: Request, res: Response): string | undefined {
  if (req.cookies?.[MELDING_COOKIE] === undefined) return undefined;
  res.clearCookie(MELDING_COOKIE, { path: "/" });
  return req.melding;
}

declare module "express-serve-static-core" {
  interface Request {
    user?: WebUser;
    sessionId?: string;
    csrf?: string;
    /** The flash message of the previous redirect (see MELDING_COOKIE), verified; shown once. */
    melding?: string;
    /** Sets the flash message for the next page of this session; set by sessionMiddleware. */
    setMelding?: (melding: string) => void;
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
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const cookie = req.cookies?.[SESSION_COOKIE] as string | undefined;
      const id = cookie ? unsign(cookie, cfg.secret) : null;
      if (id) {
        const s = await cfg.engine.entity(sessieEntity, id).get();
        // The account as it is now, not as it was at login: a disabled or re-roled account ends its
        // sessions at their next request. A name from OpenID Connect has no account here; its
        // provider decides.
        const account = s && !s.gebruikersnaam.startsWith("oidc:") ? await cfg.engine.entity(gebruikerEntity, s.gebruikersnaam).get() : null;
        if (s && account && (account.uitgeschakeld || account.rol !== s.rol || (account.kvk ?? "") !== (s.kvk ?? ""))) {
          await cfg.engine.entity(sessieEntity, id).end({}).catch((err: unknown) => {
            if (!(err instanceof EngineRefusal)) throw err;
          });
          res.clearCookie(SESSION_COOKIE, { path: "/" });
        } else if (s) {
          req.user = {
            gebruikersnaam: s.gebruikersnaam,
            naam: s.naam,
            rol: s.rol,
            ...(s.kvk ? { kvk: s.kvk } : {}),
            ...(account?.accountbeheer ? { accountbeheer: true } : {}),
            ...(account?.wachtwoordTijdelijk ? { wachtwoordTijdelijk: true } : {}),
          };
          req.sessionId = id;
          req.csrf = s.csrf;
          req.actor = { rol: s.rol, id: s.gebruikersnaam, ...(s.kvk ? { kvk: s.kvk } : {}) };
          const melding = openMelding(req.cookies?.[MELDING_COOKIE], id, cfg.secret, Date.now());
          if (melding) req.melding = melding;
          req.setMelding = (m: string) => {
            res.cookie(MELDING_COOKIE, sealMelding(m, id, cfg.secret, Date.now()), { httpOnly: true, sameSite: "lax", secure: cfg.secure, path: "/", maxAge: MELDING_SECONDS * 1000 });
          };
        }
      }
      if (req.user?.wachtwoordTijdelijk && !VRIJ_MET_STARTWACHTWOORD.some((p) => req.path === p || req.path.startsWith(`${p}/`))) return void mustChoosePassword(req, res);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** What a user with a starting password may reach before choosing an own one. */
const VRIJ_MET_STARTWACHTWOORD = ["/wachtwoord", "/uitloggen", "/static", "/favicon.ico", "/sessie"];

function mustChoosePassword(req: Request, res: Response): void {
  const melding = "Kies eerst een eigen wachtwoord: u bent ingelogd met een startwachtwoord.";
  if (req.path.startsWith("/api/")) {
    res.status(403).type("application/problem+json").json({ type: "about:blank", title: "Geen toegang", status: 403, detail: melding });
    return;
  }
  if (req.method === "GET" || req.method === "HEAD") return void res.redirect(303, "/wachtwoord");
  res.status(403).send(page({ title: "Eerst een eigen wachtwoord", body: html`<h1 class="utrecht-heading-1">Eerst een eigen wachtwoord</h1><p class="utrecht-paragraph">${melding} <a class="utrecht-link" href="/wachtwoord">Wachtwoord kiezen</a></p>` }));
}

/** Starts a session for a user who proved who they are, and sets the signed cookie. */
export async function startSession(cfg: SessionConfig, res: Response, user: WebUser): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const now = Date.now();
  const data: SessieData = {
    gebruikersnaam: user.gebruikersnaam,
    naam: user.naam,
    rol: user.rol,
    ...(user.kvk ? { kvk: user.kvk } : {}),
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
  res.clearCookie(MELDING_COOKIE, { path: "/" });
}

/**
 * Every state-changing request of a logged-in user carries the session's CSRF token, as a form field
 * `_csrf` or an `X-CSRF-Token` header. Requests authenticated otherwise (role headers in development)
 * carry no session and need none.
 *
 * The token never travels in the URL (history, logs, Referer). A multipart form (file uploads) is read
 * only by its own route, after this check: for the routes that read multipart (isMultipartForm) the
 * check is left to that route, which refuses the form unless `_csrf` is its first field, before a byte
 * of a file is kept (aanbieder/multipart.ts). Any other route never reads a multipart body, so a
 * multipart request there must carry the header, or it would pass here with an empty body.
 */
export function verifyCsrf(req: Request, res: Response, next: NextFunction): void {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method) || !req.sessionId) return next();
  const header = req.get("x-csrf-token");
  if (header === undefined && req.method === "POST" && req.is("multipart/form-data") && isMultipartForm(req.path)) return next();
  const given = (req.body as Record<string, unknown> | undefined)?._csrf ?? header;
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
