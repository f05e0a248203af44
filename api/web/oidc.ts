import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type * as OpenidClient from "openid-client";
import { GebruikerRolSchema } from "../../domain/gebruiker/gebruiker";
import { KvkSchema } from "../../domain/shared/kvk";
import type { WebUser } from "./layout";

/**
 * Login through an OpenID Connect provider: an eHerkenning broker for aanbieders, or the region's own
 * identity provider for its staff. Authorization code flow with PKCE; state, nonce and the code
 * verifier wait in a short-lived signed cookie. See docs/oidc.md.
 *
 * openid-client v6 is ESM-only and this project is CommonJS: it is loaded with a real dynamic
 * import() at the first login, never at module load (jest cannot load it; the helpers below that do
 * not need it are plain functions).
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The claim that holds the inkoop role (default "inkoop_rol"). */
  roleClaim?: string;
  /** The claim that holds the KvK number of an aanbieder (default "kvk"). */
  kvkClaim?: string;
  /** The role for a login without a role claim, e.g. "aanbieder" behind an eHerkenning broker. */
  defaultRole?: WebUser["rol"];
  /** Scopes asked for (default "openid profile email"). */
  scope?: string;
  /** Only this login: the password form and self-registration are switched off. */
  only?: boolean;
}

export const DEFAULT_ROLE_CLAIM = "inkoop_rol";
export const DEFAULT_KVK_CLAIM = "kvk";

const isLoopback = (u: URL) => ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname);

/** The settings from INKOOP_OIDC_*; undefined when none is set, an error when some are missing. */
export function oidcSettingsFromEnv(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const required = {
    issuer: env.INKOOP_OIDC_ISSUER,
    clientId: env.INKOOP_OIDC_CLIENT_ID,
    clientSecret: env.INKOOP_OIDC_CLIENT_SECRET,
    redirectUri: env.INKOOP_OIDC_REDIRECT_URI,
  };
  const names: Record<keyof typeof required, string> = {
    issuer: "INKOOP_OIDC_ISSUER",
    clientId: "INKOOP_OIDC_CLIENT_ID",
    clientSecret: "INKOOP_OIDC_CLIENT_SECRET",
    redirectUri: "INKOOP_OIDC_REDIRECT_URI",
  };
  const missing = (Object.keys(required) as (keyof typeof required)[]).filter((k) => !required[k]);
  if (missing.length === 4) {
    if (env.INKOOP_OIDC_ONLY === "1") throw new Error("INKOOP_OIDC_ONLY=1 zonder INKOOP_OIDC_ISSUER enz.: dan kan niemand inloggen.");
    return undefined;
  }
  if (missing.length > 0) throw new Error(`OpenID Connect is half ingesteld: ${missing.map((k) => names[k]).join(", ")} ontbreekt.`);
  for (const k of ["issuer", "redirectUri"] as const) {
    let url: URL;
    try {
      url = new URL(required[k]!);
    } catch {
      throw new Error(`${names[k]} is geen geldige URL: '${required[k]}'.`);
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url))) throw new Error(`${names[k]} moet https gebruiken (http alleen op localhost).`);
  }
  let defaultRole: WebUser["rol"] | undefined;
  if (env.INKOOP_OIDC_DEFAULT_ROLE) {
    const parsed = GebruikerRolSchema.safeParse(env.INKOOP_OIDC_DEFAULT_ROLE);
    if (!parsed.success) throw new Error(`INKOOP_OIDC_DEFAULT_ROLE '${env.INKOOP_OIDC_DEFAULT_ROLE}' is geen rol (${GebruikerRolSchema.options.join(", ")}).`);
    defaultRole = parsed.data;
  }
  return {
    issuer: required.issuer!,
    clientId: required.clientId!,
    clientSecret: required.clientSecret!,
    redirectUri: required.redirectUri!,
    roleClaim: env.INKOOP_OIDC_ROLE_CLAIM || DEFAULT_ROLE_CLAIM,
    kvkClaim: env.INKOOP_OIDC_KVK_CLAIM || DEFAULT_KVK_CLAIM,
    ...(defaultRole ? { defaultRole } : {}),
    ...(env.INKOOP_OIDC_SCOPE ? { scope: env.INKOOP_OIDC_SCOPE } : {}),
    only: env.INKOOP_OIDC_ONLY === "1",
  };
}

/** A claim by its exact name (eHerkenning's `urn:etoegang:...` names contain dots), else by a dotted path. */
export function claimValue(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  let v: unknown = claims;
  for (const part of name.split(".")) {
    if (v === null || typeof v !== "object" || !(part in v)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x) => typeof x === "string" || typeof x === "number").map((x) => String(x).trim());

/**
 * Who logged in, from the provider's claims: role, KvK number (for an aanbieder) and name. A login
 * without exactly one known role, or an aanbieder without a valid KvK number, is refused.
 */
export function claimsToUser(claims: Record<string, unknown>, settings: Pick<OidcSettings, "roleClaim" | "kvkClaim" | "defaultRole">): { user: WebUser } | { fout: string } {
  const sub = typeof claims.sub === "string" && claims.sub !== "" ? claims.sub : undefined;
  if (!sub) return { fout: "De inlogdienst gaf geen identiteit (sub) door." };
  const roleClaim = settings.roleClaim ?? DEFAULT_ROLE_CLAIM;
  const given = asStrings(claimValue(claims, roleClaim));
  const known = [...new Set(given.filter((r) => GebruikerRolSchema.safeParse(r).success))] as WebUser["rol"][];
  if (known.length > 1) return { fout: `De inlogdienst gaf meer dan één rol door (${known.join(", ")}); vraag uw beheerder om één rol voor deze toepassing.` };
  const rol = known[0] ?? (given.length === 0 ? settings.defaultRole : undefined);
  if (!rol) return { fout: given.length > 0 ? `De rol '${given.join(", ")}' is onbekend in deze toepassing.` : `De inlogdienst gaf geen rol door (claim '${roleClaim}'). Vraag uw beheerder om toegang.` };

  let kvk: string | undefined;
  if (rol === "aanbieder") {
    const kvkClaim = settings.kvkClaim ?? DEFAULT_KVK_CLAIM;
    const raw = asStrings(claimValue(claims, kvkClaim))[0];
    const parsed = KvkSchema.safeParse(raw?.replace(/\s/g, "") ?? "");
    if (!parsed.success) return { fout: raw ? `Het KvK-nummer '${raw}' uit de inlogdienst is geen nummer van 8 cijfers.` : `De inlogdienst gaf geen KvK-nummer door (claim '${kvkClaim}').` };
    kvk = parsed.data;
  }

  const str = (k: string) => (typeof claims[k] === "string" && (claims[k] as string).trim() !== "" ? (claims[k] as string).trim() : undefined);
  const fullName = [str("given_name"), str("family_name")].filter(Boolean).join(" ") || undefined;
  const naam = (str("name") ?? fullName ?? str("preferred_username") ?? str("email") ?? (kvk ? `KvK ${kvk}` : sub)).slice(0, 200);
  // "oidc:" cannot be a password account's name (those have no colon), so the two never collide.
  const gebruikersnaam = sub.length <= 190 ? `oidc:${sub}` : `oidc:sha256-${createHash("sha256").update(sub).digest("base64url")}`;
  return { user: { gebruikersnaam, naam, rol, ...(kvk ? { kvk } : {}) } };
}

// ---------------------------------------------------------------------------------------------
// The short-lived signed cookie that carries state, nonce and PKCE verifier to the callback.

export interface OidcState {
  state: string;
  nonce: string;
  verifier: string;
  terug?: string;
  /** Epoch milliseconds after which the callback is refused. */
  exp: number;
}
export const OIDC_STATE_MINUTES = 10;

const mac = (payload: string, secret: string) => createHmac("sha256", secret).update(`inkoop-oidc-state:${payload}`).digest("base64url");

export function sealOidcState(s: OidcState, secret: string): string {
  const payload = Buffer.from(JSON.stringify(s)).toString("base64url");
  return `${payload}.${mac(payload, secret)}`;
}

export function openOidcState(value: string | undefined, secret: string, now: number): OidcState | null {
  if (!value) return null;
  const [payload, sig, ...rest] = value.split(".");
  if (!payload || !sig || rest.length > 0) return null;
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const s = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as OidcState;
    if (typeof s.state !== "string" || typeof s.nonce !== "string" || typeof s.verifier !== "string" || typeof s.exp !== "number") return null;
    return s.exp > now ? s : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The protocol itself, through openid-client (loaded at runtime).

type Lib = typeof OpenidClient;
// A real import(): TypeScript would turn `await import()` into require() in this CommonJS project.
const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<unknown>;
let lib: Promise<Lib> | undefined;
function openidClient(): Promise<Lib> {
  lib ??= (importEsm("openid-client") as Promise<Lib>).catch((err: unknown) => {
    lib = undefined;
    throw err;
  });
  return lib;
}

const configurations = new WeakMap<OidcSettings, Promise<OpenidClient.Configuration>>();
/** Discovery once per settings; a failed discovery is retried at the next login. */
function configuration(settings: OidcSettings): Promise<OpenidClient.Configuration> {
  let c = configurations.get(settings);
  if (!c) {
    c = openidClient().then((client) => {
      const issuer = new URL(settings.issuer);
      return client.discovery(issuer, settings.clientId, settings.clientSecret, undefined, issuer.protocol === "http:" && isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : {});
    });
    c.catch(() => configurations.delete(settings));
    configurations.set(settings, c);
  }
  return c;
}

/** Where to send the browser, and the state the callback needs back. */
export async function beginOidcLogin(settings: OidcSettings, terug: string | undefined, now: number): Promise<{ url: string; state: OidcState }> {
  const client = await openidClient();
  const config = await configuration(settings);
  const state: OidcState = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    ...(terug ? { terug } : {}),
    exp: now + OIDC_STATE_MINUTES * 60_000,
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: settings.redirectUri,
    scope: settings.scope ?? "openid profile email",
    code_challenge: await client.calculatePKCECodeChallenge(state.verifier),
    code_challenge_method: "S256",
    state: state.state,
    nonce: state.nonce,
  });
  return { url: url.href, state };
}

/**
 * Exchanges the code (checking state, nonce, PKCE and the ID token's signature, issuer, audience
 * and expiry) and returns the claims: the ID token's, completed from the userinfo endpoint when the
 * provider has one (eHerkenning brokers often put the KvK number there).
 */
export async function finishOidcLogin(settings: OidcSettings, search: string, state: OidcState): Promise<Record<string, unknown>> {
  const client = await openidClient();
  const config = await configuration(settings);
  // The redirect URI as configured, not as the Host header says: the provider compares them.
  const current = new URL(settings.redirectUri);
  current.search = search;
  const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: state.verifier, expectedState: state.state, expectedNonce: state.nonce, idTokenExpected: true });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error("geen ID-token ontvangen");
  let userinfo: Record<string, unknown> = {};
  if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
    try {
      userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    } catch (err) {
      console.warn("OIDC: userinfo niet opgehaald; alleen het ID-token wordt gebruikt:", err instanceof Error ? err.message : err);
    }
  }
  return { ...userinfo, ...idClaims };
}
