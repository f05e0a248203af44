import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { basename, join } from "node:path";

const root = join(__dirname, "..", "..");

/**
 * Starts a TypeScript script (through tsx) as a child process and waits until it prints `ready`. Its
 * output goes to the log file; a child that stops first, or is not ready in time, fails the start.
 */
export async function startReadyProcess(
  script: string,
  ready: string,
  logFile: string,
  opts: { env?: NodeJS.ProcessEnv; name?: string; timeoutMs?: number } = {},
): Promise<{ pid: number; process: ChildProcess }> {
  const name = opts.name ?? basename(script, ".ts");
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: root, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  const log = createWriteStream(logFile, { flags: "a" });
  child.stderr?.pipe(log);
  await new Promise<void>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`${name} niet klaar binnen ${timeoutMs} ms; zie ${logFile}`)), timeoutMs);
    child.stdout?.on("data", (chunk: Buffer) => {
      log.write(chunk);
      if (seen.length < 10_000) seen += chunk.toString("utf8");
      if (seen.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} stopte (code ${code}, signaal ${signal}); zie ${logFile}`));
    });
  });
  if (child.pid === undefined) throw new Error(`${name} heeft geen pid`);
  return { pid: child.pid, process: child };
}

/** Stops a child process: SIGTERM, then SIGKILL after the timeout. */
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
