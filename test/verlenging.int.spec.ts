import { contractenViaGunning } from "./fixtures/contract";
import type { Express } from "express";
import { createApp } from "../api/app";
import { addMonths, formatInstantNl, toAmsterdamDate } from "../domain/calendar";
import type { Actor } from "../domain/shared/actor";
import { waitForMail } from "../scripts/inbox/mailbox";
import { as, sleepUntil, until } from "./api-client";
import { offeredProducts } from "./fixtures/inschrijving";
import { closeEngine, engine, stack, uniqueId, uniqueKvk } from "./harness/stack";
import { pdfText } from "./pdf-text";

jest.setTimeout(120_000);

/**
 * A verlengingsronde on the engine. Years are compressed by choosing the contract's start date: the
 * first term of Dagbesteding Jeugd (2 + 8×1) ends a month from now, so the round is inside its lead
 * time today. One refusal is heard, the reply considered, the refusal kept; RWO approves; each
 * aanbieder receives its own besluit and the refused contract is set to end with its term.
 */
describe("Verlengingsronde met een individuele weigering (engine, SMTP, PDF)", () => {
  let app: Express;
  const inkoper: Actor = { rol: "inkoper", id: "i.verlenging" };
  const directeur: Actor = { rol: "programmadirecteur", id: "p.directeur" };
  const beoordelaar: Actor = { rol: "beoordelaar", id: "b.verlenging" };
  const a: Actor = { rol: "aanbieder", id: "a", kvk: uniqueKvk() };
  const b: Actor = { rol: "aanbieder", id: "b", kvk: uniqueKvk() };
  const mail = (x: Actor) => `verlenging-${x.kvk}@aanbieder.example`;
  const procedureId = uniqueId("oh-verlenging");
  const product = offeredProducts("dagbesteding-jeugd")[0]!;
  const ingangsdatum = addMonths(toAmsterdamDate(new Date()), -23);
  let termijnEinde: string;

  beforeAll(async () => {
    app = createApp({ engine: engine(), roleHeaders: true });
    const contracten = await contractenViaGunning(app, {
      procedureId,
      contractId: "dagbesteding-jeugd",
      titel: "Open House Dagbesteding Jeugd (verlenging)",
      product,
      aanbieders: [a, b].map((x) => ({ actor: x, naam: `Dagbesteding ${x.id.toUpperCase()}`, email: mail(x) })),
      ingangsdatum,
      inkoper,
      beoordelaar,
      directeur,
    });
    const contract = contracten[a.kvk!]!;
    expect(contract.huidigeTermijn.nr).toBe(1);
    termijnEinde = contract.huidigeTermijn.eind;
  });
  afterAll(closeEngine);

  it("signaleert de naderende termijn aan de inkoper", async () => {
    await waitForMail(stack().mailDir, (m) => m.to.includes("inkoop@regio-midden-holland.example") && m.subject.includes("Verlenging") && m.subject.includes(`Dagbesteding A`));
  });

  it("weigert verlenging voor één aanbieder na hoor en wederhoor; RWO beslist; ieder krijgt een eigen besluit", async () => {
    const base = `/api/v1/verlengingsrondes/dagbesteding-jeugd/${termijnEinde}`;
    const opened = await as(app, inkoper).post("/api/v1/verlengingsrondes", { contractId: "dagbesteding-jeugd", termijnEinde });
    expect([opened.status, opened.body.detail]).toEqual([201, undefined]);
    expect(opened.body.aanbieders.map((x: { kvk: string }) => x.kvk).sort()).toEqual([a.kvk, b.kvk].sort());

    const short = await as(app, inkoper).post(`${base}/weigeringen`, { kvk: a.kvk, reden: "ondermaats-presteren", motivering: "Slecht" });
    expect([short.status, short.body.veld]).toEqual([400, "motivering"]);
    expect(
      (await as(app, inkoper).post(`${base}/weigeringen`, { kvk: a.kvk, reden: "ondermaats-presteren", motivering: "Drie gegronde klachten en twee gemiste verbeterafspraken in 2026." })).status,
    ).toBe(201);
    const hoorEinde = new Date(Date.now() + 4_000);
    expect((await as(app, inkoper).post(`${base}/hoor-en-wederhoor`, { kvk: a.kvk, termijnEinde: hoorEinde.toISOString() })).status).toBe(201);
    const brief = await waitForMail(stack().mailDir, (m) => m.to.includes(mail(a)) && /Hoor en wederhoor/.test(m.subject));
    expect((await pdfText(brief.attachments[0]!.content)).replace(/\s+/g, " ")).toMatch(/gemiste verbeterafspraken/);
    expect((await as(app, b).post(`${base}/hoor-en-wederhoor/reactie`, { toelichting: "Wij reageren voor een ander, dat mag niet." })).status).toBe(409);
    expect((await as(app, a).post(`${base}/hoor-en-wederhoor/reactie`, { toelichting: "Wij hebben een verbeterplan opgesteld en een kwaliteitsmedewerker aangenomen." })).status).toBe(201);
    await sleepUntil(hoorEinde);
    await until("hoortermijn verstreken", async () => {
      const res = await as(app, inkoper).get(base);
      return res.body.weigeringen?.[0]?.hoor?.verstreken ? true : undefined;
    });
    expect((await as(app, inkoper).post(`${base}/herbeoordeling`, { kvk: a.kvk, besluit: "handhaven", motivering: "Het verbeterplan komt te laat; de klachten zijn niet weerlegd." })).status).toBe(201);
    const voorstel = await as(app, inkoper).post(`${base}/verlengingsbesluit`, { motivering: "Algemeen verlengingsbesluit voor de tweede termijn van Dagbesteding Jeugd." });
    expect([voorstel.status, voorstel.body.detail]).toEqual([201, undefined]);
    expect((await as(app, inkoper).post(`/api/v1/besluiten/${voorstel.body.besluitId}/beslissing`, { akkoord: true })).status).toBe(403);
    expect((await as(app, directeur).post(`/api/v1/besluiten/${voorstel.body.besluitId}/beslissing`, { akkoord: true })).status).toBe(201);

    const nee = await waitForMail(stack().mailDir, (m) => m.to.includes(mail(a)) && m.subject.includes(`${voorstel.body.besluitId}-${a.kvk}`));
    const neePdf = (await pdfText(nee.attachments[0]!.content)).replace(/\s+/g, " ");
    expect(neePdf).toMatch(/niet/i);

    // Issue 13: after a hearing the niet-verlengingsbesluit addresses the reply (date and words) and says why it does not change the decision.
    const rondeNa = (await as(app, inkoper).get(base)).body;
    const reactieOp = formatInstantNl(new Date(rondeNa.weigeringen[0].hoor.reactie.at));
    const mailTekst = nee.text.replace(/\s+/g, " ");
    for (const tekst of [neePdf, mailTekst]) {
      expect(tekst).toContain(`U heeft op ${reactieOp} gereageerd op het voornemen (hoor en wederhoor)`);
      expect(tekst).toContain("Wij hebben een verbeterplan opgesteld en een kwaliteitsmedewerker aangenomen.");
      expect(tekst).toContain("Uw reactie verandert het besluit niet: Het verbeterplan komt te laat; de klachten zijn niet weerlegd.");
    }
    expect(neePdf).toContain("Waarom uw reactie het besluit niet verandert");

    // Issue 13: the list of rounds and the round agree on the status, and the round names who approved in the besluit.
    expect(rondeNa.status).toBe("vastgesteld");
    expect(rondeNa.voorstellen[0].beslissing).toMatchObject({ akkoord: true, door: directeur.id });
    const inLijst = (await as(app, inkoper).get("/api/v1/verlengingsrondes")).body.find((r: { contractId?: string; termijnEinde?: string }) => r.contractId === "dagbesteding-jeugd" && r.termijnEinde === termijnEinde);
    expect(inLijst).toMatchObject({ status: "vastgesteld" });
    const logboek = (await as(app, inkoper).get(`${base}/logboek`)).body as { type: string; data: { door?: string } }[];
    expect(logboek.find((e) => e.type === "VerlengingsbesluitGenomen")?.data.door).toBe(directeur.id);
    await waitForMail(stack().mailDir, (m) => m.to.includes(mail(b)) && m.subject.includes(`${voorstel.body.besluitId}-${b.kvk}`));
    const contractA = await until("niet verlengd", async () => {
      const res = await as(app, a).get(`/api/v1/contracten/dagbesteding-jeugd/${a.kvk}`);
      return res.body.einde ? res.body : undefined;
    });
    expect(contractA.einde.einddatum).toBe(termijnEinde);
    const logB = await as(app, inkoper).get(`/api/v1/contracten/dagbesteding-jeugd/${b.kvk}/logboek`);
    expect(logB.body.map((e: { type: string }) => e.type)).toContain("VerlengingBesloten");
  });
});
