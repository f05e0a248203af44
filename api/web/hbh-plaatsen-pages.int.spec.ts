import type { Express } from "express";
import request from "supertest";
import { createApp } from "../app";
import { productsOfContract, toelatingscriteria } from "../../domain/catalogue";
import { toAmsterdamDate } from "../../domain/calendar";
import type { Actor } from "../../domain/shared/actor";
import { as, sleepUntil, until } from "../../test/api-client";
import { openInschrijvingen } from "../../test/fixtures/opening";
import { closeEngine, engine, uniqueId, uniqueKvk } from "../../test/harness/stack";
import { sessionFor, webApp } from "../../test/web-session";
import { toDatetimeLocal } from "./regio/common";

/**
 * Hulp bij huishouden per plaats on the pages (inkoopplan 6.10.1): the aanbieder's form has per product checkboxes
 * for the plaatsen and works without JavaScript; the inkoper's procedure page shows the dekking per plaats with the
 * plaatsen without cover, and its heropening form has plaats checkboxes.
 */
jest.setTimeout(120_000);
afterAll(closeEngine);

const PDF = Buffer.from("%PDF-1.7\n% bewijs\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const flashOf = (res: { headers: Record<string, unknown> }) => ([] as string[]).concat((res.headers["set-cookie"] as string[] | string | undefined) ?? []).filter((c) => c.startsWith("inkoop_melding=")).map((c) => c.split(";")[0]!);

describe("Hulp bij huishouden per plaats op de pagina's", () => {
  let web: Express;
  let api: Express;
  const inkoperActor: Actor = { rol: "inkoper", id: "i.devries" };
  const beoordelaar: Actor = { rol: "beoordelaar", id: "b.bakker" };
  const directeur: Actor = { rol: "programmadirecteur", id: "p.directeur" };
  const kvk = uniqueKvk();
  const aanbiederActor: Actor = { rol: "aanbieder", id: `hbh-${kvk}`, kvk };
  const id = uniqueId("oh-hbh-web");
  const product = productsOfContract("hulp-bij-huishouden")[0]!.id;
  const plaatsenVeld = `plaatsen.${product}`;
  let sluiting: Date;
  let aanbieder: Awaited<ReturnType<typeof sessionFor>>;
  let inkoper: ReturnType<Awaited<ReturnType<typeof sessionFor>>["agent"]>;
  const formPath = `/aanbieder/procedures/${id}/inschrijving`;

  /** The form as a browser posts it: multipart, CSRF first; a checkbox group repeats its name. */
  const post = (fields: [string, string][], metBewijs = false) => {
    let r = request(web).post(formPath).set("Cookie", aanbieder.cookie).field("_csrf", aanbieder.csrf);
    for (const [k, v] of fields) r = r.field(k, v);
    // With evidence for every criterion the beoordeling starts without a request for herstel.
    if (metBewijs) for (const c of toelatingscriteria) r = r.attach(`${c.perProduct ? `${c.code}:${product}` : c.code}.bestand`, PDF, `${c.code}.pdf`);
    return r;
  };
  const answers = (sleutel: string): [string, string][] => [
    ["sleutel", sleutel],
    ["producten", product],
    ...toelatingscriteria.map((c): [string, string] => [`${c.perProduct ? `${c.code}:${product}` : c.code}.verklaring`, "voldoet"]),
  ];
  const sleutelOf = (text: string) => /name="sleutel" value="([^"]*)"/.exec(text)?.[1] ?? "";

  beforeAll(async () => {
    web = webApp(engine());
    api = createApp({ engine: engine(), roleHeaders: true });
    expect((await as(api, aanbiederActor).post("/api/v1/aanbieders", { kvk, naam: `Huishoudhulp ${kvk} B.V.`, email: `hbh-${kvk}@aanbieder.example` })).status).toBe(201);
    aanbieder = await sessionFor(engine(), { gebruikersnaam: `hbh-${kvk}`, naam: "Hanna Hulp", rol: "aanbieder", kvk });
    inkoper = (await sessionFor(engine(), { gebruikersnaam: "i.devries", naam: "Ingrid de Vries", rol: "inkoper" })).agent(web);
    sluiting = new Date(Date.now() + 8_000);
    const created = await as(api, inkoperActor).post("/api/v1/procedures", {
      id,
      contractId: "hulp-bij-huishouden",
      titel: "Open House Hulp bij huishouden (paginatest)",
      publicatieAt: new Date(Date.now() - 1000).toISOString(),
      sluitingAt: sluiting.toISOString(),
      instellingen: { contractIngangsdatum: toAmsterdamDate(new Date()) },
    });
    expect([created.status, created.body.detail]).toEqual([201, undefined]);
    expect((await as(api, inkoperActor).post(`/api/v1/procedures/${id}/publicatie`)).status).toBe(201);
  });

  it("het formulier van de aanbieder heeft per product de plaatsen als vinkjes; zonder plaats een foutmelding bij het veld", async () => {
    // Step 2 of the form, as step 1 sends it back with the product chosen.
    const form = await request(web).get(`${formPath}?producten=${encodeURIComponent(product)}`).set("Cookie", aanbieder.cookie);
    expect(form.status).toBe(200);
    expect(form.text).toContain("<h2 class=\"utrecht-heading-2\">Plaatsen</h2>");
    expect(form.text).toContain("Plaatsen voor 01A04 Hulp bij huishouden");
    for (const plaats of ["Bodegraven-Reeuwijk", "Gouda", "Krimpenerwaard", "Waddinxveen", "Zuidplas"])
      expect(form.text).toMatch(new RegExp(`type="checkbox" id="veld-plaatsen-hulp-bij-huishouden-01A04-\\d" name="${plaatsenVeld}" value="${plaats}"`));

    const zonder = await post(answers(sleutelOf(form.text)));
    expect(zonder.status).toBe(400);
    expect(zonder.text).toContain("Kies minstens één plaats waar u");
    expect(zonder.text).toContain(`href="#veld-plaatsen-hulp-bij-huishouden-01A04"`);

    const met = await post([...answers(sleutelOf(zonder.text)), [plaatsenVeld, "Gouda"], [plaatsenVeld, "Waddinxveen"]], true);
    expect([met.status, met.headers.location]).toEqual([303, formPath]);
    const ontvangst = await request(web).get(formPath).set("Cookie", [aanbieder.cookie, ...flashOf(met)].join("; "));
    expect(ontvangst.text).toContain("Plaatsen: Hulp bij huishouden: Gouda, Waddinxveen.");
  });

  it("de inkoper ziet de dekking per plaats, met de plaatsen zonder dekking, en kan heropenen voor Zuidplas", async () => {
    await sleepUntil(sluiting);
    await openInschrijvingen(api, id);
    await until("beoordeling open", async () => ((await as(api, beoordelaar).get(`/api/v1/procedures/${id}/inschrijvingen/${kvk}`)).body.status === "beoordeling" ? true : undefined));
    for (const c of toelatingscriteria) {
      const item = c.perProduct ? `${c.code}:${product}` : c.code;
      const res = await as(api, beoordelaar).post(`/api/v1/procedures/${id}/inschrijvingen/${kvk}/beoordelingen`, { item, oordeel: "voldoet", motivering: `Aangetoond voor ${item}.` });
      expect([res.status, res.body.detail]).toEqual([201, undefined]);
    }
    await until("uitkomst", async () => ((await as(api, inkoperActor).get(`/api/v1/procedures/${id}`)).body.rondes[0].aantalBeoordeeld === 1 ? true : undefined));
    const voorstel = await as(api, inkoperActor).post(`/api/v1/procedures/${id}/gunningsvoorstel`, { toelichting: "Beoordeling afgerond." });
    expect((await as(api, directeur).post(`/api/v1/besluiten/${voorstel.body.besluitId}/beslissing`, { akkoord: true })).status).toBe(201);
    await until("gegund", async () => ((await as(api, inkoperActor).get(`/api/v1/procedures/${id}`)).body.status === "gegund" ? true : undefined));

    // The inschrijving and the contract name the plaatsen per product.
    expect((await inkoper.get(`/inkoper/procedures/${id}/inschrijvingen/${kvk}`)).text).toContain("01A04 Hulp bij huishouden (in Gouda, Waddinxveen)");
    const contractPage = await until("contractpagina", async () => {
      const res = await inkoper.get(`/contracten/hulp-bij-huishouden/${kvk}`);
      return res.status === 200 ? res.text : undefined;
    });
    expect(contractPage).toContain("01A04 Hulp bij huishouden (in Gouda, Waddinxveen)");

    const page = await inkoper.get(`/inkoper/procedures/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<h2 class="utrecht-heading-2" id="dekking">Dekking per plaats</h2>`);
    expect(page.text).toContain("Dekking per plaats: toegelaten aanbieders per product");
    expect(page.text).toContain(`Huishoudhulp ${kvk} B.V.`);
    expect(page.text.match(/<strong class="inkoop-geen-dekking">0: geen dekking<\/strong>/g)).toHaveLength(3);
    expect(page.text).toContain("Geen dekking: 01A04 Hulp bij huishouden in Bodegraven-Reeuwijk, Krimpenerwaard, Zuidplas.");
    expect(page.text).toContain(`name="heropening-plaatsen" value="Zuidplas"`);

    const velden = (plaatsen: string[]) => ({
      "heropening-reden": "capaciteitstekort",
      "heropening-producten": [product],
      ...(plaatsen.length > 0 ? { "heropening-plaatsen": plaatsen } : {}),
      "heropening-motivering": "In Zuidplas is geen aanbieder toegelaten: het zorglandschap is daar niet dekkend.",
      "heropening-publicatie": toDatetimeLocal(new Date().toISOString()),
      "heropening-sluiting": toDatetimeLocal(new Date(Date.now() + 86_400_000).toISOString()),
    });
    const zonderPlaats = await inkoper.form(`/inkoper/procedures/${id}/heropening`, velden([]));
    expect(zonderPlaats.status).toBe(400);
    expect(zonderPlaats.text).toContain(`href="#veld-heropening-plaatsen"`);
    expect(zonderPlaats.text).toContain("Noem de plaats(en) waar het capaciteitstekort is");
    const ok = await inkoper.form(`/inkoper/procedures/${id}/heropening`, velden(["Zuidplas"]));
    expect([ok.status, ok.headers.location]).toEqual([303, `/inkoper/procedures/${id}`]);
    const lopend = (await as(api, inkoperActor).get(`/api/v1/procedures/${id}`)).body.lopendBesluit;
    expect(lopend).toMatchObject({ soort: "heropening", reden: "capaciteitstekort", plaatsen: ["Zuidplas"] });
  });
});
