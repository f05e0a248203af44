import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ClientOptions, type ConnectionOptions } from "@temporalio/client";
import { readFileSync } from "node:fs";
import { requestIdClientInterceptor } from "../api/ops/request-context";
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

/**
 * The client's channel while the engine is away: the SDK's default retries a call for about 20 s
 * (10 attempts, backoff up to 5 s), so a request would hang that long; here a call retries for about
 * 1 s (a blip, a leader change) and then fails, and the API answers 503. After the engine returns, the
 * channel reconnects within a second instead of after gRPC's backoff of up to two minutes.
 */
export const clientChannelOptions: Pick<ConnectionOptions, "interceptors" | "channelArgs"> = {
  interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 4 }))],
  channelArgs: { "grpc.initial_reconnect_backoff_ms": 200, "grpc.max_reconnect_backoff_ms": 1_000 },
};

/** Every start, update, signal and query carries the request id it runs for in its Temporal headers (api/ops/request-context). */
export const clientInterceptors = { workflow: [requestIdClientInterceptor] };

export async function connectClient(s: EngineSettings): Promise<Client> {
  return clientOn(await Connection.connect({ ...connectionOptions(s), ...clientChannelOptions }), s.namespace);
}

/** The project's client (encrypted payloads, request ids in the headers) on a connection made elsewhere, e.g. the worker's own. */
export function clientOn(connection: ClientOptions["connection"], namespace: string): Client {
  return new Client({ connection, namespace, dataConverter: encryptedDataConverter(), interceptors: clientInterceptors });
}
