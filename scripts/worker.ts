import { Runtime } from "@temporalio/worker";
import { createLogger } from "../api/ops/logging";
import { temporalLogger } from "../api/ops/worker-logging";
import { createWorker, renderThreadCount } from "../engine/worker";
import { useRenderer } from "../activities/documents";
import { RenderThreads } from "../activities/render-threads";
import { engineSettingsFromEnv } from "../engine/connection";
import { closeMailTransports } from "../activities/mail";

/** The worker process: registers the workflows and activities and polls until it is stopped. */
async function main(): Promise<void> {
  // SIGINT/SIGTERM drain the worker (running activities finish) instead of killing it mid-mail.
  // Every line the worker logs (workflow steps, activities, the SDK's and the engine core's own) is one
  // JSON line on stdout, at INKOOP_LOG_LEVEL (default info); npm start and the tests put it in worker.log.
  Runtime.install({
    shutdownSignals: ["SIGINT", "SIGTERM"],
    logger: temporalLogger(createLogger("worker")),
    telemetryOptions: { logging: { forward: {}, filter: { core: "WARN", other: "ERROR" } } },
  });
  const settings = engineSettingsFromEnv();
  const threads = renderThreadCount(process.env.INKOOP_RENDER_THREADS);
  const renderers = threads > 0 ? new RenderThreads(threads) : undefined;
  if (renderers) useRenderer(renderers.render);
  const { worker, connection } = await createWorker(settings, { bundlePath: process.env.INKOOP_WORKFLOW_BUNDLE });
  console.log(`inkoop worker klaar: taakwachtrij ${settings.taskQueue} op ${settings.address} (${settings.namespace})`);
  await worker.run();
  // Everything that keeps the event loop alive is closed, so a stop ends the process at once.
  closeMailTransports();
  await renderers?.stop();
  await connection.close();
}

main().catch((err: unknown) => {
  console.error("inkoop worker stopte:", err);
  process.exit(1);
});
