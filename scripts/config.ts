import { existsSync } from "node:fs";
import { resolve } from "node:path";

/** Settings for `npm start`, from the environment (and .env when present); see .env.example. */
export function loadConfig() {
  const envFile = resolve(process.cwd(), ".env");
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const num = (name: string, fallback: number) => {
    const raw = process.env[name];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new Error(`${name} moet een poortnummer zijn, niet '${raw}'`);
    return n;
  };
  const dataDir = resolve(process.env.INKOOP_DATA_DIR ?? "data");
  return {
    dataDir,
    restateDir: resolve(process.env.INKOOP_RESTATE_DIR ?? resolve(dataDir, "restate")),
    apiPort: num("INKOOP_API_PORT", 3000),
    endpointPort: num("INKOOP_ENDPOINT_PORT", 9080),
    ingressPort: num("RESTATE_INGRESS_PORT", 8080),
    adminPort: num("RESTATE_ADMIN_PORT", 9070),
    nodePort: num("RESTATE_NODE_PORT", 5122),
    /** Mail goes here; without INKOOP_SMTP_URL, npm start runs a local SMTP inbox on this port. */
    smtpUrl: process.env.INKOOP_SMTP_URL || undefined,
    smtpPort: num("INKOOP_SMTP_PORT", 2525),
    mailDir: resolve(process.env.INKOOP_MAIL_DIR ?? resolve(dataDir, "mail")),
  };
}
export type Config = ReturnType<typeof loadConfig>;
