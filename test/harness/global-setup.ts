import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startMailRelay } from "../../activities/outbox";
import { ensureKeyFile } from "../../engine/payload-keys";
import { buildWorkflowBundle } from "../../engine/worker";
import { startSmtpInbox } from "../../scripts/inbox/smtp-inbox";
import { freePort } from "../../scripts/stack/ports";
import { startTemporalServer } from "../../scripts/stack/temporal-server";
import { startWorkerProcess } from "../../scripts/stack/worker-process";
import { HISTORY_FIXTURE_KEYS } from "./record-histories";
import { STACK_FILE, type StackInfo } from "./stack-file";

type Globals = { __inkoopInbox?: { close(): Promise<void> }; __inkoopTemporal?: { stop(): Promise<void> }; __inkoopRelay?: { close(): Promise<void> } };

/**
 * Starts a real Temporal dev server (in memory, free loopback ports), one worker process with the
 * project's workflows and activities, a real SMTP inbox, and the mail relay that sends what the
 * workers put in the outbox. No test mocks the engine.
 */
export default async function globalSetup(): Promise<void> {
  const baseDir = mkdtempSync(join(tmpdir(), "inkoop-test-temporal-"));
  const dataDir = join(baseDir, "inkoop-data");
  const mailDir = join(baseDir, "mail");
  const smtpPort = await freePort();
  const inbox = await startSmtpInbox({ port: smtpPort, host: "127.0.0.1", dir: mailDir });
  (globalThis as Globals).__inkoopInbox = inbox;
  const [server, bundle] = await Promise.all([
    startTemporalServer({ port: await freePort(), logFile: join(baseDir, "temporal-server.log") }),
    buildWorkflowBundle(),
  ]);
  (globalThis as Globals).__inkoopTemporal = server;
  const bundlePath = join(baseDir, "workflow-bundle.js");
  writeFileSync(bundlePath, bundle.code);
  const taskQueue = "inkoop-test";
  const payloadKeyFile = process.env.INKOOP_RECORD_HISTORIES === "1" ? HISTORY_FIXTURE_KEYS : ensureKeyFile(join(baseDir, "keys", "payload-keys.json"));
  const smtpUrl = `smtp://127.0.0.1:${smtpPort}`;
  const worker = await startWorkerProcess(join(baseDir, "worker.log"), {
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_NAMESPACE: server.namespace,
    INKOOP_TASK_QUEUE: taskQueue,
    INKOOP_WORKFLOW_BUNDLE: bundlePath,
    INKOOP_DATA_DIR: dataDir,
    INKOOP_PAYLOAD_KEY_FILE: payloadKeyFile,
  });
  // The relay runs here, in jest's parent, for the whole run: it reads the outbox under the data directory.
  process.env.INKOOP_DATA_DIR = dataDir;
  process.env.INKOOP_SMTP_URL = smtpUrl;
  // Every first send fails after delivery, so each mail goes through the relay's retry: none may arrive twice.
  const relayLog = join(baseDir, "relay.log");
  (globalThis as Globals).__inkoopRelay = startMailRelay({ pollMs: 200, failAfterSend: true, log: (line) => appendFileSync(relayLog, `${new Date().toISOString()} ${line}\n`) });
  const info: StackInfo = {
    temporalAddress: server.address,
    namespace: server.namespace,
    taskQueue,
    ...(server.pid !== undefined ? { temporalPid: server.pid } : {}),
    workerPid: worker.pid,
    baseDir,
    dataDir,
    mailDir,
    smtpUrl,
    bundlePath,
    payloadKeyFile,
  };
  mkdirSync(dirname(STACK_FILE), { recursive: true });
  writeFileSync(STACK_FILE, JSON.stringify(info, null, 2));
  // The children must not keep jest's parent alive, and must not die with its stdio.
  server.process?.unref();
  worker.process.unref();
}
