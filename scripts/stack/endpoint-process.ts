import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { connect } from "node:net";
import { waitFor } from "./ports";

const root = join(__dirname, "..", "..");

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Starts the Restate service endpoint (workflows/) as a child process running TypeScript through tsx. */
export async function startEndpointProcess(port: number, logFile: string, env: NodeJS.ProcessEnv = {}): Promise<{ pid: number; url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "scripts", "serve-endpoint.ts")], {
    cwd: root,
    env: { ...process.env, ...env, INKOOP_ENDPOINT_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(logFile, { flags: "a" });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: string | null = null;
  child.on("exit", (code, signal) => {
    exited = `service endpoint stopte (code ${code}, signaal ${signal}); zie ${logFile}`;
  });
  await waitFor("service endpoint", async () => {
    if (exited) throw new Error(exited);
    return portOpen(port);
  }).catch((err) => {
    throw exited ? new Error(exited) : err;
  });
  if (child.pid === undefined) throw new Error("service endpoint heeft geen pid");
  return { pid: child.pid, url: `http://127.0.0.1:${port}`, process: child };
}

export function stopProcess(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
