import type { Server } from "node:http";
import request from "supertest";
import type { Actor } from "../../domain/shared/actor";

/** One caller of the hostile suite: no identity at all, or an actor sent in the role headers. */
export interface Caller {
  name: string;
  actor?: Actor;
}

export interface Probe {
  method: "get" | "post";
  path: string;
  caller: Caller;
  /** The OpenAPI path the probe belongs to, for the per-route count. */
  route: string;
  /** Raw body text; sent with `contentType` (application/json unless told). */
  body?: string;
  contentType?: string;
}

export type Res = request.Response;

/** Counts answers by status and by route, and collects every broken rule as one line. */
export class Tally {
  readonly byStatus = new Map<number, number>();
  readonly byRoute = new Map<string, Map<number, number>>();
  readonly violations: string[] = [];
  total = 0;

  record(route: string, status: number): void {
    this.total += 1;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    const r = this.byRoute.get(route) ?? new Map<number, number>();
    r.set(status, (r.get(status) ?? 0) + 1);
    this.byRoute.set(route, r);
  }

  fail(p: Probe, res: Res | undefined, rule: string): void {
    const detail = res ? ` → ${res.status} ${(res.text ?? "").slice(0, 160).replace(/\s+/g, " ")}` : "";
    this.violations.push(`${p.method.toUpperCase()} ${p.path.slice(0, 120)} als ${p.caller.name}: ${rule}${detail}`);
  }

  summary(): string {
    const count = (lo: number, hi: number) => [...this.byStatus].filter(([s]) => s >= lo && s < hi).reduce((n, [, c]) => n + c, 0);
    const of = (s: number) => this.byStatus.get(s) ?? 0;
    const head = `vijandige invoer: ${this.total} verzoeken; 2xx ${count(200, 300)}, 400 ${of(400)}, 401 ${of(401)}, 403 ${of(403)}, 404 ${of(404)}, 409 ${of(409)}, 413 ${of(413)}, 415 ${of(415)}, overige 4xx ${count(400, 500) - [400, 401, 403, 404, 409, 413, 415].reduce((n, s) => n + of(s), 0)}; 5xx ${count(500, 600)}`;
    const rows = [...this.byRoute]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([route, m]) => `  ${route.padEnd(78)} ${[...m].sort(([a], [b]) => a - b).map(([s, c]) => `${s}×${c}`).join(" ")}`);
    return [head, ...rows].join("\n");
  }
}

/** Runs tasks with at most `limit` in flight. */
export async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export function send(server: Server, p: Probe): Promise<Res> {
  let r = request(server)[p.method](p.path);
  const a = p.caller.actor;
  if (a) {
    r = r.set("X-Inkoop-Rol", a.rol).set("X-Inkoop-Gebruiker", a.id);
    if (a.kvk) r = r.set("X-Inkoop-Kvk", a.kvk);
  }
  if (p.body !== undefined) r = r.set("Content-Type", p.contentType ?? "application/json").send(p.body);
  return r.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("end", () => cb(null, Buffer.concat(chunks)));
  }) as unknown as Promise<Res>;
}

/** Words of English library messages and of the server's internals that a Dutch `detail` never has. */
const NOT_DUTCH = /\b(?:Invalid|expected|received|Required|must be|Cannot|undefined|Unexpected|Error|failed|is not)\b/;
const LEAK = [/\bat \S+ \(|\bat (?:\/|node:)/, /\/work\//, /node_modules/, /\.ts:\d+/, /(?:Type|Reference|Syntax|URI|Range)Error/, /WorkflowFailed|ApplicationFailure|grpc|temporal/i];

/** The rules every answer of the API keeps: no 5xx, refusals as Dutch problem documents, no leaks. */
export function checkAnswer(t: Tally, p: Probe, res: Res): void {
  t.record(p.route, res.status);
  const text = Buffer.isBuffer(res.body) ? (res.body as Buffer).toString("utf8") : (res.text ?? "");
  (res as { text: string }).text = text;
  if (res.status >= 500) t.fail(p, res, "5xx");
  if (res.status >= 400) {
    if (!/^application\/problem\+json/.test(String(res.headers["content-type"] ?? ""))) return t.fail(p, res, "weigering zonder application/problem+json");
    let doc: { status?: unknown; detail?: unknown };
    try {
      doc = JSON.parse(text) as typeof doc;
    } catch {
      return t.fail(p, res, "problem+json is geen JSON");
    }
    if (doc.status !== res.status) t.fail(p, res, "status in het document wijkt af");
    if (typeof doc.detail !== "string" || doc.detail.length < 5) t.fail(p, res, "geen detail");
    else if (NOT_DUTCH.test(doc.detail)) t.fail(p, res, "detail is niet Nederlands");
  }
  // A PDF download is binary: only text answers can carry a stack trace.
  if (!/pdf/.test(String(res.headers["content-type"] ?? ""))) for (const re of LEAK) if (re.test(text)) t.fail(p, res, `lekt interne details (${re.source})`);
}

export function json(res: Res): unknown {
  return JSON.parse(res.text);
}
