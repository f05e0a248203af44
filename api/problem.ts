import { EngineRefusal, EngineUnavailable } from "../engine/client";
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

const titles: Record<number, string> = {
  400: "Ongeldige invoer",
  401: "Niet aangemeld",
  403: "Geen toegang",
  404: "Niet gevonden",
  409: "Niet mogelijk in deze fase",
  500: "Interne fout",
  502: "Workflow-engine niet bereikbaar",
};

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
  next(new HttpProblem(404, `Onbekend adres: ${req.method} ${req.path}`));
}

export function problemHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  let problem: HttpProblem;
  if (err instanceof HttpProblem) problem = err;
  else if (err instanceof EngineRefusal) problem = fromEngine(err);
  else if (err instanceof EngineUnavailable) {
    console.error(err);
    problem = new HttpProblem(502, "De workflow-engine is niet bereikbaar of gaf een fout. Probeer het later opnieuw.");
  }
  else if (err instanceof SyntaxError && "body" in err) problem = new HttpProblem(400, "De inhoud is geen geldige JSON.");
  else {
    console.error(err);
    problem = new HttpProblem(500, "Er ging iets mis aan onze kant. Probeer het later opnieuw.");
  }
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
