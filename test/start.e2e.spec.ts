import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../scripts/stack/ports";
import { until } from "./api-client";

/**
 * `npm start` as a newcomer runs it: the Temporal dev server, the worker and the API come up by themselves,
 * Ctrl-C stops everything, and a second start finds the procedures of the first.
 */
describe("npm start", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "inkoop-start-"));
  let env: NodeJS.ProcessEnv;
  let api: string;
  let temporalPort: number;
  let temporalUiPort: number;

  /**
   * Free ports for one start. Each start gets its own: between a stop and the next start other tests'
   * servers may have taken a port that was free before (the data directory is what must carry over).
   */
  async function choosePorts(): Promise<void> {
    const apiPort = await freePort();
    temporalPort = await freePort();
    temporalUiPort = await freePort();
    api = `http://127.0.0.1:${apiPort}/api/v1`;
    env = {
      ...process.env,
      INKOOP_DATA_DIR: dataDir,
      INKOOP_API_PORT: String(apiPort),
      INKOOP_TEMPORAL_PORT: String(temporalPort),
      INKOOP_TEMPORAL_UI_PORT: String(temporalUiPort),
      INKOOP_TEMPORAL_HTTP_PORT: String(await freePort()),
      INKOOP_TEMPORAL_METRICS_PORT: String(await freePort()),
      INKOOP_SMTP_PORT: String(await freePort()),
      INKOOP_SMTP_URL: "",
      INKOOP_ROLE_HEADERS: "1",
    };
    // npm start must run its own dev server here, never a cluster from the developer's environment.
    for (const name of ["TEMPORAL_ADDRESS", "TEMPORAL_NAMESPACE", "INKOOP_TASK_QUEUE", "INKOOP_TEMPORAL_DB", "INKOOP_MAIL_DIR", "NODE_ENV"]) delete env[name];
  }
  const started: ChildProcess[] = [];
  afterAll(async () => {
    // A failed assertion must not leave an engine running: stop whatever is still up.
    for (const child of started) if (child.exitCode === null && child.signalCode === null) await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  function start(): { child: ChildProcess; output: () => string } {
    let out = "";
    const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "..", "scripts", "start.ts")], { env, cwd: join(__dirname, "..") });
    started.push(child);
    child.stdout?.on("data", (d) => (out += String(d)));
    child.stderr?.on("data", (d) => (out += String(d)));
    return { child, output: () => out };
  }

  async function healthy(output: () => string, child?: ChildProcess): Promise<void> {
    await until(
      "API gezond",
      async () => {
        // A start that gave up (its output says why) is not waited for until the time limit.
        if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error("npm start is gestopt");
        try {
          const res = await fetch(`${api}/health`);
          return res.ok ? true : undefined;
        } catch {
          return undefined;
        }
      },
      60_000,
    ).catch((err) => {
      throw new Error(`${err}\n${output()}`);
    });
  }

  function stop(child: ChildProcess): Promise<number | null> {
    return new Promise((resolve) => {
      child.once("exit", (code) => resolve(code));
      child.kill("SIGINT");
    });
  }

  const headers = { "content-type": "application/json", "x-inkoop-rol": "inkoper", "x-inkoop-gebruiker": "e2e" };

  /**
   * Chooses free ports and starts. Another test's server can take a port between our probe and the
   * engine's bind ("address already in use"): then the start has failed for a reason outside npm start,
   * and it is tried again with other ports (at most three times).
   */
  async function startOnFreePorts(): Promise<ReturnType<typeof start>> {
    for (let attempt = 1; ; attempt++) {
      await choosePorts();
      const s = start();
      try {
        await healthy(s.output, s.child);
        return s;
      } catch (err) {
        if (attempt >= 3 || !/address already in use/.test(s.output())) throw err;
        if (s.child.exitCode === null && s.child.signalCode === null) await stop(s.child);
      }
    }
  }

  it("start alles, stopt met Ctrl-C en vindt na een herstart de procedure terug", async () => {
    const first = await startOnFreePorts();
    expect(first.output()).toMatch(new RegExp(`Temporal\\s+127\\.0\\.0\\.1:${temporalPort}\\b`));
    expect(first.output()).toMatch(new RegExp(`Temporal UI\\s+http://127\\.0\\.0\\.1:${temporalUiPort}\\b`));
    // The engine's state lives in the dev server's SQLite file inside the data directory.
    expect(first.output()).toContain(join(dataDir, "temporal", "temporal.db"));
    expect(first.output()).toContain(dataDir);

    // The local inbox is there, behind the login of the region's roles.
    const inboxPage = await fetch(api.replace("/api/v1", "/inbox"), { redirect: "manual" });
    expect(inboxPage.status).toBe(303);
    expect(inboxPage.headers.get("location")).toMatch(/^\/inloggen/);

    const catalogue = await (await fetch(`${api}/catalogue`)).json();
    expect(catalogue).toMatchObject({ contracten: 12, toelatingscriteria: 11 });

    // On an empty data directory a demo region fills in behind the banner: three marked procedures in three phases.
    expect(first.output()).toContain("Demoregio");
    await until("demo-regio klaar", async () => (/demo-regio: klaar/.test(first.output()) ? true : /demo-regio niet aangemaakt/.test(first.output()) ? Promise.reject(new Error(first.output())) : undefined), 120_000);
    const demo = await Promise.all(["demo-open-house", "demo-in-beoordeling", "demo-gegund"].map(async (id) => (await (await fetch(`${api}/procedures/${id}`, { headers })).json()) as { titel: string; status: string }));
    expect(demo.map((p) => p.titel.startsWith("Demo – "))).toEqual([true, true, true]);
    expect(demo.map((p) => p.status)).toEqual(["gepubliceerd", "gesloten", "gegund"]);

    const created = await fetch(`${api}/procedures`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        id: "oh-herstart",
        contractId: "dagbesteding-jeugd",
        titel: "Open House Dagbesteding Jeugd",
        publicatieAt: new Date().toISOString(),
        sluitingAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
      }),
    });
    expect(created.status).toBe(201);
    expect(await stop(first.child)).toBe(0);
    expect(first.output()).toMatch(/gestopt/);

    const second = await startOnFreePorts();
    const found = await fetch(`${api}/procedures/oh-herstart`, { headers });
    // The demo region is found complete: nothing is added a second time.
    await until("demo-regio gecontroleerd", async () => (/demo-regio: al aanwezig/.test(second.output()) ? true : undefined), 60_000);
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ contractId: "dagbesteding-jeugd", status: "concept" });
    expect(await stop(second.child)).toBe(0);
  }, 240_000);
});
