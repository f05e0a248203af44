import { NativeConnection, Worker } from "@temporalio/worker";
import { createActivities } from "../../activities";
import { encryptedDataConverter } from "../../engine/data-converter";
import { readKeyFile } from "../../engine/payload-keys";
import { stack, temporalClient } from "./stack";

/**
 * A worker of the test's own on its own task queue, with the stack's bundle and keys and the real
 * activities (no aanbieder contacts to mail): for a test that must decide when a worker runs.
 */
export async function ownWorker(taskQueue: string): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: stack().temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: stack().namespace,
    taskQueue,
    workflowBundle: { codePath: stack().bundlePath },
    dataConverter: encryptedDataConverter(readKeyFile(stack().payloadKeyFile)),
    activities: { ...createActivities({ client: temporalClient() }), aanbiederContacten: async () => [] },
  });
  return { worker, connection };
}
