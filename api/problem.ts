import { EngineRefusal, EngineUnavailable, isEngineUnreachable } from "../engine/client";
import type { NextFunction, Request, Response } from "express";
import type { z } from "zod";

/** An error with an HTTP status and a Dutch message, rendered as RFC 9457 problem details. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly veld?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export const titles: Record<number, string> = {
  400: "Ongeldige invoer",
  401: "Niet aangemeld",
  403: "Geen toegang",
  404: "Niet gevonden",
  405: "Methode niet toegestaan",
  409: "Niet mogelijk in deze fase",
  413: "Te groot",
  415: "Niet ondersteund",
  416: "Bereik niet beschikbaar",
  500: "Interne fout",
  502: "Workflow-engine niet bereikbaar",
  503: "Tijdelijk niet beschikbaar",
};

/** What a client reads while the engine is away (stopped, restarting): a passing state, so try again soon. */
export const ENGINE_AWAY_MESSAGE = "De procesmotor is tijdelijk niet bereikbaar. Probeer het over enkele seconden opnieuw.";

/** Seconds a client should wait before it retries a 503: about what a supervised engine needs to come back. */
export const RETRY_AFTER_SECONDS = 5;

/** A 503 carries Retry-After (RFC 9110 §10.2.3), for the JSON API and the pages alike. */
export function setRetryAfter(res: Response, problem: HttpProblem): void {
  if (problem.status === 503) res.set("Retry-After", String(RETRY_AFTER_SECONDS));
}

export function fromZod(error: z.ZodError, prefix = ""): HttpProblem {
  const issue = error.issues[0];
  const veld = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join(".");
  return new HttpProblem(400, `${veld ? veld + ": " : ""}${issue?.message ?? "ongeldige invoer"}`, veld || undefined, "OngeldigeInvoer");
}

/** The engine refused with the rules' own status, reason and field: pass it on unchanged. */
export function fromEngine(err: EngineRefusal): HttpProblem {
  const r = err.refusal;
  return new HttpProblem(r.status, r.melding, r.veld, r.refused);
}

export function notFound(req: Request, _res: Response, next: NextFunction): void {
  // The full path as asked for: req.path is relative to where the router is mounted ("/v1" under /api).
  next(new HttpProblem(404, `Onbekend adres: ${req.method} ${req.originalUrl.split("?")[0]}`));
}

/** Bytes as the Dutch reader counts them: 1048576 → "1 MB". */
function megabytes(bytes: unknown): string {
  return typeof bytes === "number" && bytes > 0 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`.replace(".", ",") : "de grens";
}

/**
 * What a library's own refusal means, in Dutch. body-parser (express.json/urlencoded, raw-body under
 * it) marks its errors with `type` and a 4xx `status`; the router marks a path it cannot
 * percent-decode with a URIError and status 400. Their own messages are English and name internals,
 * so none of them reaches the client.
 */
function clientMessage(err: { type?: unknown; limit?: unknown }, status: number, req: Request): string {
  switch (err.type) {
    case "entity.too.large":
      return `De inhoud van het verzoek is te groot: hoogstens ${megabytes(err.limit)}.`;
    case "parameters.too.many":
      return "Het formulier heeft te veel velden.";
    case "encoding.unsupported":
      return "Deze Content-Encoding wordt niet ondersteund. Stuur de inhoud zonder Content-Encoding, of met gzip, deflate of br.";
    case "charset.unsupported":
      return "Deze tekenset wordt niet ondersteund. Stuur de inhoud als UTF-8.";
    case "entity.parse.failed":
      return req.is("json") ? "De inhoud is geen geldige JSON." : "De inhoud van het formulier kon niet worden gelezen.";
    case "request.aborted":
      return "Het verzoek werd afgebroken voordat de inhoud helemaal binnen was.";
    case "request.size.invalid":
      return "De inhoud is niet zo lang als Content-Length zegt.";
    case "entity.verify.failed":
      return "De inhoud van het verzoek is geweigerd.";
  }
  if (err instanceof URIError) return "Het adres bevat een ongeldige %-codering.";
  // A decompression stream that choked (zlib's Z_DATA_ERROR, brotli's format errors) comes back
  // from body-parser as a bare 400: the bytes were not packed the way the header said.
  const encoding = (req.get("content-encoding") ?? "identity").toLowerCase();
  if (status === 400 && encoding !== "identity") return "De inhoud is niet ingepakt zoals de Content-Encoding zegt.";
  const generic: Record<number, string> = {
    400: "Het verzoek is ongeldig.",
    404: "Dit adres bestaat niet.",
    405: "Deze methode is hier niet toegestaan.",
    413: "De inhoud van het verzoek is te groot.",
    415: "Dit soort inhoud wordt niet ondersteund.",
    416: "Het gevraagde bereik van het bestand bestaat niet.",
  };
  return generic[status] ?? "Het verzoek kon niet worden verwerkt.";
}

/**
 * Every error the site can meet, as one problem: our own, the engine's, and the 4xx refusals of the
 * libraries in front of the routes. Anything else is a fault on our side and becomes a generic 500,
 * so no message, stack or file path of the server reaches a client.
 */
export function problemOf(err: unknown, req: Request): HttpProblem {
  if (err instanceof HttpProblem) return err;
  if (err instanceof EngineRefusal) return fromEngine(err);
  // Before EngineUnavailable: also a raw gRPC UNAVAILABLE/DEADLINE_EXCEEDED that did not pass the EngineClient.
  if (isEngineUnreachable(err)) return new HttpProblem(503, ENGINE_AWAY_MESSAGE, undefined, "EngineNietBereikbaar");
  if (err instanceof EngineUnavailable) return new HttpProblem(502, "De workflow-engine is niet bereikbaar of gaf een fout. Probeer het later opnieuw.");
  const e = (typeof err === "object" && err !== null ? err : {}) as { status?: unknown; statusCode?: unknown; type?: unknown; limit?: unknown };
  const status = typeof e.status === "number" ? e.status : typeof e.statusCode === "number" ? e.statusCode : undefined;
  if (status !== undefined && Number.isInteger(status) && status >= 400 && status < 500) return new HttpProblem(status, clientMessage(e, status, req));
  return new HttpProblem(500, "Er ging iets mis aan onze kant. Probeer het later opnieuw.");
}

/** The messages of an error and its causes in one line: "Failed to query Workflow: 14 UNAVAILABLE: No connection established". */
function reasonChain(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e instanceof Error && parts.length < 5; e = (e as { cause?: unknown }).cause) if (!parts.includes(e.message)) parts.push(e.message);
  return parts.join(": ") || String(err);
}

/**
 * Refusals are the client's business; a 5xx is ours, so the original error goes to the server log. An
 * engine that is away is one line, not a stack per request: a restart would otherwise flood the log.
 */
export function logIfOurs(err: unknown, problem: HttpProblem): void {
  if (problem.status === 503) console.warn(`procesmotor niet bereikbaar: ${reasonChain(err)}`);
  else if (problem.status >= 500) console.error(err);
}

export function problemHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const problem = problemOf(err, req);
  logIfOurs(err, problem);
  setRetryAfter(res, problem);
  res
    .status(problem.status)
    .type("application/problem+json")
    .json({
      type: "about:blank",
      title: titles[problem.status] ?? "Fout",
      status: problem.status,
      detail: problem.message,
      ...(problem.veld ? { veld: problem.veld } : {}),
      ...(problem.code ? { code: problem.code } : {}),
      instance: req.originalUrl,
    });
}
