import { NativeConnection, Worker, bundleWorkflowCode, type WorkflowBundleOption } from "@temporalio/worker";
import { existsSync, readFileSync } from "node:fs";
import { createActivities } from "../activities";
import { connectClient, connectionOptions, type EngineSettings } from "./connection";
import { FAILURE_CONVERTER_PATH, encryptedDataConverter } from "./data-converter";

export const WORKFLOWS_PATH = require.resolve("../workflows");

/** The workflow code as one bundle; built once and handed to every worker that starts after it (tests, restarts). */
export async function buildWorkflowBundle(): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, failureConverterPath: FAILURE_CONVERTER_PATH, logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error } });
}

function bundleOption(bundlePath: string | undefined): { workflowBundle: WorkflowBundleOption } | { workflowsPath: string } {
  if (bundlePath && existsSync(bundlePath)) return { workflowBundle: { code: readFileSync(bundlePath, "utf8") } };
  return { workflowsPath: WORKFLOWS_PATH };
}

/**
 * One worker runs every entity workflow and every activity. It only makes outbound connections to
 * the Temporal frontend: nothing can call it, so nothing reaches a workflow except through the API.
 */
export async function createWorker(settings: EngineSettings, opts: { bundlePath?: string } = {}): Promise<Worker> {
  const connection = await NativeConnection.connect(connectionOptions(settings));
  const client = await connectClient(settings);
  return Worker.create({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    ...bundleOption(opts.bundlePath),
    dataConverter: encryptedDataConverter(),
    activities: createActivities({ client }),
    // PDFs are rendered by activities; a few at a time keeps both cores busy without starving workflows.
    maxConcurrentActivityTaskExecutions: 8,
  });
}
