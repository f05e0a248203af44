import { join } from "node:path";

/**
 * Where the global setup tells the test files which engine to talk to: one file per jest run (named in
 * the parent's environment, which its test workers inherit), so two runs side by side keep their own stacks.
 */
export const STACK_FILE = (process.env.INKOOP_STACK_FILE ??= join(__dirname, "..", "..", "test-output", `stack-${process.pid}.json`));

export interface StackInfo {
  /** The Temporal frontend (host:port), its namespace, and the task queue the worker polls. */
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  temporalPid?: number;
  workerPid: number;
  baseDir: string;
  /** Where the worker keeps documents and its mail ledger (INKOOP_DATA_DIR). */
  dataDir: string;
  /** Every mail the system sent arrives here, one .eml file each, through a real SMTP server. */
  mailDir: string;
  smtpUrl: string;
  /** The workflow bundle the worker runs, for tests that start a worker of their own or replay histories. */
  bundlePath: string;
  /** The payload keys the worker and the tests' clients encrypt with (never handed to the engine). */
  payloadKeyFile: string;
}
