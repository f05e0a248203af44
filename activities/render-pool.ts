import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { renderPdf } from "../templates/pdf/render";
import type { DocumentKind, DocumentTypes } from "../templates/types";

/*
 * pdfkit renders synchronously, so PDFs rendered by activities on the worker's main thread take turns
 * on one core while the other idles (and workflow tasks wait behind them). The worker process renders
 * in a pool of threads instead, one per core (INKOOP_RENDER_THREADS; 0 renders on the calling thread,
 * as a process without the pool does: the tests, a script). The bytes are the same either way.
 */

let pool: Piscina | null = null;

/** Starts the pool; called once by the worker process. */
export function startRenderPool(threads = renderThreads(process.env.INKOOP_RENDER_THREADS)): void {
  if (pool || threads === 0) return;
  pool = new Piscina({
    filename: require.resolve("./render-thread"),
    minThreads: threads,
    maxThreads: threads,
    // The thread's module is TypeScript, as the rest of the worker (which runs under node --import tsx).
    execArgv: ["--import", "tsx"],
    idleTimeout: 60_000,
  });
}

export async function stopRenderPool(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}

/** INKOOP_RENDER_THREADS: threads that render PDFs in the worker (default: one per core). */
export function renderThreads(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new Error(`INKOOP_RENDER_THREADS moet een geheel getal van 0 tot 64 zijn, niet '${value}'`);
  return n;
}

export async function renderDocument<K extends DocumentKind>(kind: K, data: DocumentTypes[K]): Promise<Buffer> {
  if (!pool) return renderPdf(kind, data);
  const bytes = (await pool.run({ kind, data })) as Uint8Array;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
