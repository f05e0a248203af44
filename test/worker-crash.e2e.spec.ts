import type { Express } from "express";
import { createApp } from "../api/app";
import { toAmsterdamDate } from "../domain/calendar";
import type { Actor } from "../domain/shared/actor";
import { EngineClient } from "../engine/client";
import { readMailbox } from "../scripts/inbox/mailbox";
import { startWorkerProcess } from "../scripts/stack/worker-process";
import { as, sleepUntil, until } from "./api-client";
import { completeInschrijving, offeredProducts } from "./fixtures/inschrijving";
import { closeEngine, recordPid, stack, temporalClient, uniqueId, uniqueKvk } from "./harness/stack";
import { join } from "node:path";
import { openInschrijvingen } from "./fixtures/opening";
import { beoordeelAllesVoldoet, besluitenVanGunning, gunMetAkkoord } from "./fixtures/gunning";

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

    await beoordeelAllesVoldoet(app, procedureId, aanbieders.map((x) => x.kvk!), product, N);
    const gunning = await gunMetAkkoord(app, procedureId);

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

    const besluiten = await besluitenVanGunning(engine, gunning, N);
    expect(besluiten).toHaveLength(N);
    for (const b of besluiten) {
      expect(b.log.filter((e) => e.type === "BesluitVerzonden")).toHaveLength(1);
      expect(b.log.filter((e) => e.type === "BesluitDocumentGemaakt")).toHaveLength(1);
    }
    await until("alle contracten", async () => {
      const res = await as(app, inkoper).get("/api/v1/contracten");
      return (res.body as { kvk: string }[]).filter((c) => aanbieders.some((x) => x.kvk === c.kvk)).length === N ? true : undefined;
    }, 60_000);
    // The second worker stays until the global teardown: other tests list and read these workflows too.
  });
});
