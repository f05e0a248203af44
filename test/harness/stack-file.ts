import { join } from "node:path";

/** Where the global setup tells the test files which engine to talk to. */
export const STACK_FILE = join(__dirname, "..", "..", "test-output", "stack.json");

export interface StackInfo {
  ingressUrl: string;
  adminUrl: string;
  restatePid: number;
  endpointPid: number;
  baseDir: string;
  /** Where the endpoint keeps documents and its mail ledger (INKOOP_DATA_DIR). */
  dataDir: string;
  /** Every mail the system sent arrives here, one .eml file each, through a real SMTP server. */
  mailDir: string;
}
