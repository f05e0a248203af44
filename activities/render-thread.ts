import { parentPort } from "node:worker_threads";
import { renderPdf } from "../templates/pdf/render";
import type { RenderJob, RenderResult } from "./render-threads";

/* One render thread (activities/render-threads): renders what it is sent, one document at a time. */
const port = parentPort;
if (!port) throw new Error("render-thread.ts draait alleen als worker thread");
port.on("message", (job: RenderJob) => {
  renderPdf(job.kind, job.data as never).then(
    (pdf) => port.postMessage({ id: job.id, pdf } satisfies RenderResult),
    (err: unknown) => port.postMessage({ id: job.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies RenderResult),
  );
});
