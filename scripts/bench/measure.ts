import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Actor } from "../../domain/shared/actor";

/** The longest any stage may take before the benchmark gives up. */
export const STAGE_TIMEOUT_MS = 120_000;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the probe yields a value; fails with the stage name after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = STAGE_TIMEOUT_MS, everyMs = 100): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`${what}: niet bereikt binnen ${timeoutMs / 1000} s`);
    await sleep(everyMs);
  }
}

/** Fails a whole stage (not just one call) after STAGE_TIMEOUT_MS. */
export async function stage<T>(what: string, run: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: duurde langer dan ${STAGE_TIMEOUT_MS / 1000} s`)), STAGE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([run(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Res {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  ms: number;
}

/** Plain fetch against the API with the role headers of one actor; every call times out after 30 s. */
export function client(apiUrl: string) {
  return async (actor: Actor, method: "GET" | "POST", path: string, body?: object, extra: Record<string, string> = {}): Promise<Res> => {
    const headers: Record<string, string> = { "X-Inkoop-Rol": actor.rol, "X-Inkoop-Gebruiker": actor.id, ...extra };
    if (actor.kvk) headers["X-Inkoop-Kvk"] = actor.kvk;
    if (body !== undefined) headers["content-type"] = "application/json";
    const t = performance.now();
    const res = await fetch(`${apiUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    const ms = performance.now() - t;
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed, ms };
  };
}

export function expectStatus(what: string, res: Res, status = 201): Res {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} (verwacht ${status}): ${JSON.stringify(res.body).slice(0, 400)}`);
  return res;
}

/** Runs `work` over the items with at most `limit` in flight. */
export async function pool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function dirBytes(dir: string, include: (name: string) => boolean = () => true): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += dirBytes(p, include);
    else if (e.isFile() && include(e.name)) total += statSync(p).size;
  }
  return total;
}

/** VmRSS and VmHWM (peak) in bytes from /proc; undefined where /proc is absent. */
export function rss(pid: number): { now: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(/^\s*(\d+)/.exec(status.split(`${key}:`)[1] ?? "")?.[1] ?? NaN) * 1024;
    return { now: kb("VmRSS"), peak: kb("VmHWM") };
  } catch {
    return undefined;
  }
}

export const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
export const fmtBytes = (b: number) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MiB` : `${(b / 1024).toFixed(1)} KiB`);

export function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join("\n");
}
