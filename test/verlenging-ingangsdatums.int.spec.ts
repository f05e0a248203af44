import type { Express } from "express";
import { createApp } from "../api/app";
import { addMonths, formatInstantNl, toAmsterdamDate } from "../domain/calendar";
import type { Actor } from "../domain/shared/actor";
import type { StartInput } from "../workflows/contract/definition";
import { waitForMail } from "../scripts/inbox/mailbox";
import { as, until } from "./api-client";
import { closeEngine, engine, stack, temporalClient, uniqueKvk } from "./harness/stack";
import { pdfText } from "./pdf-text";

jest.setTimeout(120_000);

/**
 * Issue 13: verlengingsrondes for contracts of one catalogue contract that started on different days (two
 * procedures, two ingangsdatums). Each term end gets its own round with the contracts whose term ends
 * then, and both rounds can extend. The contracts are started as the procedure starts them (the contract
 * entity's `start`), on the real engine; their start dates lie 35 and 34 months back, so both first terms
 * (Ambulant Wmo: 3 years) end within the lead time of three months. In the first round one aanbieder is
 * heard, replies, and is still refused: its niet-verlengingsbesluit (PDF and mail) answers the reply.
 */
describe("Verlengingsrondes voor contracten met verschillende ingangsdatums (engine)", () => {
  let app: Express;
  const CONTRACT = "ambulant-wmo";
  const inkoper: Actor = { rol: "inkoper", id: "i.ingangsdatums" };
  const directeur: Actor = { rol: "programmadirecteur", id: "p.ingangsdatums" };
  const vandaag = toAmsterdamDate(new Date());
  const eerste = { ingangsdatum: addMonths(vandaag, -35), kvks: [uniqueKvk(), uniqueKvk()] };
  const tweede = { ingangsdatum: addMonths(vandaag, -34), kvks: [uniqueKvk()] };
  const einde: Record<string, string> = {};

  async function startContract(kvk: string, ingangsdatum: string, procedureId: string): Promise<string> {
    const naam = `Ambulant Wmo ${kvk}`;
    expect((await as(app, { rol: "aanbieder", id: kvk, kvk }).post("/api/v1/aanbieders", { kvk, naam, email: `ingangsdatums-${kvk}@aanbieder.example` })).status).toBe(201);
    const key = `${CONTRACT}/${kvk}`;
    const input: StartInput = { contractId: CONTRACT, kvk, naam, procedureId, besluitId: `GUN-${procedureId}-${kvk}`, producten: ["x"], ingangsdatum };
    await temporalClient().workflow.start("contract", { taskQueue: stack().taskQueue, workflowId: `contract:${key}`, args: [{ key, init: { name: "start", input, messageId: `test:start:${key}` } }] });
    const c = await until(`contract ${kvk}`, async () => {
      const res = await as(app, inkoper).get(`/api/v1/contracten/${CONTRACT}/${kvk}`);
      return res.status === 200 && res.body.huidigeTermijn ? (res.body as { huidigeTermijn: { nr: number; eind: string } }) : undefined;
    });
    expect(c.huidigeTermijn.nr).toBe(1);
    return c.huidigeTermijn.eind;
  }

  const mailVan = (kvk: string) => `ingangsdatums-${kvk}@aanbieder.example`;
  const REACTIE = "Wij hebben sinds de zomer een verbeterplan en een nieuwe teamleider; de wachttijd is gehalveerd.";
  const HANDHAVEN = "Het verbeterplan is niet onderbouwd met cijfers; de klachten over 2026 blijven staan.";

  /** A refusal for the first aanbieder of the round, heard: the aanbieder replies, the inkoper keeps the refusal. */
  async function weigerNaHoren(eind: string): Promise<void> {
    const base = `/api/v1/verlengingsrondes/${CONTRACT}/${eind}`;
    const kvk = eerste.kvks[0]!;
    const aanbieder: Actor = { rol: "aanbieder", id: kvk, kvk };
    expect((await as(app, inkoper).post(`${base}/weigeringen`, { kvk, reden: "ondermaats-presteren", motivering: "Vier gegronde klachten over wachttijden in 2026." })).status).toBe(201);
    expect((await as(app, inkoper).post(`${base}/hoor-en-wederhoor`, { kvk, termijnEinde: new Date(Date.now() + 60_000).toISOString() })).status).toBe(201);
    await waitForMail(stack().mailDir, (m) => m.to.includes(mailVan(kvk)) && /Hoor en wederhoor/.test(m.subject));
    expect((await as(app, aanbieder).post(`${base}/hoor-en-wederhoor/reactie`, { toelichting: REACTIE, documenten: ["verbeterplan.pdf"] })).status).toBe(201);
    expect((await as(app, inkoper).post(`${base}/herbeoordeling`, { kvk, besluit: "handhaven", motivering: HANDHAVEN })).status).toBe(201);
  }

  beforeAll(() => {
    app = createApp({ engine: engine(), roleHeaders: true });
  });
  afterAll(closeEngine);

  it("zonder lopend contract noemt de weigering het veld contractId, niet een ingangsdatum die de body niet heeft", async () => {
    const res = await as(app, inkoper).post("/api/v1/verlengingsrondes", { contractId: CONTRACT, termijnEinde: addMonths(vandaag, 1) });
    expect([res.status, res.body.veld]).toEqual([409, "contractId"]);
    expect(JSON.stringify(res.body)).not.toMatch(/ingangsdatum/i);
    // JeugdzorgPlus (onderhands gegund): whatever contracts other tests made, the refusal names a field of the body.
    const jzp = await as(app, inkoper).post("/api/v1/verlengingsrondes", { contractId: "jeugdzorgplus", termijnEinde: "2020-12-31" });
    expect(jzp.status).toBeGreaterThanOrEqual(400);
    expect(["contractId", "termijnEinde"]).toContain(jzp.body.veld);
    expect(JSON.stringify(jzp.body)).not.toMatch(/ingangsdatum/i);
  });

  it("elke termijn krijgt een eigen ronde met de contracten die dan aflopen, en beide rondes verlengen", async () => {
    for (const kvk of eerste.kvks) einde[kvk] = await startContract(kvk, eerste.ingangsdatum, "oh-ingangsdatum-1");
    for (const kvk of tweede.kvks) einde[kvk] = await startContract(kvk, tweede.ingangsdatum, "oh-ingangsdatum-2");
    const eind1 = einde[eerste.kvks[0]!]!;
    const eind2 = einde[tweede.kvks[0]!]!;
    expect(eind1).not.toBe(eind2);

    // A date on which no term ends names the term ends that run, in the field termijnEinde.
    const mis = await as(app, inkoper).post("/api/v1/verlengingsrondes", { contractId: CONTRACT, termijnEinde: addMonths(vandaag, 2) === eind2 ? addMonths(vandaag, 3) : addMonths(vandaag, 2) });
    expect(mis.body.veld).toBe("termijnEinde");
    expect(mis.body.detail).toContain(`(${eind2})`);

    const besluiten: string[] = [];
    for (const [eind, groep] of [
      [eind1, eerste.kvks],
      [eind2, tweede.kvks],
    ] as const) {
      const opened = await as(app, inkoper).post("/api/v1/verlengingsrondes", { contractId: CONTRACT, termijnEinde: eind });
      expect([opened.status, opened.body.detail]).toEqual([201, undefined]);
      expect(opened.body.aanbieders.map((x: { kvk: string }) => x.kvk).sort()).toEqual([...groep].sort());
      expect(opened.body).toMatchObject({ termijnEinde: eind, termijnNr: 1, volgendeTermijn: { nr: 2 } });
      if (eind === eind1) await weigerNaHoren(eind);
      const voorstel = await as(app, inkoper).post(`/api/v1/verlengingsrondes/${CONTRACT}/${eind}/verlengingsbesluit`, { motivering: `Algemeen verlengingsbesluit Ambulant Wmo, termijn tot ${eind}.` });
      expect([voorstel.status, voorstel.body.detail]).toEqual([201, undefined]);
      expect((await as(app, directeur).post(`/api/v1/besluiten/${voorstel.body.besluitId}/beslissing`, { akkoord: true })).status).toBe(201);
      besluiten.push(voorstel.body.besluitId as string);
    }

    for (const kvk of [...eerste.kvks.slice(1), ...tweede.kvks]) {
      const log = await until(`verlengd ${kvk}`, async () => {
        const res = await as(app, inkoper).get(`/api/v1/contracten/${CONTRACT}/${kvk}/logboek`);
        return (res.body as { type: string; data: { termijnEinde?: string } }[]).find((e) => e.type === "VerlengingBesloten");
      });
      expect(log.data).toMatchObject({ termijnEinde: einde[kvk] });
    }

    // The niet-verlengingsbesluit after the hearing addresses the reply: its date and words, and why it does not change the decision.
    const geweigerd = eerste.kvks[0]!;
    const nee = await waitForMail(stack().mailDir, (m) => m.to.includes(mailVan(geweigerd)) && m.subject.includes(`${besluiten[0]}-${geweigerd}`));
    const pdf = (await pdfText(nee.attachments[0]!.content)).replace(/\s+/g, " ");
    const ronde1 = (await as(app, inkoper).get(`/api/v1/verlengingsrondes/${CONTRACT}/${eind1}`)).body;
    const reactieOp = formatInstantNl(new Date(ronde1.weigeringen[0].hoor.reactie.at));
    for (const tekst of [pdf, nee.text.replace(/\s+/g, " ")]) {
      expect(tekst).toContain(`U heeft op ${reactieOp} gereageerd op het voornemen (hoor en wederhoor): "${REACTIE}"`);
      expect(tekst).toContain(`Uw reactie verandert het besluit niet: ${HANDHAVEN}`);
    }
    expect(pdf).toContain("Waarom uw reactie het besluit niet verandert");
    expect(pdf).toContain("U stuurde 1 document(en) mee.");
    const nietVerlengd = await until("niet verlengd", async () => {
      const res = await as(app, inkoper).get(`/api/v1/contracten/${CONTRACT}/${geweigerd}`);
      return res.body.einde ? res.body : undefined;
    });
    expect(nietVerlengd.einde.einddatum).toBe(eind1);

    // The list and each round agree on the status; each round names who approved in its besluit.
    const lijst = (await as(app, inkoper).get("/api/v1/verlengingsrondes")).body as { contractId: string; termijnEinde: string; status: string }[];
    for (const eind of [eind1, eind2]) {
      const ronde = (await as(app, inkoper).get(`/api/v1/verlengingsrondes/${CONTRACT}/${eind}`)).body;
      const logboek = (await as(app, inkoper).get(`/api/v1/verlengingsrondes/${CONTRACT}/${eind}/logboek`)).body as { type: string; actor: Actor; data: { door?: string } }[];
      expect(logboek.find((e) => e.type === "VerlengingsbesluitGenomen")).toMatchObject({ actor: { rol: "programmadirecteur", id: directeur.id }, data: { door: directeur.id } });
      expect(ronde).toMatchObject({ status: "vastgesteld", voorstellen: [{ status: "akkoord", beslissing: { door: directeur.id } }] });
      expect(lijst.find((r) => r.contractId === CONTRACT && r.termijnEinde === eind)).toMatchObject({ status: "vastgesteld" });
    }
    expect(besluiten).toHaveLength(2);
  });
});
