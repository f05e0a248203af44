import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { freePort } from "../scripts/stack/ports";
import { aanbiederEntity } from "../workflows/aanbieder/definition";
import { closeEngine, engine, stack, uniqueKvk } from "./harness/stack";
import { CookieJar } from "./oidc/cookie-jar";

/**
 * The whole OpenID Connect login against a real provider (oidc-provider, test/oidc/provider.mjs) and
 * the real openid-client in the app (test/oidc/app.ts). Both are ESM-only, so both run in processes
 * of their own; this spec drives them over HTTP like a browser that does not follow redirects by itself.
 */
const ROOT = join(__dirname, "..");
const WAIT_MS = 20_000;

interface Child {
  process: ChildProcess;
  output: () => string;
}

/** Starts `node <args>` and waits (at most WAIT_MS) for a line starting with READY; returns the rest of that line. */
function startChild(what: string, args: string[], env: NodeJS.ProcessEnv, started: Child[]): Promise<{ child: Child; ready: string }> {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const child: Child = { process: proc, output: () => out };
  started.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: geen READY binnen ${WAIT_MS} ms\n${out}`)), WAIT_MS);
    const onData = (d: Buffer) => {
      out += String(d);
      const line = /^READY ?(.*)$/m.exec(out);
      if (line) {
        clearTimeout(timer);
        resolve({ child, ready: (line[1] ?? "").trim() });
      }
    };
    proc.stdout?.on("data", onData);
    proc.stderr?.on("data", (d: Buffer) => (out += String(d)));
    proc.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${what} stopte (${code ?? signal}) voor READY\n${out}`));
    });
  });
}

/** Stops a child by its pid: SIGTERM, and SIGKILL when it is still there after 5 s. */
async function stopChild(child: Child): Promise<void> {
  const { process: proc } = child;
  if (proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  process.kill(proc.pid, "SIGTERM");
  const timer = setTimeout(() => {
    if (proc.pid !== undefined && proc.exitCode === null && proc.signalCode === null) process.kill(proc.pid, "SIGKILL");
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

describe("inloggen via OpenID Connect (echte provider, echte openid-client)", () => {
  const started: Child[] = [];
  const clientId = "inkoop-e2e";
  const clientSecret = randomBytes(24).toString("base64url");
  const kvk = uniqueKvk();
  const sub = `e2e-${kvk}`;
  const naam = "Jeugdhulp OIDC Test B.V.";
  let app = "";
  let issuer = "";
  let redirectUri = "";

  beforeAll(async () => {
    // The aanbieder's profile, as the engine knows it before its first login.
    await engine()
      .entity(aanbiederEntity, kvk)
      .register({ actor: { rol: "aanbieder", id: `oidc:${sub}`, kvk }, registratie: { kvk, naam, email: "oidc-e2e@example.org" } });

    const [appPort, providerPort] = [await freePort(), await freePort()];
    app = `http://127.0.0.1:${appPort}`;
    redirectUri = `${app}/inloggen/oidc/callback`;
    const provider = await startChild(
      "provider",
      [join("test", "oidc", "provider.mjs"), String(providerPort)],
      { OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, OIDC_REDIRECT_URI: redirectUri, OIDC_KVK: kvk, OIDC_SUB: sub, OIDC_NAME: naam },
      started,
    );
    issuer = provider.ready;
    expect(issuer).toBe(`http://127.0.0.1:${providerPort}`);
    await startChild(
      "app",
      ["--import", "tsx", join("test", "oidc", "app.ts")],
      {
        INKOOP_E2E_TEMPORAL_ADDRESS: stack().temporalAddress,
        INKOOP_E2E_TEMPORAL_NAMESPACE: stack().namespace,
        INKOOP_E2E_TASK_QUEUE: stack().taskQueue,
        INKOOP_E2E_PORT: String(appPort),
        INKOOP_DATA_DIR: stack().dataDir,
        INKOOP_SESSION_SECRET: randomBytes(32).toString("base64url"),
        INKOOP_OIDC_ISSUER: issuer,
        INKOOP_OIDC_CLIENT_ID: clientId,
        INKOOP_OIDC_CLIENT_SECRET: clientSecret,
        INKOOP_OIDC_REDIRECT_URI: redirectUri,
      },
      started,
    );
  }, 3 * WAIT_MS);

  afterAll(async () => {
    // Also after a failure: no provider or app may outlive the run.
    await Promise.all(started.map(stopChild));
    await closeEngine();
  }, 15_000);

  /** Shows the children's output with a failure, where the cause usually is. */
  async function explained<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (err) {
      const logs = started.map((c, i) => `--- ${i === 0 ? "provider" : "app"}\n${c.output()}`).join("\n");
      if (err instanceof Error) err.message += `\n${logs}`;
      throw err;
    }
  }

  /** One request, redirects not followed, cookies from and into the jar. */
  async function get(jar: CookieJar, url: string): Promise<Response> {
    const cookie = jar.header(url);
    const res = await fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(WAIT_MS) });
    jar.store(url, res);
    return res;
  }

  const location = (res: Response, base: string) => new URL(res.headers.get("location") ?? "", base).href;

  /** GET /inloggen/oidc: the redirect to the provider's authorization endpoint. */
  async function begin(jar: CookieJar): Promise<URL> {
    const res = await get(jar, `${app}/inloggen/oidc`);
    expect(res.status).toBe(303);
    return new URL(location(res, app));
  }

  /** Through the provider's interactions (login, consent) until it sends the browser back to the app's callback. */
  async function throughProvider(jar: CookieJar, authorizationUrl: URL): Promise<URL> {
    let url = authorizationUrl.href;
    const hops: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const res = await get(jar, url);
      hops.push(`${res.status} ${url}`);
      if (res.status < 300 || res.status >= 400) throw new Error(`provider antwoordde ${res.status} op ${url}: ${await res.text()}\n${hops.join("\n")}`);
      url = location(res, url);
      if (url.startsWith(redirectUri)) return new URL(url);
      expect(new URL(url).origin).toBe(issuer);
    }
    throw new Error(`na 10 stappen nog niet terug bij de app:\n${hops.join("\n")}`);
  }

  it("toont de knop op de inlogpagina", () =>
    explained(async () => {
      const res = await get(new CookieJar(), `${app}/inloggen`);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain('href="/inloggen/oidc"');
      expect(body).toContain("Inloggen met eHerkenning / uw organisatie");
    }));

  it("logt een aanbieder in: code flow met PKCE, sessie, en de pagina's met zijn KvK-nummer", () =>
    explained(async () => {
      const jar = new CookieJar();
      const auth = await begin(jar);
      expect(`${auth.origin}${auth.pathname}`).toBe(`${issuer}/auth`);
      const q = auth.searchParams;
      expect(q.get("client_id")).toBe(clientId);
      expect(q.get("redirect_uri")).toBe(redirectUri);
      expect(q.get("response_type")).toBe("code");
      expect(q.get("scope")).toBe("openid profile email");
      expect(q.get("code_challenge_method")).toBe("S256");
      expect(q.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(q.get("state")).toBeTruthy();
      expect(q.get("nonce")).toBeTruthy();
      expect(jar.get(app, "inkoop_oidc")).toBeTruthy();

      const callback = await throughProvider(jar, auth);
      expect(callback.searchParams.get("state")).toBe(q.get("state"));
      expect(callback.searchParams.get("code")).toBeTruthy();

      const done = await get(jar, callback.href);
      expect(done.status).toBe(303);
      expect(done.headers.get("location")).toBe("/aanbieder");
      expect(jar.get(app, "inkoop_sessie")).toBeTruthy();
      expect(jar.get(app, "inkoop_oidc")).toBeUndefined();

      const sessie = await get(jar, `${app}/sessie`);
      expect(sessie.status).toBe(200);
      expect(await sessie.json()).toMatchObject({ gebruiker: { gebruikersnaam: `oidc:${sub}`, naam, rol: "aanbieder", kvk } });

      const page = await get(jar, `${app}/aanbieder`);
      expect(page.status).toBe(200);
      const body = await page.text();
      expect(body).toContain(`KvK ${kvk}`);
      expect(body).toContain(naam);

      // The same answer again: the state cookie is gone, so the code cannot be played back.
      const replay = await get(jar, callback.href);
      expect(replay.status).toBe(400);
      expect(await replay.text()).toContain("Begin opnieuw");
    }));

  it("weigert een antwoord met een vervalste state, en daarna ook het echte zonder state-cookie", () =>
    explained(async () => {
      const jar = new CookieJar();
      const callback = await throughProvider(jar, await begin(jar));
      const forged = new URL(callback.href);
      forged.searchParams.set("state", "vervalst-door-een-aanvaller");

      const refused = await get(jar, forged.href);
      expect(refused.status).toBe(401);
      expect(await refused.text()).toContain("Het antwoord van de inlogdienst kon niet worden gecontroleerd");
      expect(jar.get(app, "inkoop_sessie")).toBeUndefined();

      const late = await get(jar, callback.href);
      expect(late.status).toBe(400);
      expect(await late.text()).toContain("Het inloggen duurde te lang of is in een ander venster begonnen");
      expect(jar.get(app, "inkoop_sessie")).toBeUndefined();
      expect((await get(jar, `${app}/sessie`)).status).toBe(401);
    }));

  it("legt in het Nederlands uit dat inloggen is afgebroken (error=access_denied)", () =>
    explained(async () => {
      const jar = new CookieJar();
      const state = (await begin(jar)).searchParams.get("state") ?? "";
      const cb = new URL(redirectUri);
      cb.search = new URLSearchParams({ error: "access_denied", error_description: "End-User aborted interaction", state, iss: issuer }).toString();
      const res = await get(jar, cb.href);
      expect(res.status).toBe(401);
      const body = await res.text();
      expect(body).toContain("Inloggen bij eHerkenning / uw organisatie is afgebroken of niet gelukt. Probeer het opnieuw.");
      expect(body).not.toContain("access_denied");
      expect(jar.get(app, "inkoop_sessie")).toBeUndefined();
    }));
});
