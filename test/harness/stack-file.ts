import { join } from "node:path";

/** Where the global setup tells the test files which engine to talk to. */
export const STACK_FILE = join(__dirname, "..", "..", "test-output", "stack.json");

export interface StackInfo {
  ingressUrl: string;
  adminUrl: string;
  restatePid: number;
  endpointPid: number;
  baseDir: string;
}
