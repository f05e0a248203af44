import { TestWorkflowEnvironment } from "@temporalio/testing";
import { Worker } from "@temporalio/worker";
import { createActivities, type Activities } from "../../activities";
import { encryptedDataConverter } from "../../engine/data-converter";
import { readKeyFile } from "../../engine/payload-keys";
import { ensureTimeSkippingServer } from "../../scripts/engine/time-skipping-server";
import { stack } from "./stack";

/**
 * Temporal's time-skipping test server, one per test (skipped time does not come back), encrypted as
 * everywhere else: the worker and the client share the harness's payload keys.
 */
export function useTimeSkippingEnv(): () => TestWorkflowEnvironment {
  let env: TestWorkflowEnvironment | undefined;
  beforeEach(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: "existing-path", path: await ensureTimeSkippingServer() } },
      client: { dataConverter: encryptedDataConverter(readKeyFile(stack().payloadKeyFile)) },
    });
  });
  afterEach(async () => {
    await env?.teardown();
  });
  return () => env!;
}

/**
 * A worker on the time-skipping server with the project's real bundle and activities. The test server
 * has no visibility API, so the list query behind aanbiederContacten is replaced by the test's own answer.
 */
export function timeSkippingWorker(env: TestWorkflowEnvironment, taskQueue: string, aanbiederContacten: Activities["aanbiederContacten"]): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: stack().bundlePath },
    dataConverter: encryptedDataConverter(readKeyFile(stack().payloadKeyFile)),
    activities: { ...createActivities({ client: env.client }), aanbiederContacten },
  });
}
