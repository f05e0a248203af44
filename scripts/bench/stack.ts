import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../api/app";
import { EngineClient } from "../../engine/client";
import { connectClient, engineSettingsFromEnv } from "../../engine/connection";
import { ensurePayloadKeys } from "../../engine/payload-keys";
import { closeMailTransports } from "../../activities/mail";
import { startMailRelay, type MailRelay } from "../../activities/outbox";
import { startSmtpInbox, type SmtpInbox } from "../inbox/smtp-inbox";
import { stopProcess } from "../stack/processes";
import { freePort } from "../stack/ports";
import { startTemporalServer, type RunningTemporalServer } from "../stack/temporal-server";
import { buildBundleFile, startWorkerProcess } from "../stack/worker-process";

export interface BenchStack {
  baseDir: string;
  dataDir: string;
  mailDir: string;
  apiUrl: string;
  workerPid: number;
  temporalPid: number | undefined;
  /** The dev server's SQLite file: the engine's storage. */
  temporalDb: string;
}

/**
 * Starts the stack the way test/harness/global-setup.ts does (temporary base dir, free loopback ports,
 * real SMTP inbox; no INKOOP_FAIL_AFTER_SEND) plus the API in-process, with the dev server on a SQLite
 * file so its storage can be measured. `stop` ends whatever was started, also when the start failed half-way.
 */
export function benchStack(): { start(): Promise<BenchStack>; stop(keepData: boolean): Promise<void> } {
  const baseDir = mkdtempSync(join(tmpdir(), "inkoop-bench-"));
  const children: ChildProcess[] = [];
  let inbox: SmtpInbox | undefined;
  let api: Server | undefined;
  let server: RunningTemporalServer | undefined;
  let closeClient: (() => Promise<void>) | undefined;
  let relay: MailRelay | undefined;

  const start = async (): Promise<BenchStack> => {
    const [temporalPort, smtpPort, apiPort] = [await freePort(), await freePort(), await freePort()] as const;
    const temporalDb = join(baseDir, "temporal.db");
    server = await startTemporalServer({ dbFile: temporalDb, port: temporalPort, logFile: join(baseDir, "temporal-server.log") });
    const dataDir = join(baseDir, "inkoop-data");
    const mailDir = join(baseDir, "mail");
    // The API serves documents from the same store as the worker.
    process.env.INKOOP_DATA_DIR = dataDir;
    ensurePayloadKeys(process.env, join(baseDir, "keys", "payload-keys.json"), false);
    inbox = await startSmtpInbox({ port: smtpPort, host: "127.0.0.1", dir: mailDir });
    const settings = { ...engineSettingsFromEnv({}, server.address), namespace: server.namespace, taskQueue: "inkoop-bench" };
    process.env.INKOOP_SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    relay = startMailRelay({ pollMs: 200 });
    const bundle = await buildBundleFile(join(baseDir, "workflow-bundle.js"), join(baseDir, "worker.log"));
    const worker = await startWorkerProcess(join(baseDir, "worker.log"), {
      INKOOP_WORKFLOW_BUNDLE: bundle,
      INKOOP_DATA_DIR: dataDir,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_NAMESPACE: server.namespace,
      INKOOP_TASK_QUEUE: settings.taskQueue,
    });
    children.push(worker.process);
    const client = await connectClient(settings);
    closeClient = () => client.connection.close();
    const app = createApp({ engine: new EngineClient(client, settings.taskQueue), roleHeaders: true });
    api = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(apiPort, "127.0.0.1", () => resolve(s));
      s.on("error", reject);
    });
    return { baseDir, dataDir, mailDir, apiUrl: `http://127.0.0.1:${apiPort}/api/v1`, workerPid: worker.pid, temporalPid: server.pid, temporalDb };
  };

  const stop = async (keepData: boolean): Promise<void> => {
    const http = api;
    if (http) {
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    }
    await relay?.close();
    closeMailTransports();
    await inbox?.close();
    await closeClient?.();
    // The worker first, then the engine: reverse order of start.
    for (const child of children.reverse()) await stopProcess(child);
    await server?.stop();
    if (!keepData) rmSync(baseDir, { recursive: true, force: true });
  };

  return { start, stop };
}
