import type { Express } from "express";
import { createApp } from "../api/app";
import type { InschrijvingInput } from "../domain/inschrijving/inschrijving";
import type { Actor } from "../domain/shared/actor";
import { as, until } from "./api-client";
import { completeInschrijving, offeredProducts } from "./fixtures/inschrijving";
import { publiceerOpenHouse, registreerAanbieders } from "./fixtures/open-house";
import { fetchHistoryPaged } from "./harness/history";
import { closeEngine, engine, temporalClient, uniqueId, uniqueKvk } from "./harness/stack";

/**
 * A rush of submissions (issue 15): the receipts go first, and the inschrijving entities they create
 * are started after it, in start activities that stay well below the engine's 2 MB per payload,
 * however long the answers are. On the real engine; the order is read from the procedure's history.
 */
jest.setTimeout(90_000);

describe("inschrijvingen in een drukte: eerst de ontvangstbewijzen, daarna de inschrijvingen", () => {
  let app: Express;
  const inkoper: Actor = { rol: "inkoper", id: "inkoper.drukte" };
  const producten = offeredProducts("ambulant-jeugd");
  const aanbieders: Actor[] = Array.from({ length: 16 }, (_, i) => ({ rol: "aanbieder", id: `drukte-${i}`, kvk: uniqueKvk() }));

  const publiceer = (id: string) => publiceerOpenHouse(app, inkoper, id, "Open House drukte (test)");
  /** Every run's events, oldest run first: long answers make the procedure's history long enough to continue as new. */
  const history = async (id: string) => {
    const runs: { runId: string; startTime: Date }[] = [];
    for await (const wf of temporalClient().workflow.list({ query: `WorkflowId = "procedure:${id}"` })) runs.push({ runId: wf.runId, startTime: wf.startTime });
    runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    const events = [];
    for (const run of runs) events.push(...((await fetchHistoryPaged(temporalClient(), `procedure:${id}`, run.runId)).events ?? []));
    return events;
  };
  const startActivities = (events: Awaited<ReturnType<typeof history>>) => events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === "startEntities");
  const eigenInschrijving = (id: string, a: Actor) =>
    until(`inschrijving van ${a.kvk}`, async () => {
      const res = await as(app, a).get(`/api/v1/procedures/${id}/inschrijvingen/${a.kvk}`);
      return res.status === 200 ? res.body : undefined;
    });

  beforeAll(async () => {
    app = createApp({ engine: engine(), roleHeaders: true });
    await registreerAanbieders(app, aanbieders);
  });
  afterAll(closeEngine);

  it("twaalf tegelijk: alle ontvangstbewijzen vóór de eerste start, en daarna is elke inschrijving er, met haar inhoud", async () => {
    const id = uniqueId("oh-drukte");
    await publiceer(id);
    const twaalf = aanbieders.slice(0, 12);
    const bewijzen = await Promise.all(twaalf.map((a) => as(app, a).post(`/api/v1/procedures/${id}/inschrijvingen`, completeInschrijving(producten.slice(0, 2)))));
    expect(bewijzen.map((r) => r.status)).toEqual(twaalf.map(() => 201));

    for (const [i, a] of twaalf.entries()) {
      const eigen = await eigenInschrijving(id, a);
      expect(eigen).toMatchObject({ kvk: a.kvk, status: "ingediend", ontvangstbewijs: { ontvangstbewijsId: bewijzen[i]!.body.ontvangstbewijsId }, inhoud: { producten: producten.slice(0, 2) } });
    }
    const events = await history(id);
    const lastReceipt = Math.max(...events.flatMap((e, i) => (e.workflowExecutionUpdateCompletedEventAttributes ? [i] : [])));
    const firstStart = events.findIndex((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === "startEntities");
    expect(firstStart).toBeGreaterThan(lastReceipt);
    expect(startActivities(events).length).toBeLessThan(twaalf.length);
  });

  it("zestien lange inschrijvingen tegelijk (elk ±160 KB): gestart in activiteiten van hooguit 512 KB, geen enkele blijft hangen", async () => {
    const id = uniqueId("oh-drukte-groot");
    await publiceer(id);
    const lang = (a: Actor): InschrijvingInput => {
      const basis = completeInschrijving(producten);
      return { ...basis, antwoorden: basis.antwoorden.map((x, i) => ({ ...x, toelichting: `${a.kvk} antwoord ${i}: ${"Wij werken met een vast team en een methodiek die aantoonbaar werkt. ".repeat(55)}`.slice(0, 4000) })) };
    };
    expect(JSON.stringify(lang(aanbieders[0]!)).length).toBeGreaterThan(130_000);
    const bewijzen = await Promise.all(aanbieders.map((a) => as(app, a).post(`/api/v1/procedures/${id}/inschrijvingen`, lang(a))));
    expect(bewijzen.map((r) => r.status)).toEqual(aanbieders.map(() => 201));

    for (const a of aanbieders) expect((await eigenInschrijving(id, a)).inhoud.antwoorden[0].toelichting).toMatch(new RegExp(`^${a.kvk} antwoord 0`));
    const starts = startActivities(await history(id));
    const sizes = starts.map((e) => (e.activityTaskScheduledEventAttributes?.input?.payloads ?? []).reduce((sum, p) => sum + (p.data?.length ?? 0), 0));
    expect(starts.length).toBeGreaterThanOrEqual(4);
    for (const size of sizes) expect(size).toBeLessThan(700 * 1024);
    // The procedure still answers: no workflow task failed on an oversized payload.
    expect((await as(app, inkoper).get(`/api/v1/procedures/${id}`)).body.aantalInschrijvingen).toBe(aanbieders.length);
  });
});
