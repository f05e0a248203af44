import { readFileSync, rmSync } from "node:fs";
import { STACK_FILE, type StackInfo } from "./stack-file";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the endpoint and the Restate server by their process ids and removes the temporary data. */
export default async function globalTeardown(): Promise<void> {
  const info = JSON.parse(readFileSync(STACK_FILE, "utf8")) as StackInfo;
  await (globalThis as { __inkoopInbox?: { close(): Promise<void> } }).__inkoopInbox?.close();
  for (const pid of [info.endpointPid, info.restatePid]) {
    if (!alive(pid)) continue;
    process.kill(pid, "SIGTERM");
    const deadline = Date.now() + 10_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (alive(pid)) process.kill(pid, "SIGKILL");
  }
  if (!process.env.INKOOP_KEEP_TEST_DATA) rmSync(info.baseDir, { recursive: true, force: true });
}
