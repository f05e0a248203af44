import { Client, Connection } from "@temporalio/client";
import request from "supertest";
import { EngineClient } from "../engine/client";
import { createApp } from "./app";

// None of these answers reads the engine, so an engine nobody listens on proves the headers need none.
const engine = new EngineClient(new Client({ connection: Connection.lazy({ address: "127.0.0.1:9" }) }), "none");
const build = () => createApp({ engine, roleHeaders: true, web: { session: { secret: "x".repeat(32), secure: false } } });

type Res = request.Response;

/** The CSP as directive name → its values. */
function csp(res: Res): Map<string, string[]> {
  const header = res.headers["content-security-policy"];
  expect(typeof header).toBe("string");
  return new Map(
    String(header)
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0] !== "")
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectSecurityHeaders(res: Res): void {
  const policy = csp(res);
  expect(policy.get("default-src")).toEqual(["'self'"]);
  expect(policy.get("script-src")).toEqual(["'self'"]);
  expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
  expect(policy.get("style-src")).not.toContain("'unsafe-inline'");
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("form-action")).toEqual(["'self'"]);
  expect(policy.get("base-uri")).toEqual(["'self'"]);
  expect(res.headers["x-content-type-options"]).toBe("nosniff");
  expect(res.headers["referrer-policy"]).toBe("same-origin");
  expect(res.headers["x-frame-options"]).toBe("DENY");
  expect(res.headers["x-powered-by"]).toBeUndefined();
}

/** What the CSP forbids must not be on the page, or the browser silently drops it. */
function expectNoInlineScriptOrStyle(res: Res): void {
  expect(res.text).not.toMatch(/<script(?![^>]*\ssrc=)/i);
  expect(res.text).not.toMatch(/\son[a-z]+\s*=/i);
  expect(res.text).not.toMatch(/<style|\sstyle\s*=/i);
}

describe("beveiligingsheaders op elk antwoord", () => {
  const app = build();

  it("op een API-antwoord", async () => {
    const res = await request(app).get("/api/v1/catalogue");
    expect(res.status).toBe(200);
    expectSecurityHeaders(res);
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });

  it("op een probleemdocument", async () => {
    const res = await request(app).get("/api/v1/bestaat-niet");
    expect(res.status).toBe(404);
    expect(res.type).toBe("application/problem+json");
    expectSecurityHeaders(res);
  });

  it("op een body die de parser weigert, voordat een route loopt", async () => {
    const res = await request(app).post("/api/v1/procedures").set("Content-Type", "application/json").send("{kapot");
    expect(res.status).toBe(400);
    expectSecurityHeaders(res);
  });

  it("op een pagina, die geen inline script of stijl heeft", async () => {
    const res = await request(app).get("/inloggen");
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/html");
    expectSecurityHeaders(res);
    expectNoInlineScriptOrStyle(res);
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });

  it("op een statisch bestand", async () => {
    for (const path of ["/static/inkoop.css", "/static/utrecht.css"]) {
      const res = await request(app).get(path);
      expect(res.status).toBe(200);
      expect(res.type).toBe("text/css");
      expectSecurityHeaders(res);
    }
  });

  it("op een foutpagina", async () => {
    const res = await request(app).get("/bestaat-niet");
    expect(res.status).toBe(404);
    expect(res.type).toBe("text/html");
    expectSecurityHeaders(res);
    expectNoInlineScriptOrStyle(res);
  });
});

describe("HSTS", () => {
  const before = process.env.NODE_ENV;
  afterEach(() => {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  });

  it("ontbreekt buiten productie", async () => {
    process.env.NODE_ENV = "development";
    const app = build();
    for (const path of ["/api/v1/catalogue", "/inloggen"]) {
      const res = await request(app).get(path);
      expect(res.headers["strict-transport-security"]).toBeUndefined();
      expect(csp(res).has("upgrade-insecure-requests")).toBe(false);
    }
  });

  it("staat aan met NODE_ENV=production, op de API en op pagina's", async () => {
    process.env.NODE_ENV = "production";
    const app = build();
    for (const path of ["/api/v1/catalogue", "/inloggen", "/bestaat-niet"]) {
      const res = await request(app).get(path);
      expect(res.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
      expect(csp(res).has("upgrade-insecure-requests")).toBe(true);
      expectSecurityHeaders(res);
    }
  });
});
