import type { Express } from "express";
import { createApp } from "../../api/app";
import { toAmsterdamDate } from "../../domain/calendar";
import type { Actor } from "../../domain/shared/actor";
import { listMailFiles, readMail, type ReceivedMail } from "../../scripts/inbox/mailbox";
import { as, sleepUntil, until } from "../api-client";
import { completeInschrijving, offeredProducts } from "../fixtures/inschrijving";
import { beoordeelAllesVoldoet, besluitenVanGunning, gunMetAkkoord } from "../fixtures/gunning";
import { openInschrijvingen } from "../fixtures/opening";
import { stack, uniqueId, uniqueKvk } from "../harness/stack";
import { pdfText } from "../pdf-text";
import { pool } from "../../scripts/bench/measure";
import { startOwnEngine, type OwnEngine } from "./own-engine";

/**
 * The fault matrix of issue 15: while the besluiten of a gunning to 50 aanbieders are being made, the
 * worker is killed (SIGKILL) five times and the engine twice, each started again at once. Afterwards
 * there are 50 besluiten, each with one PDF and one dispatch, and every aanbieder has its besluit mail.
 * The worker only writes mail into the outbox, named by Message-ID, and the relay sends it through a
 * ledger: no kill of the worker or the engine can send a mail twice. A duplicate could only come from
 * the relay itself, between the SMTP server's acceptance and its ledger entry; the test prints what
 * each kill caused and allows at most one per kill, with the same Message-ID.
 */
jest.setTimeout(420_000);

const N = 50;
type Kill = { nr: number; wat: "worker" | "engine"; mailsBij: number; at: number; herstartMs: number };

describe("vijf workerkills en twee enginekills tijdens de besluiten van een gunning aan 50 aanbieders", () => {
  let own: OwnEngine;
  let app: Express;
  const inkoper: Actor = { rol: "inkoper", id: "i.matrix" };
  const aanbieders: Actor[] = Array.from({ length: N }, (_, i) => ({ rol: "aanbieder", id: `matrix-${i}`, kvk: uniqueKvk() }));
  const email = (x: Actor) => `matrix-${x.kvk}@aanbieder.example`;
  const naam = (x: Actor) => `Matrix Zorg ${x.kvk}`;
  const procedureId = uniqueId("oh-matrix");
  const product = offeredProducts("ambulant-jeugd")[0]!;

  /** The inbox is shared with every other test: each file is parsed once, and only mail to our aanbieders counts. */
  const seen = new Map<string, ReceivedMail | null>();
  async function besluitMails(): Promise<ReceivedMail[]> {
    for (const file of await listMailFiles(stack().mailDir)) {
      if (seen.has(file)) continue;
      const mail = await readMail(stack().mailDir, file);
      seen.set(file, aanbieders.some((x) => mail.to.includes(email(x))) && /besluit/i.test(mail.subject) ? mail : null);
    }
    return [...seen.values()].filter((m): m is ReceivedMail => m !== null);
  }

  beforeAll(async () => {
    own = await startOwnEngine("besluit-matrix");
    app = createApp({ engine: own.engine, roleHeaders: true, metrics: { production: false } });
  });

  afterAll(async () => {
    await own?.stop();
  });

  it("heeft daarna 50 besluiten, 50 PDF's, elke mail bezorgd en hooguit één dubbele mail per kill", async () => {
    await pool(aanbieders, 25, async (x) => expect((await as(app, x).post("/api/v1/aanbieders", { kvk: x.kvk, naam: naam(x), email: email(x) })).status).toBe(201));
    const sluitingAt = new Date(Date.now() + 20_000);
    const aangemaakt = await as(app, inkoper).post("/api/v1/procedures", {
      id: procedureId,
      contractId: "ambulant-jeugd",
      titel: "Open House (storingsmatrix)",
      publicatieAt: new Date(Date.now() - 1000).toISOString(),
      sluitingAt: sluitingAt.toISOString(),
      producten: [product],
      instellingen: { contractIngangsdatum: toAmsterdamDate(new Date()) },
    });
    expect(aangemaakt.status).toBe(201);
    expect((await as(app, inkoper).post(`/api/v1/procedures/${procedureId}/publicatie`)).status).toBe(201);
    await pool(aanbieders, 25, async (x) => expect((await as(app, x).post(`/api/v1/procedures/${procedureId}/inschrijvingen`, completeInschrijving([product]))).status).toBe(201));
    expect(Date.now()).toBeLessThan(sluitingAt.getTime());
    await sleepUntil(sluitingAt);
    await openInschrijvingen(app, procedureId);

    await beoordeelAllesVoldoet(app, procedureId, aanbieders.map((x) => x.kvk!), product);
    const akkoordAt = Date.now();
    const gunning = await gunMetAkkoord(app, procedureId);

    // Seven kills, each as soon as one more besluit mail has arrived than at the one before: each at
    // another moment, and every one while besluiten are still being made.
    const plan: Kill["wat"][] = ["worker", "worker", "engine", "worker", "worker", "engine", "worker"];
    const kills: Kill[] = [];
    for (const [i, wat] of plan.entries()) {
      const vorige = kills.at(-1)?.mailsBij ?? 0;
      const mailsBij = await until(`voortgang vóór kill ${i + 1}`, async () => {
        const n = (await besluitMails()).length;
        return n > vorige ? n : undefined;
      }, 120_000);
      expect(mailsBij).toBeLessThan(N);
      const at = Date.now();
      if (wat === "worker") {
        await own.killWorker();
        await own.startWorker();
      } else {
        await own.kill();
        await own.restart();
      }
      kills.push({ nr: i + 1, wat, mailsBij, at, herstartMs: Date.now() - at });
    }

    await until("alle besluitmails", async () => (new Set((await besluitMails()).map((m) => m.to.join())).size >= N ? true : undefined), 240_000);
    const alleMailsMs = Date.now() - akkoordAt;
    // Anything a kill left half-done would show up as a second mail by now.
    await new Promise((r) => setTimeout(r, 3_000));
    const mails = await besluitMails();

    // Duplicates per kill: a second copy of a Message-ID counts against the last kill before it arrived.
    const eerste = new Map<string, ReceivedMail>();
    const dubbel: ReceivedMail[] = [];
    for (const m of [...mails].sort((a, b) => a.file.localeCompare(b.file))) {
      if (eerste.has(m.messageId)) dubbel.push(m);
      else eerste.set(m.messageId, m);
    }
    // The inbox names each file after its arrival (milliseconds since the epoch).
    const aankomst = (m: ReceivedMail) => Number(m.file.slice(0, m.file.indexOf("-")));
    const perKill = kills.map((k, i) => ({ ...k, dubbel: dubbel.filter((m) => aankomst(m) >= k.at && (i + 1 >= kills.length || aankomst(m) < kills[i + 1]!.at)).length }));
    console.log(
      [
        `storingsmatrix: ${N} besluiten, ${mails.length} besluitmails, ${eerste.size} verschillende Message-ID's, ${dubbel.length} dubbel; akkoord → alle mails ${alleMailsMs} ms`,
        ...perKill.map((k) => `  kill ${k.nr} (${k.wat}) bij ${k.mailsBij}/${N} mails, weer op in ${k.herstartMs} ms: ${k.dubbel} dubbele mail(s)`),
      ].join("\n"),
    );
    expect(eerste.size).toBe(N);
    for (const k of perKill) expect(k.dubbel).toBeLessThanOrEqual(1);
    expect(dubbel.length).toBeLessThanOrEqual(kills.length);
    for (const x of aanbieders) expect(new Set(mails.filter((m) => m.to.includes(email(x))).map((m) => m.messageId)).size).toBe(1);

    // Every besluit once, with one document and one dispatch, and its PDF names its aanbieder.
    const besluiten = await besluitenVanGunning(own.engine, gunning, N);
    expect(besluiten).toHaveLength(N);
    for (const b of besluiten) {
      expect(b.log.filter((e) => e.type === "BesluitDocumentGemaakt")).toHaveLength(1);
      expect(b.log.filter((e) => e.type === "BesluitVerzonden")).toHaveLength(1);
    }
    await pool(aanbieders, 10, async (x) => {
      const mail = [...eerste.values()].find((m) => m.to.includes(email(x)))!;
      const pdf = mail.attachments.find((a) => a.contentType === "application/pdf");
      expect(pdf).toBeDefined();
      expect((await pdfText(pdf!.content)).replace(/\s+/g, " ")).toContain(naam(x));
    });
  });
});
