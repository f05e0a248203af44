import { readFileSync, rmSync } from "node:fs";
import { closeMailTransports } from "../../activities/mail";
import { recordHistories } from "./record-histories";
import { STACK_FILE, type StackInfo } from "./stack-file";

type Globals = { __inkoopInbox?: { close(): Promise<void> }; __inkoopTemporal?: { stop(): Promise<void> }; __inkoopRelay?: { close(): Promise<void> } };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopPid(pid: number): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + 10_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) process.kill(pid, "SIGKILL");
}

/** Stops the worker, then the Temporal server, and removes the temporary data. */
export default async function globalTeardown(): Promise<void> {
  const info = JSON.parse(readFileSync(STACK_FILE, "utf8")) as StackInfo;
  const g = globalThis as Globals;
  if (process.env.INKOOP_RECORD_HISTORIES === "1") console.log(`\ngeschiedenissen bewaard: ${(await recordHistories(info)).join(", ")}`);
  await g.__inkoopRelay?.close();
  closeMailTransports();
  await g.__inkoopInbox?.close();
  await stopPid(info.workerPid);
  // A test may have replaced the worker (the crash test): whatever it started is recorded beside the stack file.
  for (const pid of extraPids()) await stopPid(pid);
  await g.__inkoopTemporal?.stop();
  if (info.temporalPid !== undefined) await stopPid(info.temporalPid);
  if (!process.env.INKOOP_KEEP_TEST_DATA) rmSync(info.baseDir, { recursive: true, force: true });
  rmSync(STACK_FILE, { force: true });
  rmSync(`${STACK_FILE}.pids`, { force: true });
}

function extraPids(): number[] {
  try {
    return readFileSync(`${STACK_FILE}.pids`, "utf8").split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
