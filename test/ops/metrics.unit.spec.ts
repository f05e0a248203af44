import { Client, Connection } from "@temporalio/client";
import request from "supertest";
import { createApp } from "../../api/app";
import { EngineClient } from "../../engine/client";

/**
 * GET /metrics in Prometheus's text format: process metrics, HTTP requests by route pattern (never a raw
 * path with an id in it) and the engine's call errors; behind a bearer token when one is configured.
 * No request here needs the engine, so an address nobody listens on will do.
 */
const engine = new EngineClient(new Client({ connection: Connection.lazy({ address: "127.0.0.1:9" }) }), "none");

describe("GET /metrics", () => {
  it("geeft het tekstformaat van Prometheus met verzoeken per routepatroon", async () => {
    const app = createApp({ engine, roleHeaders: true, metrics: { production: false } });
    expect((await request(app).get("/api/v1/catalogue")).status).toBe(200);
    expect((await request(app).get("/api/v1/catalogue/contracten/ambulant-jeugd")).status).toBeLessThan(500);
    expect((await request(app).get("/api/v1/bestaat/niet/12345678")).status).toBe(404);

    const res = await request(app).get("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("no-store");
    const text = res.text;
    expect(text).toContain("# TYPE inkoop_http_requests_total counter");
    expect(text).toContain("# TYPE inkoop_http_request_duration_seconds histogram");
    expect(text).toContain('inkoop_http_requests_total{method="GET",route="/api/v1/catalogue",status="200"} 1');
    expect(text).toMatch(/inkoop_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/v1\/catalogue",status="200"\} \d/);
    // The route's pattern, not the address asked for: no ids or free text in the labels.
    expect(text).not.toContain("12345678");
    expect(text).not.toContain("ambulant-jeugd");
    expect(text).toContain('route="(geen route)",status="404"');
    // The process's own and the engine's errors (zero until the first one).
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toContain("nodejs_eventloop_lag_seconds");
    expect(text).toContain('inkoop_engine_call_errors_total{operation="query",reason="unreachable"} 0');
    // Every line is a comment, a sample or empty: what a scraper parses (Go's ParseFloat reads "Nan" too).
    for (const line of text.split("\n")) {
      const sample = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? (\S+)$/.exec(line);
      const ok = line === "" || line.startsWith("# HELP ") || line.startsWith("# TYPE ") || (sample !== null && (/^nan$/i.test(sample[2]!) || /^[+-]?inf$/i.test(sample[2]!) || !Number.isNaN(Number(sample[2]))));
      expect([line, ok]).toEqual([line, true]);
    }
  });

  it("vraagt het token wanneer INKOOP_METRICS_TOKEN gezet is", async () => {
    const app = createApp({ engine, metrics: { token: "geheim-token-van-de-scraper", production: true } });
    const zonder = await request(app).get("/metrics");
    expect(zonder.status).toBe(401);
    expect(zonder.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect(zonder.text).not.toContain("inkoop_http");
    expect((await request(app).get("/metrics").set("Authorization", "Bearer fout")).status).toBe(401);
    const met = await request(app).get("/metrics").set("Authorization", "Bearer geheim-token-van-de-scraper");
    expect(met.status).toBe(200);
    expect(met.text).toContain("inkoop_http_requests_total");
  });

  it("staat in productie zonder token uit", async () => {
    const app = createApp({ engine, metrics: { production: true } });
    const res = await request(app).get("/metrics");
    expect(res.status).toBe(404);
    expect(res.text).toContain("INKOOP_METRICS_TOKEN");
  });

  it("noemt liveness en readiness in het OpenAPI-document", async () => {
    const app = createApp({ engine });
    const doc = (await request(app).get("/api/v1/openapi.json")).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/health", "/api/v1/ready"]));
  });
});
