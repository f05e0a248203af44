import "./polyfills";
import * as clients from "@restatedev/restate-sdk-clients";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { createApp } from "../api/app";
import { contracts, products, toelatingscriteria } from "../domain/catalogue";
import { loadConfig } from "./config";
import { inboxRouter } from "./inbox/web";
import { startSmtpInbox } from "./inbox/smtp-inbox";
import { startEndpointProcess, stopProcess } from "./stack/endpoint-process";
import { registerDeployment } from "./stack/register";
import { startRestateServer } from "./stack/restate-server";
import { oidcSettingsFromEnv } from "../api/web/oidc";
import { demoUsersTable, seedDemoUsers, type DemoUser } from "./seed-demo-users";

/**
 * `npm start`: the Restate server (data under data/restate, kept across restarts), the service
 * endpoint, its registration, and the API. Ctrl-C stops all of it.
 */
/** The cookie-signing key: from the environment, or generated once and kept in the data directory. */
function sessionSecret(dataDir: string): string {
  if (process.env.INKOOP_SESSION_SECRET) return process.env.INKOOP_SESSION_SECRET;
  const file = join(dataDir, "session-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const config = loadConfig();
  // Read before anything starts: a half-filled OpenID Connect configuration stops npm start here.
  const oidc = oidcSettingsFromEnv(process.env);
  mkdirSync(config.dataDir, { recursive: true });
  const logDir = join(config.dataDir, "logs");
  mkdirSync(logDir, { recursive: true });

  const server = await startRestateServer({
    baseDir: config.restateDir,
    ingressPort: config.ingressPort,
    adminPort: config.adminPort,
    nodePort: config.nodePort,
    logFile: join(logDir, "restate-server.log"),
  });
  // The API and the endpoint share one document store; mail goes to a real SMTP server.
  process.env.INKOOP_DATA_DIR = config.dataDir;
  const inbox = config.smtpUrl ? null : await startSmtpInbox({ port: config.smtpPort, host: "127.0.0.1", dir: config.mailDir });
  const smtpUrl = config.smtpUrl ?? `smtp://127.0.0.1:${config.smtpPort}`;
  process.env.INKOOP_SMTP_URL = smtpUrl;
  const endpoint = await startEndpointProcess(config.endpointPort, join(logDir, "endpoint.log"), { INKOOP_DATA_DIR: config.dataDir, INKOOP_SMTP_URL: smtpUrl });
  const services = await registerDeployment(server.adminUrl, endpoint.url);

  const roleHeaders = process.env.INKOOP_ROLE_HEADERS === "1" && process.env.NODE_ENV !== "production";
  const ingress = clients.connect({ url: server.ingressUrl });
  // Demo accounts with public passwords: only on a developer's machine, never in production.
  const demoUsers: DemoUser[] =
    process.env.NODE_ENV === "production"
      ? []
      : await seedDemoUsers(ingress).catch((err: unknown) => {
          console.warn("demo-accounts niet aangemaakt:", err instanceof Error ? err.message : err);
          return [];
        });
  const app = createApp({
    ingress,
    web: { session: { secret: sessionSecret(config.dataDir), secure: process.env.NODE_ENV === "production" }, oidc },
    roleHeaders,
  });
  if (inbox) app.use("/inbox", inboxRouter(config.mailDir));
  const api: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.apiPort, "127.0.0.1", () => resolve(s));
    s.on("error", reject);
  });

  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`
inkoop draait (gestart in ${seconds} s)
  API              http://localhost:${config.apiPort}/api/v1   (OpenAPI: /api/v1/openapi.json)
  Restate UI       ${server.adminUrl}/ui/
  Mail             ${inbox ? `http://localhost:${config.apiPort}/inbox   (lokale SMTP-server op ${smtpUrl})` : smtpUrl}
  Restate ingress  ${server.ingressUrl}
  Service endpoint ${endpoint.url}  (diensten: ${services.join(", ")})
  Gegevens         ${config.restateDir}
  Logbestanden     ${logDir}
  Catalogus        ${contracts.length} contracten, ${products.length} producten, ${toelatingscriteria.length} toelatingscriteria
${roleHeaders ? "  LET OP           X-Inkoop-Rol-headers staan aan (INKOOP_ROLE_HEADERS=1): alleen voor ontwikkeling\n" : ""}${demoUsers.length > 0 ? `  Inloggen         http://localhost:${config.apiPort}/inloggen   met een demo-account (niet voor productie):\n${demoUsersTable(demoUsers)}\n` : ""}Stoppen: Ctrl-C
`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: inkoop stopt...`);
    await new Promise<void>((r) => api.close(() => r()));
    await stopProcess(endpoint.process);
    await stopProcess(server.process);
    await inbox?.close();
    console.log("inkoop is gestopt; de gegevens blijven bewaard in", config.restateDir);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("exit", () => {
    endpoint.process.kill("SIGKILL");
    server.process.kill("SIGTERM");
  });
}

main().catch((err: unknown) => {
  console.error("inkoop kon niet starten:", err instanceof Error ? err.message : err);
  process.exit(1);
});
