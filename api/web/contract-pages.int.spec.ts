import { contractenViaGunning } from "../../test/fixtures/contract";
import type { Express } from "express";
import { addDays, addMonths, addYears, formatDateNl, toAmsterdamDate, toAmsterdamTime } from "../../domain/calendar";
import type { Actor } from "../../domain/shared/actor";
import { createApp } from "../app";
import { as, until } from "../../test/api-client";
import { offeredProducts } from "../../test/fixtures/inschrijving";
import { closeEngine, engine, uniqueId, uniqueKvk } from "../../test/harness/stack";
import { sessionFor, webApp } from "../../test/web-session";
import type { WebUser } from "./layout";

/**
 * The contract pages on the real engine: the inkoper's contract page with its terms, audit trail and
 * proposal form; the verlengingsrondes (open a round, propose a refusal, start the hearing); the
 * aanbieder's contracts, the reply to the hearing, and notice through the form. The contract starts 23
 * months ago, so its first term (2 years) ends within the lead time of the round.
 */
jest.setTimeout(120_000);

type Agent = Awaited<ReturnType<typeof sessionFor>>["agent"] extends (app: Express) => infer A ? A : never;

const CONTRACT = "dagbesteding-logeren-wmo";
const locationOf = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? "");
/** The flash cookie a redirect set (session.ts), as a browser would send it on the next request. */
const flashOf = (res: { headers: Record<string, unknown> }) => ([] as string[]).concat((res.headers["set-cookie"] as string[] | string | undefined) ?? []).filter((c) => c.startsWith("inkoop_melding=")).map((c) => c.split(";")[0]!);
/** Follows a redirect as a browser does: the session cookie plus the flash cookie the redirect set. */
const follow = (who: Agent, res: { headers: Record<string, unknown> }) => who.get(locationOf(res)).set("Cookie", [who.cookie, ...flashOf(res)].join("; "));
const local = (d: Date) => `${toAmsterdamDate(d)}T${toAmsterdamTime(d)}`;

describe("Pagina's voor contracten en verlenging (echte engine)", () => {
  let api: Express;
  let web: Express;
  let inkoper: Agent, aanbiederA: Agent, aanbiederB: Agent, zonderContract: Agent;
  const inkoperActor: Actor = { rol: "inkoper", id: "i.contract" };
  const directeur: Actor = { rol: "programmadirecteur", id: "p.directeur" };
  const beoordelaar: Actor = { rol: "beoordelaar", id: "b.contract" };
  const a: Actor = { rol: "aanbieder", id: "a", kvk: uniqueKvk() };
  const b: Actor = { rol: "aanbieder", id: "b", kvk: uniqueKvk() };
  const kvkC = uniqueKvk();
  const procedureId = uniqueId("oh-contractpagina");
  const product = offeredProducts(CONTRACT)[0]!;
  const ingangsdatum = addMonths(toAmsterdamDate(new Date()), -23);
  const beheer = (x: Actor) => `/inkoper/contracten/${CONTRACT}/${x.kvk}`;
  let termijnEinde: string;

  beforeAll(async () => {
    api = createApp({ engine: engine(), roleHeaders: true });
    web = webApp(engine());
    const login = async (user: WebUser) => (await sessionFor(engine(), user)).agent(web);
    inkoper = await login({ gebruikersnaam: "i.contract", naam: "Ilse Contract", rol: "inkoper" });
    aanbiederA = await login({ gebruikersnaam: "a", naam: "Anna A", rol: "aanbieder", kvk: a.kvk! });
    aanbiederB = await login({ gebruikersnaam: "b", naam: "Bert B", rol: "aanbieder", kvk: b.kvk! });
    zonderContract = await login({ gebruikersnaam: "c", naam: "Cor C", rol: "aanbieder", kvk: kvkC });

    const contracten = await contractenViaGunning(api, {
      procedureId,
      contractId: CONTRACT,
      titel: "Open House Dagbesteding en logeren (contractpagina's)",
      product,
      aanbieders: [a, b].map((x) => ({ actor: x, naam: `Logeerhuis ${x.id.toUpperCase()}`, email: `contractpagina-${x.kvk}@aanbieder.example` })),
      ingangsdatum,
      inkoper: inkoperActor,
      beoordelaar,
      directeur,
    });
    const contract = contracten[a.kvk!]!;
    termijnEinde = contract.huidigeTermijn.eind;
  });
  afterAll(closeEngine);

  it("toont de inkoper het contract met termijnen en logboek, en een voorstel met te korte motivering houdt de tekst vast", async () => {
    const page = await inkoper.get(beheer(a));
    expect(page.status).toBe(200);
    expect(page.text).toContain("Termijnen van het contract");
    expect(page.text).toContain("Huidige termijn");
    expect(page.text).toContain("Logboek van het contract");
    expect(page.text).toContain("Contract gestart");
    expect(page.text).toContain("Besluit voorstellen");
    expect((await aanbiederA.get(beheer(a))).status).toBe(403);

    const kort = await inkoper.form(`${beheer(a)}/voorstel`, { soort: "clientenstop", motivering: "Te kort" });
    expect(kort.status).toBe(400);
    expect(kort.text).toMatch(/minstens 20 tekens/);
    expect(kort.text).toMatch(/<textarea[^>]*name="motivering"[^>]*aria-invalid="true"[^>]*>Te kort<\/textarea>/);

    const goed = await inkoper.form(`${beheer(a)}/voorstel`, { soort: "clientenstop", motivering: "Signalen van de toegang over wachttijden en klachten van cliënten." });
    expect(goed.status).toBe(303);
    expect(locationOf(goed)).toBe(beheer(a));
    const na = await follow(inkoper, goed);
    expect(na.text).toMatch(/voorgelegd aan het bevoegd gezag/);
    expect(na.text).toContain("Cliëntenstop voorgesteld");
    const besluitId = /besluit (CTR-[0-9A-F]+)/.exec(na.text)?.[1];
    expect(besluitId).toBeDefined();

    // The programmadirecteur approves: the aanbieder sees the cliëntenstop and the besluit with its PDF.
    expect((await as(api, directeur).post(`/api/v1/besluiten/${besluitId}/beslissing`, { akkoord: true })).status).toBe(201);
    const eigen = await until("besluit bij de aanbieder", async () => {
      const res = await aanbiederA.get(`/aanbieder/contracten/${CONTRACT}`);
      return res.text.includes(`/api/v1/besluiten/${besluitId}/documenten/`) ? res : undefined;
    });
    expect(eigen.text).toMatch(/Sinds .*: u neemt geen nieuwe cliënten aan/);
  });

  it("opent een verlengingsronde, stelt een weigering voor en start hoor en wederhoor; de aanbieder reageert", async () => {
    const lijst = await inkoper.get("/inkoper/verlengingsrondes");
    expect(lijst.status).toBe(200);
    expect(lijst.text).toContain("Verlengingsronde openen");

    const fout = await inkoper.form("/inkoper/verlengingsrondes", { contractId: CONTRACT, termijnEinde: "2020-01-01" });
    expect(fout.status).toBe(400);
    expect(fout.text).toContain('id="veld-termijnEinde-fout"');

    const open = await inkoper.form("/inkoper/verlengingsrondes", { contractId: CONTRACT, termijnEinde });
    expect(open.status).toBe(303);
    const rondeUrl = `/inkoper/verlengingsrondes/${CONTRACT}/${termijnEinde}`;
    expect(locationOf(open)).toBe(rondeUrl);
    const ronde = await inkoper.get(rondeUrl);
    expect(ronde.text).toContain(a.kvk);
    expect(ronde.text).toContain(b.kvk);
    expect((await inkoper.get("/inkoper/verlengingsrondes")).text).toContain(rondeUrl);

    const kort = await inkoper.form(`${rondeUrl}/weigering`, { kvk: a.kvk!, reden: "ondermaats-presteren", motivering: "Slecht" });
    expect(kort.status).toBe(400);
    expect(kort.text).toMatch(/minstens 20 tekens/);
    expect(kort.text).toContain(">Slecht</textarea>");
    const weigering = await inkoper.form(`${rondeUrl}/weigering`, { kvk: a.kvk!, reden: "ondermaats-presteren", motivering: "Drie gegronde klachten en twee gemiste verbeterafspraken." });
    expect(weigering.status).toBe(303);
    expect((await inkoper.get(rondeUrl)).text).toContain("hoor en wederhoor nog niet gestart");

    const einde = new Date(Date.now() + 2 * 24 * 3600_000);
    const hoor = await inkoper.form(`${rondeUrl}/hoor-en-wederhoor`, { kvk: a.kvk!, termijnEinde: local(einde), termijnWerkdagen: "" });
    expect(hoor.status).toBe(303);
    expect((await inkoper.get(rondeUrl)).text).toContain("Hoor en wederhoor loopt tot");

    const eigen = await aanbiederA.get(`/aanbieder/contracten/${CONTRACT}`);
    expect(eigen.text).toContain("Hoor en wederhoor over verlenging");
    expect(eigen.text).toContain("gemiste verbeterafspraken");
    expect((await aanbiederB.get(`/aanbieder/contracten/${CONTRACT}`)).text).not.toContain("Hoor en wederhoor over verlenging");
    const reactie = await aanbiederA.form(`/aanbieder/contracten/${CONTRACT}/verlenging/${termijnEinde}/reactie`, { toelichting: "Wij hebben een verbeterplan en een kwaliteitsmedewerker." });
    expect(reactie.status).toBe(303);
    expect((await inkoper.get(rondeUrl)).text).toContain("Reactie ontvangen op");

    const herbeoordeling = await inkoper.form(`${rondeUrl}/herbeoordeling`, { kvk: a.kvk!, besluit: "handhaven", motivering: "Het verbeterplan komt te laat; de klachten zijn niet weerlegd." });
    expect(herbeoordeling.status).toBe(303);
    const leeg = await inkoper.form(`${rondeUrl}/verlengingsbesluit`, { motivering: "", evaluatie: "" });
    expect(leeg.status).toBe(400);
    const besluit = await inkoper.form(`${rondeUrl}/verlengingsbesluit`, { motivering: "Algemeen verlengingsbesluit voor de tweede termijn.", evaluatie: "" });
    expect(besluit.status).toBe(303);
    const voorgelegd = await follow(inkoper, besluit);
    expect(voorgelegd.text).toContain("Gehandhaafd na hoor en wederhoor");
    expect(voorgelegd.text).toContain("Verlengingsbesluit voorgelegd");
  });

  it("laat een aanbieder alleen de eigen contracten zien en opzeggen via het formulier", async () => {
    const lijst = await aanbiederB.get("/aanbieder/contracten");
    expect(lijst.status).toBe(200);
    expect(lijst.text).toContain(`/aanbieder/contracten/${CONTRACT}`);
    expect((await zonderContract.get("/aanbieder/contracten")).text).toContain("U heeft nog geen contract met de regio.");
    expect((await zonderContract.get(`/aanbieder/contracten/${CONTRACT}`)).status).toBe(404);
    expect((await aanbiederB.get(`/contracten/${CONTRACT}/${a.kvk}`)).status).toBe(403);
    expect((await aanbiederB.get(beheer(b))).status).toBe(403);

    const page = await aanbiederB.get(`/aanbieder/contracten/${CONTRACT}`);
    expect(page.text).toContain("ten minste één kalendermaand");
    const zonderBevestiging = await aanbiederB.form(`/aanbieder/contracten/${CONTRACT}/opzegging`, { toelichting: "Wij stoppen met logeren.", einddatum: "" });
    expect(zonderBevestiging.status).toBe(400);
    expect(zonderBevestiging.text).toContain("Bevestig dat u de overeenkomst opzegt.");
    expect(zonderBevestiging.text).toContain("Wij stoppen met logeren.");
    const teVroeg = await aanbiederB.form(`/aanbieder/contracten/${CONTRACT}/opzegging`, { toelichting: "Wij stoppen met logeren.", einddatum: toAmsterdamDate(new Date()), bevestig: "ja" });
    expect(teVroeg.status).toBe(400);
    expect(teVroeg.text).toContain('id="veld-einddatum-fout"');

    const opgezegd = await aanbiederB.form(`/aanbieder/contracten/${CONTRACT}/opzegging`, { toelichting: "Wij stoppen met logeren.", einddatum: "", bevestig: "ja" });
    expect(opgezegd.status).toBe(303);
    const na = await follow(aanbiederB, opgezegd);
    expect(na.text).toContain("U heeft de overeenkomst opgezegd");
    expect(na.text).toContain("Opgezegd door de aanbieder");
    expect(na.text).not.toContain("Contract opzeggen</h2>");
    expect((await inkoper.get(beheer(b))).text).toContain("Opgezegd door de aanbieder");
  });

  it("toont de looptijd als tijdlijn boven de tabellen: termijnen, vandaag, de lopende termijn, de open ronde en de uiterste einddatum", async () => {
    // Dagbesteding en logeren Wmo: 2 jaar, dan acht keer 1 jaar stilzwijgend; vandaag loopt termijn 1 nog een maand.
    const laatste = formatDateNl(addDays(addYears(ingangsdatum, 10), -1));
    const vandaag = formatDateNl(toAmsterdamDate(new Date()));
    const tijdlijnVan = (text: string) => /<ol class="inkoop-looptijd"[^>]*>([\s\S]*?)<\/ol>/.exec(text)?.[1] ?? "";

    const regio = await inkoper.get(`/contracten/${CONTRACT}/${a.kvk}`);
    expect(regio.status).toBe(200);
    expect(regio.text).toContain("Looptijd in één oogopslag");
    expect(regio.text.indexOf("Looptijd in één oogopslag")).toBeLessThan(regio.text.indexOf("Termijnen van het contract"));
    const lijn = tijdlijnVan(regio.text);
    expect((lijn.match(/<li /g) ?? []).length).toBeGreaterThanOrEqual(9 + 8 + 2);
    expect(lijn).toContain(`${formatDateNl(ingangsdatum)} tot en met ${formatDateNl(termijnEinde)}`);
    expect(lijn).toMatch(/<strong>Termijn 1: eerste termijn, 2 jaar<\/strong> <span class="inkoop-status">lopend<\/span>/);
    expect(lijn).toMatch(/<strong>Termijn 2: verlenging, 1 jaar<\/strong> <span class="inkoop-status">komend<\/span>/);
    expect(lijn).toContain("Termijn 9: verlenging, 1 jaar");
    expect(lijn).toContain("Gaat stilzwijgend in, tenzij de regio anders besluit.");
    expect(lijn).toMatch(/<strong>Verlengingsronde voor termijn 2<\/strong> <span class="inkoop-status">nu open<\/span>/);
    expect(lijn).toMatch(new RegExp(`aria-current="date">\\s*<span class="inkoop-looptijd__datum">${vandaag}</span>\\s*<span class="inkoop-looptijd__wat"><strong>Vandaag</strong>`));
    expect(lijn).toMatch(new RegExp(`${laatste}</span>\\s*<span class="inkoop-looptijd__wat"><strong>Uiterste einddatum van de looptijd</strong>`));
    expect(lijn).toContain("Zo lang loopt het contract als elke verlenging doorgaat.");
    expect(lijn).toContain("Cliëntenstop");
    expect(lijn).toMatch(/class="inkoop-looptijd__balk inkoop-looptijd__balk--b20" aria-hidden="true"/);
    // Today sits after the running term and the open round, before the next term.
    expect(lijn.indexOf("Vandaag")).toBeGreaterThan(lijn.indexOf("Verlengingsronde voor termijn 2"));
    expect(lijn.indexOf("Vandaag")).toBeLessThan(lijn.indexOf("Termijn 2: verlenging"));

    // The aanbieder that gave notice sees the planned end, and the terms after it lapse.
    const eigen = await aanbiederB.get(`/aanbieder/contracten/${CONTRACT}`);
    expect(eigen.text.indexOf("Looptijd in één oogopslag")).toBeLessThan(eigen.text.indexOf("Termijnen van het contract"));
    const eigenLijn = tijdlijnVan(eigen.text);
    expect(eigenLijn).toMatch(/<strong>Termijn 1: eerste termijn, 2 jaar<\/strong> <span class="inkoop-status">lopend<\/span>/);
    expect(eigenLijn).toContain("<strong>Gepland einde</strong>");
    expect(eigenLijn).toContain("Opgezegd door de aanbieder.");
    expect(eigenLijn).toContain("vervalt: het contract eindigt eerder");
    expect(eigenLijn).toMatch(new RegExp(`${laatste}</span>\\s*<span class="inkoop-looptijd__wat"><strong>Uiterste einddatum van de looptijd</strong>`));
    expect(eigenLijn).toContain("Dit contract eindigt eerder: op ");
    expect(eigenLijn).toContain("<strong>Vandaag</strong>");
  });
  it("de lijst van contracten filtert op status, contract en jaar van ingang (GET) en zegt het als niets voldoet", async () => {
    const jaar = ingangsdatum.slice(0, 4);
    const lijst = await inkoper.get(`/contracten?contract=${CONTRACT}&jaar=${jaar}`);
    expect(lijst.status).toBe(200);
    expect(lijst.text).toMatch(/<form method="get" action="\/contracten" class="inkoop-filter" aria-label="Contracten filteren"/);
    expect(lijst.text).toMatch(new RegExp(`<option value="${CONTRACT}" selected>`));
    expect(lijst.text).toMatch(new RegExp(`<option value="${jaar}" selected>`));
    expect(lijst.text).toContain(`href="/contracten/${CONTRACT}/${a.kvk!}"`);
    expect(lijst.text).toContain(`href="/contracten/${CONTRACT}/${b.kvk!}"`);
    expect(lijst.text).toContain('href="/contracten">Filter wissen</a>');
    // A year without contracts, a status nobody has: a sentence, no empty table.
    const leeg = await inkoper.get("/contracten?jaar=1999");
    expect(leeg.text).toContain("Geen contract voldoet aan dit filter.");
    expect(leeg.text).not.toContain("<table");
    const status = await inkoper.get(`/contracten?contract=${CONTRACT}&status=bestaat-niet`);
    expect(status.text).toContain("Geen contract voldoet aan dit filter.");
    // An aanbieder filters its own list; a page past the end lands on the last one.
    const eigen = await aanbiederA.get(`/contracten?contract=${CONTRACT}&pagina=99`);
    expect(eigen.status).toBe(200);
    expect(eigen.text).toContain(`href="/contracten/${CONTRACT}/${a.kvk!}"`);
    expect(eigen.text).not.toContain(`href="/contracten/${CONTRACT}/${b.kvk!}"`);
    expect((await zonderContract.get("/contracten")).text).toContain("U heeft nog geen contract met de regio.");
  });
});
