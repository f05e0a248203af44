import type { Express } from "express";
import { atAmsterdam, toAmsterdamDate, toAmsterdamTime } from "../../domain/calendar";
import { createApp } from "../app";
import { as, sleepUntil, until } from "../../test/api-client";
import { completeInschrijving, offeredProducts } from "../../test/fixtures/inschrijving";
import { akkoordBesluit, judgeKnockOuts, sasAanbieder, sasActors, sasView, untilFase } from "../../test/fixtures/sas";
import { closeEngine, engine, uniqueKvk } from "../../test/harness/stack";
import { sessionFor, webApp } from "../../test/web-session";
import type { WebUser } from "./layout";
import { openInschrijvingen } from "../../test/fixtures/opening";

/**
 * The SAS pages of the region on the real engine: an inkoper creates a Wonen Wmo SAS through the form,
 * the beoordelaars score through theirs, the inkoper sets the consensus, proposes the selectie, runs the
 * dialogue and opens the sealed offers with a second inkoper. The knock-outs, the programmadirecteur's
 * akkoord and the aanbieders' steps go through the JSON API (test/fixtures/sas.ts). One procedure for all.
 */
jest.setTimeout(90_000);

type Agent = Awaited<ReturnType<typeof sessionFor>>["agent"] extends (app: Express) => infer A ? A : never;

const pad = (n: number) => String(n).padStart(2, "0");
/** A `datetime-local` value with seconds, in Amsterdam wall-clock time (the form accepts seconds). */
const local = (d: Date) => `${toAmsterdamDate(d)}T${toAmsterdamTime(d)}:${pad(d.getUTCSeconds())}`;
const locationOf = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? "");
const flashOf = (res: { headers: Record<string, unknown> }) =>
  ([] as string[])
    .concat((res.headers["set-cookie"] as string[] | string | undefined) ?? [])
    .filter((c) => c.startsWith("inkoop_melding="))
    .map((c) => c.split(";")[0]!);
const follow = (who: Agent, res: { headers: Record<string, unknown> }) => who.get(locationOf(res)).set("Cookie", [who.cookie, ...flashOf(res)].join("; "));

describe("SAS-pagina's van de regio (echte engine)", () => {
  let api: Express;
  let web: Express;
  let inkoper: Agent, inkoper2: Agent, b1: Agent, b2: Agent;
  const A = sasAanbieder("Beschermd Thuis Pagina");
  const B = sasAanbieder("Kleinschalig Wonen Pagina");
  const product = offeredProducts("wonen-wmo")[0]!;
  let id: string;
  let url: string;
  let sluiting: Date;

  beforeAll(async () => {
    api = createApp({ engine: engine(), roleHeaders: true });
    web = webApp(engine());
    const login = async (user: WebUser) => (await sessionFor(engine(), user)).agent(web);
    inkoper = await login({ gebruikersnaam: "i.jansen", naam: "Ilse Jansen", rol: "inkoper" });
    inkoper2 = await login({ gebruikersnaam: "i.devries", naam: "Ingrid de Vries", rol: "inkoper" });
    b1 = await login({ gebruikersnaam: "b.bakker", naam: "Bram Bakker", rol: "beoordelaar" });
    b2 = await login({ gebruikersnaam: "b.smit", naam: "Bea Smit", rol: "beoordelaar" });
    for (const a of [A, B]) expect((await as(api, a).post("/api/v1/aanbieders", { kvk: a.kvk, naam: a.naam, email: a.email })).status).toBe(201);
  });
  afterAll(closeEngine);

  const opzet = {
    "sas-kernpartners-maxKandidaten": "2",
    "sas-kernpartners-s1-naam": "Aanbod en plaatsen in de regio",
    "sas-kernpartners-s1-gewicht": "60",
    "sas-kernpartners-s2-naam": "Visie op ambulantisering",
    "sas-kernpartners-s2-gewicht": "40",
    "sas-kernpartners-g1-naam": "Kwaliteit van het woonaanbod",
    "sas-kernpartners-g1-gewicht": "1",
    "sas-niet-kernpartners-maxKandidaten": "2",
    "sas-niet-kernpartners-s1-naam": "Aanbod in de regio",
    "sas-niet-kernpartners-s1-gewicht": "1",
    "sas-niet-kernpartners-g1-naam": "Kwaliteit van het woonaanbod",
    "sas-niet-kernpartners-g1-gewicht": "1",
    "sas-schaalMin": "0",
    "sas-schaalMax": "10",
    "sas-beoordelaars": "2",
    "sas-standstill": "20",
    "sas-openingDoor": "inkoper+inkoper",
  };

  it("de inkoper maakt een SAS Wonen Wmo aan via het formulier, met de opzet per perceel", async () => {
    const stap1 = await inkoper.get("/inkoper/procedures/nieuw");
    expect(stap1.text).toContain('value="wonen-wmo"');
    expect(stap1.text).toContain('value="hoog-specialistisch-jeugd"');
    const stap2 = await inkoper.get("/inkoper/procedures/nieuw?contract=wonen-wmo");
    expect(stap2.status).toBe(200);
    expect(stap2.text).toContain("Opzet van de SAS-aanbesteding");
    expect(stap2.text).toContain('name="sas-niet-kernpartners-g5-gewicht"');
    const hs = await inkoper.get("/inkoper/procedures/nieuw?contract=hoog-specialistisch-jeugd");
    expect(hs.text).toContain("Hun gewichten en de schaal stelt het BOSD later vast");
    expect(hs.text).not.toContain("-g1-naam");

    sluiting = new Date(Date.now() + 14_000);
    const basis = { stap: "gegevens", contractId: "wonen-wmo", titel: "SAS Wonen Wmo via formulier", publicatie: local(new Date(Date.now() - 60_000)), sluiting: local(sluiting), producten: [product], beoordelaars: "1", hoorTermijn: "10", herstelTermijn: "5" };
    // A weight without a name, and a perceel without selectiecriteria: the page says so, nothing is created.
    const fout = await inkoper.form("/inkoper/procedures/nieuw", { ...basis, ...opzet, "sas-kernpartners-s3-gewicht": "10", "sas-niet-kernpartners-s1-naam": "", "sas-niet-kernpartners-s1-gewicht": "" });
    expect(fout.status).toBe(400);
    expect(fout.text).toContain('href="#veld-sas-kernpartners-s3-naam"');
    expect(fout.text).toContain("Geef minstens één selectiecriterium met een gewicht.");
    expect(fout.text).toContain('value="Visie op ambulantisering"');

    const created = await inkoper.form("/inkoper/procedures/nieuw", { ...basis, ...opzet });
    expect([created.status, created.status === 303 ? "" : created.text]).toEqual([303, ""]);
    id = /^\/inkoper\/procedures\/([A-Za-z0-9-]+)$/.exec(locationOf(created))![1]!;
    url = `/inkoper/procedures/${id}/sas`;
    expect((await follow(inkoper, created)).text).toContain("De SAS-aanbesteding is aangemaakt als concept");

    const view = await sasView(api, id);
    expect(view.opzet.percelen.map((p: { perceel: string; maxKandidaten: number }) => [p.perceel, p.maxKandidaten])).toEqual([
      ["kernpartners", 2],
      ["niet-kernpartners", 2],
    ]);
    expect(view.opzet.percelen[0].selectiecriteria).toEqual([
      { code: "S1", naam: "Aanbod en plaatsen in de regio", gewicht: 60 },
      { code: "S2", naam: "Visie op ambulantisering", gewicht: 40 },
    ]);
    expect(view.opzet.percelen[1].gunningscriteria).toEqual([{ code: "G1", naam: "Kwaliteit van het woonaanbod", gewicht: 1 }]);
    expect(view.opzet.instellingen).toMatchObject({ schaal: { min: 0, max: 10 }, aantalBeoordelaars: 2, openingDoor: "inkoper+inkoper" });
    const [d, t] = local(sluiting).split("T");
    expect((await as(api, sasActors.inkoper).get(`/api/v1/procedures/${id}`)).body.sluitingAt).toBe(atAmsterdam(d!, t!).toISOString());
  });

  it("de SAS-pagina toont de fase met uitleg en de opzet; na publicatie melden twee aanbieders zich aan", async () => {
    const procedure = await inkoper.get(`/inkoper/procedures/${id}`);
    expect(procedure.text).toContain(`href="${url}"`);
    expect(procedure.text).toContain("SAS-aanbesteding (selectie, dialoog, gunning)");
    const published = await inkoper.form(`/inkoper/procedures/${id}/publiceren`, {});
    expect(published.status).toBe(303);
    for (const [a, perceel] of [
      [A, "kernpartners"],
      [B, "niet-kernpartners"],
    ] as const)
      expect((await as(api, a).post(`/api/v1/procedures/${id}/inschrijvingen`, { ...completeInschrijving([product]), percelen: [perceel] })).status).toBe(201);

    const page = await inkoper.get(url);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Aanbieders melden zich aan tot het sluitingstijdstip");
    expect(page.text).toContain("Perceel Kernpartners");
    expect(page.text).toContain("Aanbod en plaatsen in de regio");
    expect(page.text).toContain("Twee verschillende inkopers");
    expect(page.text).toContain("Tot nu toe 2 aanmelding(en) ontvangen");
    expect(page.text).not.toContain(A.naam);

    await sleepUntil(sluiting);
    await openInschrijvingen(api, id);
    for (const a of [A, B])
      await until(`beoordeling ${a.naam}`, async () => ((await as(api, sasActors.inkoper).get(`/api/v1/procedures/${id}/inschrijvingen/${a.kvk}`)).body.status === "beoordeling" ? true : undefined));
    const selectie = await inkoper.get(url);
    expect(selectie.text).toContain("Selectie: scoren en consensus");
    expect(selectie.text).toContain("Bij 2 aanmelding(en) loopt de toets op de toelatingscriteria nog");
    for (const a of [A, B]) await judgeKnockOuts(api, id, a, product);
    await until("kandidaten", async () => ((await sasView(api, id)).selectieKandidaten.every((p: { kandidaten: unknown[] }) => p.kandidaten.length === 1) ? true : undefined));
  });

  const items = () => [
    { perceel: "kernpartners", kvk: A.kvk, criterium: "S1", score: "8" },
    { perceel: "kernpartners", kvk: A.kvk, criterium: "S2", score: "7" },
    { perceel: "niet-kernpartners", kvk: B.kvk, criterium: "S1", score: "6" },
  ];
  const scoreForm = (i: ReturnType<typeof items>[number], score: string, motivering = "Onderbouwd in de aanmelding en de bijlagen.") => {
    const key = `${i.perceel}-${i.kvk}-${i.criterium}`;
    return { ronde: "selectie", perceel: i.perceel, kvk: i.kvk, criterium: i.criterium, [`score-${key}`]: score, [`motivering-${key}`]: motivering };
  };

  it("een beoordelaar scoort via het formulier; een score buiten de schaal geeft een Nederlandse melding en schrijft niets", async () => {
    const rij = await b1.get("/beoordelaar");
    expect(rij.text).toContain(`href="/beoordelaar/procedures/${id}/sas"`);
    const pad = `/beoordelaar/procedures/${id}/sas`;
    const page = await b1.get(pad);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Nog 3 onderdeel/onderdelen zonder uw score");
    expect(page.text).toContain(`name="score-kernpartners-${A.kvk}-S1"`);

    const [eerste] = items();
    const buiten = await b1.form(pad, scoreForm(eerste!, "11"));
    expect(buiten.status).toBe(400);
    expect(buiten.text).toContain("score moet een geheel getal van 0 tot en met 10 zijn.");
    expect(buiten.text).toContain(`href="#veld-score-kernpartners-${A.kvk}-S1"`);
    expect(buiten.text).toContain('value="11"');
    expect((await sasView(api, id)).scores).toEqual([]);

    const ok = await b1.form(pad, scoreForm(eerste!, eerste!.score));
    expect(ok.status).toBe(303);
    expect((await follow(b1, ok)).text).toContain("Uw score voor S1 van KvK");
    // Independence: b2 does not see b1's score before scoring the item itself.
    const voor = await b2.get(pad);
    expect(voor.text).not.toContain("b.bakker 8 (Onderbouwd");
    expect((await b2.form(pad, scoreForm(eerste!, eerste!.score, "Eigen oordeel op basis van de stukken."))).status).toBe(303);
    expect((await b2.get(pad)).text).toContain("Scores van collega&#39;s: b.bakker 8 (Onderbouwd in de aanmelding en de bijlagen.)");
    for (const i of items().slice(1)) for (const b of [b1, b2]) expect((await b.form(pad, scoreForm(i, i.score))).status).toBe(303);
    expect((await sasView(api, id)).scores).toHaveLength(6);
  });

  it("de inkoper stelt de consensus vast en stelt de selectie voor via de pagina", async () => {
    const page = await inkoper.get(url);
    expect(page.text).toContain("2 van 2");
    expect(page.text).toContain(`name="consensus-score-kernpartners-${A.kvk}-S1"`);
    const consensus = (i: ReturnType<typeof items>[number], motivering = "Consensus na bespreking van beide scores.") => {
      const key = `${i.perceel}-${i.kvk}-${i.criterium}`;
      return { ronde: "selectie", perceel: i.perceel, kvk: i.kvk, criterium: i.criterium, [`consensus-score-${key}`]: i.score, [`consensus-motivering-${key}`]: motivering };
    };
    const kort = await inkoper.form(`${url}/consensus`, consensus(items()[0]!, "Te kort"));
    expect(kort.status).toBe(400);
    expect(kort.text).toContain("Motiveer de score (minstens 20 tekens).");
    for (const i of items()) expect((await inkoper.form(`${url}/consensus`, consensus(i))).status).toBe(303);

    const leeg = await inkoper.form(`${url}/selectie`, { "selectie-toelichting": "" });
    expect(leeg.status).toBe(400);
    const voorstel = await inkoper.form(`${url}/selectie`, { "selectie-toelichting": "Beide kandidaten blijven binnen het maximum per perceel." });
    expect(voorstel.status).toBe(303);
    const na = await follow(inkoper, voorstel);
    expect(na.text).toMatch(/De selectie \([^)]+\) is voorgelegd aan de programmadirecteur/);
    expect(na.text).toContain("Rangschikking perceel Kernpartners");
    expect(na.text).toContain("7,60");
    expect(na.text).toContain("Geselecteerd");
    expect(na.text).toContain("Regel bij gelijke stand");
    expect(na.text).not.toContain("Selectie voorstellen</h3>");
    await akkoordBesluit(api, (await sasView(api, id)).selectie.besluitId);
    await untilFase(api, id, "dialoog");
  });

  it("in de dialoog legt de inkoper sessies vast en publiceert een wijziging via de pagina", async () => {
    const page = await inkoper.get(url);
    expect(page.text).toContain("Dialoogsessie vastleggen");
    expect(page.text).toContain(`<option value="${A.kvk}">`);
    const sessie = (kvk: string) => ({ "sessie-kvk": kvk, "sessie-datum": toAmsterdamDate(new Date()), "sessie-deelnemers": "M. de Vries (regio)\r\nJ. Jansen (aanbieder)\r\n", "sessie-verslag": "Ontwikkelopgave ambulantisering en pilots besproken." });
    const vreemd = await inkoper.form(`${url}/dialoogsessies`, sessie(uniqueKvk()));
    expect(vreemd.status).toBe(404);
    expect(vreemd.text).toContain("is niet geselecteerd voor de dialoog");
    expect(vreemd.text).toContain('href="#veld-sessie-kvk"');
    for (const a of [A, B]) {
      const res = await inkoper.form(`${url}/dialoogsessies`, sessie(a.kvk));
      expect(res.status).toBe(303);
    }
    const wijziging = await inkoper.form(`${url}/wijzigingen`, { "wijziging-onderwerp": "Ambulantisering", "wijziging-tekst": "Elke kernpartner levert een plan voor ambulantisering binnen zes maanden." });
    expect(wijziging.status).toBe(303);
    const na = await follow(inkoper, wijziging);
    expect(na.text).toContain("Wijziging 1 is gepubliceerd");
    expect(na.text).toContain("Elke kernpartner levert een plan voor ambulantisering");
    expect(na.text).toContain("M. de Vries (regio), J. Jansen (aanbieder)");
    const dialoog = (await sasView(api, id)).dialoog;
    expect(dialoog.sessies.map((s: { kvk: string }) => s.kvk)).toEqual([A.kvk, B.kvk]);
    expect(dialoog.sessies[0].deelnemers).toEqual(["M. de Vries (regio)", "J. Jansen (aanbieder)"]);
  });

  let offerteSluiting: Date;
  it("na het sluiten van de dialoog zijn de inschrijvingen verzegeld: de pagina toont alleen het aantal", async () => {
    offerteSluiting = new Date(Date.now() + 7_000);
    const gesloten = await inkoper.form(`${url}/dialoog-sluiting`, { sluiting: local(offerteSluiting) });
    expect(gesloten.status).toBe(303);
    const [d, t] = local(offerteSluiting).split("T");
    expect((await sasView(api, id)).offertes.sluitingAt).toBe(atAmsterdam(d!, t!).toISOString());
    const antwoord = (perceel: string) => ({ perceel, criterium: "G1", antwoord: `Geheim woonaanbod ${perceel}` });
    expect((await as(api, A).post(`/api/v1/procedures/${id}/sas/offertes`, { percelen: ["kernpartners"], antwoorden: [antwoord("kernpartners")] })).status).toBe(201);
    expect((await as(api, B).post(`/api/v1/procedures/${id}/sas/offertes`, { percelen: ["niet-kernpartners"], antwoorden: [antwoord("niet-kernpartners")] })).status).toBe(201);
    const page = await inkoper.get(url);
    expect(page.text).toContain("2 inschrijving(en) ontvangen. De inschrijvingen zijn verzegeld tot de opening");
    expect(page.text).not.toContain("Geheim woonaanbod");
    expect(page.text).not.toContain("Geopende inschrijvingen");
    const tevroeg = await inkoper.form(`${url}/opening`, {});
    expect(tevroeg.status).toBe(409);
    expect(tevroeg.text).toContain("verzegeld tot het sluitingstijdstip");
  });

  it("de opening vraagt twee verschillende inkopers via de pagina", async () => {
    await sleepUntil(offerteSluiting);
    await untilFase(api, id, "opening");
    const page = await inkoper.get(url);
    expect(page.text).toContain("Nog niemand bevestigde de opening");
    const eerste = await inkoper.form(`${url}/opening`, {});
    expect(eerste.status).toBe(303);
    const na = await follow(inkoper, eerste);
    expect(na.text).toContain("Uw bevestiging van de opening is vastgelegd");
    expect(na.text).toContain("Bevestigd door i.jansen (inkoper)");
    expect(na.text).not.toContain("Geheim woonaanbod");
    const nogmaals = await inkoper.form(`${url}/opening`, {});
    expect(nogmaals.status).toBe(409);
    expect(nogmaals.text).toContain("U heeft de opening al bevestigd");
    const tweede = await inkoper2.form(`${url}/opening`, {});
    expect(tweede.status).toBe(303);
    const open = await follow(inkoper2, tweede);
    expect(open.text).toContain("De inschrijvingen zijn geopend (vier ogen).");
    expect(open.text).toContain("Geopende inschrijvingen");
    expect(open.text).toContain("Geheim woonaanbod kernpartners");
    expect(open.text).toContain("Gunning: scoren en consensus");
  });

  it("Hoog-specialistisch: de vier gunningscriteria liggen vast; de inkoper legt de gunningssystematiek voor aan het BOSD", async () => {
    const created = await inkoper.form("/inkoper/procedures/nieuw", {
      stap: "gegevens",
      contractId: "hoog-specialistisch-jeugd",
      titel: "SAS Hoog-specialistisch via formulier",
      publicatie: local(new Date(Date.now() + 86_400_000)),
      sluiting: local(new Date(Date.now() + 30 * 86_400_000)),
      producten: offeredProducts("hoog-specialistisch-jeugd"),
      beoordelaars: "1",
      hoorTermijn: "10",
      herstelTermijn: "5",
      "sas-hoog-specialistisch-jeugd-maxKandidaten": "4",
      "sas-hoog-specialistisch-jeugd-s1-naam": "Aanbod en plaatsen in de regio",
      "sas-hoog-specialistisch-jeugd-s1-gewicht": "1",
      "sas-schaalMin": "0",
      "sas-schaalMax": "10",
      "sas-beoordelaars": "2",
      "sas-standstill": "20",
      "sas-openingDoor": "inkoper+beoordelaar",
    });
    expect([created.status, created.status === 303 ? "" : created.text]).toEqual([303, ""]);
    const hsId = /^\/inkoper\/procedures\/([A-Za-z0-9-]+)$/.exec(locationOf(created))![1]!;
    const hsUrl = `/inkoper/procedures/${hsId}/sas`;
    const page = await inkoper.get(hsUrl);
    expect(page.text).toContain("nog vast te stellen door het BOSD");
    expect(page.text).toContain("Gunningssystematiek voorleggen aan het BOSD");
    expect(page.text).toContain("Een inkoper en een beoordelaar");
    const wegingen = Object.fromEntries(["G1", "G2", "G3", "G4"].map((c, i) => [`gewicht-hoog-specialistisch-jeugd-${c}`, String([30, 30, 20, 20][i])]));
    const zonder = await inkoper.form(`${hsUrl}/gunningssystematiek`, { ...wegingen, "gewicht-hoog-specialistisch-jeugd-G4": "", "schaal-min": "1", "schaal-max": "5", "gs-motivering": "Plaatsen en de verwijstafel wegen het zwaarst." });
    expect(zonder.status).toBe(400);
    expect(zonder.text).toContain('href="#veld-gewicht-hoog-specialistisch-jeugd-G4"');
    const kort = await inkoper.form(`${hsUrl}/gunningssystematiek`, { ...wegingen, "schaal-min": "1", "schaal-max": "5", "gs-motivering": "Kort." });
    expect(kort.status).toBe(400);
    expect(kort.text).toContain("Motiveer de gunningssystematiek (minstens 20 tekens).");
    const ok = await inkoper.form(`${hsUrl}/gunningssystematiek`, { ...wegingen, "schaal-min": "1", "schaal-max": "5", "gs-motivering": "Plaatsen en de verwijstafel wegen het zwaarst: daar zit het tekort." });
    expect(ok.status).toBe(303);
    const na = await follow(inkoper, ok);
    expect(na.text).toMatch(/De gunningssystematiek \([^)]+\) is voorgelegd aan het BOSD/);
    expect(na.text).not.toContain("Gunningssystematiek voorleggen aan het BOSD");
    expect(na.text).toContain("Er ligt een besluit voor (gunningssystematiek, bij het BOSD)");
  });
});
