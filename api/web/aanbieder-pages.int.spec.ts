import type { Express } from "express";
import request from "supertest";
import { createApp } from "../app";
import { findContract, findProduct, productWeergave, toelatingscriteria } from "../../domain/catalogue";
import { toAmsterdamDate } from "../../domain/calendar";
import type { Actor } from "../../domain/shared/actor";
import { as, sleepUntil, until } from "../../test/api-client";
import { completeInschrijving, offeredProducts } from "../../test/fixtures/inschrijving";
import { closeEngine, engine, uniqueId, uniqueKvk } from "../../test/harness/stack";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "../../activities/config";
import { sessionFor, webApp } from "../../test/web-session";
import { openInschrijvingen } from "../../test/fixtures/opening";

/**
 * The aanbieder's pages on the real engine, posted as a browser posts them: urlencoded forms with the
 * CSRF field, multipart forms with the `_csrf` field first (never a token in the URL), no role headers. The region's side is driven through the JSON API with role headers.
 */
jest.setTimeout(120_000);

type Session = Awaited<ReturnType<typeof sessionFor>>;

/** The flash cookie a redirect set (session.ts), as a browser would send it on the next request. */
const flashOf = (res: { headers: Record<string, unknown> }) => ([] as string[]).concat((res.headers["set-cookie"] as string[] | string | undefined) ?? []).filter((c) => c.startsWith("inkoop_melding=")).map((c) => c.split(";")[0]!);

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
const PDF = pdf("bewijs");
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(512, 0x90)]);

describe("De pagina's van de aanbieder", () => {
  let web: Express;
  let api: Express;
  const inkoper: Actor = { rol: "inkoper", id: "i.devries" };
  const beoordelaar: Actor = { rol: "beoordelaar", id: "b.bakker" };
  const directeur: Actor = { rol: "programmadirecteur", id: "p.directeur" };
  const mk = (id: string): Actor => ({ rol: "aanbieder", id, kvk: uniqueKvk() });
  const a = mk("alfa"), b = mk("beta"), onbekend = mk("onbekend");
  const sessions: Record<string, Session> = {};
  const procedureId = uniqueId("oh-web");
  const titel = "Open House Ambulant Jeugd (paginatest)";
  const producten = offeredProducts("ambulant-jeugd").slice(0, 2);
  const gekozen = producten[0]!;
  /** Step 2 of the form: what step 1's GET form sends back with both products ticked. */
  const stap2 = `/aanbieder/procedures/${procedureId}/inschrijving?${producten.map((p) => `producten=${encodeURIComponent(p)}`).join("&")}`;

  const get = (s: Session, path: string) => request(web).get(path).set("Cookie", s.cookie);
  /** Follows a redirect as a browser does: the session cookie plus the flash cookie the redirect set. */
  const follow = (s: Session, res: { headers: Record<string, unknown> }) => {
    expect(flashOf(res)).toHaveLength(1);
    return request(web).get(String(res.headers.location)).set("Cookie", [s.cookie, ...flashOf(res)].join("; "));
  };

  /** The multipart form on a page: its action URL and hidden idempotency key. */
  const formOn = (htmlText: string) => ({
    action: /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(htmlText)![1]!.replace(/&amp;/g, "&"),
    sleutel: /name="sleutel" value="([^"]*)"/.exec(htmlText)?.[1] ?? "",
  });

  const postMultipart = (s: Session, action: string, fields: [string, string][], files: [string, Buffer, string][] = []) => {
    let r = request(web).post(action).set("Cookie", s.cookie).field("_csrf", s.csrf);
    for (const [k, v] of fields) r = r.field(k, v);
    for (const [k, buf, naam] of files) r = r.attach(k, buf, naam);
    return r;
  };

  /** Every criterion answered "voldoet" for one chosen product, with a toelichting each. */
  const answers = (skip: string[] = []): [string, string][] => {
    const out: [string, string][] = [["producten", gekozen]];
    for (const c of toelatingscriteria) {
      const key = c.perProduct ? `${c.code}:${gekozen}` : c.code;
      if (!skip.includes(key)) out.push([`${key}.verklaring`, "voldoet"]);
      out.push([`${key}.toelichting`, `Toelichting bij ${key}.`]);
    }
    return out;
  };

  beforeAll(async () => {
    web = webApp(engine());
    api = createApp({ engine: engine(), roleHeaders: true });
    for (const x of [a, b]) expect((await as(api, x).post("/api/v1/aanbieders", { kvk: x.kvk, naam: `Zorg ${x.id} B.V.`, email: `${x.id}-${x.kvk}@aanbieder.example` })).status).toBe(201);
    for (const x of [a, b, onbekend]) sessions[x.id] = await sessionFor(engine(), { gebruikersnaam: `${x.id}@aanbieder.example`, naam: `Medewerker ${x.id}`, rol: "aanbieder", kvk: x.kvk! });
    const created = await as(api, inkoper).post("/api/v1/procedures", {
      id: procedureId,
      contractId: "ambulant-jeugd",
      titel,
      publicatieAt: new Date(Date.now() - 1000).toISOString(),
      sluitingAt: new Date(Date.now() + 3600_000).toISOString(),
      producten,
    });
    expect([created.status, created.body.detail]).toEqual([201, undefined]);
    expect((await as(api, inkoper).post(`/api/v1/procedures/${procedureId}/publicatie`)).status).toBe(201);
  });
  afterAll(closeEngine);

  it("toont een open procedure in de lijst, en stuurt wie niet is aangemeld naar het inloggen", async () => {
    const res = await get(sessions.alfa!, "/aanbieder");
    expect(res.status).toBe(200);
    expect(res.text).toContain(titel);
    expect(res.text).toContain("Open voor inschrijving");
    expect(res.text).toContain(`href="/aanbieder/procedures/${procedureId}/inschrijving"`);
    expect(res.text).toMatch(/<caption class="utrecht-table__caption">Procedures die openstaan voor inschrijving<\/caption>/);
    const anonymous = await request(web).get("/aanbieder");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/inloggen/);
  });

  it("toont geen melding uit het adres: bevestigingen komen van de server", async () => {
    const nep = "<script>alert(1)</script>Uw inschrijving is goedgekeurd";
    for (const path of ["/aanbieder", `/aanbieder/procedures/${procedureId}`, "/aanbieder/contracten"]) {
      const res = await get(sessions.alfa!, `${path}?melding=${encodeURIComponent(nep)}`);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.text).not.toContain("goedgekeurd");
      expect(res.text).not.toContain("utrecht-alert--ok");
    }
  });

  it("toont de procedure met contract, producten, sluiting en vragentermijn", async () => {
    const res = await get(sessions.alfa!, `/aanbieder/procedures/${procedureId}`);
    expect(res.status).toBe(200);
    const contract = findContract("ambulant-jeugd")!;
    expect(res.text).toContain(`${contract.naam} (inkoopplan ${contract.sectie})`);
    for (const id of producten) expect(res.text).toContain(`<td class="utrecht-table__cell">${findProduct(id)!.naam}</td>`);
    expect(res.text).toContain("Vragen stellen tot");
    expect(res.text).toContain("Inschrijving invullen");
    // The procedure at a glance, without how many others entered.
    expect(res.text).toContain("De procedure in één oogopslag");
    expect(res.text).toContain("Aan zet: aanbieders (inschrijven)");
    expect(res.text).not.toMatch(/inschrijving\(en\) ontvangen/);
  });

  it("stap 1 vraagt alleen de producten (een GET-formulier, zonder JavaScript); stap 2 vraagt TC02 en TC07 alleen voor de gekozen", async () => {
    const stap1 = await get(sessions.alfa!, `/aanbieder/procedures/${procedureId}/inschrijving`);
    expect(stap1.status).toBe(200);
    expect(stap1.text).toContain("Stap 1 van 2:");
    expect(stap1.text).toMatch(new RegExp(`<form method="get" action="/aanbieder/procedures/${procedureId}/inschrijving"`));
    expect(stap1.text).not.toContain("Verklaring TC01");
    const een = await get(sessions.alfa!, `/aanbieder/procedures/${procedureId}/inschrijving?producten=${encodeURIComponent(gekozen)}`);
    expect(een.text).toContain("Stap 2 van 2:");
    expect(een.text).toContain(`Verklaring TC07 voor ${productWeergave(findProduct(gekozen)!)}</legend>`);
    expect(een.text).not.toContain(`Verklaring TC07 voor ${productWeergave(findProduct(producten[1]!)!)}</legend>`);
    expect(een.text.length).toBeLessThan((await get(sessions.alfa!, stap2)).text.length);
    // A product the procedure does not offer is left out, not asked.
    expect((await get(sessions.alfa!, `/aanbieder/procedures/${procedureId}/inschrijving?producten=bestaat-niet`)).text).toContain("Stap 1 van 2:");
  });

  it("toont het inschrijvingsformulier met elk criterium, en een label bij elk veld", async () => {
    const res = await get(sessions.alfa!, stap2);
    expect(res.status).toBe(200);
    const { action, sleutel } = formOn(res.text);
    // The token travels in the form's first field, never in the address (history, logs, Referer).
    expect(action).toBe(`/aanbieder/procedures/${procedureId}/inschrijving`);
    expect(res.text).not.toMatch(/action="[^"]*_csrf/);
    expect(/<form method="post"[^>]*enctype="multipart\/form-data"[^>]*>\s*<input type="hidden" name="_csrf"/.test(res.text)).toBe(true);
    expect(sleutel.length).toBeGreaterThanOrEqual(16);
    for (const c of toelatingscriteria) {
      expect(res.text).toContain(`<h3 class="utrecht-heading-3" id="criterium-${c.code}">${c.code} `);
      const legends = c.perProduct ? producten.map((p) => `Verklaring ${c.code} voor ${findProduct(p)!.codeLabel ?? findProduct(p)!.code} ${findProduct(p)!.naam}</legend>`) : [`Verklaring ${c.code}</legend>`];
      for (const l of legends) expect(res.text).toContain(l);
    }
    expect(res.text).toContain("Vrijgesteld");
    // Every visible control has a label that points at it.
    const controls = [...res.text.matchAll(/<(input|textarea|select)\b[^>]*>/g)].map((m) => m[0]).filter((t) => !/type="hidden"/.test(t) && !/type="submit"/.test(t));
    expect(controls.length).toBeGreaterThan(40);
    for (const control of controls) {
      const id = /\bid="([^"]+)"/.exec(control)?.[1];
      expect([control, id !== undefined]).toEqual([control, true]);
      expect([id, res.text.includes(`for="${id}"`)]).toEqual([id, true]);
    }
  });

  it("meldt een ontbrekende verklaring bovenaan en bij het veld, en houdt de rest vast", async () => {
    const page = await get(sessions.alfa!, stap2);
    const { action, sleutel } = formOn(page.text);
    const res = await postMultipart(sessions.alfa!, action, [["sleutel", sleutel], ...answers(["TC03"])], [["TC06.bestand", PDF, "vog.pdf"]]);
    expect(res.status).toBe(400);
    expect(res.text).toContain("Er is 1 fout gevonden");
    expect(res.text).toContain('<a class="utrecht-link" href="#veld-TC03-verklaring">Kies bij TC03');
    expect(res.text).toMatch(/id="veld-TC03-verklaring-fout">Kies bij TC03/);
    expect(res.text).toContain('id="veld-TC03-verklaring"');
    expect(res.text).toContain(`name="producten" value="${gekozen}" checked`);
    expect(res.text).toContain('name="TC01.verklaring" value="voldoet" checked');
    expect(res.text).toContain(`name="TC02:${gekozen}.verklaring" value="voldoet" checked`);
    expect(res.text).toContain("Toelichting bij TC11.</textarea>");
    expect(res.text).toMatch(/Al geüpload: <strong>vog\.pdf<\/strong>/);
    expect(res.text).toMatch(/name="TC06\.upload" value="upl-[0-9a-f]{64}\./);
    expect(formOn(res.text).sleutel).toBe(sleutel);
  });

  it("weigert een hernoemd .exe-bestand en een bestand van 11 MB, met de reden bij het veld", async () => {
    const page = await get(sessions.alfa!, stap2);
    const { action, sleutel } = formOn(page.text);
    const groot = Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024, 0x20)]);
    const res = await postMultipart(sessions.alfa!, action, [["sleutel", sleutel], ...answers()], [
      ["TC01.bestand", EXE, "verklaring.pdf"],
      ["TC04.bestand", groot, "jaarrekeningen.pdf"],
      ["TC05.bestand", PDF, "lidmaatschap.pdf"],
    ]);
    expect(res.status).toBe(400);
    expect(res.text).toContain("Er zijn 2 fouten gevonden");
    expect(res.text).toMatch(/id="veld-TC01-bestand-fout">De inhoud van verklaring\.pdf is geen PDF/);
    expect(res.text).toMatch(/id="veld-TC04-bestand-fout">Het bestand jaarrekeningen\.pdf is te groot \(11,0 MB\); een bestand mag maximaal 10 MB zijn\./);
    expect(res.text).toMatch(/Al geüpload: <strong>lidmaatschap\.pdf<\/strong>/);
    expect(res.text).toContain("Toelichting bij TC04.</textarea>");
  });

  it("weigert een multipart-formulier zonder het CSRF-token van de sessie", async () => {
    const page = await get(sessions.alfa!, stap2);
    const { action, sleutel } = formOn(page.text);
    const fields: [string, string][] = [["sleutel", sleutel], ...answers()];
    // A file of its own, so the store shows whether any of it was kept.
    const uniek = pdf(`vervalst ${uniqueId("csrf")}`);
    const opgeslagen = () => existsSync(join(dataDir(), "uploads", createHash("sha256").update(uniek).digest("hex")));
    // No token field at all: refused, and the file is not stored.
    let zonder = request(web).post(action).set("Cookie", sessions.alfa!.cookie);
    for (const [k, v] of fields) zonder = zonder.field(k, v);
    const geweigerd = await zonder.attach("TC06.bestand", uniek, "vog.pdf");
    expect(geweigerd.status).toBe(403);
    expect(geweigerd.text).toContain("Formulier verlopen");
    expect(opgeslagen()).toBe(false);
    // A token in the URL counts for nothing.
    const inUrl = await request(web).post(`${action}?_csrf=${encodeURIComponent(sessions.alfa!.csrf)}`).set("Cookie", sessions.alfa!.cookie).field("sleutel", sleutel).attach("TC06.bestand", uniek, "vog.pdf");
    expect(inUrl.status).toBe(403);
    expect(opgeslagen()).toBe(false);
    // The right token only after the file: the file came first, so the form is refused before it is kept.
    const laat = await request(web).post(action).set("Cookie", sessions.alfa!.cookie).field("sleutel", sleutel).attach("TC06.bestand", uniek, "vog.pdf").field("_csrf", sessions.alfa!.csrf);
    expect(laat.status).toBe(403);
    expect(opgeslagen()).toBe(false);
    // Another session's token, and a wrong field: refused too.
    const vreemd = await request(web).post(action).set("Cookie", sessions.alfa!.cookie).field("_csrf", sessions.beta!.csrf).field("sleutel", sleutel).attach("TC06.bestand", uniek, "vog.pdf");
    expect(vreemd.status).toBe(403);
    expect(opgeslagen()).toBe(false);
    // With the token first the same file is taken (the form has other errors, the file is kept).
    const goed = await postMultipart(sessions.alfa!, action, [["sleutel", sleutel], ...answers(["TC03"])], [["TC06.bestand", uniek, "vog.pdf"]]);
    expect(goed.status).toBe(400);
    expect(goed.text).toMatch(/Al geüpload: <strong>vog\.pdf<\/strong>/);
    expect(opgeslagen()).toBe(true);
    // A multipart post to a route that does not read multipart needs the header: no empty-bodied action slips through.
    const elders = await request(web).post(`/aanbieder/procedures/${procedureId}/vragen`).set("Cookie", sessions.alfa!.cookie).field("vraag", "Geldt dit ook voor ons?");
    expect(elders.status).toBe(403);
    const veld = await request(web).post(action).set("Cookie", sessions.alfa!.cookie).field("_csrf", sessions.beta!.csrf).field("sleutel", sleutel);
    expect(veld.status).toBe(403);
    expect(veld.text).toContain("Formulier verlopen");
    const breed = await request(web).post(action).set("Cookie", sessions.alfa!.cookie).field("_csrf", "é".repeat(sessions.alfa!.csrf.length)).field("sleutel", sleutel);
    expect(breed.status).toBe(403);
  });

  it("geeft een weigering van de engine terug in het formulier, met alles vastgehouden en een nieuwe sleutel", async () => {
    const page = await get(sessions.onbekend!, stap2);
    const { action, sleutel } = formOn(page.text);
    const res = await postMultipart(sessions.onbekend!, action, [["sleutel", sleutel], ...answers()], [["TC08.bestand", PDF, "gva.pdf"]]);
    expect(res.status).toBe(400);
    expect(res.text).toContain("Er is 1 fout gevonden");
    expect(res.text).toMatch(/niet geregistreerd als aanbieder; registreer eerst/);
    expect(res.text).toContain('name="TC05.verklaring" value="voldoet" checked');
    expect(res.text).toMatch(/Al geüpload: <strong>gva\.pdf<\/strong>/);
    expect(formOn(res.text).sleutel).not.toBe(sleutel);
  });

  let uploadId = "";
  let bewijs = "";
  it("neemt een volledige inschrijving met een PDF aan en toont het ontvangstbewijs; een tweede klik geeft hetzelfde bewijs", async () => {
    const page = await get(sessions.alfa!, stap2);
    const { action, sleutel } = formOn(page.text);
    const fields: [string, string][] = [["sleutel", sleutel], ...answers()];
    const files: [string, Buffer, string][] = [["TC06.bestand", PDF, "vog-rechtspersoon.pdf"]];
    const first = await postMultipart(sessions.alfa!, action, fields, files);
    expect([first.status, first.text.match(/id="veld-[^"]+-fout">[^<]*/g)]).toEqual([303, null]);
    expect(first.headers.location).toBe(`/aanbieder/procedures/${procedureId}/inschrijving`);
    const receipt = await follow(sessions.alfa!, first);
    expect(receipt.status).toBe(200);
    expect(receipt.text).toContain("Uw inschrijving is ontvangen.");
    expect(receipt.text).toContain("utrecht-alert--ok");
    // Shown once: the page clears the flash, and a reload shows the receipt without the confirmation.
    expect(String(receipt.headers["set-cookie"] ?? "")).toMatch(/inkoop_melding=;/);
    const reload = await get(sessions.alfa!, first.headers.location!);
    expect(reload.text).not.toContain("Uw inschrijving is ontvangen.");
    expect(reload.text).toContain("U heeft al ingeschreven");
    expect(/<dt>Ontvangstbewijs<\/dt><dd>([^<]+)<\/dd>/.exec(reload.text)?.[1]).toBe(/<dt>Ontvangstbewijs<\/dt><dd>([^<]+)<\/dd>/.exec(receipt.text)?.[1]);
    expect(receipt.text).toContain('<h1 class="utrecht-heading-1">Ontvangstbewijs</h1>');
    expect(receipt.text).toContain(`<dt>Inschrijving</dt><dd>${procedureId}/${a.kvk}</dd>`);
    expect(receipt.text).toMatch(/<dt>Ontvangen op<\/dt><dd>\d{1,2} \w+ \d{4} om \d{2}:\d{2}:\d{2}<\/dd>/);
    const sha = /<code>([0-9a-f]{64})<\/code>/.exec(receipt.text)?.[1];
    expect(sha).toBeDefined();
    uploadId = /href="\/aanbieder\/uploads\/(upl-[0-9a-f]{64})\?procedure=/.exec(receipt.text)![1]!;
    bewijs = /<dt>Ontvangstbewijs<\/dt><dd>([^<]+)<\/dd>/.exec(receipt.text)![1]!;

    // A double click: the same form (same idempotency key) twice at once, and once more afterwards.
    const clicks = await Promise.all([postMultipart(sessions.alfa!, action, fields, files), postMultipart(sessions.alfa!, action, fields, files)]);
    const later = await postMultipart(sessions.alfa!, action, fields, files);
    for (const click of [...clicks, later]) {
      expect(click.status).toBe(303);
      const shown = await get(sessions.alfa!, click.headers.location!);
      expect(/<dt>Ontvangstbewijs<\/dt><dd>([^<]+)<\/dd>/.exec(shown.text)![1]).toBe(bewijs);
      expect(/<code>([0-9a-f]{64})<\/code>/.exec(shown.text)?.[1]).toBe(sha);
    }

    const inschrijving = await as(api, a).get(`/api/v1/procedures/${procedureId}/inschrijvingen/${a.kvk}`);
    expect(inschrijving.body.ontvangstbewijs.ontvangstbewijsId).toBe(bewijs);
    expect(inschrijving.body.inhoud.antwoorden.find((x: { criterium: string }) => x.criterium === "TC06").documentRef).toBe(uploadId);
    expect(inschrijving.body.inhoud.producten).toEqual([gekozen]);

    const list = await get(sessions.alfa!, "/aanbieder");
    expect(list.text).toMatch(/Ja, op /);
    expect(list.text).toContain("Ingediend (verzegeld tot de sluiting en de opening)");
    const again = await get(sessions.alfa!, stap2);
    expect(again.text).toContain("U heeft al ingeschreven");
  });

  it("toont geen bevestiging voor een zelfgemaakt adres met ?gesteld= of ?ontvangen=", async () => {
    const nep = [
      [`/aanbieder/procedures/${procedureId}?gesteld=99`, /Uw vraag \(nummer 99\)|is ontvangen\. Het antwoord verschijnt/],
      [`/aanbieder/procedures/${procedureId}/inschrijving?ontvangen=1`, /Uw inschrijving is ontvangen\./],
    ] as const;
    for (const [path, bevestiging] of nep) {
      const res = await get(sessions.alfa!, path);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.text).not.toMatch(bevestiging);
      expect(res.text).not.toContain("utrecht-alert--ok");
    }
    // The receipt itself comes from the engine and shows all the same.
    const receipt = await get(sessions.alfa!, `/aanbieder/procedures/${procedureId}/inschrijving?ontvangen=1`);
    expect(receipt.text).toContain(`<dt>Ontvangstbewijs</dt><dd>${bewijs}</dd>`);
    expect(receipt.text).toContain("U heeft al ingeschreven");
  });

  it("geeft een upload alleen aan de aanbieder wiens inschrijving ernaar verwijst", async () => {
    const mine = await get(sessions.alfa!, `/aanbieder/uploads/${uploadId}`).buffer(true);
    expect(mine.status).toBe(200);
    expect(mine.type).toBe("application/pdf");
    expect(Buffer.compare(mine.body as Buffer, PDF)).toBe(0);
    expect((await get(sessions.alfa!, `/aanbieder/uploads/${uploadId}?procedure=${procedureId}`)).status).toBe(200);
    for (const path of [`/aanbieder/uploads/${uploadId}`, `/aanbieder/uploads/${uploadId}?procedure=${procedureId}`]) {
      const other = await get(sessions.beta!, path);
      expect(other.status).toBe(404);
      expect(other.text).not.toContain("%PDF");
    }
    expect((await get(sessions.alfa!, "/aanbieder/uploads/upl-niet-bestaand")).status).toBe(404);
  });

  it("een upload hoort bij wie hem uploadde: een ander kan hem niet via de hash opeisen of downloaden", async () => {
    const p3 = uniqueId("oh-web-upl");
    const created = await as(api, inkoper).post("/api/v1/procedures", {
      id: p3,
      contractId: "ambulant-jeugd",
      titel: "Open House voor eigen uploads (paginatest)",
      publicatieAt: new Date(Date.now() - 1000).toISOString(),
      sluitingAt: new Date(Date.now() + 3600_000).toISOString(),
      producten: [gekozen],
    });
    expect([created.status, created.body.detail]).toEqual([201, undefined]);
    expect((await as(api, inkoper).post(`/api/v1/procedures/${p3}/publicatie`)).status).toBe(201);

    /** Uploads a file on the form (refused for a missing verklaring, so only the file is kept) and returns its id. */
    const upload = async (s: Session, bytes: Buffer) => {
      const page = await get(s, `/aanbieder/procedures/${p3}/inschrijving?producten=${encodeURIComponent(gekozen)}`);
      const { action, sleutel } = formOn(page.text);
      const res = await postMultipart(s, action, [["sleutel", sleutel], ...answers(["TC03"])], [["TC06.bestand", bytes, "vog.pdf"]]);
      expect(res.status).toBe(400);
      return /name="TC06\.upload" value="(upl-[0-9a-f]{64})\./.exec(res.text)![1]!;
    };
    const bytes = pdf(`vog van ${b.kvk}`);
    const vanBeta = await upload(sessions.beta!, bytes);
    const met = (ref: string) => {
      const input = completeInschrijving([gekozen]);
      const i = input.antwoorden.findIndex((x) => x.criterium === "TC06");
      input.antwoorden[i] = { ...input.antwoorden[i]!, documentRef: ref };
      return { input, veld: `antwoorden.${i}.documentRef` };
    };

    // Alfa claims Beta's file by its hash: refused before the engine, so no inschrijving exists.
    for (const ref of [vanBeta, "upl-niet-bestaand"]) {
      const { input, veld } = met(ref);
      const claimed = await as(api, a).post(`/api/v1/procedures/${p3}/inschrijvingen`, input);
      expect([claimed.status, claimed.body.veld, claimed.body.detail]).toEqual([400, veld, `${veld}: Dit bestand is niet door u geüpload.`]);
    }
    expect((await as(api, a).get(`/api/v1/procedures/${p3}/inschrijvingen/${a.kvk}`)).status).toBe(404);
    // Downloading it is "not found" (the route's convention: nobody learns whether the file exists).
    for (const path of [`/aanbieder/uploads/${vanBeta}`, `/aanbieder/uploads/${vanBeta}?procedure=${p3}`]) {
      const other = await get(sessions.alfa!, path);
      expect(other.status).toBe(404);
      expect(other.text).not.toContain("%PDF");
    }

    // Beta uses and downloads its own file.
    expect((await as(api, b).post(`/api/v1/procedures/${p3}/inschrijvingen`, met(vanBeta).input)).status).toBe(201);
    const eigen = await get(sessions.beta!, `/aanbieder/uploads/${vanBeta}?procedure=${p3}`).buffer(true);
    expect([eigen.status, Buffer.compare(eigen.body as Buffer, bytes)]).toEqual([200, 0]);

    // The same bytes uploaded by Alfa too: then they are Alfa's as well.
    expect(await upload(sessions.alfa!, bytes)).toBe(vanBeta);
    const ingediend = await as(api, a).post(`/api/v1/procedures/${p3}/inschrijvingen`, met(vanBeta).input);
    expect([ingediend.status, ingediend.body.detail]).toEqual([201, undefined]);
    expect((await get(sessions.alfa!, `/aanbieder/uploads/${vanBeta}?procedure=${p3}`)).status).toBe(200);
    // Alfa's earlier upload, uploaded and referred to by Alfa only, is still Alfa's alone.
    expect((await get(sessions.alfa!, `/aanbieder/uploads/${uploadId}`)).status).toBe(200);
    expect((await get(sessions.beta!, `/aanbieder/uploads/${uploadId}`)).status).toBe(404);
  });

  it("stelt een vraag; na de nota van inlichtingen ziet iedereen vraag, antwoord en PDF, zonder vraagsteller", async () => {
    const res = await sessions.beta!.agent(web).form(`/aanbieder/procedures/${procedureId}/vragen`, { vraag: "Telt ervaring buiten de regio mee voor TC02?" });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/aanbieder/procedures/${procedureId}#vragen`);
    const detail = await follow(sessions.beta!, res);
    expect(detail.text).toMatch(/Uw vraag \(nummer \d+\) is ontvangen/);
    // Without the flash (a reload) the page shows no confirmation.
    expect((await get(sessions.beta!, res.headers.location!)).text).not.toMatch(/Uw vraag \(nummer \d+\) is ontvangen/);
    expect(detail.text).toContain("Telt ervaring buiten de regio mee voor TC02?");
    expect((await get(sessions.alfa!, `/aanbieder/procedures/${procedureId}`)).text).not.toContain("Telt ervaring buiten de regio mee");
    const teKort = await sessions.beta!.agent(web).form(`/aanbieder/procedures/${procedureId}/vragen`, { vraag: "Kort?" });
    expect(teKort.status).toBe(400);
    expect(teKort.text).toContain('href="#veld-vraag">Stel uw vraag in minstens 10 tekens');
    expect(teKort.text).toContain("Kort?</textarea>");

    // Answered and published: every aanbieder sees question, answer and the PDF, without the asker.
    const nr = Number(/Uw vraag \(nummer (\d+)\)/.exec(detail.text)![1]);
    expect((await as(api, inkoper).post(`/api/v1/procedures/${procedureId}/vragen/${nr}/antwoord`, { antwoord: "Ja, elke opdrachtgevende gemeente of regio telt mee." })).status).toBe(201);
    expect((await as(api, inkoper).post(`/api/v1/procedures/${procedureId}/nota-van-inlichtingen`)).status).toBe(201);
    const nota = await get(sessions.alfa!, `/aanbieder/procedures/${procedureId}`);
    expect(nota.text).toContain(`Vraag ${nr} (nota 1)`);
    expect(nota.text).toContain("Telt ervaring buiten de regio mee voor TC02?");
    expect(nota.text).toContain("Ja, elke opdrachtgevende gemeente of regio telt mee.");
    expect(nota.text).not.toContain("Zorg beta");
    const notaPdf = /href="(\/api\/v1\/procedures\/[^"]+\/documenten\/doc-[0-9a-f]{64})">nota-van-inlichtingen-1-/.exec(nota.text)![1]!;
    const download = await get(sessions.alfa!, notaPdf).buffer(true);
    expect([download.status, download.type]).toEqual([200, "application/pdf"]);
  });

  it("herstel, hoor en wederhoor met uploads, en alleen de eigen besluiten", async () => {
    const p2 = uniqueId("oh-web-b");
    const sluiting = new Date(Date.now() + 6_000);
    expect(
      (
        await as(api, inkoper).post("/api/v1/procedures", {
          id: p2,
          contractId: "ambulant-jeugd",
          titel: "Open House voor besluiten (paginatest)",
          publicatieAt: new Date(Date.now() - 1000).toISOString(),
          sluitingAt: sluiting.toISOString(),
          producten: [gekozen],
          instellingen: { contractIngangsdatum: toAmsterdamDate(new Date()) },
        })
      ).status,
    ).toBe(201);
    expect((await as(api, inkoper).post(`/api/v1/procedures/${p2}/publicatie`)).status).toBe(201);
    expect((await as(api, a).post(`/api/v1/procedures/${p2}/inschrijvingen`, completeInschrijving([gekozen]))).status).toBe(201);
    const onvolledig = completeInschrijving([gekozen]);
    onvolledig.antwoorden = onvolledig.antwoorden.map((x) => (x.criterium === "TC04" ? { criterium: "TC04", verklaring: "voldoet" } : x));
    expect((await as(api, b).post(`/api/v1/procedures/${p2}/inschrijvingen`, onvolledig)).status).toBe(201);
    await sleepUntil(sluiting);
    await openInschrijvingen(api, p2);
    const statusOf = async (x: Actor) => (await as(api, inkoper).get(`/api/v1/procedures/${p2}/inschrijvingen/${x.kvk}`)).body;
    await until("volledigheidstoets", async () => ((await statusOf(b)).status === "volledigheidstoets" ? true : undefined));

    // herstel
    const herstelEinde = new Date(Date.now() + 4_000);
    expect((await as(api, inkoper).post(`/api/v1/procedures/${p2}/inschrijvingen/${b.kvk}/herstelverzoek`, { ontbrekend: ["TC04"], termijnEinde: herstelEinde.toISOString() })).status).toBe(201);
    // The start page puts what asks something of the aanbieder first, with its term.
    const start = await get(sessions.beta!, "/aanbieder");
    expect(start.text).toContain("Vraagt uw aandacht");
    expect(start.text).toContain(`href="/aanbieder/procedures/${p2}/herstel"`);
    const herstel = await get(sessions.beta!, `/aanbieder/procedures/${p2}/herstel`);
    expect(herstel.status).toBe(200);
    expect(herstel.text).toContain("TC04 Financieel gezond");
    const geleverd = await postMultipart(sessions.beta!, formOn(herstel.text).action, [["TC04.toelichting", "De jaarrekeningen 2023-2025."]], [["TC04.bestand", pdf(`jaarrekeningen van ${b.kvk}`), "jaarrekeningen.pdf"]]);
    expect([geleverd.status, geleverd.text.match(/id="veld-[^"]+-fout">[^<]*/g)]).toEqual([303, null]);
    expect(geleverd.headers.location).toBe(`/aanbieder/procedures/${p2}/herstel`);
    expect((await follow(sessions.beta!, geleverd)).text).toContain("Uw stukken zijn ontvangen");
    for (const path of [geleverd.headers.location!, `/aanbieder/procedures/${p2}/herstel?ontvangen=1`]) expect([path, (await get(sessions.beta!, path)).text]).toEqual([path, expect.not.stringContaining("Uw stukken zijn ontvangen")]);
    const herstelUpload = (await statusOf(b)).herstel.aanvullingen[0].documentRef as string;
    expect(herstelUpload).toMatch(/^upl-/);
    expect((await get(sessions.beta!, `/aanbieder/uploads/${herstelUpload}?procedure=${p2}`)).status).toBe(200);
    // Content-addressed: another aanbieder is refused unless it holds the very same bytes itself.
    expect((await get(sessions.alfa!, `/aanbieder/uploads/${herstelUpload}`)).status).toBe(404);
    // Alfa's upload, sent by Beta as its own herstel: refused, naming the field.
    const geclaimd = await as(api, b).post(`/api/v1/procedures/${p2}/inschrijvingen/${b.kvk}/herstel`, { aanvullingen: [{ item: "TC04", documentRef: uploadId }] });
    expect([geclaimd.status, geclaimd.body.veld, geclaimd.body.detail]).toEqual([400, "aanvullingen.0.documentRef", "aanvullingen.0.documentRef: Dit bestand is niet door u geüpload."]);

    // beoordeling: Alfa voldoet, Beta niet op TC05
    const items = toelatingscriteria.flatMap((c) => (c.perProduct ? [`${c.code}:${gekozen}`] : [c.code]));
    const judge = async (x: Actor, fails: Record<string, string> = {}) => {
      for (const item of items) {
        const res = await as(api, beoordelaar).post(`/api/v1/procedures/${p2}/inschrijvingen/${x.kvk}/beoordelingen`, {
          item,
          oordeel: fails[item] ? "voldoet-niet" : "voldoet",
          motivering: fails[item] ?? `Aangetoond voor ${item}.`,
        });
        expect([item, res.status, res.body.detail]).toEqual([item, 201, undefined]);
      }
    };
    await until("beoordeling Alfa", async () => ((await statusOf(a)).status === "beoordeling" ? true : undefined));
    await judge(a);
    await sleepUntil(herstelEinde);
    await until("beoordeling Beta", async () => ((await statusOf(b)).status === "beoordeling" ? true : undefined));
    await judge(b, { TC05: "Geen bewijs van lidmaatschap van een beroepsvereniging." });

    // hoor en wederhoor
    const hoorEinde = new Date(Date.now() + 5_000);
    expect((await as(api, beoordelaar).post(`/api/v1/procedures/${p2}/inschrijvingen/${b.kvk}/hoor-en-wederhoor`, { termijnEinde: hoorEinde.toISOString() })).status).toBe(201);
    const hoor = await get(sessions.beta!, `/aanbieder/procedures/${p2}/hoor-en-wederhoor`);
    expect(hoor.status).toBe(200);
    expect(hoor.text).toContain("TC05 Lid van een branche- of beroepsvereniging");
    expect(hoor.text).toContain("Geen bewijs van lidmaatschap van een beroepsvereniging.");
    expect(hoor.text).toMatch(/hoorbrief-[^"<]*\.pdf/);
    expect((await get(sessions.alfa!, `/aanbieder/procedures/${p2}/hoor-en-wederhoor`)).status).toBe(409);
    const vreemd = await as(api, b).post(`/api/v1/procedures/${p2}/inschrijvingen/${b.kvk}/hoor-en-wederhoor/reactie`, { toelichting: "Zie het bijgevoegde bewijs.", documenten: [herstelUpload, uploadId] });
    expect([vreemd.status, vreemd.body.veld, vreemd.body.detail]).toEqual([400, "documenten.1", "documenten.1: Dit bestand is niet door u geüpload."]);
    const reactie = await postMultipart(sessions.beta!, formOn(hoor.text).action, [["toelichting", "Wij zijn sinds 1 maart lid van Jeugdzorg Nederland."]], [["documenten", pdf(`lidmaatschap van ${b.kvk}`), "lidmaatschap.pdf"]]);
    expect([reactie.status, reactie.text.match(/id="veld-[^"]+-fout">[^<]*/g)]).toEqual([303, null]);
    expect(reactie.headers.location).toBe(`/aanbieder/procedures/${p2}/hoor-en-wederhoor`);
    const ontvangen = await follow(sessions.beta!, reactie);
    expect(ontvangen.text).toContain("Uw reactie is ontvangen op");
    for (const path of [reactie.headers.location!, `/aanbieder/procedures/${p2}/hoor-en-wederhoor?ontvangen=1`]) expect([path, (await get(sessions.beta!, path)).text]).toEqual([path, expect.not.stringContaining("Uw reactie is ontvangen")]);
    expect(ontvangen.text).toContain("Wij zijn sinds 1 maart lid van Jeugdzorg Nederland. (1 document(en))");
    await sleepUntil(hoorEinde);
    await until("herbeoordeling", async () => ((await statusOf(b)).status === "herbeoordeling" ? true : undefined));
    const laat = await get(sessions.beta!, `/aanbieder/procedures/${p2}/hoor-en-wederhoor`);
    expect(laat.status).toBe(409);
    expect(laat.text).toMatch(/De termijn voor uw reactie op hoor en wederhoor is verstreken op .*U kunt niet meer reageren/);
    expect((await as(api, beoordelaar).post(`/api/v1/procedures/${p2}/inschrijvingen/${b.kvk}/beoordelingen`, { item: "TC05", oordeel: "voldoet", motivering: "Lidmaatschap aangetoond." })).status).toBe(201);

    // gunning and besluiten
    await until("uitkomsten", async () => ((await as(api, inkoper).get(`/api/v1/procedures/${p2}`)).body.rondes[0].aantalBeoordeeld === 2 ? true : undefined));
    const voorstel = await as(api, inkoper).post(`/api/v1/procedures/${p2}/gunningsvoorstel`, { toelichting: "Beoordeling afgerond conform 4.4.1." });
    expect(voorstel.status).toBe(201);
    expect((await as(api, directeur).post(`/api/v1/besluiten/${voorstel.body.besluitId}/beslissing`, { akkoord: true, motivering: "Akkoord." })).status).toBe(201);
    const eigen = `${voorstel.body.besluitId}-${a.kvk}`;
    const ander = `${voorstel.body.besluitId}-${b.kvk}`;
    const page = await until("besluit van Alfa op de pagina", async () => {
      const res = await get(sessions.alfa!, "/aanbieder/besluiten");
      return res.text.includes(eigen) && /\/documenten\/doc-[0-9a-f]{64}/.test(res.text) ? res : undefined;
    });
    expect(page.text).toContain("Toelatingsbesluit");
    expect(page.text).not.toContain(ander);
    const pdfPath = /href="(\/api\/v1\/besluiten\/[^"]+\/documenten\/doc-[0-9a-f]{64})"/.exec(page.text)![1]!;
    const download = await get(sessions.alfa!, pdfPath).buffer(true);
    expect([download.status, download.type]).toEqual([200, "application/pdf"]);
    expect((await get(sessions.beta!, pdfPath)).status).toBe(403);
    const beta = await until("besluit van Beta", async () => {
      const res = await get(sessions.beta!, "/aanbieder/besluiten");
      return res.text.includes(ander) ? res : undefined;
    });
    expect(beta.text).not.toContain(eigen);
  });
});
