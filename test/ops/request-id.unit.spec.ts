import { Client, Connection } from "@temporalio/client";
import request from "supertest";
import { createApp } from "../../api/app";
import { createLogger, logLevelFromEnv } from "../../api/ops/logging";
import { sanitizeRequestId } from "../../api/ops/request-context";
import { EngineClient } from "../../engine/client";

/**
 * The request id: a client's X-Request-Id is taken only when it is a plain token of bounded length,
 * anything else is replaced by a fresh one; either way the answer echoes it and the request's one
 * log line names it, with the route's pattern and never an id, KvK number, body or cookie.
 * No request here reaches the engine, so an address nobody listens on will do.
 */
const engine = new EngineClient(new Client({ connection: Connection.lazy({ address: "127.0.0.1:9" }) }), "none");

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger("api", { level: "info", destination: { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) } });
  return { lines, logger };
}

describe("request id", () => {
  it("neemt een bruikbare X-Request-Id over en weigert de rest", () => {
    expect(sanitizeRequestId("abc-123")).toBe("abc-123");
    expect(sanitizeRequestId("  00f067aa0ba902b7.4bf92f35:77e1_x  ")).toBe("00f067aa0ba902b7.4bf92f35:77e1_x");
    expect(sanitizeRequestId("a".repeat(128))).toBe("a".repeat(128));
    expect(sanitizeRequestId("a".repeat(129))).toBeUndefined();
    expect(sanitizeRequestId("")).toBeUndefined();
    expect(sanitizeRequestId("twee woorden")).toBeUndefined();
    expect(sanitizeRequestId("regel\neen\nlog")).toBeUndefined();
    expect(sanitizeRequestId('{"level":"error"}')).toBeUndefined();
    expect(sanitizeRequestId("a,b")).toBeUndefined();
    expect(sanitizeRequestId("ünïcode")).toBeUndefined();
    expect(sanitizeRequestId(undefined)).toBeUndefined();
    expect(sanitizeRequestId(["a"])).toBeUndefined();
  });

  it("het logniveau komt uit INKOOP_LOG_LEVEL; in jest standaard stil", () => {
    expect(logLevelFromEnv({ INKOOP_LOG_LEVEL: "debug" })).toBe("debug");
    expect(logLevelFromEnv({ INKOOP_LOG_LEVEL: " WARN " })).toBe("warn");
    expect(logLevelFromEnv({})).toBe("info");
    expect(logLevelFromEnv({ JEST_WORKER_ID: "1" })).toBe("silent");
    expect(logLevelFromEnv({ NODE_ENV: "test" })).toBe("silent");
    expect(logLevelFromEnv({ NODE_ENV: "test" }, { quietInTests: false })).toBe("info");
    expect(() => logLevelFromEnv({ INKOOP_LOG_LEVEL: "luid" })).toThrow(/INKOOP_LOG_LEVEL/);
  });

  it("echoot de request id en schrijft één JSON-regel per verzoek, met routepatroon en zonder gegevens", async () => {
    const { lines, logger } = capture();
    const app = createApp({ engine, roleHeaders: true, logger });
    const res = await request(app).get("/api/v1/catalogue/contracts/ambulant-jeugd").set("X-Request-Id", "unit-req-1").set("X-Inkoop-Rol", "inkoper").set("X-Inkoop-Gebruiker", "Jan Jansen");
    expect(res.headers["x-request-id"]).toBe("unit-req-1");
    const line = lines.find((l) => l.requestId === "unit-req-1");
    expect(line).toMatchObject({ level: "info", service: "api", msg: "verzoek", method: "GET", route: "/api/v1/catalogue/contracts/:id", status: 200, rol: "inkoper" });
    expect(typeof line?.durationMs).toBe("number");
    expect(typeof line?.time).toBe("string");
    expect(JSON.stringify(line)).not.toMatch(/ambulant-jeugd|Jan Jansen/);

    // A refused request id is replaced, not trimmed into shape; a body, its KvK and a cookie never reach the log.
    const bad = await request(app)
      .post("/api/v1/aanbieders")
      .set("X-Request-Id", "kapot id\twith tab")
      .set("Cookie", "inkoop_sessie=geheim-koekje")
      .set("X-Inkoop-Rol", "aanbieder")
      .set("X-Inkoop-Gebruiker", "x")
      .set("X-Inkoop-Kvk", "12345678")
      .send({ kvk: "12345678", naam: "Zorg B.V.", email: "geen-adres", wachtwoord: "geheim" });
    const id = bad.headers["x-request-id"] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const badLine = lines.find((l) => l.requestId === id);
    expect(badLine).toMatchObject({ method: "POST", route: "/api/v1/aanbieders", status: bad.status, rol: "aanbieder" });
    expect(JSON.stringify(lines)).not.toMatch(/12345678|Zorg B\.V\.|geen-adres|geheim|kapot/);
  });
});
