import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { hashPassword } from "../../activities/password";
import { createApp } from "../../api/app";
import { toelatingscriteria } from "../../domain/catalogue";
import { SYSTEEM, type Actor } from "../../domain/shared/actor";
import { gebruikerEntity } from "../../workflows/gebruiker/definition";
import { as, until } from "../api-client";
import { closeEngine, engine as testEngine, uniqueId, uniqueKvk } from "../harness/stack";
import { webApp } from "../web-session";
import { expectToegankelijk, launchChromium } from "./chromium";

jest.setTimeout(120_000);

/** A field by its label, which an optional field extends with " (niet verplicht)". */
const veld = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\(niet verplicht\\))?$`);

/** Screenshots of this test go to test-output/, never to docs/screenshots. */
const SHOTS = join(__dirname, "..", "..", "test-output", "screenshots", "onderhands");
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  await expectToegankelijk(page, name);
}

/**
 * An onderhandse JB/JR trajectory in Debian's Chromium: the region invites a gecertificeerde instelling
 * through the API; the GI opens its invitation, fills in two services with tariffs, an ingroeipad to
 * the landelijk tarief and the toelatingscriteria with evidence, first with a mistake the server names on
 * its field, then corrected, and sees its offer as version 1 with its evidence on the trajectory page.
 */
describe("in de browser: een offerte in een onderhands traject (JB/JR)", () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const api = createApp({ engine: testEngine(), roleHeaders: true });
  const kvk = uniqueKvk();
  const gi: Actor = { rol: "aanbieder", id: `a-${kvk}`, kvk };
  const inkoper: Actor = { rol: "inkoper", id: "i.devries" };
  const id = uniqueId("jbjr-browser");
  const wachtwoord = "browser-test-wachtwoord-onderhands";
  const user = { gebruikersnaam: `gi-${kvk}`, rol: "aanbieder" as const, kvk, naam: "Gerda Instelling" };
  const diensten = [
    { naam: "Ondertoezichtstelling", tarief: "4.210,50", eenheid: "jaar" },
    { naam: "Jeugdreclassering", tarief: "3120", eenheid: "jaar" },
  ];

  beforeAll(async () => {
    const engine = testEngine();
    expect((await as(api, gi).post("/api/v1/aanbieders", { kvk, naam: "GI Browser West", email: `gi-${kvk}@aanbieder.example` })).status).toBe(201);
    await engine.entity(gebruikerEntity, user.gebruikersnaam).create({ actor: SYSTEEM, gebruiker: { ...user, wachtwoordHash: await hashPassword(wachtwoord) } });
    const started = await as(api, inkoper).post(`/api/v1/onderhands/${id}`, { contractId: "jb-jr", titel: "JB/JR 2027 (browsertest)" });
    expect([started.status, started.body.detail]).toEqual([201, undefined]);
    const invited = await as(api, inkoper).post(`/api/v1/onderhands/${id}/uitnodigingen`, { kvk, deadline: new Date(Date.now() + 3600_000).toISOString() });
    expect([invited.status, invited.body.detail]).toEqual([201, undefined]);

    const app = webApp(engine);
    server = await new Promise((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    browser = await launchChromium();
    context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
    await page.goto(`${base}/inloggen`);
    await page.getByRole("textbox", { name: "Gebruikersnaam" }).fill(user.gebruikersnaam);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(wachtwoord);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForLoadState("networkidle");
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await closeEngine();
  });

  it("de GI doet haar offerte met bewijsstukken; een fout in het ingroeipad staat bij het veld, het gekozen bestand blijft bewaard", async () => {
    await until("uitnodiging", async () => ((await as(api, gi).get(`/api/v1/onderhands/${id}/trajecten/${kvk}`)).status === 200 ? true : undefined));
    await page.goto(`${base}/aanbieder/onderhands`);
    await page.getByRole("link", { name: "Offerte doen" }).click();
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("JB/JR 2027 (browsertest)");

    for (const [i, d] of diensten.entries()) {
      await page.getByLabel(veld(`Naam van dienst ${i + 1}`)).fill(d.naam);
      await page.getByLabel(veld(`Tarief van dienst ${i + 1} in euro`)).fill(d.tarief);
      await page.getByLabel(veld(`Eenheid van dienst ${i + 1}`)).fill(d.eenheid);
    }
    await page.getByLabel("Nee, met een ingroeipad").check();
    // A path that stops at 95%: the server refuses it on its field.
    for (const [i, [jaar, pct]] of [["2027", "90"], ["2028", "95"]].entries()) {
      await page.getByLabel(veld(`Jaar ${i + 1}`)).fill(jaar!);
      await page.getByLabel(veld(`Percentage in jaar ${i + 1}`)).fill(pct!);
    }
    await page.getByLabel(veld("Toelichting")).fill("Wij groeien in twee jaar naar het landelijk tarief.");
    const evidence = { name: "jaarrekening.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\n% inkoop onderhands browsertest\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n") };
    for (const c of toelatingscriteria) {
      const rows = c.perProduct ? [1, 2] : [0];
      for (const n of rows) await page.check(`input[name="${c.code}.verklaring${n ? `.${n}` : ""}"][value="voldoet"]`);
    }
    await page.setInputFiles('input[name="TC04.bestand"]', evidence);
    await shot(page, "01-offerte-formulier");
    await page.getByRole("button", { name: "Offerte versturen" }).click();
    await page.waitForLoadState("networkidle");
    await shot(page, "02-offerte-fout-ingroeipad");
    await expect(page.title()).resolves.toMatch(/^Fout: /);
    await expect(page.locator("#veld-ingroeipad-fout").textContent()).resolves.toContain("Het ingroeipad eindigt op 100% van het landelijk tarief.");
    await expect(page.getByText("Al geüpload:").first().textContent()).resolves.toContain("jaarrekening.pdf");
    await expect(page.getByLabel(veld("Tarief van dienst 1 in euro")).inputValue()).resolves.toBe("4.210,50");

    await page.getByLabel(veld("Percentage in jaar 2")).fill("100");
    await page.getByRole("button", { name: "Offerte versturen" }).click();
    await page.waitForLoadState("networkidle");
    await shot(page, "03-offerte-ontvangen");
    await expect(page.getByRole("status").filter({ hasText: "Uw offerte is ontvangen" }).count()).resolves.toBe(1);
    await expect(page.getByText("Versie 1, de eerste offerte").count()).resolves.toBe(1);
    await expect(page.getByRole("button", { name: /Offerte versturen/ }).count()).resolves.toBe(0);

    const traject = (await as(api, gi).get(`/api/v1/onderhands/${id}/trajecten/${kvk}`)).body;
    expect(traject.offertes[0].diensten.map((d: { naam: string; tarief: number }) => [d.naam, d.tarief])).toEqual([
      ["Ondertoezichtstelling", 4210.5],
      ["Jeugdreclassering", 3120],
    ]);
    expect(traject.offertes[0].landelijkTarief.ingroeipad).toEqual([{ jaar: 2027, percentage: 90 }, { jaar: 2028, percentage: 100 }]);
    expect(traject.offertes[0].antwoorden.find((a: { criterium: string }) => a.criterium === "TC04").documentRef).toMatch(/^upl-/);
    await until("bewijsstukken op de trajectpagina", async () => {
      await page.reload();
      return (await page.getByText("Uw bewijsstukken (1)").count()) === 1 ? true : undefined;
    });
  });
});
