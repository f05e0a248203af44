import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { startReadyProcess } from "./processes";

const root = join(__dirname, "..", "..");
const READY = "inkoop worker klaar";

/**
 * Starts the Temporal worker (scripts/worker.ts) as a child process running TypeScript through tsx,
 * and waits for it to say it polls. Its output goes to the log file.
 */
export async function startWorkerProcess(logFile: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<{ pid: number; process: ChildProcess }> {
  return startReadyProcess(join(root, "scripts", "worker.ts"), READY, logFile, {
    name: "worker",
    timeoutMs,
    // The engine's native core runs many threads; glibc gives each its own malloc arena, and what they free
    // stays in the process. Two arenas: at 500 aanbieders the worker peaked at 727 MiB instead of 807-848,
    // at the same CPU. Whoever sets MALLOC_ARENA_MAX keeps their value.
    env: { MALLOC_ARENA_MAX: "2", ...process.env, ...env },
  });
}

/** Builds the workflow bundle in a child process (webpack's memory leaves with it) and answers its path. */
export async function buildBundleFile(out: string, logFile: string): Promise<string> {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "scripts", "engine", "build-bundle.ts"), out], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  const log = createWriteStream(logFile, { flags: "a" });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`workflowbundel niet gebouwd (code ${code}); zie ${logFile}`);
  return out;
}
