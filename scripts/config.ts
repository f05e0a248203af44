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
    /** The dev server's SQLite file: every workflow's state and history, kept across restarts. */
    temporalDb: resolve(process.env.INKOOP_TEMPORAL_DB ?? resolve(dataDir, "temporal", "temporal.db")),
    apiPort: num("INKOOP_API_PORT", 3000),
    /** Without TEMPORAL_ADDRESS, npm start runs a dev server on these ports; with it, it uses that cluster. */
    temporalAddress: process.env.TEMPORAL_ADDRESS || undefined,
    temporalPort: num("INKOOP_TEMPORAL_PORT", 7233),
    temporalUiPort: num("INKOOP_TEMPORAL_UI_PORT", 8233),
    temporalHttpPort: num("INKOOP_TEMPORAL_HTTP_PORT", 7243),
    temporalMetricsPort: num("INKOOP_TEMPORAL_METRICS_PORT", 7244),
    /** Mail goes here; without INKOOP_SMTP_URL, npm start runs a local SMTP inbox on this port. */
    smtpUrl: process.env.INKOOP_SMTP_URL || undefined,
    smtpPort: num("INKOOP_SMTP_PORT", 2525),
    mailDir: resolve(process.env.INKOOP_MAIL_DIR ?? resolve(dataDir, "mail")),
  };
}
export type Config = ReturnType<typeof loadConfig>;
