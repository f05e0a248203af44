import { z } from "zod";
import type { Rol } from "../domain/shared/actor";

/**
 * Routes describe themselves here as they are mounted, so the OpenAPI document is generated from
 * the very zod schemas that validate the requests.
 */
export interface RouteSpec {
  method: "get" | "post" | "put" | "delete";
  path: string;
  summary: string;
  tag: string;
  roles?: Exclude<Rol, "systeem">[];
  body?: z.ZodType;
  query?: z.ZodObject;
  response?: z.ZodType;
  idempotent?: boolean;
  statuses?: number[];
}

export class OpenApiRegistry {
  private readonly routes: RouteSpec[] = [];

  add(spec: RouteSpec): void {
    this.routes.push(spec);
  }

  document(): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const r of this.routes) {
      const oaPath = r.path.replace(/:([A-Za-z]+)/g, "{$1}");
      const params = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
      const headers = [
        ...(r.roles ? [{ name: "X-Inkoop-Rol", in: "header", required: true, schema: { type: "string", enum: r.roles } }] : []),
        ...(r.roles?.includes("aanbieder")
          ? [{ name: "X-Inkoop-Kvk", in: "header", required: false, description: "KvK-nummer (8 cijfers), verplicht voor de rol aanbieder", schema: { type: "string", pattern: "^\\d{8}$" } }]
          : []),
        ...(r.idempotent ? [{ name: "Idempotency-Key", in: "header", required: false, description: "Dezelfde sleutel tweemaal geeft hetzelfde antwoord en maakt niets nieuws", schema: { type: "string" } }] : []),
      ];
      const query = r.query
        ? Object.entries(r.query.shape).map(([name, schema]) => ({ name, in: "query", required: false, schema: toSchema(schema as z.ZodType) }))
        : [];
      const responses: Record<string, unknown> = {
        [r.method === "post" ? "201" : "200"]: {
          description: "OK",
          ...(r.response ? { content: { "application/json": { schema: toSchema(r.response) } } } : {}),
        },
      };
      for (const s of r.statuses ?? [400, 401, 403, 404, 409])
        responses[String(s)] = { description: "Weigering met reden", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };
      (paths[oaPath] ??= {})[r.method] = {
        summary: r.summary,
        tags: [r.tag],
        parameters: [...params, ...headers, ...query],
        ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(r.body) } } } } : {}),
        responses,
      };
    }
    return {
      openapi: "3.1.0",
      info: {
        title: "inkoop API",
        version: "1",
        description: "Inkoop sociaal domein Midden-Holland: catalogus, Open House-procedures en inschrijvingen.",
      },
      servers: [{ url: "/api/v1" }],
      paths,
      components: {
        schemas: {
          Problem: {
            type: "object",
            properties: {
              type: { type: "string" },
              title: { type: "string" },
              status: { type: "integer" },
              detail: { type: "string", description: "Reden in het Nederlands" },
              veld: { type: "string", description: "Het veld waar de weigering over gaat" },
              code: { type: "string" },
            },
          },
        },
      },
    };
  }
}

function toSchema(schema: z.ZodType): unknown {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "openapi-3.0" }) as Record<string, unknown>;
  return rest;
}
