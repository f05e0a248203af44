import type { Express } from "express";
import { createApp } from "../../api/app";
import type { Actor } from "../../domain/shared/actor";
import { as, until } from "../api-client";
import { startOwnEngine, type OwnEngine } from "./own-engine";
import { completeInschrijving, offeredProducts } from "../fixtures/inschrijving";
import { uniqueId, uniqueKvk } from "../harness/stack";

/**
 * The engine dies (kill -9) while 50 aanbieders submit at once. Real parts only, as in
 * engine-away.e2e.spec.ts: a Temporal dev server of this test's own (a SQLite file, fixed ports), a
 * worker process, and the app. Every receipt given before the kill survives; a submission cut off by
 * the kill answers 503 (never 500, never a hang) and succeeds when retried with the same
 * Idempotency-Key once the engine is back on the same file and ports; nothing is counted twice.
 */
jest.setTimeout(300_000);

const AANTAL = 50;
/** No request may hang: an answer within this bound, or the test fails. */
const REQUEST_TIMEOUT_MS = 20_000;
const MAX_RETRIES = 60;

interface Ontvangstbewijs {
  inschrijvingId: string;
  procedureId: string;
  kvk: string;
  ontvangenOp: string;
  ontvangstbewijsId: string;
  sha256: string;
}

interface Poging {
  status: number | "timeout" | "fout";
  retryAfter?: string;
  body?: unknown;
  at: number;
}

describe("de procesmotor valt weg tijdens 50 gelijktijdige inschrijvingen", () => {
  let own: OwnEngine;
  let app: Express;
  const inkoper: Actor = { rol: "inkoper", id: "i.kill" };
  const aanbieders: Actor[] = Array.from({ length: AANTAL }, (_, i) => ({ rol: "aanbieder", id: `a.kill.${i}`, kvk: uniqueKvk() }));
  const producten = offeredProducts("ambulant-jeugd");
  const procedureId = uniqueId("oh-kill");

  beforeAll(async () => {
    own = await startOwnEngine("engine-kill");
    app = createApp({ engine: own.engine, roleHeaders: true, metrics: { production: false } });
  });

  afterAll(async () => {
    await own?.stop();
  });

  const sleutel = (a: Actor) => `inschrijving-kill-${a.kvk}`;

  /** One submission with the aanbieder's own key; a hang or a broken connection is an answer too. */
  async function dienIn(a: Actor): Promise<Poging> {
    try {
      const res = await as(app, a)
        .post(`/api/v1/procedures/${procedureId}/inschrijvingen`, completeInschrijving(producten.slice(0, 2)))
        .set("Idempotency-Key", sleutel(a))
        .timeout(REQUEST_TIMEOUT_MS);
      return { status: res.status, retryAfter: res.headers["retry-after"] as string | undefined, body: res.body, at: performance.now() };
    } catch (err) {
      const timedOut = (err as { timeout?: number }).timeout !== undefined || /timeout/i.test(String((err as Error).message));
      return { status: timedOut ? "timeout" : "fout", body: String(err), at: performance.now() };
    }
  }

  it("elk ontvangstbewijs blijft, een afgebroken inzending antwoordt 503 en slaagt bij herhaling, niets dubbel", async () => {
    // The app logs each 503 (a warning) and each 500 (an error); count them rather than print 46 stack frames.
    const warnings = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const errors = jest.spyOn(console, "error");
    // An Open House that closes in an hour, and 50 registered aanbieders.
    const created = await as(app, inkoper).post("/api/v1/procedures", {
      id: procedureId,
      contractId: "ambulant-jeugd",
      titel: "Open House Ambulant Jeugd (procesmotor weg)",
      publicatieAt: new Date(Date.now() - 1000).toISOString(),
      sluitingAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(created.status).toBe(201);
    expect((await as(app, inkoper).post(`/api/v1/procedures/${procedureId}/publicatie`)).status).toBe(201);
    for (let i = 0; i < AANTAL; i += 10) {
      const statuses = await Promise.all(
        aanbieders.slice(i, i + 10).map(async (a) => (await as(app, a).post("/api/v1/aanbieders", { kvk: a.kvk, naam: `Zorg Weg ${a.kvk}`, email: `kill-${a.kvk}@aanbieder.example` })).status),
      );
      expect(statuses).toEqual(statuses.map(() => 201));
    }

    // 50 submissions at once; the engine is killed as soon as the first few receipts are in.
    let receiptsSoFar = 0;
    let signalKill: () => void = () => undefined;
    const eersteOntvangen = new Promise<void>((r) => (signalKill = r));
    const t0 = performance.now();
    const eerste = Promise.all(
      aanbieders.map(async (a) => {
        const p = await dienIn(a);
        if (p.status === 201 && ++receiptsSoFar >= 3) signalKill();
        return p;
      }),
    );
    // If the receipts are slow to come, kill anyway: the point is to cut submissions off mid-flight.
    await Promise.race([eersteOntvangen, new Promise((r) => setTimeout(r, 15_000))]);
    await own.kill();
    const killAt = performance.now();
    const killWallClock = Date.now();
    const receiptsAtKill = receiptsSoFar;

    const pogingen = await eerste;
    const allesBeantwoord = Math.round(performance.now() - t0);

    // The first answers: a receipt or 503 with Retry-After; never 500/502, never a hang.
    const statuses = pogingen.map((p) => p.status);
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    for (const p of pogingen.filter((x) => x.status === 503)) {
      expect(p.retryAfter).toBe("5");
      expect(p.body).toMatchObject({ status: 503, code: "EngineNietBereikbaar" });
    }
    const voorDeKill = new Map<string, Ontvangstbewijs>();
    const naDeKill = new Map<string, Ontvangstbewijs>();
    pogingen.forEach((p, i) => {
      if (p.status !== 201) return;
      (p.at <= killAt ? voorDeKill : naDeKill).set(aanbieders[i]!.kvk!, p.body as Ontvangstbewijs);
    });
    const afgebroken = aanbieders.filter((_, i) => pogingen[i]!.status !== 201);

    // The engine comes back on the same file and ports; the app and the worker find it by themselves.
    const t1 = performance.now();
    await own.restart();
    await until("readiness weer 200", async () => ((await as(app, inkoper).get("/api/v1/ready")).status === 200 ? true : undefined), 60_000);
    const terugNa = Math.round(performance.now() - t1);

    // Every cut-off submission again, with the same key, until it has its receipt.
    let herhalingen = 0;
    const herhaald = new Map<string, Ontvangstbewijs>();
    const onderweg: string[] = [];
    await Promise.all(
      afgebroken.map(async (a) => {
        for (let poging = 1; poging <= MAX_RETRIES; poging++) {
          herhalingen++;
          const p = await dienIn(a);
          if (p.status === 201) {
            herhaald.set(a.kvk!, p.body as Ontvangstbewijs);
            return;
          }
          onderweg.push(String(p.status));
          // Honour Retry-After, but no longer than a second here.
          const wacht = Math.min(1_000, Number(p.retryAfter ?? "1") * 1_000);
          await new Promise((r) => setTimeout(r, wacht));
        }
      }),
    );
    // While the engine returns, a retry may meet 503 again; nothing else.
    expect(onderweg.filter((s) => s !== "503")).toEqual([]);
    expect(afgebroken.filter((a) => !herhaald.has(a.kvk!)).map((a) => a.kvk)).toEqual([]);

    // A cut-off submission the engine had already taken in before the kill: the retry finds that receipt.
    const alOntvangen = [...herhaald.values()].filter((r) => new Date(r.ontvangenOp).getTime() < killWallClock).length;

    // 50 receipts, one per aanbieder.
    const alle = new Map<string, Ontvangstbewijs>([...voorDeKill, ...naDeKill, ...herhaald]);
    expect(alle.size).toBe(AANTAL);
    for (const a of aanbieders) expect(alle.get(a.kvk!)).toMatchObject({ procedureId, kvk: a.kvk, inschrijvingId: `${procedureId}/${a.kvk}` });
    expect(new Set([...alle.values()].map((r) => r.ontvangstbewijsId)).size).toBe(AANTAL);

    // A receipt given before the kill is the same receipt after it: the same key answers it again.
    const nogmaals = await Promise.all(aanbieders.map(async (a) => ({ kvk: a.kvk!, p: await dienIn(a) })));
    for (const { kvk, p } of nogmaals) {
      expect([kvk, p.status]).toEqual([kvk, 201]);
      expect(p.body).toEqual(alle.get(kvk));
    }
    for (const [kvk, r] of voorDeKill) expect(nogmaals.find((n) => n.kvk === kvk)!.p.body).toEqual(r);

    // Nothing is counted twice.
    const lijst = await as(app, inkoper).get(`/api/v1/procedures/${procedureId}/inschrijvingen`);
    expect(lijst.status).toBe(200);
    expect(lijst.body.aantal).toBe(AANTAL);
    expect(own.worker.process.exitCode).toBeNull();
    const warned = warnings.mock.calls.length;
    warnings.mockRestore();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();

    console.log(
      `procesmotor gedood na ${receiptsAtKill} ontvangstbewijzen (${Math.round(killAt - t0)} ms na de start): ` +
        `${voorDeKill.size} bewijzen vóór de kill, ${naDeKill.size} erna zonder herhaling, ${afgebroken.length} afgebroken met 503, ` +
        `${herhalingen} herhalingen nodig (${onderweg.length} opnieuw 503; ${alOntvangen} afgebroken inzendingen bleken vóór de kill al ontvangen); eerste antwoorden binnen ${allesBeantwoord} ms; ` +
        `readiness 200 na ${terugNa} ms; aantal inschrijvingen ${lijst.body.aantal}; ${warned} waarschuwingen 'procesmotor niet bereikbaar'`,
    );
  });
});
