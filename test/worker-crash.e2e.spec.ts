import type { Express } from "express";
import { createApp } from "../api/app";
import { toelatingscriteria } from "../domain/catalogue";
import { toAmsterdamDate } from "../domain/calendar";
import type { Actor } from "../domain/shared/actor";
import { EngineClient } from "../engine/client";
import { besluitEntity } from "../workflows/besluit/definition";
import { readMailbox } from "../scripts/inbox/mailbox";
import { startWorkerProcess } from "../scripts/stack/worker-process";
import { as, sleepUntil, until } from "./api-client";
import { completeInschrijving, offeredProducts } from "./fixtures/inschrijving";
import { closeEngine, recordPid, stack, temporalClient, uniqueId, uniqueKvk } from "./harness/stack";
import { join } from "node:path";
import { openInschrijvingen } from "./fixtures/opening";

/**
 * The worker is killed (SIGKILL) while the besluiten of a gunning are being made and mailed, and started
 * again. Temporal resumes every workflow from its history: each besluit exists once, and each aanbieder
 * receives exactly one besluit mail (the worker only puts mail in the outbox, named by Message-ID).
 */
jest.setTimeout(240_000);

describe("een worker die sterft midden in de besluiten van een gunning", () => {
  const N = 24;
  const taskQueue = `crash-${process.pid}`;
  let app: Express;
  let engine: EngineClient;
  const inkoper: Actor = { rol: "inkoper", id: "i.crash" };
  const beoordelaar: Actor = { rol: "beoordelaar", id: "b.crash" };
  const directeur: Actor = { rol: "programmadirecteur", id: "p.crash" };
  const aanbieders: Actor[] = Array.from({ length: N }, (_, i) => ({ rol: "aanbieder", id: `crash-${i}`, kvk: uniqueKvk() }));
  const email = (x: Actor) => `crash-${x.kvk}@aanbieder.example`;
  const procedureId = uniqueId("oh-crash");
  const product = offeredProducts("ambulant-jeugd")[0]!;
  const workerEnv = () => ({
    TEMPORAL_ADDRESS: stack().temporalAddress,
    TEMPORAL_NAMESPACE: stack().namespace,
    INKOOP_TASK_QUEUE: taskQueue,
    INKOOP_WORKFLOW_BUNDLE: stack().bundlePath,
    INKOOP_DATA_DIR: stack().dataDir,
  });
  const startWorker = async (n: number) => {
    const w = await startWorkerProcess(join(stack().baseDir, `crash-worker-${n}.log`), workerEnv());
    recordPid(w.pid);
    return w;
  };
  const besluitMails = async () => (await readMailbox(stack().mailDir)).filter((m) => aanbieders.some((x) => m.to.includes(email(x))) && /besluit/.test(m.subject));

  afterAll(closeEngine);

  it("maakt na de herstart elk besluit één keer en verstuurt elke mail één keer", async () => {
    let worker = await startWorker(1);
    engine = new EngineClient(temporalClient(), taskQueue);
    app = createApp({ engine, roleHeaders: true });
    await Promise.all(aanbieders.map(async (x) => expect((await as(app, x).post("/api/v1/aanbieders", { kvk: x.kvk, naam: `Crash Zorg ${x.id}`, email: email(x) })).status).toBe(201)));

    const sluitingAt = new Date(Date.now() + 15_000);
    expect(
      (
        await as(app, inkoper).post("/api/v1/procedures", {
          id: procedureId,
          contractId: "ambulant-jeugd",
          titel: "Open House (crashtest)",
          publicatieAt: new Date(Date.now() - 1000).toISOString(),
          sluitingAt: sluitingAt.toISOString(),
          producten: [product],
          instellingen: { contractIngangsdatum: toAmsterdamDate(new Date()) },
        })
      ).status,
    ).toBe(201);
    expect((await as(app, inkoper).post(`/api/v1/procedures/${procedureId}/publicatie`)).status).toBe(201);
    await Promise.all(aanbieders.map(async (x) => expect((await as(app, x).post(`/api/v1/procedures/${procedureId}/inschrijvingen`, completeInschrijving([product]))).status).toBe(201)));
    await sleepUntil(sluitingAt);
    await openInschrijvingen(app, procedureId);

    const items = toelatingscriteria.flatMap((c) => (c.perProduct ? [`${c.code}:${product}`] : [c.code]));
    await Promise.all(
      aanbieders.map(async (x) => {
        const base = `/api/v1/procedures/${procedureId}/inschrijvingen/${x.kvk}`;
        await until(`beoordeling ${x.kvk}`, async () => ((await as(app, inkoper).get(base)).body.status === "beoordeling" ? true : undefined), 60_000);
        for (const item of items) {
          const res = await as(app, beoordelaar).post(`${base}/beoordelingen`, { item, oordeel: "voldoet", motivering: `Aangetoond voor ${item}.` });
          expect([res.status, res.body.detail]).toEqual([201, undefined]);
        }
      }),
    );
    await until("alle uitkomsten", async () => ((await as(app, inkoper).get(`/api/v1/procedures/${procedureId}`)).body.rondes[0].aantalBeoordeeld === N ? true : undefined), 60_000);
    const voorstel = await as(app, inkoper).post(`/api/v1/procedures/${procedureId}/gunningsvoorstel`, { toelichting: "Allen voldoen." });
    expect(voorstel.status).toBe(201);
    const gunning = voorstel.body.besluitId as string;
    expect((await as(app, directeur).post(`/api/v1/besluiten/${gunning}/beslissing`, { akkoord: true, motivering: "Akkoord." })).status).toBe(201);

    // The kill lands while the besluiten are under way: after the first mail, before the last.
    const atKill = await until("eerste besluitmail", async () => ((await besluitMails()).length > 0 ? (await besluitMails()).length : undefined), 60_000);
    worker.process.kill("SIGKILL");
    await new Promise<void>((r) => worker.process.once("exit", () => r()));
    expect(atKill).toBeLessThan(N);
    worker = await startWorker(2);

    await until("alle besluitmails", async () => ((await besluitMails()).length >= N ? true : undefined), 150_000);
    // Anything the first worker left half-done would show up as a second mail by now.
    await new Promise((r) => setTimeout(r, 2_000));
    const mails = await besluitMails();
    expect(mails).toHaveLength(N);
    for (const x of aanbieders) expect(mails.filter((m) => m.to.includes(email(x)))).toHaveLength(1);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(N);

    const besluiten = await until("alle besluiten in de lijst", async () => {
      const found = (await engine.list(besluitEntity)).filter((b) => b.id.startsWith(`${gunning}-`));
      return found.length >= N ? found : undefined;
    });
    expect(besluiten).toHaveLength(N);
    for (const b of besluiten) {
      const log = (await engine.entity(besluitEntity, b.id).events({ actor: inkoper })) as { type: string }[];
      expect(log.filter((e) => e.type === "BesluitVerzonden")).toHaveLength(1);
      expect(log.filter((e) => e.type === "BesluitDocumentGemaakt")).toHaveLength(1);
    }
    await until("alle contracten", async () => {
      const res = await as(app, inkoper).get("/api/v1/contracten");
      return (res.body as { kvk: string }[]).filter((c) => aanbieders.some((x) => x.kvk === c.kvk)).length === N ? true : undefined;
    }, 60_000);
    // The second worker stays until the global teardown: other tests list and read these workflows too.
  });
});
