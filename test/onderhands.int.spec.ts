import type { Express } from "express";
import { createApp } from "../api/app";
import { toelatingscriteria } from "../domain/catalogue";
import type { Actor } from "../domain/shared/actor";
import { readMailbox, waitForMail } from "../scripts/inbox/mailbox";
import { as, sleepUntil, until } from "./api-client";
import { closeEngine, engine, stack, uniqueId, uniqueKvk } from "./harness/stack";
import { pdfText } from "./pdf-text";
import { sessionFor, webApp } from "./web-session";

/**
 * Onderhandse procedures on the real engine with real SMTP and parsed PDFs: JB/JR with three invited
 * GIs (agreement after two rounds, an ending without agreement, a missed deadline), and JeugdzorgPlus with
 * the motivation of its procedure as a BOSD besluit before anyone is invited.
 */
jest.setTimeout(120_000);
afterAll(closeEngine);

const inkoper: Actor = { rol: "inkoper", id: "i.jansen" };
const directeur: Actor = { rol: "programmadirecteur", id: "p.directeur" };
const bosd: Actor = { rol: "bosd", id: "wethouder.gouda" };
type Aanbieder = Actor & { kvk: string; naam: string; email: string };
const aanbieder = (naam: string): Aanbieder => {
  const kvk = uniqueKvk();
  return { rol: "aanbieder", id: `a-${kvk}`, kvk, naam, email: `oh-${kvk}@aanbieder.example` };
};
const ok = (res: { status: number; body: { detail?: string } }, status = 201) => expect([res.status, res.body.detail]).toEqual([status, undefined]);
const mailTo = (a: Aanbieder, subject: RegExp) => waitForMail(stack().mailDir, (m) => m.to.includes(a.email) && subject.test(m.subject));
/** The toelatingscriteria with the first offer; the diensten stand in for the products of TC02 and TC07. */
const toets = (diensten: string[]) =>
  toelatingscriteria.flatMap((c) => (c.perProduct ? diensten.map((productId) => ({ criterium: c.code, productId, verklaring: "voldoet", documentRef: `${c.code}.pdf` })) : [{ criterium: c.code, verklaring: "voldoet", documentRef: `${c.code}.pdf` }]));
const judgeAll = async (app: Express, id: string, a: Aanbieder, diensten: string[]) => {
  for (const item of toelatingscriteria.flatMap((c) => (c.perProduct ? diensten.map((d) => `${c.code}:${d}`) : [c.code])))
    ok(await as(app, { rol: "beoordelaar", id: "b.bakker" }).post(`/api/v1/procedures/${id}/inschrijvingen/${a.kvk}/beoordelingen`, { item, oordeel: "voldoet", motivering: `Aangetoond voor ${item}.` }));
};
const JB = ["Ondertoezichtstelling", "Jeugdreclassering"];
const jbOfferte = (versie: string, geaccepteerd = false) => ({
  diensten: [
    { naam: "Ondertoezichtstelling", tarief: 4210.5, eenheid: "jaar" },
    { naam: "Jeugdreclassering", tarief: 3120, eenheid: "jaar" },
  ],
  landelijkTarief: { geaccepteerd, ingroeipad: geaccepteerd ? [] : [{ jaar: 2027, percentage: 92 }, { jaar: 2028, percentage: 100 }] },
  toelichting: `Offerte ${versie}: wij groeien in naar het landelijk tarief.`,
  ...(versie === "1" ? { antwoorden: toets(JB) } : {}),
});

describe("onderhands inkopen: elk traject zijn eigen weg (engine, SMTP en PDF echt)", () => {
  let app: Express;
  beforeAll(() => {
    app = createApp({ engine: engine(), roleHeaders: true });
  });

  it("JB/JR: drie GI's; één bereikt overeenstemming na twee rondes, één eindigt zonder, één mist de termijn", async () => {
    const [g1, g2, g3] = ["GI Jeugdbescherming West", "Leger des Heils JB&JR", "William Schrikker Stichting"].map(aanbieder) as [Aanbieder, Aanbieder, Aanbieder];
    for (const a of [g1, g2, g3]) ok(await as(app, a).post("/api/v1/aanbieders", { kvk: a.kvk, naam: a.naam, email: a.email }));
    const id = uniqueId("jbjr");
    ok(await as(app, inkoper).post(`/api/v1/onderhands/${id}`, { contractId: "jb-jr", titel: "JB/JR 2027 (e2e)" }));
    expect((await as(app, inkoper).post(`/api/v1/onderhands/${id}`, { contractId: "ambulant-jeugd", titel: "Verkeerd" })).status).toBe(409);
    const botsing = await as(app, inkoper).post("/api/v1/procedures", { id, contractId: "ambulant-jeugd", titel: "Zelfde id", publicatieAt: new Date().toISOString(), sluitingAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect([botsing.status, botsing.body.veld]).toEqual([409, "id"]);
    const deadline = new Date(Date.now() + 6_000);
    for (const a of [g1, g2, g3]) ok(await as(app, inkoper).post(`/api/v1/onderhands/${id}/uitnodigingen`, { kvk: a.kvk, deadline: deadline.toISOString() }));
    expect((await as(app, inkoper).post(`/api/v1/onderhands/${id}/uitnodigingen`, { kvk: uniqueKvk(), deadline: deadline.toISOString() })).status).toBe(400);
    expect((await mailTo(g1, /Uitnodiging/)).text).toMatch(/landelijk/);

    const url = (a: Aanbieder) => `/api/v1/onderhands/${id}/trajecten/${a.kvk}`;
    ok(await as(app, g1).post(`${url(g1)}/offertes`, jbOfferte("1")));
    ok(await as(app, g2).post(`${url(g2)}/offertes`, jbOfferte("1")));
    expect((await as(app, g2).post(`${url(g1)}/offertes`, jbOfferte("vreemd"))).status).toBe(404);
    expect((await as(app, g2).get(url(g1))).status).toBe(404);
    const zonderPad = await as(app, g3).post(`${url(g3)}/offertes`, { ...jbOfferte("x"), landelijkTarief: { geaccepteerd: false, ingroeipad: [] } });
    expect([zonderPad.status, zonderPad.body.veld]).toEqual([400, "landelijkTarief.ingroeipad"]);

    // g1: two rounds, a revised offer after each, then agreement and the gunning.
    for (const nr of [1, 2]) {
      ok(await as(app, inkoper).post(`${url(g1)}/gespreksrondes`, { datum: "2027-02-10", deelnemers: ["M. de Vries (regio)", g1.naam], verslag: `Ronde ${nr}: caseload, ingroeipad en verantwoording besproken.` }));
      ok(await as(app, g1).post(`${url(g1)}/offertes`, jbOfferte(`${nr + 1}`, nr === 2)));
    }
    const eerste = (await as(app, inkoper).get(url(g1))).body;
    expect(eerste.offertes.map((o: { versie: number; naRonde: number }) => [o.versie, o.naRonde])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
    ]);
    // The knock-outs first, judged as in the Open House; until then no agreement.
    expect((await as(app, inkoper).post(`${url(g1)}/overeenstemming`, { motivering: "Overeenstemming over de landelijke tarieven na twee rondes." })).status).toBe(409);
    await until("toets klaar", async () => ((await as(app, inkoper).get(`/api/v1/procedures/${id}/inschrijvingen/${g1.kvk}`)).body.status === "beoordeling" ? true : undefined));
    await judgeAll(app, id, g1, JB);
    await until("toets in het traject", async () => ((await as(app, inkoper).get(url(g1))).body.toets?.uitkomst?.soort === "toegelaten" ? true : undefined));
    const ov = await as(app, inkoper).post(`${url(g1)}/overeenstemming`, { motivering: "Overeenstemming over de landelijke tarieven na twee rondes." });
    ok(ov);
    ok(await as(app, directeur).post(`/api/v1/besluiten/${ov.body.besluitId}/beslissing`, { akkoord: true, motivering: "Akkoord." }));
    const gunning = await mailTo(g1, /Gunningsbesluit/);
    expect(await pdfText(gunning.attachments[0]!.content)).toMatch(/Ondertoezichtstelling/);
    const contract = await until("contract g1", async () => {
      const res = await as(app, inkoper).get(`/api/v1/contracten/jb-jr/${g1.kvk}`);
      return res.status === 200 ? res.body : undefined;
    });
    expect(contract.termijnen).toHaveLength(4);

    // g2 fails a knock-out and is heard: its own pages lead to the usual hoor-en-wederhoor page.
    await until("toets g2", async () => ((await as(app, inkoper).get(`/api/v1/procedures/${id}/inschrijvingen/${g2.kvk}`)).body.status === "beoordeling" ? true : undefined));
    for (const item of toelatingscriteria.flatMap((c) => (c.perProduct ? JB.map((d) => `${c.code}:${d}`) : [c.code])))
      ok(
        await as(app, { rol: "beoordelaar", id: "b.bakker" }).post(`/api/v1/procedures/${id}/inschrijvingen/${g2.kvk}/beoordelingen`, {
          item,
          oordeel: item === "TC05" ? "voldoet-niet" : "voldoet",
          motivering: item === "TC05" ? "Geen lidmaatschap van een brancheorganisatie aangetoond." : `Aangetoond voor ${item}.`,
        }),
      );
    ok(await as(app, { rol: "beoordelaar", id: "b.bakker" }).post(`/api/v1/procedures/${id}/inschrijvingen/${g2.kvk}/hoor-en-wederhoor`, { termijnEinde: new Date(Date.now() + 600_000).toISOString() }));
    const g2web = await (await sessionFor(engine(), { gebruikersnaam: g2.id, naam: g2.naam, rol: "aanbieder", kvk: g2.kvk })).agent(webApp(engine()));
    const eigen = await g2web.get(`/aanbieder/onderhands/${id}`);
    expect(eigen.text).toContain("Reageren op hoor en wederhoor");
    const hoor = await g2web.get(`/aanbieder/procedures/${id}/hoor-en-wederhoor`);
    expect([hoor.status, hoor.text]).toEqual([200, expect.stringContaining("TC05")]);

    // g2: ended without agreement, with a letter.
    const be = await as(app, inkoper).post(`${url(g2)}/beeindiging`, { reden: "geen-overeenstemming", motivering: "Het gevraagde tarief blijft ver boven het landelijk tarief." });
    ok(be);
    ok(await as(app, directeur).post(`/api/v1/besluiten/${be.body.besluitId}/beslissing`, { akkoord: true, motivering: "Akkoord." }));
    const brief = await mailTo(g2, /beëindiging/i);
    expect(await pdfText(brief.attachments[0]!.content)).toMatch(/landelijk tarief/);

    // g3: no offer before the deadline.
    await sleepUntil(deadline);
    await mailTo(g3, /termijn/i);
    const laat = await as(app, g3).post(`${url(g3)}/offertes`, jbOfferte("laat"));
    expect(laat.status).toBe(409);
    const overzicht = await until("overzicht", async () => {
      const v = (await as(app, inkoper).get(`/api/v1/onderhands/${id}`)).body;
      const status = Object.fromEntries(v.uitnodigingen.map((u: { kvk: string; status: string }) => [u.kvk, u.status]));
      return status[g1.kvk] === "gegund" && status[g2.kvk] === "beeindigd" && status[g3.kvk] === "verlopen" ? v : undefined;
    });
    expect(overzicht.uitnodigingen).toHaveLength(3);
    expect((await as(app, g1).get(`/api/v1/onderhands/${id}`)).body.uitnodigingen).toHaveLength(1);
    expect((await readMailbox(stack().mailDir)).filter((m) => m.to.includes(g3.email) && /Gunningsbesluit/.test(m.subject))).toHaveLength(0);
  });

  it("Forensische GGZ: ook zonder zin in 6.3 een motivering en een besluit van het BOSD vóór de uitnodiging", async () => {
    const id = uniqueId("fggz");
    const zonder = await as(app, inkoper).post(`/api/v1/onderhands/${id}`, { contractId: "forensische-ggz", titel: "Forensische GGZ 2027" });
    expect([zonder.status, zonder.body.veld]).toEqual([400, "motivering"]);
    ok(await as(app, inkoper).post(`/api/v1/onderhands/${id}`, { contractId: "forensische-ggz", titel: "Forensische GGZ 2027", motivering: "Twee gespecialiseerde aanbieders; landelijk wordt deze zorg mogelijk op termijn ingekocht, een concurrentiestelling nu verstoort de continuïteit." }));
    const pk = await as(app, inkoper).post(`/api/v1/onderhands/${id}/motivering`);
    ok(pk);
    const voorstel = await waitForMail(stack().mailDir, (m) => m.subject.includes(pk.body.besluitId));
    expect(await pdfText(voorstel.attachments[0]!.content)).toMatch(/onderhandelingsprocedure zonder voorafgaande bekendmaking/);
    // Sent back: the inkoper rewrites the motivation and lays it before the BOSD again.
    ok(await as(app, bosd).post(`/api/v1/besluiten/${pk.body.besluitId}/beslissing`, { akkoord: false, motivering: "Onderbouw waarom landelijke inkoop nu niet kan." }));
    await until("teruggestuurd", async () => ((await as(app, inkoper).get(`/api/v1/onderhands/${id}`)).body.status === "concept" ? true : undefined));
    const herzien = "Twee gespecialiseerde aanbieders; landelijke inkoop is pas over enkele jaren mogelijk, tot dan verstoort een concurrentiestelling de continuïteit van zorg.";
    ok(await as(app, inkoper).post(`/api/v1/onderhands/${id}/motivering-tekst`, { motivering: herzien }));
    const pk2 = await as(app, inkoper).post(`/api/v1/onderhands/${id}/motivering`);
    ok(pk2);
    expect(await pdfText((await waitForMail(stack().mailDir, (m) => m.subject.includes(pk2.body.besluitId))).attachments[0]!.content)).toMatch(/landelijke inkoop is pas over enkele jaren/);
    ok(await as(app, bosd).post(`/api/v1/besluiten/${pk2.body.besluitId}/beslissing`, { akkoord: true, motivering: "Akkoord." }));
    await until("lopend", async () => ((await as(app, inkoper).get(`/api/v1/onderhands/${id}`)).body.status === "lopend" ? true : undefined));
  });

  it("JeugdzorgPlus: eerst de gedegen motivering als besluit van het BOSD, dan twee trajecten en contracten met het schema van 6.2.2", async () => {
    const [a, b] = ["Schakenbosch", "Jeugdzorgplus Midden"].map(aanbieder) as [Aanbieder, Aanbieder];
    for (const x of [a, b]) ok(await as(app, x).post("/api/v1/aanbieders", { kvk: x.kvk, naam: x.naam, email: x.email }));
    const id = uniqueId("jzp");
    const zonder = await as(app, inkoper).post(`/api/v1/onderhands/${id}`, { contractId: "jeugdzorgplus", titel: "JeugdzorgPlus 2027" });
    expect([zonder.status, zonder.body.veld]).toEqual([400, "motivering"]);
    ok(
      await as(app, inkoper).post(`/api/v1/onderhands/${id}`, {
        contractId: "jeugdzorgplus",
        titel: "JeugdzorgPlus 2027",
        motivering: "Er zijn in de regio twee aanbieders met een gesloten plaatsing; continuïteit van zorg voor deze jeugdigen weegt zwaarder dan concurrentie, en een nieuwe aanbieder kan binnen de termijn geen gesloten voorziening realiseren.",
      }),
    );
    const deadline = new Date(Date.now() + 60_000);
    expect((await as(app, inkoper).post(`/api/v1/onderhands/${id}/uitnodigingen`, { kvk: a.kvk, deadline: deadline.toISOString() })).status).toBe(409);
    const pk = await as(app, inkoper).post(`/api/v1/onderhands/${id}/motivering`);
    ok(pk);
    expect((await as(app, directeur).post(`/api/v1/besluiten/${pk.body.besluitId}/beslissing`, { akkoord: true, motivering: "x" })).status).toBe(403);
    ok(await as(app, bosd).post(`/api/v1/besluiten/${pk.body.besluitId}/beslissing`, { akkoord: true, motivering: "Akkoord met de motivering." }));
    await until("motivering vastgesteld", async () => ((await as(app, inkoper).get(`/api/v1/onderhands/${id}`)).body.status === "lopend" ? true : undefined));
    for (const x of [a, b]) ok(await as(app, inkoper).post(`/api/v1/onderhands/${id}/uitnodigingen`, { kvk: x.kvk, deadline: deadline.toISOString() }));
    for (const x of [a, b]) {
      const url = `/api/v1/onderhands/${id}/trajecten/${x.kvk}`;
      await until(`traject ${x.naam}`, async () => ((await as(app, x).get(url)).status === 200 ? true : undefined));
      ok(await as(app, x).post(`${url}/offertes`, { diensten: [{ naam: "JeugdzorgPlus verblijf", tarief: 610, eenheid: "etmaal" }], toelichting: "Tarieven als in Haaglanden (6.2.3).", antwoorden: toets(["JeugdzorgPlus verblijf"]) }));
      await until("toets open", async () => ((await as(app, inkoper).get(`/api/v1/procedures/${id}/inschrijvingen/${x.kvk}`)).body.status === "beoordeling" ? true : undefined));
      if (x === a) await judgeAll(app, id, x, ["JeugdzorgPlus verblijf"]);
      else {
        // The beoordelaar judges a trajectory's toets on the same pages as an Open House inschrijving.
        const beoordelaar = await (await sessionFor(engine(), { gebruikersnaam: "b.bakker", naam: "Bram Bakker", rol: "beoordelaar" })).agent(webApp(engine()));
        const wachtrij = await beoordelaar.get("/beoordelaar");
        expect(wachtrij.text).toContain(x.naam);
        const page = `/beoordelaar/procedures/${id}/inschrijvingen/${x.kvk}`;
        const view = await beoordelaar.get(page);
        expect([view.status, view.text]).toEqual([200, expect.stringContaining("onderhands traject")]);
        const items = toelatingscriteria.map((c) => (c.perProduct ? `${c.code}:JeugdzorgPlus verblijf` : c.code));
        const judged = await beoordelaar.form(page, Object.fromEntries(items.flatMap((i) => [[`oordeel-${i}`, "voldoet"], [`motivering-${i}`, `Voldoet: bewijs voor ${i} is aangeleverd.`]])));
        expect(judged.status).toBe(303);
      }
      await until("toets in het traject", async () => ((await as(app, inkoper).get(url)).body.toets?.uitkomst?.soort === "toegelaten" ? true : undefined));
      const ov = await as(app, inkoper).post(`${url}/overeenstemming`, { motivering: "Tarieven sluiten aan op Haaglanden; overeenstemming." });
      ok(ov);
      ok(await as(app, directeur).post(`/api/v1/besluiten/${ov.body.besluitId}/beslissing`, { akkoord: true, motivering: "Akkoord." }));
      const contract = await until(`contract ${x.naam}`, async () => {
        const res = await as(app, inkoper).get(`/api/v1/contracten/jeugdzorgplus/${x.kvk}`);
        return res.status === 200 ? res.body : undefined;
      });
      // Two years, one tacit year, then each year only with a prior decision (6.2.2).
      expect(contract.termijnen.map((t: { wijze?: string }) => t.wijze ?? "initieel")).toEqual(["initieel", "stilzwijgend", ...Array(7).fill("besluit-vooraf")]);
    }
  });
});
