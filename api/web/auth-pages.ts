import { EngineRefusal } from "../../engine/client";
import { registreerAanbiederMetAccount } from "../../engine/commands";
import { Router, type NextFunction, type Request, type Response } from "express";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { isIPv6 } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { verifyAgainstDummy, hashPassword, verifyPassword } from "../../activities/password";
import { GebruikersnaamSchema, ONBEKENDE_CLIENT, WACHTWOORD_MIN, valideerAanmelding, type AanmeldingInvoer } from "../../domain/gebruiker/gebruiker";
import { aanbiederEntity } from "../../workflows/aanbieder/definition";
import { gebruikerEntity } from "../../workflows/gebruiker/definition";
import { fromEngine } from "../problem";
import { csrfField, errorSummary, submitButton, textField, type FieldErrors } from "./forms";
import { html, type SafeHtml } from "./html";
import type { WebDeps } from "./index";
import { formatNl, page, type WebUser } from "./layout";
import { beginOidcLogin, claimsToUser, finishOidcLogin, openOidcState, sealOidcState, OIDC_STATE_MINUTES, type OidcSettings } from "./oidc";
import { endSession, startSession, type SessionConfig } from "./session";

export type { OidcSettings } from "./oidc";


/** Where each role starts after logging in. */
export const homeFor: Record<WebUser["rol"], string> = {
  inkoper: "/inkoper",
  beoordelaar: "/beoordelaar",
  aanbieder: "/aanbieder",
  programmadirecteur: "/besluiten",
  bosd: "/besluiten",
};

/** `?terug=` only to a path on this site: "/…", not "//host" nor "/\host" (which browsers read as "//host"). */
export function safeReturnPath(v: unknown): string | undefined {
  if (typeof v !== "string" || v.length === 0 || v.length > 2000) return undefined;
  if (!v.startsWith("/") || v.startsWith("//") || v.includes("\\") || [...v].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f)) return undefined;
  return v;
}

// ---------------------------------------------------------------------------------------------
// Login CSRF. Before login there is no session and so no session token: a random value in a cookie
// of its own, and in the form its HMAC under the server's secret. A cross-site form can neither
// read the cookie nor compute the HMAC, and a cookie planted from elsewhere has no matching field.

export const PRE_CSRF_COOKIE = "inkoop_csrf_pre";
const OIDC_COOKIE = "inkoop_oidc";
const OIDC_COOKIE_PATH = "/inloggen/oidc";

const preMac = (cookie: string, secret: string) => createHmac("sha256", secret).update(`inkoop-pre-csrf:${cookie}`).digest("base64url");

function preCsrfToken(req: Request, res: Response, cfg: SessionConfig): string {
  let value = req.cookies?.[PRE_CSRF_COOKIE] as string | undefined;
  if (typeof value !== "string" || !/^[A-Za-z0-9_-]{43}$/.test(value)) {
    value = randomBytes(32).toString("base64url");
    res.cookie(PRE_CSRF_COOKIE, value, { httpOnly: true, sameSite: "lax", secure: cfg.secure, path: "/", maxAge: 12 * 3600_000 });
  }
  return preMac(value, cfg.secret);
}

function preCsrfValid(req: Request, cfg: SessionConfig): boolean {
  const cookie = req.cookies?.[PRE_CSRF_COOKIE] as string | undefined;
  const given = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof cookie !== "string" || cookie === "" || typeof given !== "string") return false;
  const expected = Buffer.from(preMac(cookie, cfg.secret));
  const got = Buffer.from(given);
  return expected.length === got.length && timingSafeEqual(expected, got);
}

/** The form token for a page: the session's when logged in (verifyCsrf checks it), else the pre-login one. */
const formToken = (req: Request, res: Response, cfg: SessionConfig) => (req.sessionId ? (req.csrf ?? "") : preCsrfToken(req, res, cfg));

/** A POST before login: verifyCsrf has checked the session's token if there is a session; otherwise ours. */
function requirePreCsrf(cfg: SessionConfig) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.sessionId || preCsrfValid(req, cfg)) return next();
    res
      .status(403)
      .set("Cache-Control", "no-store")
      .send(
        page({
          title: "Formulier verlopen",
          body: html`<h1 class="utrecht-heading-1">Formulier verlopen</h1>
<p class="utrecht-paragraph">Het formulier is verlopen of ongeldig. Ga terug, laad de pagina opnieuw en probeer het nog eens. Staan cookies uit in uw browser, zet ze dan aan voor deze site: zonder cookie kunt u niet inloggen.</p>
<p class="utrecht-paragraph"><a class="utrecht-link" href="${req.path}">Opnieuw beginnen</a></p>`,
        }),
      );
  };
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

function noStore(res: Response): Response {
  return res.set("Cache-Control", "no-store");
}

function alert(kind: "error" | "ok" | "warning", text: string): SafeHtml {
  return html`<div class="utrecht-alert utrecht-alert--${kind}" role="${kind === "error" ? "alert" : "status"}"><div class="utrecht-alert__content"><p class="utrecht-paragraph">${text}</p></div></div>`;
}

// ---------------------------------------------------------------------------------------------
// Pages

interface LoginView {
  gebruikersnaam: string;
  terug?: string | undefined;
  errors?: FieldErrors;
  melding?: string;
  fout?: string;
  token: string;
  oidc?: OidcSettings | undefined;
}

function loginPage(v: LoginView): string {
  const errors = v.errors ?? {};
  const passwordLogin = !v.oidc?.only;
  const oidcHref = `/inloggen/oidc${v.terug ? `?terug=${encodeURIComponent(v.terug)}` : ""}`;
  return page({
    title: Object.keys(errors).length > 0 || v.fout ? "Fout: Inloggen" : "Inloggen",
    ...(v.melding ? { melding: v.melding } : {}),
    body: html`<h1 class="utrecht-heading-1">Inloggen</h1>
${errorSummary(errors)}
${v.fout ? alert("error", v.fout) : ""}
${
  v.oidc
    ? html`<section aria-labelledby="oidc-kop">
  <h2 class="utrecht-heading-2" id="oidc-kop">Met eHerkenning of het account van uw organisatie</h2>
  <p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="${oidcHref}">Inloggen met eHerkenning / uw organisatie</a></p>
</section>`
    : ""
}
${
  passwordLogin
    ? html`<section aria-label="Met gebruikersnaam en wachtwoord">
  ${v.oidc ? html`<h2 class="utrecht-heading-2">Met gebruikersnaam en wachtwoord</h2>` : ""}
  <form method="post" action="/inloggen" class="utrecht-form" novalidate>
    ${csrfField(v.token)}
    ${v.terug ? html`<input type="hidden" name="terug" value="${v.terug}">` : ""}
    ${textField({ name: "gebruikersnaam", label: "Gebruikersnaam", value: v.gebruikersnaam, errors, required: true, autocomplete: "username" })}
    ${textField({ name: "wachtwoord", label: "Wachtwoord", type: "password", value: "", errors, required: true, autocomplete: "current-password" })}
    <p class="utrecht-paragraph">${submitButton("Inloggen")}</p>
  </form>
</section>
<p class="utrecht-paragraph">Nog geen account? Aanbieders kunnen <a class="utrecht-link" href="/registreren">hun organisatie registreren</a>. Medewerkers van de regio krijgen een account van de beheerder.</p>`
    : ""
}`,
  });
}

const REGISTRATIE_VELDEN = ["kvk", "organisatie", "email", "contactpersoon", "gebruikersnaam", "wachtwoord", "wachtwoordHerhaling"] as const;

function registratiePage(v: { values: Partial<AanmeldingInvoer>; errors?: FieldErrors; fout?: string; token: string }): string {
  const errors = v.errors ?? {};
  const val = (k: keyof AanmeldingInvoer) => v.values[k] ?? "";
  return page({
    title: Object.keys(errors).length > 0 || v.fout ? "Fout: Organisatie registreren" : "Organisatie registreren",
    body: html`<h1 class="utrecht-heading-1">Uw organisatie registreren</h1>
<p class="utrecht-paragraph">Als aanbieder van jeugdhulp of Wmo-ondersteuning registreert u hier uw organisatie. Daarna kunt u inloggen om in te schrijven op procedures van de regio.</p>
${errorSummary(errors)}
${v.fout ? alert("error", v.fout) : ""}
<form method="post" action="/registreren" class="utrecht-form" novalidate>
  ${csrfField(v.token)}
  <fieldset class="utrecht-form-fieldset">
    <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">Organisatie</legend>
    ${textField({ name: "kvk", label: "KvK-nummer", value: val("kvk"), errors, required: true, description: "De 8 cijfers van uw inschrijving bij de Kamer van Koophandel.", autocomplete: "off" })}
    ${textField({ name: "organisatie", label: "Naam van de organisatie", value: val("organisatie"), errors, required: true, autocomplete: "organization" })}
    ${textField({ name: "email", label: "E-mailadres", type: "email", value: val("email"), errors, required: true, description: "Hier ontvangt u berichten over procedures en besluiten.", autocomplete: "email" })}
  </fieldset>
  <fieldset class="utrecht-form-fieldset">
    <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">Uw account</legend>
    ${textField({ name: "contactpersoon", label: "Naam van de contactpersoon", value: val("contactpersoon"), errors, required: true, autocomplete: "name" })}
    ${textField({ name: "gebruikersnaam", label: "Gebruikersnaam", value: val("gebruikersnaam"), errors, required: true, description: "3 tot 64 tekens: letters, cijfers, punt, @, streepje of liggend streepje.", autocomplete: "username" })}
    ${textField({ name: "wachtwoord", label: "Wachtwoord", type: "password", value: "", errors, required: true, description: `Minstens ${WACHTWOORD_MIN} tekens. Een zin van een paar woorden is sterk en goed te onthouden.`, autocomplete: "new-password" })}
    ${textField({ name: "wachtwoordHerhaling", label: "Herhaal het wachtwoord", type: "password", value: "", errors, required: true, autocomplete: "new-password" })}
  </fieldset>
  <p class="utrecht-paragraph">${submitButton("Registreren")}</p>
</form>
<p class="utrecht-paragraph">Heeft u al een account? <a class="utrecht-link" href="/inloggen">Inloggen</a>.</p>`,
  });
}

// ---------------------------------------------------------------------------------------------
// Who is guessing. Failed logins are counted per account and per client (domain/gebruiker
// `registreerPoging`), the client being the network the request comes from as Express sees it
// (`req.ip`). Behind a reverse proxy that is the proxy's address, so every visitor would share one
// client: there the deployment sets `app.set("trust proxy", ...)` to its proxies, and only then is
// X-Forwarded-For believed (never trust it from the open internet: anyone can send it).

/** The network an attempt comes from: an IPv4 address, or the /64 of an IPv6 one (one subscriber usually holds a whole /64). */
export function clientNetwerk(ip: string | undefined): string {
  if (!ip) return ONBEKENDE_CLIENT;
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1]!;
  const bare = ip.split("%")[0]!;
  if (!isIPv6(bare)) return ip;
  const groups = (part: string) => (part === "" ? [] : part.split(":")).flatMap((g) => (g.includes(".") ? ["0", "0"] : [g]));
  const [head = "", tail] = bare.split("::");
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const all = [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill("0"), ...t];
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}

/**
 * The client key the engine keeps: a keyed hash of the network, never the address. An address is
 * personal data, and what an update carries stays in the engine's history (Temporal UI, backups);
 * a plain hash of an IPv4 address is reversed by trying all 2^32, a hash under the server's secret is not.
 */
export function clientKey(ip: string | undefined, secret: string): string {
  return createHmac("sha256", secret).update(`inkoop-login-client:${clientNetwerk(ip)}`).digest("base64url").slice(0, 22);
}

export const clientOf = (req: Request, secret: string): string => clientKey(req.ip, secret);

/** Shown at the lock's end, rounded up to the minute, so "vanaf 12:08" is never too early. */
const lockedUntil = (iso: string) => formatNl(new Date(Math.ceil(new Date(iso).getTime() / 60_000) * 60_000).toISOString());

export const MELDING_ONBEKEND = "De combinatie van gebruikersnaam en wachtwoord is onbekend. Controleer beide en probeer het opnieuw.";

async function login(cfg: SessionConfig, req: Request, res: Response, user: WebUser, terug: string | undefined): Promise<void> {
  // A fresh session id at every login (no fixation); a session of someone else in this browser ends.
  if (req.sessionId) await endSession(cfg, req, res);
  await startSession(cfg, res, user);
  res.clearCookie(PRE_CSRF_COOKIE, { path: "/" });
  noStore(res).redirect(303, terug ?? homeFor[user.rol]);
}

/** Login, logout and self-registration, with a password or through OpenID Connect. */
export function authRouter(deps: WebDeps): Router {
  const router = Router();
  const cfg = deps.session;
  const oidc = deps.oidc;
  const passwords = !oidc?.only;
  const preCsrf = requirePreCsrf(cfg);

  router.get("/", (req, res) => {
    res.redirect(303, req.user ? homeFor[req.user.rol] : "/inloggen");
  });

  /** The logged-in user and the CSRF token, for a script or page that calls the JSON API with the session cookie. */
  router.get("/sessie", (req, res) => {
    noStore(res);
    if (!req.user) {
      res.status(401).type("application/problem+json").json({ type: "about:blank", title: "Niet aangemeld", status: 401, detail: "U bent niet aangemeld." });
      return;
    }
    res.json({ gebruiker: req.user, csrf: req.csrf });
  });

  router.get("/inloggen", (req, res) => {
    const terug = safeReturnPath(req.query.terug);
    if (req.user) return res.redirect(303, terug ?? homeFor[req.user.rol]);
    noStore(res).send(loginPage({ gebruikersnaam: "", terug, token: formToken(req, res, cfg), oidc, ...(req.query.uitgelogd === "1" ? { melding: "U bent uitgelogd." } : {}) }));
  });

  router.post("/inloggen", preCsrf, async (req, res, next) => {
    try {
      if (!passwords) return void res.status(404).send(loginPage({ gebruikersnaam: "", token: formToken(req, res, cfg), oidc, fout: "Inloggen met een wachtwoord staat uit. Log in met eHerkenning of het account van uw organisatie." }));
      const body = (req.body ?? {}) as Record<string, unknown>;
      const typed = str(body.gebruikersnaam);
      const wachtwoord = str(body.wachtwoord);
      const terug = safeReturnPath(body.terug);
      const view = (errors: FieldErrors) => loginPage({ gebruikersnaam: typed, terug, errors, token: formToken(req, res, cfg), oidc });

      const errors: FieldErrors = {};
      if (typed.trim() === "") errors.gebruikersnaam = "Vul uw gebruikersnaam in.";
      if (wachtwoord === "") errors.wachtwoord = "Vul uw wachtwoord in.";
      if (Object.keys(errors).length > 0) return void noStore(res).status(400).send(view(errors));

      // A name that cannot be an account is refused like a wrong password, after the same work.
      const name = GebruikersnaamSchema.safeParse(typed);
      if (!name.success) {
        await verifyAgainstDummy(wachtwoord);
        return void noStore(res).status(401).send(view({ wachtwoord: MELDING_ONBEKEND }));
      }
      const account = cfg.engine.entity(gebruikerEntity, name.data);
      const creds = await account.credentials();
      const ok = creds ? await verifyPassword(wachtwoord, creds.wachtwoordHash) : await verifyAgainstDummy(wachtwoord);
      // Every attempt is recorded, also on a name without an account, so both behave alike.
      const uitkomst = await account.recordAttempt({ ok, at: new Date().toISOString(), client: clientOf(req, cfg.secret) });
      if (uitkomst.vertragingSeconden > 0) res.set("Retry-After", String(uitkomst.vertragingSeconden));
      // This device is locked out of this name (any other device is not). The text is the same
      // whether the name has an account or not.
      if (uitkomst.geblokkeerdTot && !uitkomst.toegestaan)
        return void noStore(res)
          .status(429)
          .send(view({ gebruikersnaam: `Te veel mislukte pogingen om vanaf dit apparaat in te loggen. U kunt het op dit apparaat opnieuw proberen vanaf ${lockedUntil(uitkomst.geblokkeerdTot)}.` }));
      // The account-wide slowdown while many clients fail: the answer, right or wrong, waits alike.
      if (uitkomst.wachtSeconden) await sleep(uitkomst.wachtSeconden * 1000);
      if (!uitkomst.toegestaan || !creds) return void noStore(res).status(401).send(view({ wachtwoord: MELDING_ONBEKEND }));
      // Said only after the right password, so it tells a guesser nothing about the name.
      if (creds.uitgeschakeld)
        return void noStore(res)
          .status(403)
          .send(view({ gebruikersnaam: "Dit account is uitgeschakeld. Neem contact op met de accountbeheerder van de regio als u weer toegang nodig hebt." }));
      const user: WebUser = { gebruikersnaam: creds.gebruikersnaam, naam: creds.naam, rol: creds.rol, ...(creds.kvk ? { kvk: creds.kvk } : {}) };
      // A starting password from the accountbeheerder: first an own one, then where the user was going.
      await login(cfg, req, res, user, creds.wachtwoordTijdelijk ? "/wachtwoord" : terug);
    } catch (err) {
      next(err);
    }
  });

  router.post("/uitloggen", async (req, res, next) => {
    try {
      await endSession(cfg, req, res);
      noStore(res).redirect(303, "/inloggen?uitgelogd=1");
    } catch (err) {
      next(err);
    }
  });

  // --- self-registration of an aanbieder

  router.get("/registreren", (req, res) => {
    if (!passwords) return void res.redirect(303, "/inloggen");
    if (req.user) return void res.redirect(303, homeFor[req.user.rol]);
    noStore(res).send(registratiePage({ values: {}, token: formToken(req, res, cfg) }));
  });

  router.post("/registreren", preCsrf, async (req, res, next) => {
    try {
      if (!passwords) return void res.redirect(303, "/inloggen");
      const body = (req.body ?? {}) as Record<string, unknown>;
      const invoer = Object.fromEntries(REGISTRATIE_VELDEN.map((k) => [k, str(body[k])])) as unknown as AanmeldingInvoer;
      const kept: Partial<AanmeldingInvoer> = { ...invoer, wachtwoord: "", wachtwoordHerhaling: "" };
      const refuse = (errors: FieldErrors, status = 400, fout?: string) =>
        void noStore(res)
          .status(status)
          .send(registratiePage({ values: kept, errors, token: formToken(req, res, cfg), ...(fout ? { fout } : {}) }));

      const checked = valideerAanmelding(invoer);
      const errors: FieldErrors = checked.ok ? {} : { ...checked.fouten };
      // Taken name or KvK number: said before anything is saved, together with the other refusals.
      const naam = GebruikersnaamSchema.safeParse(invoer.gebruikersnaam);
      const kvk = checked.ok ? checked.aanmelding.registratie.kvk : errors.kvk ? undefined : invoer.kvk.replace(/[\s.]/g, "");
      const [bestaandeGebruiker, bestaandeAanbieder] = await Promise.all([
        naam.success && !errors.gebruikersnaam ? cfg.engine.entity(gebruikerEntity, naam.data).get() : null,
        kvk ? cfg.engine.entity(aanbiederEntity, kvk).get() : null,
      ]);
      if (bestaandeGebruiker) errors.gebruikersnaam = "Deze gebruikersnaam is al in gebruik. Kies een andere gebruikersnaam.";
      if (bestaandeAanbieder) errors.kvk = "Dit KvK-nummer is al geregistreerd. Heeft uw organisatie al een account, log dan daarmee in of neem contact op met de inkoper van de regio.";
      if (!checked.ok || Object.keys(errors).length > 0) return refuse(ordered(errors));

      const { gebruiker: nieuw, registratie, wachtwoord } = checked.aanmelding;
      const actor = { rol: "aanbieder" as const, id: nieuw.gebruikersnaam, kvk: registratie.kvk };
      try {
        await registreerAanbiederMetAccount(cfg.engine, { actor, gebruiker: { ...nieuw, wachtwoordHash: await hashPassword(wachtwoord) }, registratie });
      } catch (err) {
        if (!(err instanceof EngineRefusal)) throw err;
        const problem = fromEngine(err);
        const veld = problem.veld && (REGISTRATIE_VELDEN as readonly string[]).includes(problem.veld) ? problem.veld : undefined;
        return veld ? refuse({ [veld]: problem.message }, problem.status) : refuse({}, problem.status, problem.message);
      }
      await login(cfg, req, res, { gebruikersnaam: nieuw.gebruikersnaam, naam: nieuw.naam, rol: "aanbieder", kvk: registratie.kvk }, undefined);
    } catch (err) {
      next(err);
    }
  });

  // --- OpenID Connect

  if (oidc) {
    const cookieOpts = { httpOnly: true, sameSite: "lax" as const, secure: cfg.secure, path: OIDC_COOKIE_PATH };

    router.get("/inloggen/oidc", async (req, res) => {
      try {
        const { url, state } = await beginOidcLogin(oidc, safeReturnPath(req.query.terug), Date.now());
        res.cookie(OIDC_COOKIE, sealOidcState(state, cfg.secret), { ...cookieOpts, maxAge: OIDC_STATE_MINUTES * 60_000 });
        noStore(res).redirect(303, url);
      } catch (err) {
        console.error("OIDC: inloggen niet gestart:", err instanceof Error ? err.message : err);
        noStore(res)
          .status(502)
          .send(loginPage({ gebruikersnaam: "", token: formToken(req, res, cfg), oidc, fout: "De inlogdienst van eHerkenning / uw organisatie is nu niet bereikbaar. Probeer het later opnieuw." }));
      }
    });

    router.get("/inloggen/oidc/callback", async (req, res, next) => {
      const refuse = (status: number, fout: string) =>
        void noStore(res)
          .status(status)
          .send(loginPage({ gebruikersnaam: "", token: formToken(req, res, cfg), oidc, fout }));
      try {
        const state = openOidcState(req.cookies?.[OIDC_COOKIE] as string | undefined, cfg.secret, Date.now());
        if (typeof req.query.error === "string") {
          // Only the provider's answer to this very login may end it: a link from elsewhere leaves it running.
          if (state && req.query.state === state.state) res.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
          return refuse(401, "Inloggen bij eHerkenning / uw organisatie is afgebroken of niet gelukt. Probeer het opnieuw.");
        }
        res.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
        if (!state) return refuse(400, "Het inloggen duurde te lang of is in een ander venster begonnen. Begin opnieuw.");
        let claims: Record<string, unknown>;
        try {
          const search = req.originalUrl.includes("?") ? req.originalUrl.slice(req.originalUrl.indexOf("?")) : "";
          claims = await finishOidcLogin(oidc, search, state);
        } catch (err) {
          // openid-client's message is generic; the reason (state mismatch, bad signature…) is in its cause and code.
          const detail = err instanceof Error ? `${err.message}${(err as { code?: string }).code ? ` [${(err as { code?: string }).code}]` : ""}${err.cause instanceof Error ? `: ${err.cause.message}` : ""}` : String(err);
          console.warn("OIDC: antwoord van de inlogdienst geweigerd:", detail);
          return refuse(401, "Het antwoord van de inlogdienst kon niet worden gecontroleerd. Begin opnieuw.");
        }
        const mapped = claimsToUser(claims, oidc);
        if ("fout" in mapped) return refuse(403, mapped.fout);
        await login(cfg, req, res, mapped.user, state.terug);
      } catch (err) {
        next(err);
      }
    });
  }

  return router;
}

/** The summary lists refusals in the order of the form. */
function ordered(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(REGISTRATIE_VELDEN.filter((k) => errors[k]).map((k) => [k, errors[k]!]));
}
