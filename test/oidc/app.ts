// The inkoop web app for test/oidc.e2e.spec.ts, in a process of its own so that openid-client (ESM-only)
// loads in real Node: `node --import tsx test/oidc/app.ts`. It is built the way scripts/start.ts builds
// it: the OpenID Connect settings come from INKOOP_OIDC_* through oidcSettingsFromEnv. Prints `READY <url>`.
//
//   INKOOP_E2E_INGRESS_URL   the Restate ingress of the test stack
//   INKOOP_E2E_PORT          the port to listen on (127.0.0.1)
//   INKOOP_SESSION_SECRET    the cookie-signing key
import "../../scripts/polyfills";
import * as clients from "@restatedev/restate-sdk-clients";
import { createApp } from "../../api/app";
import { oidcSettingsFromEnv } from "../../api/web/oidc";

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} ontbreekt`);
  return v;
}

const port = Number(need("INKOOP_E2E_PORT"));
const oidc = oidcSettingsFromEnv(process.env);
if (!oidc) throw new Error("INKOOP_OIDC_* ontbreken: deze app test juist het inloggen via OpenID Connect");

const app = createApp({
  ingress: clients.connect({ url: need("INKOOP_E2E_INGRESS_URL") }),
  web: { session: { secret: need("INKOOP_SESSION_SECRET"), secure: false }, oidc },
});
const server = app.listen(port, "127.0.0.1", () => console.log(`READY http://127.0.0.1:${port}`));
server.on("error", (err) => {
  console.error("app kon niet starten:", err.message);
  process.exit(1);
});

function stop(): void {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
