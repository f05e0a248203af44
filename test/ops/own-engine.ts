import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@temporalio/client";
import { EngineClient } from "../../engine/client";
import { connectClient } from "../../engine/connection";
import { ensureTemporalBinary } from "../../scripts/engine/temporal-binary";
import { freePort } from "../../scripts/stack/ports";
import { startTemporalServer, type RunningTemporalServer, type TemporalServerOptions } from "../../scripts/stack/temporal-server";
import { startWorkerProcess } from "../../scripts/stack/worker-process";
import { recordPid, stack } from "../harness/stack";

/**
 * A Temporal dev server of the test's own (a SQLite file, fixed ports), a worker process on its own
 * task queue, and the client npm start uses: what a fault test kills and starts again, apart from the
 * harness's shared stack.
 */
export interface OwnEngine {
  readonly taskQueue: string;
  /** The worker that runs now (a new one after startWorker). */
  readonly worker: { pid: number; process: ChildProcess };
  readonly client: Client;
  readonly engine: EngineClient;
  /** SIGKILL of the server; resolves once it has exited. */
  kill(): Promise<void>;
  /** The server again, on the same file and ports. */
  restart(): Promise<void>;
  /** SIGKILL of the worker; resolves once it has exited. */
  killWorker(): Promise<void>;
  /** A new worker process on the same task queue (after killWorker). */
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnEngine(naam: string): Promise<OwnEngine> {
  const dir = mkdtempSync(join(tmpdir(), `inkoop-${naam}-`));
  const taskQueue = `${naam}-${process.pid}`;
  const options: TemporalServerOptions = {
    dbFile: join(dir, "temporal.db"),
    port: await freePort(),
    httpPort: await freePort(),
    metricsPort: await freePort(),
    logFile: join(dir, "temporal-server.log"),
    binary: await ensureTemporalBinary(),
  };
  let server: RunningTemporalServer = await startTemporalServer(options);
  if (!server.process) throw new Error("deze test heeft een Temporal-binary nodig die hij zelf kan stoppen");
  const workerEnv = {
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_NAMESPACE: server.namespace,
    INKOOP_TASK_QUEUE: taskQueue,
    INKOOP_WORKFLOW_BUNDLE: stack().bundlePath,
    INKOOP_DATA_DIR: stack().dataDir,
    INKOOP_PAYLOAD_KEY_FILE: stack().payloadKeyFile,
  };
  const launch = async () => {
    const w = await startWorkerProcess(join(dir, "worker.log"), workerEnv);
    recordPid(w.pid);
    return w;
  };
  let worker = await launch();
  const client = await connectClient({ address: server.address, namespace: server.namespace, taskQueue });
  const killed = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once("exit", () => r())));
  return {
    taskQueue,
    get worker() {
      return worker;
    },
    client,
    engine: new EngineClient(client, taskQueue),
    async kill() {
      const p = server.process!;
      p.kill("SIGKILL");
      await killed(p);
    },
    async restart() {
      server = await startTemporalServer(options);
    },
    async killWorker() {
      worker.process.kill("SIGKILL");
      await killed(worker.process);
    },
    async startWorker() {
      worker = await launch();
    },
    async stop() {
      await client.connection.close();
      worker.process.kill("SIGTERM");
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
