import { createWriteStream } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { closeMailTransports } from "../../activities/mail";
import { startMailRelay } from "../../activities/outbox";
import { createApp } from "../../api/app";
import { createLogger, logLevelFromEnv } from "../../api/ops/logging";
import { EngineClient, OWN_SERVER_CLIENT_UPDATES } from "../../engine/client";
import { connectClient, engineSettingsFromEnv } from "../../engine/connection";
import { API_READY } from "./ready";


/**
 * The benchmark's API, a process of its own as under `npm start`: the API and the mail relay, without
 * the load, the SMTP inbox and the floor's client, so the bench reports what the API itself holds.
 *   TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, INKOOP_TASK_QUEUE, INKOOP_DATA_DIR, INKOOP_SMTP_URL,
 *   INKOOP_API_PORT and the payload keys from the environment; the request log goes to INKOOP_API_LOG.
 */
async function main(): Promise<void> {
  const settings = engineSettingsFromEnv();
  const client = await connectClient(settings);
  const relay = startMailRelay({ pollMs: 200 });
  const logFile = process.env.INKOOP_API_LOG ?? join(process.env.INKOOP_DATA_DIR ?? ".", "api.log");
  const logger = createLogger("api", { level: logLevelFromEnv(), destination: createWriteStream(logFile, { flags: "a" }) });
  const app = createApp({ engine: new EngineClient(client, settings.taskQueue, undefined, { updatesInFlight: OWN_SERVER_CLIENT_UPDATES }), roleHeaders: true, logger });
  const api = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(Number(process.env.INKOOP_API_PORT), "127.0.0.1", () => resolve(s));
    s.on("error", reject);
  });
  console.log(API_READY);

  const stop = async () => {
    api.closeAllConnections();
    await new Promise<void>((r) => api.close(() => r()));
    await relay.close();
    closeMailTransports();
    await client.connection.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
}

if (require.main === module)
  main().catch((err: unknown) => {
    console.error("bench-API stopte:", err);
    process.exit(1);
  });
