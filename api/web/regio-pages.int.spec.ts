import type { Express } from "express";
import { toAmsterdamDate, toAmsterdamTime, atAmsterdam } from "../../domain/calendar";
import { toelatingscriteria } from "../../domain/catalogue";
import type { Actor } from "../../domain/shared/actor";
import { createApp } from "../app";
import { as, sleepUntil, until } from "../../test/api-client";
import { completeInschrijving, offeredProducts } from "../../test/fixtures/inschrijving";
import { closeEngine, engine, uniqueId, uniqueKvk } from "../../test/harness/stack";
import { openInschrijvingen } from "../../test/fixtures/opening";
import { sessionFor, webApp } from "../../test/web-session";
import type { WebUser } from "./layout";

/**
 * The region's pages on the real engine: an inkoper creates and publishes through the forms, the seal
 * holds on the inschrijving page until closing, a beoordelaar judges through the criterion form, the
 * programmadirecteur sends a gunningsvoorstel back and then approves it, contracts show their terms.
 */
jest.setTimeout(90_000);

type Agent = Awaited<ReturnType<typeof sessionFor>>["agent"] extends (app: Express) => infer A ? A : never;

const local = (d: Date) => `${toAmsterdamDate(d)}T${toAmsterdamTime(d)}`;
const locationOf = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? "");
/** The flash cookie a redirect set (session.ts), as a browser would send it on the next request. */
const flashOf = (res: { headers: Record<string, unknown> }) => ([] as string[]).concat((res.headers["set-cookie"] as string[] | string | undefined) ?? []).filter((c) => c.startsWith("inkoop_melding=")).map((c) => c.split(";")[0]!);
/** Follows a redirect as a browser does: the session cookie plus the flash cookie the redirect set. */
const follow = (who: Agent, res: { headers: Record<string, unknown> }) => who.get(locationOf(res)).set("Cookie", [who.cookie, ...flashOf(res)].join("; "));

describe("Pagina's van de regio (echte engine)", () => {
  let api: Express;
  let web: Express;
  let inkoper: Agent, beoordelaar: Agent, directeur: Agent, aanbieder: Agent;
  const kvk = uniqueKvk();
  const aanbiederActor: Actor = { rol: "aanbieder", id: `a-${kvk}`, kvk };
  const naam = `Zorggroep Pagina ${kvk} B.V.`;
  const procedureId = uniqueId("oh-web");
  const titel = `Open House paginatest ${procedureId}`;
  const producten = offeredProducts("ambulant-jeugd").slice(0, 1);
  const tweede = uniqueId("oh-web-twee");
  const kvk2 = uniqueKvk();
  const aanbieder2: Actor = { rol: "aanbieder", id: `a-${kvk2}`, kvk: kvk2 };
  let sluiting: Date;

  beforeAll(async () => {
    api = createApp({ engine: engine(), roleHeaders: true });
    web = webApp(engine());
    const login = async (user: WebUser) => (await sessionFor(engine(), user)).agent(web);
    inkoper = await login({ gebruikersnaam: "i.devries", naam: "Ingrid de Vries", rol: "inkoper" });
    beoordelaar = await login({ gebruikersnaam: "b.bakker", naam: "Bram Bakker", rol: "beoordelaar" });
    directeur = await login({ gebruikersnaam: "p.directeur", naam: "Petra Directeur", rol: "programmadirecteur" });
    aanbieder = await login({ gebruikersnaam: `a-${kvk}`, naam: "Anna Aanbieder", rol: "aanbieder", kvk });

    expect((await as(api, aanbiederActor).post("/api/v1/aanbieders", { kvk, naam, email: `info-${kvk}@aanbieder.example` })).status).toBe(201);
    sluiting = new Date(Date.now() + 10_000);
    const created = await as(api, { rol: "inkoper", id: "i.devries" }).post("/api/v1/procedures", {
      id: procedureId,
      contractId: "ambulant-jeugd",
      titel,
      publicatieAt: new Date(Date.now() - 1000).toISOString(),
      sluitingAt: sluiting.toISOString(),
      producten,
      instellingen: { contractIngangsdatum: toAmsterdamDate(new Date()) },
    });
    expect(created.status).toBe(201);
    expect((await as(api, { rol: "inkoper", id: "i.devries" }).post(`/api/v1/procedures/${procedureId}/publicatie`)).status).toBe(201);
    const inschrijving = completeInschrijving(producten);
    inschrijving.antwoorden[0] = { ...inschrijving.antwoorden[0]!, toelichting: "Geheime toelichting van de aanbieder" };
    expect((await as(api, aanbiederActor).post(`/api/v1/procedures/${procedureId}/inschrijvingen`, inschrijving)).status).toBe(201);

    // A second procedure with two beoordelaars and an inschrijving that misses a document (TC04).
    expect((await as(api, aanbieder2).post("/api/v1/aanbieders", { kvk: kvk2, naam: `Stichting Twee ${kvk2}`, email: `twee-${kvk2}@aanbieder.example` })).status).toBe(201);
    const inkoperActor: Actor = { rol: "inkoper", id: "i.devries" };
    expect(
      (
        await as(api, inkoperActor).post("/api/v1/procedures", {
          id: tweede,
          contractId: "ambulant-jeugd",
          titel: `Open House twee beoordelaars ${tweede}`,
          publicatieAt: new Date(Date.now() - 1000).toISOString(),
          sluitingAt: sluiting.toISOString(),
          producten,
          instellingen: { aantalBeoordelaarsPerCriterium: 2 },
        })
      ).status,
    ).toBe(201);
    expect((await as(api, inkoperActor).post(`/api/v1/procedures/${tweede}/publicatie`)).status).toBe(201);
    const onvolledig = completeInschrijving(producten);
    onvolledig.antwoorden = onvolledig.antwoorden.map((a) => (a.criterium === "TC04" ? { criterium: "TC04", verklaring: "voldoet" } : a));
    expect((await as(api, aanbieder2).post(`/api/v1/procedures/${tweede}/inschrijvingen`, onvolledig)).status).toBe(201);
  });
  afterAll(closeEngine);

  it("toont een nieuwe procedure op het dashboard van de inkoper", async () => {
    const text = await until("procedure in het register", async () => {
      const res = await inkoper.get("/inkoper");
      expect(res.status).toBe(200);
      return res.text.includes(titel) ? res.text : undefined;
    });
    expect(text).toContain(`href="/inkoper/procedures/${procedureId}"`);
    expect(text).toContain("(verzegeld)");
    // The list filters by status, contract and year (a GET form) and pages past 20.
    const gefilterd = await inkoper.get("/inkoper?status=bestaat-niet");
    expect(gefilterd.text).toContain("Geen procedure voldoet aan dit filter.");
    expect(gefilterd.text).toMatch(/<form method="get" action="\/inkoper" class="inkoop-filter"/);
    const alleen = await inkoper.get(`/inkoper?status=gepubliceerd&contract=ambulant-jeugd&jaar=${new Date().getFullYear()}`);
    expect(alleen.text).toMatch(/<option value="ambulant-jeugd" selected>/);
    expect(alleen.text).not.toMatch(/<span class="inkoop-status">Gegund<\/span>/);
    // Per procedure its next step, and whose turn it is: here the aanbieders', until the closing.
    expect(text).toContain("Volgende stap");
    expect(text).toContain("Aan zet: aanbieders (inschrijven)");
  });

  // Before closing, the region may not learn who entered: a KvK that did and one that did not get the
  // same page from every route that names one inschrijving, the actions included.
  const vreemd = uniqueKvk();
  const verzegeld = "Inschrijvingen in deze ronde zijn verzegeld tot het sluitingstijdstip.";
  const perKvk = (k: string): { wie: () => Agent; pad: string; form?: Record<string, string | string[]> }[] => {
    const ink = `/inkoper/procedures/${procedureId}/inschrijvingen/${k}`;
    const beo = `/beoordelaar/procedures/${procedureId}/inschrijvingen/${k}`;
    return [
      { wie: () => inkoper, pad: ink },
      { wie: () => inkoper, pad: `${ink}/bijlagen/upload-0123456789abcdef` },
      { wie: () => inkoper, pad: `${ink}/volledig`, form: { "volledig-motivering": "Alles is aanwezig, volledig." } },
      { wie: () => inkoper, pad: `${ink}/herstelverzoek`, form: { ontbrekend: ["TC04"], "herstel-termijnEinde": "" } },
      { wie: () => inkoper, pad: `${ink}/beslechting`, form: { item: "TC01", "oordeel-TC01": "voldoet", "motivering-TC01": "Beslecht." } },
      { wie: () => inkoper, pad: `${ink}/hoor-en-wederhoor`, form: { "hoor-termijnEinde": "" } },
      { wie: () => beoordelaar, pad: beo },
      { wie: () => beoordelaar, pad: `${beo}/bijlagen/upload-0123456789abcdef` },
      { wie: () => beoordelaar, pad: beo, form: { "oordeel-TC01": "voldoet", "motivering-TC01": "Aangetoond met het uittreksel." } },
      { wie: () => beoordelaar, pad: `${beo}/hoor-en-wederhoor`, form: { "hoor-termijnEinde": "" } },
    ];
  };
  /** The page without what differs per request or session (the CSRF token), and without the KvK in the address. */
  const zonderTokens = (text: string, k: string) => text.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""').split(k).join("KVK");

  it("vóór de sluiting krijgt elk KvK-nummer dezelfde verzegelde pagina: wie inschreef blijft onzichtbaar", async () => {
    const vraag = (k: string) =>
      Promise.all(perKvk(k).map(async ({ wie, pad, form }) => {
        const res = form ? await wie().form(pad, form) : await wie().get(pad);
        return { pad: pad.split(k).join("KVK"), methode: form ? "POST" : "GET", status: res.status, text: String(res.text ?? "") };
      }));
    const [ingeschreven, niet] = await Promise.all([vraag(kvk), vraag(vreemd)]);
    expect(Date.now()).toBeLessThan(sluiting.getTime());
    for (const [a, b] of ingeschreven.map((r, n) => [r, niet[n]!] as const)) {
      const wat = `${a.methode} ${a.pad}`;
      expect([wat, a.status, b.status]).toEqual([wat, 403, 403]);
      expect([wat, zonderTokens(a.text, kvk)]).toEqual([wat, zonderTokens(b.text, vreemd)]);
      expect([wat, a.text.includes(verzegeld)]).toEqual([wat, true]);
      for (const verboden of [naam, "Inschrijving ingediend", "Logboek", "Geheime toelichting", "Ontvangstbewijs", "<form method=\"post\" action=\"/inkoper", "<form method=\"post\" action=\"/beoordelaar"]) {
        expect([wat, verboden, a.text.includes(verboden)]).toEqual([wat, verboden, false]);
      }
    }
    // The JSON API says the same for both.
    const json = await Promise.all([kvk, vreemd].map((k) => as(api, { rol: "inkoper", id: "i.devries" }).get(`/api/v1/procedures/${procedureId}/inschrijvingen/${k}`)));
    expect(json.map((r) => r.status)).toEqual([403, 403]);

    const procedure = await inkoper.get(`/inkoper/procedures/${procedureId}`);
    expect(procedure.text).toMatch(/1 inschrijving\(en\) ontvangen/);
    expect(procedure.text).not.toContain(naam);
    expect(procedure.text).not.toContain(`KvK ${kvk}`);
  });

  let nieuwId: string;
  it("maakt een procedure in twee stappen aan via het formulier en publiceert haar", async () => {
    const stap1 = await inkoper.get("/inkoper/procedures/nieuw");
    expect(stap1.status).toBe(200);
    expect(stap1.text).toContain('value="ambulant-jeugd"');
    expect(stap1.text).not.toContain('value="jeugdzorgplus"');
    const gekozen = await inkoper.form("/inkoper/procedures/nieuw", { stap: "contract", contractId: "ambulant-jeugd" });
    expect(gekozen.status).toBe(303);
    expect(locationOf(gekozen)).toBe("/inkoper/procedures/nieuw?contract=ambulant-jeugd");
    const stap2 = await follow(inkoper, gekozen);
    expect(stap2.status).toBe(200);
    expect(stap2.text).toContain(`value="${producten[0]}" checked`);

    const publicatie = new Date(Date.now() + 60_000);
    const sluitingNieuw = new Date(Date.now() + 14 * 86_400_000);
    const titelNieuw = `Open House via formulier ${uniqueId("f")}`;
    const keuze = offeredProducts("ambulant-jeugd").slice(0, 2);
    const created = await inkoper.form("/inkoper/procedures/nieuw", {
      stap: "gegevens",
      contractId: "ambulant-jeugd",
      titel: titelNieuw,
      publicatie: local(publicatie),
      sluiting: local(sluitingNieuw),
      vragenTot: "",
      producten: keuze,
      beoordelaars: "2",
      hoorTermijn: "12",
      herstelTermijn: "5",
      ingangsdatum: "",
    });
    expect([created.status, created.text]).toEqual([303, expect.any(String)]);
    const match = /^\/inkoper\/procedures\/([A-Za-z0-9-]+)$/.exec(locationOf(created));
    expect(match).not.toBeNull();
    nieuwId = match![1]!;
    const detail = await follow(inkoper, created);
    expect(detail.text).toContain("aangemaakt als concept");
    expect(detail.text).not.toMatch(/action="[^"]*_csrf/);
    expect(detail.text).toContain(titelNieuw);
    expect(detail.text).toContain("Publiceer de procedure");

    const view = (await as(api, { rol: "inkoper", id: "i.devries" }).get(`/api/v1/procedures/${nieuwId}`)).body;
    const [datum, tijd] = local(sluitingNieuw).split("T");
    expect(view.sluitingAt).toBe(atAmsterdam(datum!, tijd!).toISOString());
    expect(view.producten).toEqual(keuze);
    expect(view.instellingen).toMatchObject({ aantalBeoordelaarsPerCriterium: 2, hoorEnWederhoorTermijnWerkdagen: 12 });

    const published = await inkoper.form(`/inkoper/procedures/${nieuwId}/publiceren`, {});
    expect(published.status).toBe(303);
    const after = await follow(inkoper, published);
    expect(after.text).toContain("De procedure is gepubliceerd");
    expect(after.text).toContain("Gepubliceerd");
    expect(after.text).not.toContain("Publiceer de procedure");

    // The confirmation is the server's flash, shown once: the page clears it, a reload shows nothing.
    expect(locationOf(published)).toBe(`/inkoper/procedures/${nieuwId}`);
    expect(flashOf(published)).toHaveLength(1);
    expect(String(after.headers["set-cookie"] ?? "")).toMatch(/inkoop_melding=;/);
    const reload = await inkoper.get(locationOf(published));
    expect(reload.text).toContain("Gepubliceerd");
    expect(reload.text).not.toContain("De procedure is gepubliceerd");
    // The flash is bound to its session: another session's browser cannot show it.
    const ander = await beoordelaar.get("/beoordelaar").set("Cookie", [beoordelaar.cookie, ...flashOf(published)].join("; "));
    expect(ander.text).not.toContain("De procedure is gepubliceerd");
  });

  it("toont geen melding uit het adres of uit een vervalst cookie", async () => {
    const nep = "<script>alert(1)</script>Uw procedure is goedgekeurd";
    for (const path of ["/inkoper", `/inkoper/procedures/${procedureId}`]) {
      const res = await inkoper.get(`${path}?melding=${encodeURIComponent(nep)}`);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.text).not.toContain("goedgekeurd");
      expect(res.text).not.toContain("<script>alert");
      expect(res.text).not.toContain("utrecht-alert--ok");
    }
    const payload = Buffer.from(JSON.stringify({ m: nep, exp: Date.now() + 60_000 })).toString("base64url");
    for (const cookie of [`inkoop_melding=${encodeURIComponent(nep)}`, `inkoop_melding=${payload}`, `inkoop_melding=${payload}.${"A".repeat(43)}`]) {
      const res = await inkoper.get("/inkoper").set("Cookie", `${inkoper.cookie}; ${cookie}`);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain("goedgekeurd");
    }
  });

  it("beantwoordt een vraag, publiceert de nota van inlichtingen en toont een weigering van de engine op het veld", async () => {
    const vraag = await as(api, aanbiederActor).post(`/api/v1/procedures/${nieuwId}/vragen`, { vraag: "Mag het bewijs voor TC05 ook een aanvraag van het lidmaatschap zijn?" });
    expect(vraag.status).toBe(201);
    const url = `/inkoper/procedures/${nieuwId}`;
    const page = await inkoper.get(url);
    expect(page.text).toContain("Mag het bewijs voor TC05 ook een aanvraag van het lidmaatschap zijn?");
    expect(page.text).toContain(`action="${url}/vragen/${vraag.body.nr}/antwoord"`);

    const leeg = await inkoper.form(`${url}/vragen/${vraag.body.nr}/antwoord`, { [`antwoord-${vraag.body.nr}`]: "" });
    expect(leeg.status).toBe(400);
    expect(leeg.text).toContain(`href="#veld-antwoord-${vraag.body.nr}"`);
    const beantwoord = await inkoper.form(`${url}/vragen/${vraag.body.nr}/antwoord`, { [`antwoord-${vraag.body.nr}`]: "Nee, alleen een bewijs van lidmaatschap telt." });
    expect(beantwoord.status).toBe(303);
    const nota = await inkoper.form(`${url}/nota-van-inlichtingen`, {});
    expect(nota.status).toBe(303);
    const after = await follow(inkoper, nota);
    expect(after.text).toContain("Nota van inlichtingen 1 is gepubliceerd");
    expect(after.text).toMatch(new RegExp(`href="/api/v1/procedures/${nieuwId}/documenten/doc-[0-9a-f]+"`));
    expect(after.text).toContain("gepubliceerd in nota van inlichtingen 1");

    const zonderVinkje = await inkoper.form(`${url}/stopzetting`, { "stopzetting-motivering": "Het budget voor dit contract vervalt volledig." });
    expect(zonderVinkje.status).toBe(400);
    expect(zonderVinkje.text).toContain('href="#veld-stopzetting-bevestig"');
    const kort = await inkoper.form(`${url}/stopzetting`, { "stopzetting-motivering": "Te kort", "stopzetting-bevestig": "ja" });
    expect(kort.status).toBe(400);
    expect(kort.text).toContain('href="#veld-stopzetting-motivering"');
    expect(kort.text).toContain("Motiveer het stopzetten (minstens 20 tekens).");
    expect(kort.text).toContain(">Te kort</textarea>");
  });

  it("een foutief formulier (sluiting vóór publicatie) toont de foutsamenvatting en houdt de invoer vast", async () => {
    const publicatie = new Date(Date.now() + 5 * 86_400_000);
    const vroeg = new Date(Date.now() + 2 * 86_400_000);
    const res = await inkoper.form("/inkoper/procedures/nieuw", {
      stap: "gegevens",
      contractId: "ambulant-jeugd",
      titel: "Open House met een verkeerde sluiting",
      publicatie: local(publicatie),
      sluiting: local(vroeg),
      producten: [producten[0]!],
      beoordelaars: "1",
      hoorTermijn: "10",
      herstelTermijn: "5",
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Er is 1 fout gevonden");
    expect(res.text).toContain('href="#veld-sluiting"');
    expect(res.text).toContain("Het sluitingstijdstip moet na het publicatietijdstip liggen.");
    expect(res.text).toContain('value="Open House met een verkeerde sluiting"');
    expect(res.text).toContain(`value="${local(vroeg)}"`);
    expect(res.text).toContain(`value="${local(publicatie)}"`);
    const second = offeredProducts("ambulant-jeugd")[1]!;
    expect(res.text).toContain(`value="${producten[0]}" checked`);
    expect(res.text).not.toContain(`value="${second}" checked`);
  });

  it("na de sluiting blijft alles verzegeld tot twee inkopers de opening bevestigen op de procedurepagina", async () => {
    await sleepUntil(sluiting);
    const wacht = await until("wacht op opening", async () => {
      const res = await inkoper.get(`/inkoper/procedures/${procedureId}`);
      return res.text.includes("Opening (vier ogen)") ? res.text : undefined;
    });
    expect(wacht).toContain("Nog niemand bevestigde de opening.");
    // The procedure at a glance: today after the closing, the opening waiting for an inkoper.
    expect(wacht).toContain("De procedure in één oogopslag");
    expect(wacht).toMatch(/<strong>Vandaag<\/strong>[\s\S]*<strong>Opening \(vier ogen\)<\/strong> <span class="inkoop-tijdlijn__stand">\(nu\)<\/span>[\s\S]*Aan zet: een inkoper/);
    expect(wacht).toContain(`action="/inkoper/procedures/${procedureId}/opening"`);
    expect(wacht).not.toContain(naam);
    // The same sealed page for the KvK that entered and one that did not.
    for (const k of [kvk, vreemd]) {
      const res = await inkoper.get(`/inkoper/procedures/${procedureId}/inschrijvingen/${k}`);
      expect([res.status, res.text.includes("verzegeld tot de opening")]).toEqual([403, true]);
      expect(res.text).not.toContain(naam);
    }
    const eerste = await inkoper.form(`/inkoper/procedures/${procedureId}/opening`, {});
    expect(eerste.status).toBe(303);
    const na = await follow(inkoper, eerste);
    expect(na.text).toContain("Uw bevestiging van de opening is vastgelegd.");
    expect(na.text).toContain("Bevestigd door i.devries (inkoper)");
    expect(na.text).toContain("U heeft de opening al bevestigd");
    const tweedeInkoper = await (await sessionFor(engine(), { gebruikersnaam: "j.jansen", naam: "Jan Jansen", rol: "inkoper" })).agent(web);
    const geopend = await tweedeInkoper.form(`/inkoper/procedures/${procedureId}/opening`, {});
    expect(geopend.status).toBe(303);
    expect((await follow(tweedeInkoper, geopend)).text).toContain("De inschrijvingen zijn geopend (vier ogen).");
    await openInschrijvingen(api, tweede);
  });

  it("na de opening toont de inschrijvingspagina de inhoud en het logboek", async () => {
    const text = await until("inschrijving in beoordeling", async () => {
      const res = await inkoper.get(`/inkoper/procedures/${procedureId}/inschrijvingen/${kvk}`);
      return res.text.includes("In beoordeling") ? res.text : undefined;
    });
    expect(text).toContain(naam);
    expect(text).toContain("Geheime toelichting van de aanbieder");
    expect(text).toContain("TC01.pdf");
    expect(text).toContain("Volledigheidstoets gestart");
    expect(text).toContain("Systeem (automatisch)");
    // After closing the seal is off: the one that entered shows, one that did not is simply not there.
    const beoordelaarPagina = await beoordelaar.get(`/beoordelaar/procedures/${procedureId}/inschrijvingen/${kvk}`);
    expect(beoordelaarPagina.status).toBe(200);
    expect(beoordelaarPagina.text).toContain(naam);
    for (const pad of [`/inkoper/procedures/${procedureId}/inschrijvingen/${vreemd}`, `/beoordelaar/procedures/${procedureId}/inschrijvingen/${vreemd}`]) {
      const res = await (pad.startsWith("/inkoper") ? inkoper : beoordelaar).get(pad);
      expect([pad, res.status]).toEqual([pad, 404]);
      expect(res.text).not.toContain(verzegeld);
    }
    const procedure = await until("proces-verbaal", async () => {
      const res = await inkoper.get(`/inkoper/procedures/${procedureId}`);
      return res.text.includes("Proces-verbaal van sluiting") ? res.text : undefined;
    });
    expect(procedure).toContain(`/inkoper/procedures/${procedureId}/inschrijvingen/${kvk}`);
    const pv = /href="(\/api\/v1\/procedures\/[^"]+\/documenten\/doc-[0-9a-f]+)"/.exec(procedure);
    expect(pv).not.toBeNull();
    const download = await inkoper.get(pv![1]!).buffer(true);
    expect([download.status, download.type]).toEqual([200, "application/pdf"]);
    expect(procedure).toContain("Inschrijvingen geopend, proces-verbaal opgemaakt");
    expect(procedure).toContain("Opening bevestigd (vier ogen)");
  });

  it("beoordelaar en programmadirecteur lezen de procedure met tijdlijn en proces-verbaal; de inkoper gaat naar zijn eigen pagina, een aanbieder niet", async () => {
    for (const wie of [beoordelaar, directeur]) {
      const res = await wie.get(`/procedures/${procedureId}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain("De procedure in één oogopslag");
      expect(res.text).toContain("Proces-verbaal");
      expect(res.text).not.toContain('action="/inkoper/');
    }
    const inkoperNaar = await inkoper.get(`/procedures/${procedureId}`);
    expect([inkoperNaar.status, inkoperNaar.headers.location]).toEqual([303, `/inkoper/procedures/${procedureId}`]);
    expect((await aanbieder.get(`/procedures/${procedureId}`)).status).toBe(403);
    expect((await beoordelaar.get("/beoordelaar")).text).toContain(`href="/procedures/${procedureId}"`);
  });

  it("de inkoper verklaart een inschrijving met signalen volledig en beslecht een verschil tussen twee beoordelaars", async () => {
    const url = `/inkoper/procedures/${tweede}/inschrijvingen/${kvk2}`;
    const page = await until("volledigheidstoets", async () => {
      const res = await inkoper.get(url);
      return res.text.includes("Volledig verklaren") ? res.text : undefined;
    });
    expect(page).toContain("TC04 Financieel gezond: verklaart te voldoen, maar zonder document");
    expect(page).toMatch(/id="veld-ontbrekend-3" name="ontbrekend" value="TC04" checked/);

    const kort = await inkoper.form(`${url}/volledig`, { "volledig-motivering": "" });
    expect(kort.status).toBe(400);
    expect(kort.text).toContain('href="#veld-volledig-motivering"');
    const volledig = await inkoper.form(`${url}/volledig`, { "volledig-motivering": "De jaarrekening zit in de bijlage bij TC10." });
    expect(volledig.status).toBe(303);
    expect((await follow(inkoper, volledig)).text).toContain("In beoordeling");

    const api1 = as(api, { rol: "beoordelaar", id: "b.een" });
    const api2 = as(api, { rol: "beoordelaar", id: "b.twee" });
    expect((await api1.post(`/api/v1/procedures/${tweede}/inschrijvingen/${kvk2}/beoordelingen`, { item: "TC01", oordeel: "voldoet", motivering: "Geen negatieve signalen bekend." })).status).toBe(201);
    expect((await api2.post(`/api/v1/procedures/${tweede}/inschrijvingen/${kvk2}/beoordelingen`, { item: "TC01", oordeel: "voldoet-niet", motivering: "Er loopt een klacht bij de gemeente." })).status).toBe(201);
    const oneens = await inkoper.get(url);
    expect(oneens.text).toContain('name="item" value="TC01"');
    const zonder = await inkoper.form(`${url}/beslechting`, { item: "TC01", "oordeel-TC01": "voldoet", "motivering-TC01": "" });
    expect(zonder.status).toBe(400);
    expect(zonder.text).toContain('href="#veld-motivering-TC01"');
    const beslecht = await inkoper.form(`${url}/beslechting`, { item: "TC01", "oordeel-TC01": "voldoet", "motivering-TC01": "De klacht is ongegrond verklaard." });
    expect(beslecht.status).toBe(303);
    const na = await follow(inkoper, beslecht);
    expect(na.text).toContain("beslecht door i.devries");
    expect(na.text).not.toContain('name="item" value="TC01"');
    expect(na.text).toContain("Verschil van oordeel beslecht: TC01");
  });

  const items = toelatingscriteria.flatMap((c) => (c.perProduct ? [`${c.code}:${producten[0]}`] : [c.code]));
  it("de beoordelaar ziet de inschrijving in de rij en legt een oordeel vast via het formulier", async () => {
    const page = `/beoordelaar/procedures/${procedureId}/inschrijvingen/${kvk}`;
    const queue = await until("inschrijving in de rij", async () => {
      const res = await beoordelaar.get("/beoordelaar");
      return res.text.includes(`href="${page}"`) ? res.text : undefined;
    });
    expect(queue).toContain(naam);
    // Counts above the queue, and a term column.
    expect(queue).toMatch(/<strong>\d+ inschrijving\(en\), waarvan \d+ met onderdelen voor u; samen \d+ onderdelen\.<\/strong>/);
    expect(queue).toContain('scope="col">Termijn</th>');

    const form = await beoordelaar.get(page);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`Nog ${items.length} onderdeel/onderdelen te beoordelen`);
    expect(form.text).toContain("Geheime toelichting van de aanbieder");

    const missing = await beoordelaar.form(page, { "oordeel-TC01": "voldoet", "motivering-TC01": "" });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('href="#veld-motivering-TC01"');
    expect(missing.text).toMatch(/motiveer uw oordeel/);
    expect(missing.text).toMatch(/id="veld-oordeel-TC01-0" name="oordeel-TC01" value="voldoet" checked/);

    const tooShort = await beoordelaar.form(page, { "oordeel-TC01": "voldoet", "motivering-TC01": "ok" });
    expect(tooShort.status).toBe(400);
    expect(tooShort.text).toContain("Elk oordeel heeft een motivering.");
    expect(tooShort.text).toContain(">ok</textarea>");

    const ok = await beoordelaar.form(page, { "oordeel-TC01": "voldoet", "motivering-TC01": "Aangetoond met het uittreksel uit het handelsregister." });
    expect(ok.status).toBe(303);
    const after = await follow(beoordelaar, ok);
    expect(after.text).toContain("1 oordeel/oordelen vastgelegd.");
    expect(after.text).toContain("Aangetoond met het uittreksel uit het handelsregister.");
    expect(after.text).toContain(`Nog ${items.length - 1} onderdeel/onderdelen te beoordelen`);
    const state = (await as(api, { rol: "inkoper", id: "i.devries" }).get(`/api/v1/procedures/${procedureId}/inschrijvingen/${kvk}`)).body;
    expect(state.beoordelingen).toEqual([expect.objectContaining({ item: "TC01", oordeel: "voldoet", beoordelaar: "b.bakker" })]);
  });

  it("de rij van de beoordelaar filtert op procedure en status (GET) en zegt het als niets voldoet", async () => {
    const page = `/beoordelaar/procedures/${procedureId}/inschrijvingen/${kvk}`;
    const eigen = await beoordelaar.get(`/beoordelaar?procedure=${encodeURIComponent(procedureId)}`);
    expect(eigen.status).toBe(200);
    expect(eigen.text).toMatch(/<form method="get" action="\/beoordelaar" class="inkoop-filter" aria-label="Inschrijvingen filteren"/);
    expect(eigen.text).toMatch(new RegExp(`<option value="${procedureId}" selected>`));
    expect(eigen.text).toContain(`href="${page}"`);
    expect(eigen.text).not.toContain(`/beoordelaar/procedures/${tweede}/inschrijvingen/`);
    const leeg = await beoordelaar.get(`/beoordelaar?procedure=${encodeURIComponent(procedureId)}&status=afgerond`);
    expect(leeg.text).toContain("Geen inschrijving voldoet aan dit filter.");
    // The counts stay those of the whole queue.
    expect(leeg.text).toMatch(/<strong>\d+ inschrijving\(en\)/);
  });

  let besluitId: string;
  it("de programmadirecteur ziet het gunningsvoorstel, terugsturen vraagt een motivering, akkoord werkt", async () => {
    const rest = Object.fromEntries(items.filter((i) => i !== "TC01").flatMap((i) => [[`oordeel-${i}`, "voldoet"], [`motivering-${i}`, `Voldoet: bewijs voor ${i} is aangeleverd.`]]));
    const judged = await beoordelaar.form(`/beoordelaar/procedures/${procedureId}/inschrijvingen/${kvk}`, rest);
    expect(judged.status).toBe(303);
    await until("uitkomst bij de procedure", async () => {
      const res = await as(api, { rol: "inkoper", id: "i.devries" }).get(`/api/v1/procedures/${procedureId}`);
      return res.body.rondes[0].aantalBeoordeeld === 1 ? true : undefined;
    });
    const voorstel = await inkoper.form(`/inkoper/procedures/${procedureId}/gunningsvoorstel`, { toelichting: "Alle inschrijvingen zijn beoordeeld conform 4.4.1." });
    expect(voorstel.status).toBe(303);
    besluitId = /Het gunningsvoorstel (GUN-[0-9A-F]+) is voorgelegd/.exec((await follow(inkoper, voorstel)).text)![1]!;

    const lijst = await until("voorstel in de lijst", async () => {
      const res = await directeur.get("/besluiten");
      return res.text.includes(`href="/besluiten/${besluitId}"`) ? res.text : undefined;
    });
    expect(lijst).toContain("Voorgelegd");
    // How long each besluit has waited, the longest first.
    expect(lijst).toContain('scope="col">Wacht</th>');
    expect(lijst).toContain("vandaag voorgelegd");
    const detail = await directeur.get(`/besluiten/${besluitId}`);
    expect(detail.text).toContain("Programmadirecteur RWO");
    expect(detail.text).toMatch(new RegExp(`href="/api/v1/besluiten/${besluitId}/documenten/doc-[0-9a-f]+"`));
    expect(detail.text).toContain('name="beslissing" value="terugsturen"');

    const terug = await directeur.form(`/besluiten/${besluitId}/beslissing`, { beslissing: "terugsturen", motivering: "" });
    expect(terug.status).toBe(400);
    expect(terug.text).toContain('href="#veld-motivering"');
    expect(terug.text).toContain("Wie een besluit terugstuurt, motiveert dat (minstens 10 tekens).");

    const akkoord = await directeur.form(`/besluiten/${besluitId}/beslissing`, { beslissing: "akkoord", motivering: "Akkoord." });
    expect(akkoord.status).toBe(303);
    const vastgesteld = await follow(directeur, akkoord);
    expect(vastgesteld.text).toContain("U gaf akkoord");
    expect(vastgesteld.text).toContain("Vastgesteld");
    expect(vastgesteld.text).not.toContain('name="beslissing" value="akkoord"');
  });

  it("toont de aanbieder het eigen contract met de huidige termijn", async () => {
    const lijst = await until("contract gestart", async () => {
      const res = await aanbieder.get("/contracten");
      return res.text.includes(`/contracten/ambulant-jeugd/${kvk}`) ? res.text : undefined;
    });
    expect(lijst).toContain("Mijn contracten");
    const contract = await aanbieder.get(`/contracten/ambulant-jeugd/${kvk}`);
    expect(contract.status).toBe(200);
    expect(contract.text).toContain("Huidige termijn");
    expect(contract.text).toContain(naam);
    expect((await aanbieder.get(`/contracten/ambulant-jeugd/${uniqueKvk()}`)).status).toBe(404);
  });

  it("een aanbieder krijgt 403 op de pagina's van de inkoper en de beoordelaar", async () => {
    for (const path of ["/inkoper", "/beoordelaar", "/inkoper/procedures/nieuw", `/inkoper/procedures/${procedureId}`, "/besluiten"]) {
      const res = await aanbieder.get(path);
      expect([path, res.status]).toEqual([path, 403]);
      expect(res.text).toContain("Geen toegang");
    }
  });
  it("het BOSD ziet per soort wat wacht en het oudste; de lijst van alle besluiten filtert en pagineert per 20", async () => {
    const bosd = (await sessionFor(engine(), { gebruikersnaam: "w.bosd", naam: "Wendy Bosd", rol: "bosd" })).agent(web);
    const inkoperActor: Actor = { rol: "inkoper", id: "i.devries" };
    const ids: string[] = [];
    // 21 stopzettingen: more than a page.
    await Promise.all(
      Array.from({ length: 21 }, async (_, i) => {
        const id = uniqueId(`oh-stop-${i}`);
        expect(
          (
            await as(api, inkoperActor).post("/api/v1/procedures", {
              id,
              contractId: "ambulant-jeugd",
              titel: `Te stoppen ${id}`,
              publicatieAt: new Date(Date.now() - 1000).toISOString(),
              sluitingAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
              producten,
            })
          ).status,
        ).toBe(201);
        expect((await as(api, inkoperActor).post(`/api/v1/procedures/${id}/publicatie`)).status).toBe(201);
        const voorstel = await as(api, inkoperActor).post(`/api/v1/procedures/${id}/stopzetting`, { motivering: "De behoefte is vervallen na de herijking." });
        expect(voorstel.status).toBe(201);
        ids.push(String(voorstel.body.besluitId));
      }),
    );
    const dashboard = await until("alle stopzettingen in de lijst", async () => {
      const res = await bosd.get("/besluiten");
      return ids.every((id) => res.text.includes(`href="/besluiten/${id}"`)) ? res.text : undefined;
    });
    expect(dashboard).toContain("In één oogopslag");
    expect(dashboard).toContain("<caption class=\"utrecht-table__caption\">Wachtend per soort besluit</caption>");
    const perSoort = /<td class="utrecht-table__cell">Stopzetten procedure<\/td><td class="utrecht-table__cell">(\d+)<\/td>/.exec(dashboard);
    expect(Number(perSoort?.[1])).toBeGreaterThanOrEqual(21);
    expect(dashboard).toMatch(/wacht het oudste/);
    // What the role decided lately: a table, or (nothing decided here) a sentence.
    expect(dashboard).toMatch(/Door u besloten in de laatste 30 dagen|U heeft in de laatste 30 dagen geen besluit genomen\./);
    // The waiting ones link to the procedure's read-only page.
    expect(dashboard).toMatch(/href="\/procedures\/oh-stop-\d+-[^"]+">Te stoppen /);

    // All besluiten: past 20 the filter form and paging show, 20 rows a page, the filter kept in the links.
    const alleRijen = (text: string) => (/<caption[^>]*>Alle besluiten<\/caption>[\s\S]*?<\/table>/.exec(text)?.[0].match(/<tr class="utrecht-table__row"><td/g) ?? []).length;
    expect(dashboard).toMatch(/<form method="get" action="\/besluiten" class="inkoop-filter" aria-label="Besluiten filteren"/);
    expect(alleRijen(dashboard)).toBe(20);
    expect(dashboard).toMatch(/Pagina 1 van \d+ \(\d+ besluiten\)/);
    const open = await bosd.get("/besluiten?status=open&soort=stopzetten-procedure");
    expect(alleRijen(open.text)).toBe(20);
    expect(open.text).toContain('href="/besluiten?status=open&amp;soort=stopzetten-procedure&amp;pagina=2">Volgende pagina</a>');
    expect(open.text).toMatch(/<option value="open" selected>/);
    const tweedePagina = await bosd.get("/besluiten?status=open&soort=stopzetten-procedure&pagina=2");
    expect(tweedePagina.text).toMatch(/Pagina 2 van \d+/);
    expect(tweedePagina.text).toContain('href="/besluiten?status=open&amp;soort=stopzetten-procedure&amp;pagina=1">Vorige pagina</a>');
    expect(alleRijen(tweedePagina.text)).toBeGreaterThanOrEqual(1);
    // Filters that nothing meets say so in a sentence.
    const leeg = await bosd.get("/besluiten?jaar=1999");
    expect(leeg.text).toContain("Geen besluit voldoet aan dit filter.");
    // The programmadirecteur's list does not show the BOSD's besluiten.
    const pd = await directeur.get("/besluiten?soort=stopzetten-procedure");
    expect(pd.text).not.toContain(`href="/besluiten/${ids[0]!}"`);
  });
});
