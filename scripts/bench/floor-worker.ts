import { NativeConnection, Runtime, Worker } from "@temporalio/worker";
import { FLOOR_READY } from "./ready";

/**
 * The benchmark's floor worker (issue 15), a process of its own: only floor-workflow.ts, on its own
 * task queue, with the worker's default options, so the floor is measured on the same engine and the
 * same machine as the Open House but without any of the product's code.
 *   TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, INKOOP_FLOOR_TASK_QUEUE from the environment.
 */
async function main(): Promise<void> {
  Runtime.install({ shutdownSignals: ["SIGINT", "SIGTERM"] });
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? "127.0.0.1:7233" });
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? "default",
    taskQueue: process.env.INKOOP_FLOOR_TASK_QUEUE ?? "inkoop-bench-floor",
    workflowsPath: require.resolve("./floor-workflow"),
  });
  console.log(FLOOR_READY);
  await worker.run();
}

if (require.main === module)
  main().catch((err: unknown) => {
    console.error("floor-worker stopte:", err);
    process.exit(1);
  });
