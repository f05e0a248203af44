import type { Express } from "express";
import request from "supertest";
import { createApp } from "../../api/app";
import type { Actor } from "../../domain/shared/actor";
import { as, until } from "../api-client";
import { startOwnEngine, type OwnEngine } from "./own-engine";
import { uniqueKvk } from "../harness/stack";
import { sessionFor, TEST_SECRET } from "../web-session";

/**
 * The engine dies (kill -9) under a running API. Real parts only: a Temporal dev server of this test's
 * own (a SQLite file, fixed ports), a worker process, and the app with the client npm start uses. While
 * the engine is away the API answers 503 with Retry-After and a Dutch message within 5 s, the pages say
 * the same, readiness says 503 and liveness stays 200; once the engine is back on the same file and
 * ports, everything answers again without restarting the app or the worker.
 */
jest.setTimeout(240_000);

describe("de procesmotor valt weg en komt terug", () => {
  let own: OwnEngine;
  let app: Express;
  const inkoper: Actor = { rol: "inkoper", id: "i.away" };
  const aanbieder = (): Actor => ({ rol: "aanbieder", id: "a.away", kvk: uniqueKvk() });
  const register = (x: Actor) => as(app, x).post("/api/v1/aanbieders", { kvk: x.kvk, naam: `Weg Zorg ${x.kvk}`, email: `away-${x.kvk}@aanbieder.example` });

  beforeAll(async () => {
    own = await startOwnEngine("engine-away");
    app = createApp({ engine: own.engine, web: { session: { secret: TEST_SECRET, secure: false } }, roleHeaders: true, metrics: { production: false } });
  });

  afterAll(async () => {
    await own?.stop();
  });

  /** The request's answer and how long it took. */
  async function timed<T>(fn: () => Promise<T>): Promise<{ res: T; ms: number }> {
    const t0 = performance.now();
    const res = await fn();
    return { res, ms: Math.round(performance.now() - t0) };
  }

  it("antwoordt 503 met Retry-After zolang de procesmotor weg is, en herstelt zonder herstart", async () => {
    const engine = own.engine;
    const eerste = aanbieder();
    expect((await register(eerste)).status).toBe(201);
    const browser = (await sessionFor(engine, { gebruikersnaam: "inkoper.away", naam: "Inkoper Weg", rol: "inkoper" })).agent(app);
    expect((await browser.get("/inkoper")).status).toBe(200);
    expect((await request(app).get("/api/v1/ready")).status).toBe(200);

    await own.kill();

    const timings: Record<string, number> = {};
    // A query (the aanbieder), an update (a new registration), a list (the procedures), a page, readiness.
    const query = await timed(() => as(app, inkoper).get(`/api/v1/aanbieders/${eerste.kvk}`));
    timings.query = query.ms;
    expect(query.res.status).toBe(503);
    expect(query.res.headers["retry-after"]).toBe("5");
    expect(query.res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(query.res.body).toMatchObject({ status: 503, title: "Tijdelijk niet beschikbaar", detail: "De procesmotor is tijdelijk niet bereikbaar. Probeer het over enkele seconden opnieuw." });

    const update = await timed(() => register(aanbieder()));
    timings.update = update.ms;
    expect([update.res.status, update.res.headers["retry-after"], update.res.body.detail]).toEqual([503, "5", query.res.body.detail]);

    const list = await timed(() => as(app, inkoper).get("/api/v1/procedures"));
    timings.list = list.ms;
    expect([list.res.status, list.res.headers["retry-after"]]).toEqual([503, "5"]);

    const page = await timed(() => browser.get("/inkoper"));
    timings.page = page.ms;
    expect(page.res.status).toBe(503);
    expect(page.res.headers["retry-after"]).toBe("5");
    expect(page.res.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.res.text).toContain("Tijdelijk niet beschikbaar");
    expect(page.res.text).toContain("De procesmotor is tijdelijk niet bereikbaar. Probeer het over enkele seconden opnieuw.");

    const ready = await timed(() => request(app).get("/api/v1/ready"));
    timings.ready = ready.ms;
    expect([ready.res.status, ready.res.headers["retry-after"], ready.res.body.detail]).toEqual([503, "5", query.res.body.detail]);
    // Liveness is the process, not the engine: a load balancer must not restart the API for this.
    expect((await request(app).get("/api/v1/health")).status).toBe(200);

    for (const [what, ms] of Object.entries(timings)) expect([what, ms < 5_000]).toEqual([what, true]);
    console.log(`procesmotor weg: 503 na ${Object.entries(timings).map(([k, v]) => `${k} ${v} ms`).join(", ")}`);

    const metrics = await request(app).get("/metrics");
    expect(metrics.text).toMatch(/inkoop_engine_call_errors_total\{operation="query",reason="unreachable"\} [1-9]/);
    expect(metrics.text).toMatch(/inkoop_http_requests_total\{method="GET",route="\/api\/v1\/aanbieders\/:kvk",status="503"\} 1/);

    // The same SQLite file and ports: the app's client and the worker find it again by themselves.
    const t0 = performance.now();
    await own.restart();
    const backAfter = await until("readiness weer 200", async () => ((await request(app).get("/api/v1/ready")).status === 200 ? Math.round(performance.now() - t0) : undefined), 30_000);
    expect((await as(app, inkoper).get(`/api/v1/aanbieders/${eerste.kvk}`)).status).toBe(200);
    expect((await browser.get("/inkoper")).status).toBe(200);
    // An update needs the worker: it survived the engine's absence and polls the new server.
    const tweede = aanbieder();
    const registered = await until("registratie na herstel", async () => {
      const res = await register(tweede);
      return res.status === 201 ? Math.round(performance.now() - t0) : undefined;
    }, 60_000);
    expect(own.worker.process.exitCode).toBeNull();
    console.log(`procesmotor terug: readiness 200 na ${backAfter} ms, eerste update 201 na ${registered} ms (vanaf de herstart)`);
  });
});
