import type { Express } from "express";
import request from "supertest";
import { createApp } from "../api/app";
import { findProduct, toelatingscriteria } from "../domain/catalogue";
import { formatInstantNl, toAmsterdamDate } from "../domain/calendar";
import type { Actor } from "../domain/shared/actor";
import { readMailbox, waitForMail, type ReceivedMail } from "../scripts/inbox/mailbox";
import { as, sleepUntil, until } from "./api-client";
import { completeInschrijving, offeredProducts } from "./fixtures/inschrijving";
import { closeEngine, engine, stack, uniqueId, uniqueKvk } from "./harness/stack";
import { pdfText as rawPdfText } from "./pdf-text";
import { openInschrijvingen } from "./fixtures/opening";

/** Table cells wrap in the PDF: compare text with whitespace folded. */
const pdfText = async (buf: Buffer) => (await rawPdfText(buf)).replace(/\s+/g, " ");

/**
 * A whole Open House on the real engine with real SMTP and parsed PDFs: one aanbieder admitted straight
 * away, one heard and admitted, one heard without reply and rejected, one incomplete and excluded;
 * the programmadirecteur first sends the voorstel back, then approves; contracts start; an ontbonden
 * aanbieder cannot enter the reopened Open House. Terms are seconds ahead, chosen as instants.
 */
jest.setTimeout(90_000);
afterAll(closeEngine);

describe("Open House van publicatie tot contract (engine, SMTP en PDF echt)", () => {
  let app: Express;
  const inkoper: Actor = { rol: "inkoper", id: "i.devries" };
  const beoordelaar: Actor = { rol: "beoordelaar", id: "b.bakker" };
  const directeur: Actor = { rol: "programmadirecteur", id: "p.directeur" };
  const bosd: Actor = { rol: "bosd", id: "wethouder.gouda" };
  const mk = (id: string): Actor => ({ rol: "aanbieder", id, kvk: uniqueKvk() });
  const a = mk("a"), b = mk("b"), c = mk("c"), d = mk("d");
  const naam: Record<string, string> = { [a.kvk!]: "Zorggroep Alfa B.V.", [b.kvk!]: "Stichting Beta Jeugdhulp", [c.kvk!]: "Gamma Begeleiding", [d.kvk!]: "Delta Zorg V.O.F." };
  const email = (x: Actor) => `${x.id}-${x.kvk}@aanbieder.example`;
  const procedureId = uniqueId("oh-e2e");
  const alle = offeredProducts("ambulant-jeugd");
  const producten = alle.slice(0, 3);
  const nieuwProduct = alle[3]!;
  const mailDir = () => stack().mailDir;
  const mailsTo = async (to: string) => (await readMailbox(mailDir())).filter((m) => m.to.includes(to));
  const attachmentText = async (m: ReceivedMail) => pdfText(m.attachments[0]!.content);

  const judgeAll = async (x: Actor, fails: Record<string, string> = {}) => {
    const items = toelatingscriteria.flatMap((cr) => (cr.perProduct ? [`${cr.code}:${producten[0]}`] : [cr.code]));
    for (const item of items) {
      const res = await as(app, beoordelaar).post(`/api/v1/procedures/${procedureId}/inschrijvingen/${x.kvk}/beoordelingen`, {
        item,
        oordeel: fails[item] ? "voldoet-niet" : "voldoet",
        motivering: fails[item] ?? `Aangetoond met het aangeleverde bewijs voor ${item}.`,
      });
      if (res.status === 409 && /vrijgesteld/.test(res.body.detail)) continue;
      expect([res.status, res.body.detail]).toEqual([201, undefined]);
    }
  };
  const statusOf = async (x: Actor) => (await as(app, inkoper).get(`/api/v1/procedures/${procedureId}/inschrijvingen/${x.kvk}`)).body;

  beforeAll(async () => {
    app = createApp({ engine: engine(), roleHeaders: true });
    for (const x of [a, b, c, d]) expect((await as(app, x).post("/api/v1/aanbieders", { kvk: x.kvk, naam: naam[x.kvk!], email: email(x) })).status).toBe(201);
  });

  let sluitingAt: Date;
  it("publiceert, beantwoordt vragen in een nota van inlichtingen en sluit met een proces-verbaal", async () => {
    sluitingAt = new Date(Date.now() + 10_000);
    const created = await as(app, inkoper).post("/api/v1/procedures", {
      id: procedureId,
      contractId: "ambulant-jeugd",
      titel: "Open House Ambulant Jeugd (e2e)",
      publicatieAt: new Date(Date.now() - 1000).toISOString(),
      sluitingAt: sluitingAt.toISOString(),
      producten,
      instellingen: { contractIngangsdatum: toAmsterdamDate(new Date()) },
    });
    expect(created.status).toBe(201);
    expect((await as(app, inkoper).post(`/api/v1/procedures/${procedureId}/publicatie`)).status).toBe(201);

    const vraag = await as(app, a).post(`/api/v1/procedures/${procedureId}/vragen`, { vraag: "Telt een verklaring van een jeugdregio buiten Midden-Holland als ervaring?" });
    expect(vraag.status).toBe(201);
    expect((await as(app, inkoper).post(`/api/v1/procedures/${procedureId}/vragen/${vraag.body.nr}/antwoord`, { antwoord: "Ja, elke opdrachtgevende gemeente of regio telt mee." })).status).toBe(201);
    const nota = await as(app, inkoper).post(`/api/v1/procedures/${procedureId}/nota-van-inlichtingen`);
    expect(nota.status).toBe(201);
    const notaMail = await waitForMail(mailDir(), (m) => m.to.includes(email(b)) && /Nota van inlichtingen 1/.test(m.subject));
    const notaText = await attachmentText(notaMail);
    expect(notaText).toMatch(/jeugdregio buiten Midden-Holland/);
    expect(notaText).toMatch(/elke opdrachtgevende gemeente/);
    expect(notaText).not.toContain(naam[a.kvk!]);

    for (const x of [a, b, c]) {
      const inschrijving = completeInschrijving(producten.slice(0, 1), { vrijgesteldVan9: x === a });
      expect((await as(app, x).post(`/api/v1/procedures/${procedureId}/inschrijvingen`, inschrijving)).status).toBe(201);
    }
    const incomplete = completeInschrijving(producten.slice(0, 1));
    incomplete.antwoorden = incomplete.antwoorden.map((x) => (x.criterium === "TC04" ? { criterium: "TC04", verklaring: "voldoet" } : x));
    expect((await as(app, d).post(`/api/v1/procedures/${procedureId}/inschrijvingen`, incomplete)).status).toBe(201);

    await sleepUntil(sluitingAt);
    await openInschrijvingen(app, procedureId);
    const closed = await until("proces-verbaal als PDF", async () => {
      const res = await as(app, inkoper).get(`/api/v1/procedures/${procedureId}`);
      return res.body.documenten?.find((doc: { doel: string }) => doc.doel === "proces-verbaal") ? res.body : undefined;
    });
    const pvDoc = closed.documenten.find((doc: { doel: string }) => doc.doel === "proces-verbaal");
    expect(pvDoc.id).toBe(`doc-${pvDoc.sha256}`);
    const pv = await as(app, inkoper).get(`/api/v1/procedures/${procedureId}/documenten/${pvDoc.id}`).buffer(true);
    expect(pv.status).toBe(200);
    const pvText = await pdfText(pv.body as Buffer);
    for (const x of [a, b, c, d]) expect(pvText).toContain(naam[x.kvk!]);
    expect((await as(app, a).get(`/api/v1/procedures/${procedureId}/documenten/${pvDoc.id}`)).status).toBe(403);
  });

  it("vraagt herstel van de onvolledige inschrijving en sluit haar uit als niets komt", async () => {
    const d0 = await until("volledigheidstoets", async () => ((await statusOf(d)).status === "volledigheidstoets" ? true : undefined));
    expect(d0).toBe(true);
    expect((await statusOf(d)).signalen).toEqual(["TC04"]);
    const herstelEinde = new Date(Date.now() + 3_000);
    const req = await as(app, inkoper).post(`/api/v1/procedures/${procedureId}/inschrijvingen/${d.kvk}/herstelverzoek`, { ontbrekend: ["TC04"], termijnEinde: herstelEinde.toISOString() });
    expect(req.status).toBe(201);
    await waitForMail(mailDir(), (m) => m.to.includes(email(d)) && /Herstel/.test(m.subject));
  });

  it("beoordeelt: Alfa voldoet, Beta en Gamma niet op één criterium", async () => {
    await until("beoordeling open", async () => ((await statusOf(a)).status === "beoordeling" ? true : undefined));
    await judgeAll(a);
    await judgeAll(b, { TC05: "Geen bewijs van lidmaatschap van een branche- of beroepsvereniging." });
    await judgeAll(c, { TC08: "De gedragsverklaring aanbesteden is ouder dan twee jaar." });
    expect((await statusOf(a)).uitkomst).toMatchObject({ soort: "toegelaten", toegelatenProducten: [producten[0]] });
    expect((await statusOf(b)).status).toBe("beoordeling");
    const wrongRole = await as(app, a).post(`/api/v1/procedures/${procedureId}/inschrijvingen/${b.kvk}/beoordelingen`, { item: "TC01", oordeel: "voldoet", motivering: "zelf beoordeeld" });
    expect(wrongRole.status).toBe(403);
  });

  it("voert hoor en wederhoor: brief als PDF en e-mail, reactie, herbeoordeling; zonder reactie blijft het oordeel", async () => {
    const termijnEinde = new Date(Date.now() + 4_000);
    for (const x of [b, c]) {
      const res = await as(app, beoordelaar).post(`/api/v1/procedures/${procedureId}/inschrijvingen/${x.kvk}/hoor-en-wederhoor`, { termijnEinde: termijnEinde.toISOString() });
      expect(res.status).toBe(201);
    }
    const brief = await waitForMail(mailDir(), (m) => m.to.includes(email(b)) && /Hoor en wederhoor/.test(m.subject));
    const briefText = await attachmentText(brief);
    expect(briefText).toMatch(/TC05/);
    expect(briefText).toMatch(/Geen bewijs van lidmaatschap/);
    expect(briefText).toMatch(/instelling van de regio/);
    const reply = await as(app, b).post(`/api/v1/procedures/${procedureId}/inschrijvingen/${b.kvk}/hoor-en-wederhoor/reactie`, {
      toelichting: "Wij zijn sinds 1 maart lid van Jeugdzorg Nederland; het lidmaatschapsbewijs is bijgevoegd.",
      documenten: ["lidmaatschap-jeugdzorg-nederland.pdf"],
    });
    expect(reply.status).toBe(201);
    const otherReply = await as(app, a).post(`/api/v1/procedures/${procedureId}/inschrijvingen/${b.kvk}/hoor-en-wederhoor/reactie`, { toelichting: "Ik reageer voor een ander.", documenten: [] });
    expect(otherReply.status).toBe(403);

    // The hearing ends with the reply (issue 13): Beta is judged again at once, well before the term ends.
    expect(
      (await as(app, beoordelaar).post(`/api/v1/procedures/${procedureId}/inschrijvingen/${b.kvk}/beoordelingen`, { item: "TC05", oordeel: "voldoet", motivering: "Lidmaatschap aangetoond na hoor en wederhoor." })).status,
    ).toBe(201);
    expect(Date.now()).toBeLessThan(termijnEinde.getTime());
    expect((await statusOf(b)).uitkomst).toMatchObject({ soort: "toegelaten", naHoorEnWederhoor: true });
    // Gamma did not reply: its judgement waits for the term, and a reply after it is refused.
    const vroeg = await as(app, beoordelaar).post(`/api/v1/procedures/${procedureId}/inschrijvingen/${c.kvk}/beoordelingen`, { item: "TC08", oordeel: "voldoet", motivering: "Te vroeg: er is nog geen reactie." });
    expect(vroeg.status).toBe(409);
    await sleepUntil(termijnEinde);
    const late = await as(app, c).post(`/api/v1/procedures/${procedureId}/inschrijvingen/${c.kvk}/hoor-en-wederhoor/reactie`, { toelichting: "Te laat maar toch een reactie.", documenten: [] });
    expect(late.status).toBe(409);
    const gamma = await until("Gamma afgewezen", async () => ((await statusOf(c)).uitkomst ? (await statusOf(c)).uitkomst : undefined));
    expect(gamma).toMatchObject({ soort: "afgewezen", redenen: [{ criterium: "TC08" }] });
    const delta = await until("Delta uitgesloten", async () => ((await statusOf(d)).uitkomst ? (await statusOf(d)).uitkomst : undefined));
    expect(delta.soort).toBe("uitgesloten");
  });

  let gunning: string;
  it("legt de uitkomsten voor; de programmadirecteur stuurt eerst terug en geeft daarna akkoord", async () => {
    await until("alle uitkomsten binnen", async () => {
      const res = await as(app, inkoper).get(`/api/v1/procedures/${procedureId}`);
      return res.body.rondes[0].aantalBeoordeeld === 4 ? true : undefined;
    });
    const first = await as(app, inkoper).post(`/api/v1/procedures/${procedureId}/gunningsvoorstel`, { toelichting: "Beoordeling afgerond conform 4.4.1." });
    expect(first.status).toBe(201);
    const voorstelMail = await waitForMail(mailDir(), (m) => m.to.includes("programmadirecteur@regio-midden-holland.example") && m.subject.includes(first.body.besluitId));
    const voorstelText = await attachmentText(voorstelMail);
    for (const x of [a, b, c, d]) expect(voorstelText).toContain(naam[x.kvk!]);
    expect((await as(app, bosd).post(`/api/v1/besluiten/${first.body.besluitId}/beslissing`, { akkoord: true })).status).toBe(403);
    const back = await as(app, directeur).post(`/api/v1/besluiten/${first.body.besluitId}/beslissing`, { akkoord: false, motivering: "Graag de motivering bij Delta Zorg aanvullen." });
    expect(back.status).toBe(201);
    await until("voorstel teruggestuurd", async () => ((await as(app, inkoper).get(`/api/v1/procedures/${procedureId}`)).body.status === "gesloten" ? true : undefined));

    const second = await as(app, inkoper).post(`/api/v1/procedures/${procedureId}/gunningsvoorstel`, { toelichting: "Aangevuld: Delta Zorg leverde na de hersteltermijn niets aan." });
    expect(second.status).toBe(201);
    gunning = second.body.besluitId;
    const ok = await as(app, directeur).post(`/api/v1/besluiten/${gunning}/beslissing`, { akkoord: true, motivering: "Akkoord." });
    expect(ok.status).toBe(201);
    expect(ok.body.status).toBe("vastgesteld");
  });

  it("stuurt elke aanbieder precies één besluit als PDF en start contracten voor de toegelatenen", async () => {
    const toelating = await waitForMail(mailDir(), (m) => m.to.includes(email(a)) && /Toelatingsbesluit/.test(m.subject));
    const toelatingText = await attachmentText(toelating);
    expect(toelatingText).toContain(`${gunning}-${a.kvk}`);
    expect(toelatingText).toMatch(/Programmadirecteur RWO/);
    expect(toelatingText).toMatch(/7\.2/);
    expect(toelatingText).toMatch(/Rechtsmiddelen/);
    // The looptijd names the initial term and the extensions apart, and the last possible end date (issue 13).
    expect(toelatingText).toMatch(/De overeenkomst loopt eerst 3 jaar \(\d{1,2} \p{L}+ \d{4} tot en met \d{1,2} \p{L}+ \d{4}\) en kan daarna worden verlengd met 2, 2, 2 en 1 jaar/u);
    expect(toelatingText).toMatch(/de laatst mogelijke einddatum is \d{1,2} \p{L}+ \d{4}/u);
    expect(toelatingText).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await waitForMail(mailDir(), (m) => m.to.includes(email(b)) && /Toelatingsbesluit/.test(m.subject));
    const afwijzing = await waitForMail(mailDir(), (m) => m.to.includes(email(c)) && /Afwijzingsbesluit/.test(m.subject));
    const afwijzingText = await attachmentText(afwijzing);
    expect(afwijzingText).toMatch(/TC08/);
    expect(afwijzingText).toMatch(/ouder dan twee jaar/);
    // The afwijzingsbesluit names the product applied for and its outcome, with the failing criterion (issue 13).
    const product = findProduct(producten[0]!)!;
    const productNaam = product.code === null ? product.naam : `${product.code} ${product.naam}`;
    expect(afwijzingText).toContain(`voor het product ${productNaam} af te wijzen`);
    expect(afwijzingText).toContain(`${product.naam} Afgewezen TC08`);
    const uitsluiting = await waitForMail(mailDir(), (m) => m.to.includes(email(d)) && /Afwijzingsbesluit/.test(m.subject));
    const uitsluitingText = await attachmentText(uitsluiting);
    expect(uitsluitingText).toContain(`voor het product ${productNaam} af te wijzen`);
    expect(uitsluitingText).toMatch(/Afgewezen inschrijving na de hersteltermijn onvolledig/);

    for (const x of [a, b, c, d]) {
      const besluitMails = (await mailsTo(email(x))).filter((m) => /besluit/.test(m.subject));
      expect(besluitMails).toHaveLength(1);
    }
    const all = await readMailbox(mailDir());
    expect(new Set(all.map((m) => m.messageId)).size).toBe(all.length);

    const contract = await until("contract Alfa", async () => {
      const res = await as(app, a).get(`/api/v1/contracten/ambulant-jeugd/${a.kvk}`);
      return res.status === 200 ? res.body : undefined;
    });
    expect(contract).toMatchObject({ status: "actief", producten: [producten[0]], huidigeTermijn: { nr: 1, soort: "initieel" } });
    expect(contract.termijnen).toHaveLength(5);
    expect((await as(app, b).get(`/api/v1/contracten/ambulant-jeugd/${a.kvk}`)).status).toBe(403);
    expect((await as(app, c).get(`/api/v1/contracten/ambulant-jeugd/${c.kvk}`)).status).toBe(404);

    const mine = await as(app, a).get("/api/v1/besluiten");
    const own = mine.body.find((x: { id: string }) => x.id === `${gunning}-${a.kvk}`);
    expect(own).toBeDefined();
    expect(mine.body.every((x: { ontvangerKvk: string }) => x.ontvangerKvk === a.kvk)).toBe(true);
    const detail = await as(app, a).get(`/api/v1/besluiten/${own.id}`);
    const pdf = await as(app, a).get(`/api/v1/besluiten/${own.id}/documenten/${detail.body.documenten[0].id}`).buffer(true);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe("application/pdf");
    expect((await as(app, b).get(`/api/v1/besluiten/${own.id}/documenten/${detail.body.documenten[0].id}`)).status).toBe(403);
  });

  it("heropent voor een nieuw product en weigert de aanbieder wiens contract is ontbonden (4.4.2)", async () => {
    const ontbinding = await as(app, inkoper).post(`/api/v1/contracten/ambulant-jeugd/${b.kvk}/ontbinding`, {
      motivering: "Na cliëntenstop en ingebrekestelling zijn de verbeteringen niet binnen de termijn gerealiseerd.",
    });
    expect([ontbinding.status, ontbinding.body.detail]).toEqual([201, undefined]);
    expect((await as(app, directeur).post(`/api/v1/besluiten/${ontbinding.body.besluitId}/beslissing`, { akkoord: true })).status).toBe(201);
    await until("contract ontbonden", async () => ((await as(app, inkoper).get(`/api/v1/contracten/ambulant-jeugd/${b.kvk}`)).body.status === "ontbonden" ? true : undefined));

    const sluiting = new Date(Date.now() + 60_000);
    const heropening = await as(app, inkoper).post(`/api/v1/procedures/${procedureId}/heropening`, {
      reden: "nieuw-product",
      producten: [nieuwProduct],
      motivering: "Het product is nieuw in het productenboek en wordt nu voor het eerst ingekocht.",
      publicatieAt: new Date().toISOString(),
      sluitingAt: sluiting.toISOString(),
    });
    expect([heropening.status, heropening.body.detail]).toEqual([201, undefined]);
    expect((await as(app, directeur).post(`/api/v1/besluiten/${heropening.body.besluitId}/beslissing`, { akkoord: true })).status).toBe(403);
    expect((await as(app, bosd).post(`/api/v1/besluiten/${heropening.body.besluitId}/beslissing`, { akkoord: true })).status).toBe(201);
    await until("ronde 2 open", async () => ((await as(app, inkoper).get(`/api/v1/procedures/${procedureId}`)).body.status === "gepubliceerd" ? true : undefined));

    const refused = await as(app, b).post(`/api/v1/procedures/${procedureId}/inschrijvingen`, completeInschrijving([nieuwProduct]));
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/ontbonden/);
    expect(refused.body.detail).toMatch(/4\.4\.2/);
    const oldProduct = await as(app, c).post(`/api/v1/procedures/${procedureId}/inschrijvingen`, completeInschrijving([producten[1]!]));
    expect(oldProduct.status).toBe(400);
    expect(oldProduct.body.veld).toBe("producten.0");
    // A product of the contract that is not open in this round is refused as exactly that (issue 13).
    expect(oldProduct.body.detail).toBe(`Product '${findProduct(producten[1]!)!.naam}' staat niet open in deze ronde (heropening voor: ${findProduct(nieuwProduct)!.naam}).`);
    // The heropening besluit and its mail give the closing instant in Dutch, Amsterdam time (issue 13).
    // Every registered aanbieder is told of a heropening, also of other tests' procedures: match this one.
    const heropeningMail = await waitForMail(mailDir(), (m) => m.to.includes(email(a)) && m.subject === "Open House heropend: Open House Ambulant Jeugd (e2e)");
    const heropeningText = await attachmentText(heropeningMail);
    expect(heropeningText).toContain(`Inschrijven kan tot ${formatInstantNl(sluiting)}.`);
    for (const tekst of [heropeningText, heropeningMail.text]) expect(tekst).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const entered = await as(app, a).post(`/api/v1/procedures/${procedureId}/inschrijvingen`, completeInschrijving([nieuwProduct]));
    expect(entered.status).toBe(201);
    expect(entered.body.inschrijvingId).toBe(`${procedureId}/${a.kvk}/r2`);
  });
});

describe("Stopzetten en Open House met toetreding", () => {
  let app: Express;
  const inkoper: Actor = { rol: "inkoper", id: "i.devries" };
  const bosd: Actor = { rol: "bosd", id: "wethouder.gouda" };
  const x: Actor = { rol: "aanbieder", id: "x", kvk: uniqueKvk() };

  beforeAll(async () => {
    app = createApp({ engine: engine(), roleHeaders: true });
    await as(app, x).post("/api/v1/aanbieders", { kvk: x.kvk, naam: "Xenia Zorg", email: `x-${x.kvk}@aanbieder.example` });
  });

  it("zet een procedure stop na een besluit van het BOSD en informeert de aanbieders", async () => {
    const id = uniqueId("oh-stop");
    await as(app, inkoper).post("/api/v1/procedures", { id, contractId: "dagbesteding-jeugd", titel: "Open House Dagbesteding (stop)", publicatieAt: new Date().toISOString(), sluitingAt: new Date(Date.now() + 600_000).toISOString() });
    await as(app, inkoper).post(`/api/v1/procedures/${id}/publicatie`);
    expect((await as(app, x).post(`/api/v1/procedures/${id}/inschrijvingen`, completeInschrijving(offeredProducts("dagbesteding-jeugd").slice(0, 1)))).status).toBe(201);
    const short = await as(app, inkoper).post(`/api/v1/procedures/${id}/stopzetting`, { motivering: "Te kort" });
    expect([short.status, short.body.veld]).toEqual([400, "motivering"]);
    const voorstel = await as(app, inkoper).post(`/api/v1/procedures/${id}/stopzetting`, { motivering: "Het landelijk kader verandert; de producten worden opnieuw ontworpen." });
    expect(voorstel.status).toBe(201);
    await waitForMail(stack().mailDir, (m) => m.to.includes("bosd@regio-midden-holland.example") && m.subject.includes(voorstel.body.besluitId));
    expect((await as(app, bosd).post(`/api/v1/besluiten/${voorstel.body.besluitId}/beslissing`, { akkoord: true })).status).toBe(201);
    const mail = await waitForMail(stack().mailDir, (m) => m.to.includes(`x-${x.kvk}@aanbieder.example`) && /stopgezet/.test(m.subject));
    expect(await pdfText(mail.attachments[0]!.content)).toMatch(/Het landelijk kader verandert/);
    await until("gestopt", async () => ((await as(app, inkoper).get(`/api/v1/procedures/${id}`)).body.status === "gestopt" ? true : undefined));
    expect((await as(app, x).post(`/api/v1/procedures/${id}/vragen`, { vraag: "Kan ik nog iets vragen over dit Open House?" })).status).toBe(409);
  });

  it("laat bij Wonen Jeugd (met toetreding) na de sluiting nieuwe aanbieders toe in een eigen ronde", async () => {
    const id = uniqueId("oh-toetreding");
    const sluiting = new Date(Date.now() + 3_000);
    await as(app, inkoper).post("/api/v1/procedures", { id, contractId: "wonen-jeugd", titel: "Open House Wonen Jeugd", publicatieAt: new Date().toISOString(), sluitingAt: sluiting.toISOString() });
    await as(app, inkoper).post(`/api/v1/procedures/${id}/publicatie`);
    await sleepUntil(sluiting);
    await until("gesloten", async () => ((await as(app, inkoper).get(`/api/v1/procedures/${id}`)).body.status !== "gepubliceerd" ? true : undefined));
    const late = await as(app, x).post(`/api/v1/procedures/${id}/inschrijvingen`, completeInschrijving(offeredProducts("wonen-jeugd").slice(0, 1)));
    expect([late.status, late.body.detail]).toEqual([201, undefined]);
    expect(late.body.inschrijvingId).toBe(`${id}/${x.kvk}/r2`);
    const view = await until("beoordeling toetreder", async () => {
      const res = await request(app).get(`/api/v1/procedures/${id}/inschrijvingen/${x.kvk}?ronde=2`).set("X-Inkoop-Rol", "inkoper");
      return res.body.status === "beoordeling" ? res.body : undefined;
    });
    expect(view.ronde).toBe(2);
  });
});
