import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { Connection } from "@temporalio/client";
import { ensureTemporalBinary, inkoopCacheDir, type TemporalBinary } from "../engine/temporal-binary";
import { OWN_SERVER_IN_FLIGHT_UPDATES } from "../../engine/client";
import { stopProcess } from "./processes";
import { freePort } from "./ports";

export interface TemporalServerOptions {
  /** SQLite file for the server's state; undefined keeps everything in memory (lost on stop). */
  dbFile?: string;
  /** Frontend gRPC port: what clients and workers connect to. */
  port: number;
  /** Web UI port; undefined runs headless. */
  uiPort?: number;
  httpPort?: number;
  metricsPort?: number;
  /** Created at start when missing; "default" always exists. */
  namespace?: string;
  /** Custom search attributes, name → type (Keyword, Text, Int, Double, Bool, Datetime, KeywordList). */
  searchAttributes?: Record<string, string>;
  logFile: string;
  ip?: string;
  /** Skips the lookup when the caller already resolved it (e.g. once for many test servers). */
  binary?: TemporalBinary;
}

export interface RunningTemporalServer {
  pid: number | undefined;
  /** host:port for `Connection.connect({ address })` and `NativeConnection.connect({ address })`. */
  address: string;
  uiUrl?: string;
  namespace: string;
  /** Absent when @temporalio/testing runs the server (download fallback). */
  process?: ChildProcess;
  stop(): Promise<void>;
}

// Update-with-start and workflow updates are off by default in the dev server; the API uses both.
const DYNAMIC_CONFIG: Record<string, unknown> = {
  "frontend.enableExecuteMultiOperation": true,
  "frontend.enableUpdateWorkflowExecution": true,
  "frontend.enableUpdateWorkflowExecutionAsyncAccepted": true,
  // 10 by default: the API's limiter (engine/client.ts) lets more submissions reach a procedure at once.
  "history.maxInFlightUpdates": OWN_SERVER_IN_FLIGHT_UPDATES,
  // An activity scheduled by a workflow task comes back with that task's answer instead of through the
  // task queue: one round trip and one write fewer per render and per mail.
  "system.enableActivityEagerExecution": true,
  // Likewise an entity that an activity starts (activities/entities): its first task comes back with the start.
  "system.enableEagerWorkflowStart": true,
};

const READY_TIMEOUT_MS = 60_000;

export async function startTemporalServer(opts: TemporalServerOptions): Promise<RunningTemporalServer> {
  const binary = opts.binary ?? (await ensureTemporalBinary());
  if (binary.kind === "path") return spawnDevServer(binary.path, opts);
  const downloadDir = join(inkoopCacheDir(), "temporal-cli-download");
  mkdirSync(downloadDir, { recursive: true });
  try {
    return await startWithTestingLibrary(opts, { type: "cached-download", downloadDir });
  } catch (err) {
    throw new Error(
      `Geen bruikbare Temporal CLI gevonden en downloaden lukte niet. Zorg voor een werkende Go (npm run engine:build bouwt hem dan) ` +
        `of zet INKOOP_TEMPORAL_BIN op een temporal-binary. Oorzaak: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}

/**
 * The dev server's SQLite file in WAL mode with synchronous=NORMAL: a commit no longer waits for its own
 * fsync, which made the engine the bottleneck (the besluiten of 200 aanbieders took 44 s, now 24 s). A
 * killed server (kill -9) loses nothing committed; a power failure of the machine can lose the last
 * commits. INKOOP_TEMPORAL_SYNC=full keeps the fsync per commit; a region that cannot accept the
 * difference runs Temporal on PostgreSQL (TEMPORAL_ADDRESS) anyway.
 */
export function sqlitePragmas(sync = process.env.INKOOP_TEMPORAL_SYNC): string[] {
  if (sync !== undefined && sync !== "" && sync !== "normal" && sync !== "full") throw new Error(`INKOOP_TEMPORAL_SYNC moet 'normal' of 'full' zijn, niet '${sync}'`);
  return ["--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", `synchronous=${sync === "full" ? "full" : "normal"}`];
}

function commonArgs(opts: TemporalServerOptions): string[] {
  const args: string[] = [];
  if (opts.dbFile) args.push(...sqlitePragmas());
  for (const [key, value] of Object.entries(DYNAMIC_CONFIG)) args.push("--dynamic-config-value", `${key}=${JSON.stringify(value)}`);
  for (const [name, type] of Object.entries(opts.searchAttributes ?? {})) args.push("--search-attribute", `${name}=${type}`);
  return args;
}

/** Clients cannot dial a wildcard address; the server is reachable on loopback then. */
function dialHost(ip: string): string {
  return ip === "0.0.0.0" || ip === "::" ? "127.0.0.1" : ip;
}

async function spawnDevServer(binary: string, opts: TemporalServerOptions): Promise<RunningTemporalServer> {
  // Ports we pick ourselves can be taken between freePort() and the server's bind; then pick again.
  for (let attempt = 1; ; attempt++) {
    const httpPort = opts.httpPort ?? (await freePort());
    const metricsPort = opts.metricsPort ?? (await freePort());
    try {
      return await spawnOnce(binary, opts, httpPort, metricsPort);
    } catch (err) {
      // A port the caller chose is the caller's to change. The others are ours (freePort above) or the
      // server's own: it picks the ports of its internal services itself, and another process can take
      // one before it binds. A new start picks them again.
      const callers = [opts.port, opts.uiPort, opts.httpPort, opts.metricsPort];
      if (attempt < 3 && err instanceof PortInUseError && !err.ports.some((p) => callers.includes(p))) continue;
      throw err;
    }
  }
}

class PortInUseError extends Error {
  constructor(
    message: string,
    readonly ports: number[],
  ) {
    super(message);
  }
}

async function spawnOnce(binary: string, opts: TemporalServerOptions, httpPort: number, metricsPort: number): Promise<RunningTemporalServer> {
  const ip = opts.ip ?? "127.0.0.1";
  const namespace = opts.namespace ?? "default";
  // Every port explicit: left out, the CLI picks random ones, which makes a second instance unpredictable.
  const args = ["server", "start-dev", "--ip", ip, "--port", String(opts.port), "--http-port", String(httpPort), "--metrics-port", String(metricsPort)];
  args.push(...(opts.uiPort === undefined ? ["--headless"] : ["--ui-port", String(opts.uiPort)]));
  if (namespace !== "default") args.push("--namespace", namespace);
  if (opts.dbFile) {
    mkdirSync(dirname(opts.dbFile), { recursive: true });
    args.push("--db-filename", opts.dbFile);
  }
  args.push("--log-level", "warn", ...commonArgs(opts));

  mkdirSync(dirname(opts.logFile), { recursive: true });
  // The child writes to the file itself: nothing is lost when this process dies, and the tail is complete on exit.
  const fd = openSync(opts.logFile, "a");
  // The file is shared by every start (npm start restarts the engine): this start's part begins here.
  const logStart = fstatSync(fd).size;
  const child = spawn(binary, args, { stdio: ["ignore", fd, fd] });
  closeSync(fd);
  let exited: string | null = null;
  const gone = new Promise<false>((resolve) => {
    child.on("exit", (code, signal) => {
      exited = `Temporal-server stopte (code ${code}, signaal ${signal})`;
      resolve(false);
    });
    child.on("error", (err) => {
      exited = `Temporal-server startte niet: ${err.message}`;
      resolve(false);
    });
  });

  const host = dialHost(ip);
  const address = `${host}:${opts.port}`;
  const deadline = performance.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      const failure = startFailure(logSince(opts.logFile, logStart));
      const message = `${exited}; zie ${opts.logFile}:\n${failure.summary}`;
      throw failure.busyPorts.length > 0 ? new PortInUseError(message, failure.busyPorts) : new Error(message);
    }
    if (performance.now() > deadline) {
      await stopProcess(child);
      throw new Error(`Temporal-server is niet op tijd gestart (${READY_TIMEOUT_MS / 1000} s); zie ${opts.logFile}:\n${lastLines(logSince(opts.logFile, logStart), 20)}`);
    }
    // Raced against exit: when someone else holds the port, the probe talks to them and would hang.
    if (await Promise.race([probe(host, opts.port, namespace), gone])) break;
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    pid: child.pid,
    address,
    uiUrl: opts.uiPort === undefined ? undefined : `http://${host}:${opts.uiPort}`,
    namespace,
    process: child,
    stop: () => stopProcess(child),
  };
}

async function probe(host: string, port: number, namespace: string): Promise<boolean> {
  return (await portOpen(host, port)) && (await namespaceReady(`${host}:${port}`, namespace));
}

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * The frontend listens before it serves: until the namespace answers, workers and clients would get
 * "namespace not found" or UNAVAILABLE.
 */
async function namespaceReady(address: string, namespace: string): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    // No retry interceptor: the caller's loop retries, and a retrying call would outlive its deadline.
    connection = await Connection.connect({ address, connectTimeout: "2s", interceptors: [] });
    const c = connection;
    await c.withDeadline(Date.now() + 2000, () => c.workflowService.describeNamespace({ namespace }));
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

function lastLines(text: string, lines: number): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

function logSince(file: string, offset: number): string {
  try {
    return readFileSync(file).subarray(offset).toString("utf8");
  } catch {
    return "";
  }
}

const ERROR_LINE = /level=ERROR|^panic:|^fatal error:/;
const PORT_IN_USE = /listen tcp \S*:(\d+): bind: address already in use/g;

/**
 * Why a start failed, from what it wrote. The dev server logs a failed bind as an error and goes on,
 * so a Go panic follows whose stack is longer than any tail: the error and panic lines come first.
 */
export function startFailure(log: string): { summary: string; busyPorts: number[] } {
  const lines = log.trimEnd().split("\n");
  const errors = lines.filter((line) => ERROR_LINE.test(line)).slice(0, 10);
  const last = lastLines(log, 20);
  const summary = errors.length > 0 ? `${errors.join("\n")}\n[…]\n${last}` : last;
  const busyPorts = [...new Set([...log.matchAll(PORT_IN_USE)].map((m) => Number(m[1])))];
  return { summary, busyPorts };
}

/**
 * Fallback without a local binary: @temporalio/testing downloads the CLI (needs internet) and runs
 * the same dev server. Its own log goes nowhere, so the log file stays empty then.
 * Exported so the fallback can be exercised with an existing binary.
 */
export async function startWithTestingLibrary(
  opts: TemporalServerOptions,
  executable: { type: "cached-download"; downloadDir?: string } | { type: "existing-path"; path: string },
): Promise<RunningTemporalServer> {
  // Loaded lazily: it pulls in the native worker bridge, which the normal path never needs.
  const { TestWorkflowEnvironment } = await import("@temporalio/testing");
  const ip = opts.ip ?? "127.0.0.1";
  const namespace = opts.namespace ?? "default";
  const httpPort = opts.httpPort ?? (await freePort());
  const metricsPort = opts.metricsPort ?? (await freePort());
  if (opts.dbFile) mkdirSync(dirname(opts.dbFile), { recursive: true });
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable,
      dbFilename: opts.dbFile,
      ip,
      port: opts.port,
      ui: opts.uiPort !== undefined,
      uiPort: opts.uiPort,
      namespace,
      log: { format: "pretty", level: "warn" },
      extraArgs: ["--http-port", String(httpPort), "--metrics-port", String(metricsPort), ...commonArgs(opts)],
    },
  });
  const host = dialHost(ip);
  return {
    pid: undefined,
    address: `${host}:${opts.port}`,
    uiUrl: opts.uiPort === undefined ? undefined : `http://${host}:${opts.uiPort}`,
    namespace,
    stop: () => env.teardown(),
  };
}
