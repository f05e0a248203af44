import { extname, join } from "node:path";
import { Worker } from "node:worker_threads";
import type { PdfRenderer } from "../templates/pdf/render";
import type { DocumentKind } from "../templates/types";

/*
 * pdfkit renders synchronously: in the worker's main thread every PDF holds up the activities, the
 * engine connection and the other renders. Render threads take that work to another core.
 */

export interface RenderJob {
  id: number;
  kind: DocumentKind;
  data: unknown;
}
export type RenderResult = { id: number; pdf: Uint8Array } | { id: number; error: string };

interface Pending {
  resolve: (pdf: Buffer) => void;
  reject: (err: Error) => void;
}

interface Thread {
  worker: Worker;
  /** Jobs sent and not answered, so a thread that dies fails them instead of leaving them hanging. */
  pending: Map<number, Pending>;
}

/** Threads that render PDFs; a job goes to the thread with the fewest jobs. A thread that dies is replaced. */
export class RenderThreads {
  private readonly threads: Thread[] = [];
  private nextId = 1;
  private stopped = false;

  constructor(count: number) {
    for (let i = 0; i < count; i++) this.threads.push(this.spawn());
  }

  readonly render: PdfRenderer = (kind, data) => {
    if (this.stopped) return Promise.reject(new Error("de renderthreads zijn gestopt"));
    const thread = this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.ref();
      thread.worker.postMessage({ id, kind, data } satisfies RenderJob);
    });
  };

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  private spawn(): Thread {
    const worker = threadWorker();
    const thread: Thread = { worker, pending: new Map() };
    worker.on("message", (r: RenderResult) => {
      const job = thread.pending.get(r.id);
      if (!job) return;
      thread.pending.delete(r.id);
      if (thread.pending.size === 0) worker.unref();
      if ("error" in r) job.reject(new Error(r.error));
      else job.resolve(Buffer.from(r.pdf.buffer, r.pdf.byteOffset, r.pdf.byteLength));
    });
    let failed = false;
    const fail = (reason: string) => {
      if (failed) return;
      failed = true;
      for (const job of thread.pending.values()) job.reject(new Error(reason));
      thread.pending.clear();
      const at = this.threads.indexOf(thread);
      if (!this.stopped && at >= 0) this.threads[at] = this.spawn();
    };
    worker.on("error", (err) => fail(`renderthread faalde: ${err.message}`));
    worker.on("exit", (code) => fail(`renderthread stopte (code ${code})`));
    // An idle thread does not keep the process alive (one with jobs does), so a stopping worker process need not stop it first.
    worker.unref();
    return thread;
  }
}

/** The thread runs render-thread as this module runs: compiled, or as TypeScript through tsx (which a thread's entry file does not get from the process's flags). */
function threadWorker(): Worker {
  const file = join(__dirname, `render-thread${extname(__filename)}`);
  if (extname(file) !== ".ts") return new Worker(file);
  return new Worker(`require("tsx/cjs/api").require(${JSON.stringify(file)}, ${JSON.stringify(__filename)});`, { eval: true });
}
