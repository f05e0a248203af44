import type { Express } from "express";
import { createApp } from "../api/app";
import type { Actor } from "../domain/shared/actor";
import type { EngineCallEvent } from "../engine/client";
import { as } from "./api-client";
import { completeInschrijving, offeredProducts } from "./fixtures/inschrijving";
import { publiceerOpenHouse, registreerAanbieders } from "./fixtures/open-house";
import { closeEngine, engine, uniqueId, uniqueKvk } from "./harness/stack";

/**
 * What a submission asks the engine before its update (engine/commands.ts): the procedure's contract
 * from its summary, once for a burst of first submissions, and no query on the procedure, whose
 * queries wait behind its workflow tasks while submissions pour in.
 */
describe("inschrijven: wat de API vooraf opzoekt", () => {
  let app: Express;
  const inkoper: Actor = { rol: "inkoper", id: "inkoper.opzoeken" };
  const producten = offeredProducts("ambulant-jeugd").slice(0, 1);
  const aanbieders: Actor[] = Array.from({ length: 12 }, (_, i) => ({ rol: "aanbieder", id: `opzoeken-${i}`, kvk: uniqueKvk() }));

  const publiceer = (id: string) => publiceerOpenHouse(app, inkoper, id, "Open House opzoeken (test)");

  beforeAll(async () => {
    app = createApp({ engine: engine(), roleHeaders: true });
    await registreerAanbieders(app, aanbieders);
  });
  afterAll(closeEngine);

  it("een burst eerste inschrijvingen leest het contract van de procedure één keer uit haar samenvatting, zonder query", async () => {
    const id = uniqueId("oh-opzoeken");
    await publiceer(id);
    const calls: EngineCallEvent[] = [];
    const stop = engine().observe((e) => calls.push(e));
    try {
      const results = await Promise.all(aanbieders.map((a) => as(app, a).post(`/api/v1/procedures/${id}/inschrijvingen`, completeInschrijving(producten))));
      expect(results.map((r) => r.status)).toEqual(aanbieders.map(() => 201));
    } finally {
      stop();
    }
    const count = (operation: string) => calls.filter((c) => c.operation === operation).length;
    expect(count("query")).toBe(0);
    expect(count("update")).toBe(aanbieders.length);
    // Per submission the aanbieder's and the earlier contract's summary; the procedure's once.
    expect(count("describe")).toBe(2 * aanbieders.length + 1);
    // None of these aanbieders had a contract: that look-up answers "not found", which is no refusal in the logs and metrics.
    expect(calls.filter((c) => c.outcome !== "ok")).toEqual([]);
  });

  it("inschrijven op een procedure die (nog) niet bestaat: 404; wordt zij daarna aangemaakt, dan lukt het", async () => {
    const id = uniqueId("oh-nog-niet");
    const [a] = aanbieders;
    const eerst = await as(app, a!).post(`/api/v1/procedures/${id}/inschrijvingen`, completeInschrijving(producten));
    expect([eerst.status, eerst.body.detail]).toEqual([404, "Deze procedure bestaat niet."]);
    await publiceer(id);
    const daarna = await as(app, a!).post(`/api/v1/procedures/${id}/inschrijvingen`, completeInschrijving(producten));
    expect(daarna.status).toBe(201);
    expect(daarna.body).toMatchObject({ procedureId: id, kvk: a!.kvk });
  });
});
