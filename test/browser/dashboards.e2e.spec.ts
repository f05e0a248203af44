import type { Server } from "node:http";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { hashPassword } from "../../activities/password";
import { createApp } from "../../api/app";
import { addMonths, toAmsterdamDate } from "../../domain/calendar";
import { SYSTEEM, type Actor } from "../../domain/shared/actor";
import { gebruikerEntity } from "../../workflows/gebruiker/definition";
import { as, sleepUntil, until } from "../api-client";
import { contractenViaGunning } from "../fixtures/contract";
import { completeInschrijving, offeredProducts } from "../fixtures/inschrijving";
import { openInschrijvingen } from "../fixtures/opening";
import { closeEngine, engine as testEngine, uniqueId, uniqueKvk } from "../harness/stack";
import { webApp } from "../web-session";
import { launchChromium, screenshot } from "./chromium";

jest.setTimeout(180_000);

const CONTRACT = "dagbesteding-logeren-wmo";

/**
 * The dashboard of every role and a contract's looptijd in the browser. The state is built through the
 * API (an Open House up to contracts, besluiten laid before the programmadirecteur and the BOSD, a round
 * in beoordeling); the browser only logs in and reads, and axe checks every page it shows. Screenshots
 * land in test-output/ (docs/screenshots/ with INKOOP_SCREENSHOT_DIR=docs/screenshots).
 */
describe("in de browser: het dashboard van elke rol en de looptijd van een contract", () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  const wachtwoord = "browser-test-wachtwoord-2026";
  const a: Actor = { rol: "aanbieder", id: "a-dash", kvk: uniqueKvk() };
  const b: Actor = { rol: "aanbieder", id: "b-dash", kvk: uniqueKvk() };
  const c: Actor = { rol: "aanbieder", id: "c-dash", kvk: uniqueKvk() };
  const d: Actor = { rol: "aanbieder", id: "d-dash", kvk: uniqueKvk() };
  const inkoper: Actor = { rol: "inkoper", id: uniqueId("i.dash").toLowerCase() };
  const beoordelaar: Actor = { rol: "beoordelaar", id: uniqueId("b.dash").toLowerCase() };
  const directeur: Actor = { rol: "programmadirecteur", id: uniqueId("p.dash").toLowerCase() };
  const bosd: Actor = { rol: "bosd", id: uniqueId("bosd.dash").toLowerCase() };
  const users = {
    inkoper: { gebruikersnaam: inkoper.id, rol: "inkoper" as const, naam: "Ingrid Verhoeven", accountbeheer: true },
    beoordelaar: { gebruikersnaam: beoordelaar.id, rol: "beoordelaar" as const, naam: "Bart de Wit" },
    directeur: { gebruikersnaam: directeur.id, rol: "programmadirecteur" as const, naam: "Peter Jansen" },
    bosd: { gebruikersnaam: bosd.id, rol: "bosd" as const, naam: "Wethouder Sara Bakker" },
    aanbieder: { gebruikersnaam: `aanbieder-${a.kvk!}`, rol: "aanbieder" as const, kvk: a.kvk!, naam: "Anna de Vries" },
  };
  const gegund = uniqueId("oh-dash-gegund");
  const inBeoordeling = uniqueId("oh-dash-beoordeling");
  const teStoppen = [uniqueId("oh-dash-stop"), uniqueId("oh-dash-stop")] as const;

  beforeAll(async () => {
    const engine = testEngine();
    const api = createApp({ engine, roleHeaders: true });
    const hash = await hashPassword(wachtwoord);
    for (const u of Object.values(users)) await engine.entity(gebruikerEntity, u.gebruikersnaam).create({ actor: SYSTEEM, gebruiker: { ...u, wachtwoordHash: hash } });

    // A round in beoordeling for the beoordelaar: two inschrijvingen, opened, nobody judged yet.
    const product = offeredProducts(CONTRACT)[0]!;
    const beoordeling = async () => {
      for (const x of [c, d]) expect((await as(api, x).post("/api/v1/aanbieders", { kvk: x.kvk, naam: `Dagbesteding ${x.id.charAt(0).toUpperCase()} B.V.`, email: `dash-${x.kvk!}@aanbieder.example` })).status).toBe(201);
      const sluitingAt = new Date(Date.now() + 4_000);
      expect(
        (
          await as(api, inkoper).post("/api/v1/procedures", {
            id: inBeoordeling,
            contractId: "ambulant-jeugd",
            titel: "Open House Ambulant Jeugd 2028 (in beoordeling)",
            publicatieAt: new Date(Date.now() - 1000).toISOString(),
            sluitingAt: sluitingAt.toISOString(),
            producten: offeredProducts("ambulant-jeugd").slice(0, 1),
          })
        ).status,
      ).toBe(201);
      await as(api, inkoper).post(`/api/v1/procedures/${inBeoordeling}/publicatie`);
      for (const x of [c, d]) expect((await as(api, x).post(`/api/v1/procedures/${inBeoordeling}/inschrijvingen`, completeInschrijving(offeredProducts("ambulant-jeugd").slice(0, 1)))).status).toBe(201);
      await sleepUntil(sluitingAt);
      await openInschrijvingen(api, inBeoordeling);
    };
    // Two procedures the inkoper proposes to stop: the BOSD decides one, the other waits.
    const stopzettingen = async () => {
      const ids: string[] = [];
      for (const id of teStoppen) {
        expect(
          (
            await as(api, inkoper).post("/api/v1/procedures", {
              id,
              contractId: "ambulant-jeugd",
              titel: `Open House Ambulant Jeugd (stopzetting ${id.slice(-4)})`,
              publicatieAt: new Date(Date.now() - 1000).toISOString(),
              sluitingAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
              producten: offeredProducts("ambulant-jeugd").slice(0, 1),
            })
          ).status,
        ).toBe(201);
        await as(api, inkoper).post(`/api/v1/procedures/${id}/publicatie`);
        const voorstel = await as(api, inkoper).post(`/api/v1/procedures/${id}/stopzetting`, { motivering: "De behoefte is na de herijking van het inkoopplan vervallen." });
        expect(voorstel.status).toBe(201);
        ids.push(String(voorstel.body.besluitId));
      }
      expect((await as(api, bosd).post(`/api/v1/besluiten/${ids[0]!}/beslissing`, { akkoord: true, motivering: "Akkoord, conform het voorstel." })).status).toBe(201);
    };
    // Contracts through an Open House, started 23 months ago: a looptijd with a term that ends soon.
    const contracten = async () => {
      await contractenViaGunning(api, {
        procedureId: gegund,
        contractId: CONTRACT,
        titel: "Open House Dagbesteding en logeren 2026",
        product,
        aanbieders: [a, b].map((x) => ({ actor: x, naam: x === a ? "Logeerhuis De Linde B.V." : "Dagbesteding Het Erf", email: `dash-${x.kvk!}@aanbieder.example` })),
        ingangsdatum: addMonths(toAmsterdamDate(new Date()), -23),
        inkoper,
        beoordelaar,
        directeur,
      });
      // Besluiten about the contracts for the programmadirecteur: one approved (a cliëntenstop on the
      // timeline), one sent back, one waiting.
      const url = (x: Actor) => `/api/v1/contracten/${CONTRACT}/${x.kvk!}/voorstellen`;
      const stop = await as(api, inkoper).post(url(a), { soort: "clientenstop", motivering: "Signalen van de toegang over wachttijden en klachten van cliënten." });
      expect(stop.status).toBe(201);
      expect((await as(api, directeur).post(`/api/v1/besluiten/${String(stop.body.besluitId)}/beslissing`, { akkoord: true, motivering: "Akkoord." })).status).toBe(201);
      const terug = await as(api, inkoper).post(url(b), { soort: "clientenstop", motivering: "Een klacht over de bereikbaarheid van de locatie in het weekend." });
      expect((await as(api, directeur).post(`/api/v1/besluiten/${String(terug.body.besluitId)}/beslissing`, { akkoord: false, motivering: "Eén klacht rechtvaardigt geen cliëntenstop; eerst een gesprek." })).status).toBe(201);
      expect((await as(api, inkoper).post(url(b), { soort: "ingebrekestelling", termijnWerkdagen: 20, motivering: "De afgesproken verbetermaatregelen uit het kwartaalgesprek zijn niet uitgevoerd." })).status).toBe(201);
    };
    await Promise.all([beoordeling(), stopzettingen(), contracten()]);

    const app = webApp(engine);
    server = await new Promise((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await closeEngine();
  });

  async function login(u: { gebruikersnaam: string }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/inloggen`);
    await page.getByRole("textbox", { name: "Gebruikersnaam" }).fill(u.gebruikersnaam);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(wachtwoord);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForLoadState("networkidle");
    return { context, page };
  }

  it("de programmadirecteur ziet wat wacht per soort, het oudste, en wat onlangs is besloten", async () => {
    const { context, page } = await login(users.directeur);
    expect(page.url()).toBe(`${base}/besluiten`);
    await until("ingebrekestelling in de lijst", async () => {
      await page.reload();
      return (await page.getByRole("table", { name: /Voorgelegd aan u/ }).getByText("Ingebrekestelling").count()) > 0 ? true : undefined;
    });
    await expect(page.getByRole("heading", { name: "In één oogopslag" }).count()).resolves.toBe(1);
    await expect(page.getByRole("table", { name: "Wachtend per soort besluit" }).count()).resolves.toBe(1);
    const recent = page.getByRole("table", { name: /Door u besloten in de laatste 30 dagen/ });
    await expect(recent.getByText("Teruggestuurd").count()).resolves.toBeGreaterThan(0);
    await expect(recent.getByText("Akkoord: vastgesteld").count()).resolves.toBeGreaterThan(1);
    await expect(recent.getByRole("link", { name: /Proces-verbaal/ }).count()).resolves.toBeGreaterThan(0);
    await screenshot(page, "17-programmadirecteur-dashboard");
    // The filter of the whole list (GET): only what is still open.
    await page.goto(`${base}/besluiten?status=open`);
    await expect(page.getByRole("table", { name: "Alle besluiten" }).getByText("Vastgesteld").count()).resolves.toBe(0);
    // From the dashboard to the procedure a besluit is about.
    await page.goto(`${base}/besluiten`);
    await recent.getByRole("link", { name: "Open House Dagbesteding en logeren 2026" }).first().click();
    await page.waitForLoadState("networkidle");
    expect(page.url()).toBe(`${base}/procedures/${gegund}`);
    await screenshot(page, "18-procedure-tijdlijn");
    await context.close();
  });

  it("het BOSD ziet de stopzetting die wacht en de genomen beslissing", async () => {
    const { context, page } = await login(users.bosd);
    expect(page.url()).toBe(`${base}/besluiten`);
    await expect(page.getByRole("table", { name: /Voorgelegd aan u/ }).getByRole("link", { name: /Stopzetten|stopzetting/i }).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByRole("table", { name: /Door u besloten/ }).getByText("Akkoord: vastgesteld").count()).resolves.toBeGreaterThanOrEqual(1);
    await screenshot(page, "19-bosd-dashboard");
    await context.close();
  });

  it("de inkoper ziet zijn procedures, en het contract met de looptijd in één oogopslag", async () => {
    const { context, page } = await login(users.inkoper);
    expect(page.url()).toBe(`${base}/inkoper`);
    await screenshot(page, "20-inkoper-dashboard");
    await page.goto(`${base}/contracten`);
    await screenshot(page, "21-contracten");
    // Other tests share this engine: the list is long and paged, so the filter finds this contract's kind.
    await page.goto(`${base}/contracten?contract=${encodeURIComponent(CONTRACT)}`);
    const soorten = await page.locator("table tbody tr td:first-child").allInnerTexts();
    expect(soorten.length).toBeGreaterThan(0);
    expect(new Set(soorten).size).toBe(1);
    await page.goto(`${base}/contracten/${CONTRACT}/${a.kvk!}`);
    await expect(page.getByRole("heading", { name: "Looptijd in één oogopslag" }).count()).resolves.toBe(1);
    await expect(page.locator(".inkoop-looptijd [aria-current=date]").count()).resolves.toBe(1);
    await expect(page.locator(".inkoop-looptijd").getByText("Cliëntenstop").count()).resolves.toBe(1);
    await screenshot(page, "22-contract-looptijd");
    // The filter of the contract list: a year without contracts says so.
    await page.goto(`${base}/contracten?jaar=1999`);
    await expect(page.getByText("Geen contract voldoet aan dit filter.").count()).resolves.toBe(1);
    // Account administration: this inkoper holds accountbeheer; the search finds this test's accounts.
    await page.getByRole("link", { name: "Accounts" }).click();
    await page.waitForURL(`${base}/beheer/accounts`);
    await page.getByLabel("Zoeken op gebruikersnaam of naam").fill(".dash-");
    await page.getByRole("button", { name: "Filteren" }).click();
    await page.waitForURL(/zoek=/);
    await expect(page.getByRole("table", { name: "Accounts" }).getByRole("row").count()).resolves.toBe(5);
    await screenshot(page, "26-accountbeheer");
    await page.getByRole("link", { name: users.beoordelaar.gebruikersnaam }).click();
    await page.waitForURL(/\/beheer\/accounts\/b\.dash/);
    await expect(page.getByRole("heading", { name: "Rol en accountbeheer wijzigen" }).count()).resolves.toBe(1);
    await screenshot(page, "27-account");
    await context.close();
  });

  it("de beoordelaar ziet de aantallen en de inschrijvingen in beoordeling", async () => {
    const { context, page } = await login(users.beoordelaar);
    await until("inschrijvingen in de wachtrij", async () => {
      await page.goto(`${base}/beoordelaar`);
      return (await page.getByText("Dagbesteding D B.V.").count()) > 0 ? true : undefined;
    });
    await screenshot(page, "23-beoordelaar-dashboard");
    await page.goto(`${base}/beoordelaar?procedure=${inBeoordeling}&status=beoordeling`);
    await expect(page.getByRole("table", { name: "Inschrijvingen in beoordeling" }).getByRole("row").count()).resolves.toBe(3);
    await context.close();
  });

  it("de aanbieder ziet zijn procedures en zijn contract met de looptijd", async () => {
    const { context, page } = await login(users.aanbieder);
    expect(page.url()).toBe(`${base}/aanbieder`);
    await screenshot(page, "24-aanbieder-dashboard");
    await page.goto(`${base}/contracten`);
    await page.getByRole("link", { name: /Dagbesteding/ }).first().click();
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("heading", { name: "Looptijd in één oogopslag" }).count()).resolves.toBe(1);
    await screenshot(page, "25-aanbieder-contract");
    await context.close();
  });
});
