import type { Express } from "express";
import { createApp } from "../api/app";
import type { Actor } from "../domain/shared/actor";
import { DEMO_TITEL_PREFIX, seedDemoRegion, type DemoAanbieder, type DemoRegionSummary } from "../scripts/demo/demo-region";
import { as, until } from "./api-client";
import { closeEngine, engine, uniqueId, uniqueKvk } from "./harness/stack";

/**
 * The demo region of a fresh `npm start` (issue 14), seeded on the real engine through the API: one Open
 * House open for entry, one in beoordeling with hoor en wederhoor running, one gegund with contracts.
 * Its own id prefix and KvK numbers keep it apart from the other tests on the shared engine.
 */
jest.setTimeout(150_000);
afterAll(closeEngine);

describe("demoregio bij de eerste start", () => {
  let app: Express;
  const prefix = uniqueId("demo");
  const aanbieders: DemoAanbieder[] = ["Alfa", "Beta", "Gamma", "Delta"].map((n) => ({ kvk: uniqueKvk(), naam: `Zorg ${n} (demo)`, email: `${n.toLowerCase()}@demo.example` }));
  const eigen: DemoAanbieder = { kvk: uniqueKvk(), naam: "Jeugdhulp De Brug B.V.", email: "info@debrug.example" };
  const opts = { idPrefix: prefix, aanbieders, eigenAanbieder: eigen };
  const inkoper: Actor = { rol: "inkoper", id: "i.test" };
  const debrug: Actor = { rol: "aanbieder", id: "debrug", kvk: eigen.kvk };
  const lines: string[] = [];
  let first: DemoRegionSummary;

  beforeAll(async () => {
    app = createApp({ engine: engine(), roleHeaders: true });
    first = await seedDemoRegion({ engine: engine() }, { ...opts, log: (l) => lines.push(l) });
  });

  it("zaait drie procedures in verschillende fasen, zonder waarschuwingen en binnen een minuut", () => {
    expect(first.waarschuwingen).toEqual([]);
    expect(first.status).toBe("aangemaakt");
    expect(first.procedures.map((p) => [p.id, p.status])).toEqual([
      [`${prefix}-open-house`, "gepubliceerd"],
      [`${prefix}-in-beoordeling`, "gesloten"],
      [`${prefix}-gegund`, "gegund"],
    ]);
    expect(first.duurMs).toBeLessThan(60_000);
    expect(lines.every((l) => l.startsWith("demo-regio: "))).toBe(true);
    expect(lines.some((l) => /klaar in/.test(l))).toBe(true);
  });

  it("markeert de demogegevens: titels beginnen met 'Demo – ', demo-aanbieders eindigen op ' (demo)'", async () => {
    for (const p of first.procedures) {
      const view = (await as(app, inkoper).get(`/api/v1/procedures/${p.id}`)).body;
      expect(view.titel.startsWith(DEMO_TITEL_PREFIX)).toBe(true);
    }
    for (const a of aanbieders) expect((await as(app, inkoper).get(`/api/v1/aanbieders/${a.kvk}`)).body.naam).toMatch(/ \(demo\)$/);
  });

  it("1: het Open House staat open voor inschrijving, met twee verzegelde inschrijvingen en een open vraag", async () => {
    const id = `${prefix}-open-house`;
    const view = (await as(app, inkoper).get(`/api/v1/procedures/${id}`)).body;
    expect(view.status).toBe("gepubliceerd");
    expect(view.verzegeld).toBe(true);
    expect(view.aantalInschrijvingen).toBe(2);
    expect(new Date(view.sluitingAt).getTime()).toBeGreaterThan(Date.now() + 50 * 86_400_000);
    expect(view.vragen).toHaveLength(1);
    // De Brug did not enter: the demo login can try it itself.
    expect((await as(app, debrug).get(`/api/v1/procedures/${id}/inschrijvingen/${eigen.kvk}`)).status).toBe(404);
  });

  it("2: in beoordeling; de hoorbrief aan De Brug heeft een termijn van weken, een ander is toegelaten, een derde wordt nog beoordeeld", async () => {
    const id = `${prefix}-in-beoordeling`;
    const view = (await as(app, inkoper).get(`/api/v1/procedures/${id}`)).body;
    expect(view.status).toBe("gesloten");
    expect(view.verzegeld).toBe(false);
    const own = (await as(app, debrug).get(`/api/v1/procedures/${id}/inschrijvingen/${eigen.kvk}`)).body;
    expect(own.status).toBe("hoor-en-wederhoor");
    expect(own.hoorEnWederhoor.tekortkomingen).toEqual([expect.objectContaining({ criterium: "TC05" })]);
    expect(new Date(own.hoorEnWederhoor.termijnEinde).getTime()).toBeGreaterThan(Date.now() + 14 * 86_400_000);
    await until("hoorbrief", async () => ((await as(app, debrug).get(`/api/v1/procedures/${id}/inschrijvingen/${eigen.kvk}`)).body.documenten?.length > 0 ? true : undefined));
    const toegelaten = (await as(app, inkoper).get(`/api/v1/procedures/${id}/inschrijvingen/${aanbieders[0]!.kvk}`)).body;
    expect(toegelaten.uitkomst).toMatchObject({ soort: "toegelaten" });
    const bezig = (await as(app, inkoper).get(`/api/v1/procedures/${id}/inschrijvingen/${aanbieders[1]!.kvk}`)).body;
    expect(bezig.status).toBe("beoordeling");
    expect(bezig.beoordelingen.length).toBeGreaterThan(0);
  });

  it("3: gegund; de contracten lopen, ook dat van De Brug", async () => {
    const id = `${prefix}-gegund`;
    const view = (await as(app, inkoper).get(`/api/v1/procedures/${id}`)).body;
    expect(view.status).toBe("gegund");
    expect(view.rondes[0].aantalBeoordeeld).toBe(4);
    for (const kvk of [eigen.kvk, aanbieders[1]!.kvk, aanbieders[2]!.kvk, aanbieders[3]!.kvk]) {
      const contract = (await as(app, inkoper).get(`/api/v1/contracten/ambulant-jeugd/${kvk}`)).body;
      expect([kvk, contract.status]).toEqual([kvk, "actief"]);
    }
    // The list trails the entities (visibility): wait until De Brug's own contract shows.
    const mine = await until("De Brug ziet het eigen contract", async () => {
      const res = (await as(app, debrug).get("/api/v1/contracten")).body as { kvk: string; contractId?: string }[];
      return res.length > 0 ? res : undefined;
    });
    expect(mine.every((c) => c.kvk === eigen.kvk)).toBe(true);
  });

  it("een tweede aanroep voegt niets toe", async () => {
    const second = await seedDemoRegion({ engine: engine() }, { ...opts, log: () => undefined });
    expect(second).toMatchObject({ status: "bestond-al", wijzigingen: 0, waarschuwingen: [] });
    expect(second.procedures).toEqual(first.procedures);
    const list = await until("de drie demoprocedures in het overzicht", async () => {
      const res = (await as(app, inkoper).get("/api/v1/procedures")).body as { id: string }[];
      const own = res.filter((p) => p.id.startsWith(`${prefix}-`));
      return own.length >= 3 ? own : undefined;
    });
    expect(list).toHaveLength(3);
  });

  it("zaait nooit in productie", async () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      const res = await seedDemoRegion({ engine: engine() }, { ...opts, idPrefix: uniqueId("demo-prod"), log: () => undefined });
      expect(res).toMatchObject({ status: "overgeslagen", procedures: [], wijzigingen: 0 });
    } finally {
      process.env.NODE_ENV = before;
    }
  });
});
