import { Client, Connection } from "@temporalio/client";
import { appendFileSync, readFileSync } from "node:fs";
import { randomInt } from "node:crypto";
import { EngineClient } from "../../engine/client";
import { encryptedDataConverter } from "../../engine/data-converter";
import { readKeyFile } from "../../engine/payload-keys";
import { STACK_FILE, type StackInfo } from "./stack-file";

export function stack(): StackInfo {
  return JSON.parse(readFileSync(STACK_FILE, "utf8")) as StackInfo;
}

let cached: { client: Client; engine: EngineClient } | undefined;

/** The Temporal client of this test file (one connection, opened lazily on first use). */
export function temporalClient(): Client {
  if (!cached) {
    const s = stack();
    const client = new Client({ connection: Connection.lazy({ address: s.temporalAddress }), namespace: s.namespace, dataConverter: encryptedDataConverter(readKeyFile(s.payloadKeyFile)) });
    cached = { client, engine: new EngineClient(client, s.taskQueue) };
  }
  return cached.client;
}

/** The engine as the API sees it. */
export function engine(): EngineClient {
  temporalClient();
  return cached!.engine;
}

/** Closes this file's connection, so jest's worker exits cleanly. */
export async function closeEngine(): Promise<void> {
  await cached?.client.connection.close();
  cached = undefined;
}

/** Processes a test starts beyond the harness's own; the global teardown stops them too. */
export function recordPid(pid: number): void {
  appendFileSync(`${STACK_FILE}.pids`, `${pid}\n`);
}

let seq = 0;
/** Unique ids per test run, so tests sharing one engine never touch each other's entities. */
export function uniqueId(prefix: string): string {
  seq += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${seq}`;
}

/** A random KvK number, so tests sharing one engine do not meet each other's aanbieders. */
export function uniqueKvk(): string {
  return String(randomInt(10_000_000, 100_000_000));
}
