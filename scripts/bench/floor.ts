import { Client, Connection } from "@temporalio/client";
import nodemailer from "nodemailer";
import { metNederlandseDatums } from "../../activities/documents";
import { renderPdf } from "../../templates/pdf/render";
import { samples } from "../../templates/pdf/samples";
import { OWN_SERVER_CLIENT_UPDATES } from "../../engine/client";
import { latency, pool, type Latency } from "./measure";
import { peekQuery, pingUpdate, stopSignal } from "./floor-workflow";

/*
 * The floor beside the Open House (issue 15), measured in the same run on the same machine: what the
 * engine, pdfkit and SMTP cost bare, without the product's rules, entities or outbox around them.
 */

export interface FloorTarget {
  address: string;
  namespace: string;
  taskQueue: string;
}

/** At most `limit` of the calls through it at once; the others wait in line (first come, first served). */
export function semaphore(limit: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((r) => waiting.push(r));
    else active += 1;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

/** As many updates in flight on one workflow as the benchmark's API lets through (engine/client.ts). */
export const ENGINE_IN_FLIGHT_UPDATES = OWN_SERVER_CLIENT_UPDATES;

/** `calls` calls of `call`, `concurrency` in flight, after `warmup` unmeasured ones. */
async function measureCalls(calls: number, concurrency: number, call: (i: number) => Promise<unknown>, warmup = 0): Promise<Latency> {
  await pool(Array.from({ length: warmup }, (_, i) => i), concurrency, async (i) => void (await call(i)));
  const ms: number[] = [];
  const t0 = performance.now();
  await pool(Array.from({ length: calls }, (_, i) => i), concurrency, async (i) => {
    const t = performance.now();
    await call(warmup + i);
    ms.push(performance.now() - t);
  });
  return latency(ms, performance.now() - t0);
}

export interface EngineFloor {
  /** `concurrency` callers on one key, at most ENGINE_IN_FLIGHT_UPDATES at the engine (the rest wait in line in the caller): the time counts from the caller's start. */
  updateOneKey: Latency;
  /** ENGINE_IN_FLIGHT_UPDATES callers on one key: no waiting in line. */
  updateOneKeyAtLimit: Latency;
  updateManyKeys: Latency & { keys: number };
  queryOneKey: Latency;
  /** CPU seconds per process during `updateOneKey` (its warm-up included), when the caller samples CPU. */
  updateOneKeyCpuS?: { calls: number; perProcess: Record<string, number> };
}

/**
 * A bare workflow update (floor-workflow.ts: the handler returns its argument) from a plain client in
 * this process: on one key (with `concurrency` callers, at most ENGINE_IN_FLIGHT_UPDATES of them at the
 * engine), on one key at exactly that limit, then spread over many keys, then a bare query on one key. At most 1,050 updates per workflow: Temporal allows 2,000 per run.
 */
export async function measureEngineFloor(target: FloorTarget, opts: { concurrency: number; calls: number; keys: number; cpu?: () => Record<string, number> }): Promise<EngineFloor> {
  // Left open until the process ends: the SDK's retry timers may still fire after the last call returned,
  // and on a closed channel they throw outside any promise.
  const connection = await Connection.connect({ address: target.address });
  const client = new Client({ connection, namespace: target.namespace });
  const run = `${Date.now().toString(36)}`;
  const start = (id: string) => client.workflow.start("benchFloor", { workflowId: id, taskQueue: target.taskQueue });
  {
    const calls = Math.min(opts.calls, 1_000);
    const one = await start(`floor-${run}-one`);
    const gate = semaphore(ENGINE_IN_FLIGHT_UPDATES);
    const warmup = Math.min(50, opts.concurrency);
    const cpuBefore = opts.cpu?.();
    const updateOneKey = await measureCalls(calls, opts.concurrency, (i) => gate(() => one.executeUpdate(pingUpdate, { args: [i] })), warmup);
    const cpuAfter = opts.cpu?.();
    const updateOneKeyCpuS = cpuBefore && cpuAfter ? { calls: calls + warmup, perProcess: Object.fromEntries(Object.entries(cpuAfter).map(([k, v]) => [k, v - (cpuBefore[k] ?? NaN)])) } : undefined;
    const atLimit = await start(`floor-${run}-limit`);
    const updateOneKeyAtLimit = await measureCalls(Math.min(calls, 500), ENGINE_IN_FLIGHT_UPDATES, (i) => atLimit.executeUpdate(pingUpdate, { args: [i] }), 10);
    const many = await Promise.all(Array.from({ length: opts.keys }, (_, k) => start(`floor-${run}-k${k}`)));
    const updateManyKeys = await measureCalls(calls, opts.concurrency, (i) => many[i % many.length]!.executeUpdate(pingUpdate, { args: [i] }), opts.keys);
    const queryOneKey = await measureCalls(calls, opts.concurrency, () => one.query(peekQuery), Math.min(50, opts.concurrency));
    await Promise.all([one, atLimit, ...many].map((h) => h.signal(stopSignal).catch(() => undefined)));
    return { updateOneKey, updateOneKeyAtLimit, updateManyKeys: { ...updateManyKeys, keys: opts.keys }, queryOneKey, ...(updateOneKeyCpuS ? { updateOneKeyCpuS } : {}) };
  }
}

/** A besluit as the product renders it: the real renderer (templates/pdf) with the sample toelatings- and afwijzingsbesluit, no engine. */
export function besluitSamples(): (() => Promise<Buffer>)[] {
  return [() => renderPdf("toelatingsbesluit", metNederlandseDatums(samples.toelatingsbesluit)), () => renderPdf("afwijzingsbesluit", metNederlandseDatums(samples.afwijzingsbesluit))];
}

/** `count` besluit PDFs rendered one after another in this process (pdfkit is synchronous CPU work: one core). */
export async function measurePdfFloor(count: number): Promise<Latency & { bytes: number }> {
  const renders = besluitSamples();
  let bytes = 0;
  await renders[0]!(); // fonts and modules loaded outside the measurement
  const result = await measureCalls(count, 1, async (i) => {
    // Four in five are toelatingen, as in the bench's region.
    const pdf = await renders[(i + 1) % 5 === 0 ? 1 : 0]!();
    bytes = Math.max(bytes, pdf.length);
  });
  return { ...result, bytes };
}

/** `count` mails with a besluit-sized PDF attached, straight through a pooled nodemailer transport to the SMTP server, `concurrency` at a time. */
export async function measureSmtpFloor(smtpUrl: string, count: number, concurrency: number, attachment: Buffer): Promise<Latency> {
  const transport = nodemailer.createTransport({ pool: true, url: smtpUrl, maxConnections: Math.max(concurrency, 1) });
  try {
    return await measureCalls(
      count,
      concurrency,
      (i) =>
        transport.sendMail({
          from: "bench@inkoop.example",
          to: "vloer@bench.example",
          subject: `Vloer ${i}`,
          text: "Een kale SMTP-verzending voor de benchmark.",
          attachments: [{ filename: "besluit.pdf", content: attachment, contentType: "application/pdf" }],
          messageId: `<vloer.${i}.${Date.now()}@bench.example>`,
        }),
      Math.min(4, count),
    );
  } finally {
    transport.close();
  }
}
