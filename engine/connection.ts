import { Client, Connection, type ConnectionOptions } from "@temporalio/client";
import { readFileSync } from "node:fs";
import { encryptedDataConverter } from "./data-converter";

/**
 * Where the Temporal frontend is. Locally `npm start` and the tests start a dev server; in production
 * the same code reaches a cluster or Temporal Cloud by address, namespace and (m)TLS from the environment.
 */
export interface EngineSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: ConnectionOptions["tls"];
  apiKey?: string;
}

export function engineSettingsFromEnv(env: NodeJS.ProcessEnv = process.env, fallbackAddress = "127.0.0.1:7233"): EngineSettings {
  const cert = env.TEMPORAL_TLS_CERT;
  const key = env.TEMPORAL_TLS_KEY;
  const ca = env.TEMPORAL_TLS_CA;
  const tlsWanted = env.TEMPORAL_TLS === "1" || Boolean(cert) || Boolean(env.TEMPORAL_API_KEY);
  if (Boolean(cert) !== Boolean(key)) throw new Error("TEMPORAL_TLS_CERT en TEMPORAL_TLS_KEY horen samen: geef beide of geen van beide.");
  const tls: ConnectionOptions["tls"] = tlsWanted
    ? {
        ...(cert && key ? { clientCertPair: { crt: readFileSync(cert), key: readFileSync(key) } } : {}),
        ...(ca ? { serverRootCACertificate: readFileSync(ca) } : {}),
        ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME } : {}),
      }
    : undefined;
  return {
    address: env.TEMPORAL_ADDRESS || fallbackAddress,
    namespace: env.TEMPORAL_NAMESPACE || "default",
    taskQueue: env.INKOOP_TASK_QUEUE || "inkoop",
    ...(tls ? { tls } : {}),
    ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}),
  };
}

export function connectionOptions(s: EngineSettings): { address: string; tls?: ConnectionOptions["tls"]; apiKey?: string } {
  return { address: s.address, ...(s.tls ? { tls: s.tls } : {}), ...(s.apiKey ? { apiKey: s.apiKey } : {}) };
}

export async function connectClient(s: EngineSettings): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(s));
  return new Client({ connection, namespace: s.namespace, dataConverter: encryptedDataConverter() });
}
