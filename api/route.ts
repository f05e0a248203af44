import type { NextFunction, Request, RequestHandler, Response, Router } from "express";
import type { z } from "zod";
import { requireRole } from "./auth";
import type { OpenApiRegistry, RouteSpec } from "./openapi";
import { fromZod } from "./problem";

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
        const parsed = spec.body.safeParse(req.body ?? {});
        if (!parsed.success) throw fromZod(parsed.error);
        body = parsed.data;
      }
      if (spec.query) {
        const parsed = spec.query.safeParse(req.query);
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
