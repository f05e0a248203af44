import type { NextFunction, Request, RequestHandler, Response, Router } from "express";
import { z } from "zod";
import { requireRole } from "./auth";
import type { OpenApiRegistry, RouteSpec } from "./openapi";
import { fromZod, HttpProblem } from "./problem";

/**
 * zod's own messages, for a field without a message of its own, in Dutch ("Ongeldige invoer: verwacht
 * string, ontving getal"); a missing field simply "ontbreekt" rather than "ontving undefined".
 */
const nl = z.locales.nl().localeError;
const dutch = { error: (issue: Parameters<typeof nl>[0]) => (issue.code === "invalid_type" && issue.input === undefined ? "ontbreekt" : nl(issue)) };

export interface Validated<B, Q> {
  body: B;
  query: Q;
}

/**
 * Mounts one route: role check, zod validation of body and query (400 naming the field), the
 * handler, and its OpenAPI entry, all from one spec.
 */
export function route<B extends z.ZodType | undefined = undefined, Q extends z.ZodObject | undefined = undefined>(
  router: Router,
  registry: OpenApiRegistry,
  spec: RouteSpec & { body?: B; query?: Q },
  handler: (
    req: Request,
    res: Response,
    input: Validated<B extends z.ZodType ? z.infer<B> : undefined, Q extends z.ZodObject ? z.infer<Q> : undefined>,
  ) => Promise<unknown>,
): void {
  registry.add({ ...spec, path: `/api/v1${spec.path}` });
  const guards: RequestHandler[] = spec.roles ? [requireRole(...spec.roles)] : [];
  router[spec.method](spec.path, ...guards, async (req: Request, res: Response, next: NextFunction) => {
    try {
      let body: unknown = undefined;
      let query: unknown = undefined;
      if (spec.body) {
        // The API reads JSON only. A form or plain text would otherwise reach the schema as an empty
        // body or as strings, and be taken for a request the client never meant.
        if (req.is("application/json") === false) throw new HttpProblem(415, "Stuur de inhoud als JSON, met Content-Type: application/json.", "Content-Type");
        const parsed = spec.body.safeParse(req.body ?? {}, dutch);
        if (!parsed.success) throw fromZod(parsed.error);
        body = parsed.data;
      }
      if (spec.query) {
        const parsed = spec.query.safeParse(req.query, dutch);
        if (!parsed.success) throw fromZod(parsed.error, "query");
        query = parsed.data;
      }
      const result = await handler(req, res, { body, query } as never);
      if (!res.headersSent) res.status(spec.method === "post" ? 201 : 200).json(result);
    } catch (err) {
      next(err);
    }
  });
}
