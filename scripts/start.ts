import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { dirname, join } from "node:path";
import { closeMailTransports } from "../activities/mail";
import { startMailRelay } from "../activities/outbox";
import { createApp, trustProxyFromEnv } from "../api/app";
import { oidcSettingsFromEnv } from "../api/web/oidc";
import { contracts, products, toelatingscriteria } from "../domain/catalogue";
import { EngineClient, OWN_SERVER_CLIENT_UPDATES } from "../engine/client";
import { connectClient, engineSettingsFromEnv } from "../engine/connection";
import { ensurePayloadKeys } from "../engine/payload-keys";
import { loadConfig } from "./config";
import { inboxRouter } from "./inbox/web";
import { startSmtpInbox } from "./inbox/smtp-inbox";
import { seedDemoRegion } from "./demo/demo-region";
import { demoUsersTable, seedDemoUsers, type DemoUser } from "./seed-demo-users";
import { stopProcess } from "./stack/processes";
import { supervise } from "./stack/supervise";
import { startTemporalServer, type RunningTemporalServer, type TemporalServerOptions } from "./stack/temporal-server";
import { buildBundleFile, startWorkerProcess } from "./stack/worker-process";

/**
 * `npm start`: the Temporal dev server (its SQLite file under data/temporal, kept across restarts; the
 * Temporal UI on its port), the worker, the local SMTP inbox and the API. With TEMPORAL_ADDRESS set it
 * starts no server and uses that cluster. Ctrl-C stops all of it.
 */
/** The cookie-signing key: from the environment, or generated once and kept in the data directory. */
function sessionSecret(dataDir: string): string {
  if (process.env.INKOOP_SESSION_SECRET) return process.env.INKOOP_SESSION_SECRET;
  const file = join(dataDir, "session-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/** What a start that fails half-way must stop again, so no server or worker outlives it. */
const startedChildren: { kill(signal: NodeJS.Signals): boolean }[] = [];

async function main(): Promise<void> {
  const t0 = performance.now();
  const config = loadConfig();
  const production = process.env.NODE_ENV === "production";
  // The local inbox keeps every mail with its PDFs and is only for a developer's machine: production
  // sends to a real mail server, so it must be named before anything starts.
  if (production && !config.smtpUrl)
    throw new Error("INKOOP_SMTP_URL ontbreekt: met NODE_ENV=production start npm start geen lokale mail-inbox; geef het adres van de mailserver op (bijvoorbeeld smtp://mail.example.nl:587)");
  // Read before anything starts: a half-filled OpenID Connect configuration stops npm start here.
  const oidc = oidcSettingsFromEnv(process.env);
  const trustProxy = trustProxyFromEnv(process.env.INKOOP_TRUST_PROXY);
  mkdirSync(config.dataDir, { recursive: true });
  // Workflow payloads are encrypted before they reach the engine; the keys never go to the engine.
  const payloadKeys = ensurePayloadKeys(process.env, join(config.dataDir, "keys", "payload-keys.json"), production);
  const logDir = join(config.dataDir, "logs");
  mkdirSync(logDir, { recursive: true });

  // Bundled once per start, beside the server's start: a worker restarted after a crash polls again within seconds.
  const bundling = buildBundleFile(join(config.dataDir, "workflow-bundle.js"), join(logDir, "worker.log"));
  // The demo region comes on a data directory started empty (and is finished on later starts if a
  // first one was cut off); never in production, never on a cluster of someone else.
  const demoMarker = join(config.dataDir, "demo-regio");
  const demoRegio = !production && process.env.INKOOP_DEMO_REGIO !== "0" && (process.env.INKOOP_DEMO_REGIO === "1" || (!config.temporalAddress && (!existsSync(config.temporalDb) || existsSync(demoMarker))));
  if (demoRegio) writeFileSync(demoMarker, "Deze gegevensmap heeft een demoregio (procedures 'Demo – ...'); zie scripts/demo/demo-region.ts.\n");
  let server: RunningTemporalServer | null = null;
  let serverOptions: TemporalServerOptions | null = null;
  if (!config.temporalAddress) {
    mkdirSync(dirname(config.temporalDb), { recursive: true });
    serverOptions = {
      dbFile: config.temporalDb,
      port: config.temporalPort,
      uiPort: config.temporalUiPort,
      httpPort: config.temporalHttpPort,
      metricsPort: config.temporalMetricsPort,
      logFile: join(logDir, "temporal-server.log"),
    };
    server = await startTemporalServer(serverOptions);
  }
  const settings = engineSettingsFromEnv(process.env, server?.address);
  // The API and the worker share one document store; mail goes to a real SMTP server.
  process.env.INKOOP_DATA_DIR = config.dataDir;
  const inbox = production || config.smtpUrl ? null : await startSmtpInbox({ port: config.smtpPort, host: "127.0.0.1", dir: config.mailDir });
  const smtpUrl = config.smtpUrl ?? `smtp://127.0.0.1:${config.smtpPort}`;
  process.env.INKOOP_SMTP_URL = smtpUrl;
  // The worker puts mail in the outbox under the data directory; this process's relay sends it.
  const relay = startMailRelay();
  const bundle = await bundling;
  const workerEnv = { INKOOP_DATA_DIR: config.dataDir, TEMPORAL_ADDRESS: settings.address, TEMPORAL_NAMESPACE: settings.namespace, INKOOP_TASK_QUEUE: settings.taskQueue, INKOOP_WORKFLOW_BUNDLE: bundle };
  if (server?.process) startedChildren.push(server.process);
  const worker = await startWorkerProcess(join(logDir, "worker.log"), workerEnv);
  startedChildren.push(worker.process);

  const roleHeaders = process.env.INKOOP_ROLE_HEADERS === "1" && process.env.NODE_ENV !== "production";
  const client = await connectClient(settings);
  const engine = new EngineClient(client, settings.taskQueue, undefined, { updatesInFlight: server ? OWN_SERVER_CLIENT_UPDATES : undefined });
  // Demo accounts with public passwords: only on a developer's machine, never in production.
  const demoUsers: DemoUser[] =
    process.env.NODE_ENV === "production"
      ? []
      : await seedDemoUsers(engine).catch((err: unknown) => {
          console.warn("demo-accounts niet aangemaakt:", err instanceof Error ? err.message : err);
          return [];
        });
  const app = createApp({
    engine,
    web: { session: { secret: sessionSecret(config.dataDir), secure: process.env.NODE_ENV === "production" }, oidc },
    roleHeaders,
    ...(trustProxy !== undefined ? { trustProxy } : {}),
    // Never in production (inbox is null there); in development behind the login, region roles only.
    extraRoutes: (a) => {
      if (inbox && !production) a.use("/inbox", inboxRouter(config.mailDir));
    },
  });
  const api: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.apiPort, "127.0.0.1", () => resolve(s));
    s.on("error", reject);
  });

  let stopping = false;
  /** A child that keeps crashing right after its start: say so, stop the rest, and exit with an error. */
  const giveUp = (reason: string) => {
    if (stopping) return;
    console.error(`\n${reason} Zie de logbestanden in ${logDir}.`);
    void stop("opgegeven", 1);
  };
  // A worker that dies (a crash, kill -9) is started again: workflows resume where their history stands.
  const workerSupervisor = supervise({
    name: "worker",
    first: worker,
    restart: () => startWorkerProcess(join(logDir, "worker.log"), workerEnv),
    processOf: (w) => w.process,
    giveUp,
  });
  // So is the Temporal dev server npm start started: the same SQLite file, the same ports. The API answers
  // 503 meanwhile; the API's client and the worker reconnect by themselves once it is back.
  const serverSupervisor =
    server?.process && serverOptions
      ? supervise({
          name: "Temporal-server",
          first: server,
          restart: () => startTemporalServer(serverOptions),
          processOf: (s) => s.process,
          giveUp,
        })
      : null;
  const currentWorker = () => workerSupervisor.current();
  const currentServer = () => serverSupervisor?.current() ?? server;

  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`
inkoop draait (gestart in ${seconds} s)
  API              http://localhost:${config.apiPort}/api/v1   (OpenAPI: /api/v1/openapi.json)
  Pagina's         http://localhost:${config.apiPort}/
  Mail             ${inbox ? `http://localhost:${config.apiPort}/inbox   (lokale SMTP-server op ${smtpUrl})` : smtpUrl}
  Temporal         ${settings.address}   (namespace ${settings.namespace}, taakwachtrij ${settings.taskQueue})
${server?.uiUrl ? `  Temporal UI      ${server.uiUrl}\n` : ""}  Gegevens         ${server ? config.temporalDb : "in het Temporal-cluster"}; documenten en mail in ${config.dataDir}
  Versleuteling    workflowgegevens versleuteld (AES-256-GCM) met sleutels uit ${payloadKeys}; de Temporal UI toont alleen versleutelde gegevens
  Logbestanden     ${logDir}
  Catalogus        ${contracts.length} contracten, ${products.length} producten, ${toelatingscriteria.length} toelatingscriteria
${roleHeaders ? "  LET OP           X-Inkoop-Rol-headers staan aan (INKOOP_ROLE_HEADERS=1): alleen voor ontwikkeling\n" : ""}${demoUsers.length > 0 ? `  Inloggen         http://localhost:${config.apiPort}/inloggen   met een demo-account (niet voor productie):\n${demoUsersTable(demoUsers)}\n` : ""}${demoRegio ? "  Demoregio        drie procedures 'Demo – ...' in verschillende fasen worden op de achtergrond aangemaakt (niet in productie; uitzetten: INKOOP_DEMO_REGIO=0)\n" : ""}Stoppen: Ctrl-C
`);
  // In the background, after the banner: a newcomer can look around while the demo fills in.
  if (demoRegio)
    void seedDemoRegion({ engine }).then(
      (r) => console.log(`demo-regio: ${r.status === "bestond-al" ? "al aanwezig" : `klaar in ${(r.duurMs / 1000).toFixed(1)} s`} (${r.procedures.map((p) => `${p.titel}: ${p.status}`).join("; ")})`),
      (err: unknown) => console.warn("demo-regio niet aangemaakt:", err instanceof Error ? err.message : err),
    );

  async function stop(signal: string, exitCode = 0): Promise<void> {
    if (stopping) return;
    stopping = true;
    workerSupervisor.stop();
    serverSupervisor?.stop();
    console.log(`\n${signal}: inkoop stopt...`);
    await new Promise<void>((r) => api.close(() => r()));
    await stopProcess(currentWorker().process);
    await relay.close();
    closeMailTransports();
    await client.connection.close();
    await currentServer()?.stop();
    await inbox?.close();
    console.log("inkoop is gestopt; de gegevens blijven bewaard in", server ? config.temporalDb : config.dataDir);
    process.exit(exitCode);
  }
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("exit", () => {
    currentWorker().process.kill("SIGKILL");
    currentServer()?.process?.kill("SIGTERM");
  });
}

main().catch((err: unknown) => {
  console.error("inkoop kon niet starten:", err instanceof Error ? err.message : err);
  for (const child of startedChildren) child.kill("SIGTERM");
  process.exit(1);
});
