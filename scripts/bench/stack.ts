import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { engineSettingsFromEnv } from "../../engine/connection";
import { ensurePayloadKeys } from "../../engine/payload-keys";
import { closeMailTransports } from "../../activities/mail";
import { startSmtpInbox, type SmtpInbox } from "../inbox/smtp-inbox";
import { startReadyProcess, stopProcess } from "../stack/processes";
import { freePort } from "../stack/ports";
import { startTemporalServer, type RunningTemporalServer } from "../stack/temporal-server";
import { buildBundleFile, startWorkerProcess } from "../stack/worker-process";
import { API_READY, FLOOR_READY } from "./ready";

export interface BenchStack {
  baseDir: string;
  dataDir: string;
  mailDir: string;
  apiUrl: string;
  workerPid: number;
  /** The API and the mail relay (api-process.ts), as npm start runs them. */
  apiPid: number;
  temporalPid: number | undefined;
  /** The dev server's SQLite file: the engine's storage. */
  temporalDb: string;
  temporalAddress: string;
  namespace: string;
  smtpUrl: string;
  /** The bench-only floor worker (floor-worker.ts): its own process and task queue. */
  floorWorkerPid: number;
  floorTaskQueue: string;
}

/** Starts a script of the bench beside this file as a child process and waits until it prints that it is ready. */
function startReadyChild(script: string, ready: string, logFile: string, env: NodeJS.ProcessEnv) {
  return startReadyProcess(join(__dirname, script), ready, logFile, { env: { ...process.env, ...env } });
}

/**
 * Starts the stack the way test/harness/global-setup.ts does (temporary base dir, free loopback ports,
 * real SMTP inbox; no INKOOP_FAIL_AFTER_SEND) plus the API and the mail relay in a process of their own
 * (api-process.ts), with the dev server on a SQLite file so its storage can be measured, and the
 * bench-only floor worker (floor-worker.ts) beside the real one. `stop` ends whatever was started, also
 * when the start failed half-way.
 */
export function benchStack(): { start(): Promise<BenchStack>; stop(keepData: boolean): Promise<void> } {
  const baseDir = mkdtempSync(join(tmpdir(), "inkoop-bench-"));
  const children: ChildProcess[] = [];
  let inbox: SmtpInbox | undefined;
  let server: RunningTemporalServer | undefined;

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
    const bundle = await buildBundleFile(join(baseDir, "workflow-bundle.js"), join(baseDir, "worker.log"));
    const worker = await startWorkerProcess(join(baseDir, "worker.log"), {
      INKOOP_WORKFLOW_BUNDLE: bundle,
      INKOOP_DATA_DIR: dataDir,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_NAMESPACE: server.namespace,
      INKOOP_TASK_QUEUE: settings.taskQueue,
    });
    children.push(worker.process);
    const floorTaskQueue = "inkoop-bench-floor";
    const floor = await startReadyChild("floor-worker.ts", FLOOR_READY, join(baseDir, "floor-worker.log"), { TEMPORAL_ADDRESS: server.address, TEMPORAL_NAMESPACE: server.namespace, INKOOP_FLOOR_TASK_QUEUE: floorTaskQueue });
    children.push(floor.process);
    // The API in a process of its own, as under npm start, so its memory is measured apart from the load.
    const api = await startReadyChild("api-process.ts", API_READY, join(baseDir, "api-process.log"), {
      INKOOP_DATA_DIR: dataDir,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_NAMESPACE: server.namespace,
      INKOOP_TASK_QUEUE: settings.taskQueue,
      INKOOP_API_PORT: String(apiPort),
      INKOOP_API_LOG: join(baseDir, "api.log"),
    });
    children.push(api.process);
    return {
      baseDir,
      dataDir,
      mailDir,
      apiUrl: `http://127.0.0.1:${apiPort}/api/v1`,
      workerPid: worker.pid,
      apiPid: api.pid,
      temporalPid: server.pid,
      temporalDb,
      temporalAddress: server.address,
      namespace: server.namespace,
      smtpUrl: process.env.INKOOP_SMTP_URL,
      floorWorkerPid: floor.pid,
      floorTaskQueue,
    };
  };

  const stop = async (keepData: boolean): Promise<void> => {
    closeMailTransports();
    await inbox?.close();
    // The API first, the engine last: reverse order of start.
    for (const child of children.reverse()) await stopProcess(child);
    await server?.stop();
    if (!keepData) rmSync(baseDir, { recursive: true, force: true });
  };

  return { start, stop };
}
