// The inkoop web app for test/oidc.e2e.spec.ts, in a process of its own so that openid-client (ESM-only)
// loads in real Node: `node --import tsx test/oidc/app.ts`. It is built the way scripts/start.ts builds
// it: the OpenID Connect settings come from INKOOP_OIDC_* through oidcSettingsFromEnv. Prints `READY <url>`.
//
//   INKOOP_E2E_TEMPORAL_ADDRESS    the Temporal frontend of the test stack (host:port)
//   INKOOP_E2E_TEMPORAL_NAMESPACE  its namespace
//   INKOOP_E2E_TASK_QUEUE          the task queue the test stack's worker polls
//   INKOOP_E2E_PORT                the port to listen on (127.0.0.1)
//   INKOOP_SESSION_SECRET          the cookie-signing key
import { createApp } from "../../api/app";
import { EngineClient } from "../../engine/client";
import { connectClient } from "../../engine/connection";
import { oidcSettingsFromEnv } from "../../api/web/oidc";

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} ontbreekt`);
  return v;
}

async function main(): Promise<void> {
  const port = Number(need("INKOOP_E2E_PORT"));
  const oidc = oidcSettingsFromEnv(process.env);
  if (!oidc) throw new Error("INKOOP_OIDC_* ontbreken: deze app test juist het inloggen via OpenID Connect");

  const taskQueue = need("INKOOP_E2E_TASK_QUEUE");
  const client = await connectClient({ address: need("INKOOP_E2E_TEMPORAL_ADDRESS"), namespace: need("INKOOP_E2E_TEMPORAL_NAMESPACE"), taskQueue });
  const app = createApp({
    engine: new EngineClient(client, taskQueue),
    web: { session: { secret: need("INKOOP_SESSION_SECRET"), secure: false }, oidc },
  });
  const server = app.listen(port, "127.0.0.1", () => console.log(`READY http://127.0.0.1:${port}`));
  server.on("error", (err) => {
    console.error("app kon niet starten:", err.message);
    process.exit(1);
  });

  function stop(): void {
    server.close(() => {
      void client.connection.close().finally(() => process.exit(0));
    });
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  }
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err: unknown) => {
  console.error("app kon niet starten:", err instanceof Error ? err.message : err);
  process.exit(1);
});
