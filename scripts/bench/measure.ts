import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Actor } from "../../domain/shared/actor";

/**
 * The longest any stage may take before the benchmark gives up. open-house.ts sets it once per run
 * (120 s plus 4 s per aanbieder, or --stage-limit-s), so the limit grows with the work.
 */
export let STAGE_TIMEOUT_MS = 120_000;
export function setStageTimeout(ms: number): void {
  STAGE_TIMEOUT_MS = ms;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the probe yields a value; fails with the stage name after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number, everyMs = 100): Promise<T> {
  timeoutMs ??= STAGE_TIMEOUT_MS;
  const deadline = performance.now() + timeoutMs;
  let lastError = "";
  for (;;) {
    // A probe that fails (a 5xx, a timed-out fetch) is asked again, until the deadline.
    const value = await probe().catch((err: unknown) => void (lastError = ` (laatste fout: ${String(err)})`));
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`${what}: niet bereikt binnen ${timeoutMs / 1000} s${lastError}`);
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
  /** Seconds from a Retry-After header (503), when there was one. */
  retryAfterS?: number;
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
    const retryAfter = Number(res.headers.get("retry-after") ?? NaN);
    return { status: res.status, body: parsed, ms, ...(Number.isFinite(retryAfter) ? { retryAfterS: retryAfter } : {}) };
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

export interface Latency {
  n: number;
  wallMs: number;
  perS: number;
  p50: number;
  p99: number;
  max: number;
}

/** Count, rate and p50/p99/max of per-call durations measured over `wallMs`. */
export function latency(ms: number[], wallMs: number): Latency {
  return { n: ms.length, wallMs, perS: ms.length / (wallMs / 1000), p50: quantile(ms, 0.5), p99: quantile(ms, 0.99), max: ms.length ? Math.max(...ms) : NaN };
}

export const fmtLatency = (l: Latency) => `${l.perS.toFixed(1)}/s · p50 ${fmtMs(l.p50)} · p99 ${fmtMs(l.p99)} · max ${fmtMs(l.max)} (${l.n} in ${fmtMs(l.wallMs)})`;

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
    else if (e.isFile() && include(e.name)) {
      try {
        total += statSync(p).size;
      } catch {
        // gone between the listing and the stat (SQLite's -journal comes and goes)
      }
    }
  }
  return total;
}

/** CPU seconds (user + system) a process used so far, from /proc/<pid>/stat; undefined where /proc is absent. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return undefined;
  }
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

/** A table with a header row and columns padded to their widest cell. */
export function grid(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ")}`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
