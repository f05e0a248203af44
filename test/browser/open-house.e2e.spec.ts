import type { Server } from "node:http";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { hashPassword } from "../../activities/password";
import { createApp } from "../../api/app";
import { toelatingscriteria } from "../../domain/catalogue";
import { SYSTEEM } from "../../domain/shared/actor";
import { gebruikerEntity } from "../../workflows/gebruiker/definition";
import { as, until } from "../api-client";
import { offeredProducts } from "../fixtures/inschrijving";
import { closeEngine, engine as testEngine, uniqueId, uniqueKvk } from "../harness/stack";
import { pdfText } from "../pdf-text";
import { webApp } from "../web-session";
import { launchChromium, screenshot } from "./chromium";

jest.setTimeout(120_000);

/**
 * The browser test of the web pages, in Debian's Chromium: an aanbieder logs in and submits through the
 * form, the inkoper cannot open the inschrijving before closing, and after it only once two inkopers
 * confirmed the opening; a beoordelaar judges it, the programmadirecteur approves, and the aanbieder
 * downloads its besluit. Screenshots of every main page land in test-output/ (docs/screenshots/ with
 * `npm run screenshots`).
 */
describe("in de browser: van inschrijving tot besluit", () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  const kvk = uniqueKvk();
  const procedureId = uniqueId("oh-browser");
  const producten = offeredProducts("ambulant-jeugd").slice(0, 2);
  const wachtwoord = "browser-test-wachtwoord-2026";
  const users = {
    aanbieder: { gebruikersnaam: `aanbieder-${kvk}`, rol: "aanbieder" as const, kvk, naam: "Anna de Vries" },
    inkoper: { gebruikersnaam: uniqueId("inkoper").toLowerCase(), rol: "inkoper" as const, naam: "Ingrid Verhoeven" },
    inkoper2: { gebruikersnaam: uniqueId("inkoper").toLowerCase(), rol: "inkoper" as const, naam: "Jan Jansen" },
    beoordelaar: { gebruikersnaam: uniqueId("beoordelaar").toLowerCase(), rol: "beoordelaar" as const, naam: "Bart de Wit" },
    directeur: { gebruikersnaam: uniqueId("directeur").toLowerCase(), rol: "programmadirecteur" as const, naam: "Peter Jansen" },
  };
  let sluitingAt: Date;

  beforeAll(async () => {
    const engine = testEngine();
    const api = createApp({ engine, roleHeaders: true });
    const reg = await as(api, { rol: "aanbieder", id: "setup", kvk }).post("/api/v1/aanbieders", { kvk, naam: "Jeugdhulp Het Anker B.V.", email: `anker-${kvk}@aanbieder.example` });
    expect(reg.status).toBe(201);
    const hash = await hashPassword(wachtwoord);
    for (const u of Object.values(users))
      await engine.entity(gebruikerEntity, u.gebruikersnaam).create({ actor: SYSTEEM, gebruiker: { ...u, wachtwoordHash: hash } });
    // Room for a slow machine: the form is filled and sent before the closing instant, the rest after it.
    sluitingAt = new Date(Date.now() + 45_000);
    const created = await as(api, { rol: "inkoper", id: "setup" }).post("/api/v1/procedures", {
      id: procedureId,
      contractId: "ambulant-jeugd",
      titel: "Open House Ambulant Jeugd 2027 (browsertest)",
      publicatieAt: new Date(Date.now() - 1000).toISOString(),
      sluitingAt: sluitingAt.toISOString(),
      producten,
    });
    expect(created.status).toBe(201);
    expect((await as(api, { rol: "inkoper", id: "setup" }).post(`/api/v1/procedures/${procedureId}/publicatie`)).status).toBe(201);

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
    const context = await browser.newContext({ acceptDownloads: true, locale: "nl-NL", viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/inloggen`);
    await page.getByRole("textbox", { name: "Gebruikersnaam" }).fill(u.gebruikersnaam);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(wachtwoord);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForLoadState("networkidle");
    return { context, page };
  }

  it("de aanbieder logt in en dient een inschrijving in via het formulier", async () => {
    const fresh = await browser.newPage();
    await fresh.goto(`${base}/inloggen`);
    await screenshot(fresh, "01-inloggen");
    await fresh.close();

    const { context, page } = await login(users.aanbieder);
    expect(page.url()).toBe(`${base}/aanbieder`);
    await screenshot(page, "02-aanbieder-procedures");
    await page.goto(`${base}/aanbieder/procedures/${procedureId}`);
    await screenshot(page, "03-aanbieder-procedure");
    await page.goto(`${base}/aanbieder/procedures/${procedureId}/inschrijving`);

    // Step 1, first a refusal: nothing chosen. The error summary comes first and the page keeps the form.
    await expect(page.getByText("Stap 1 van 2:").count()).resolves.toBe(1);
    await page.getByRole("button", { name: "Verder naar de toelatingscriteria" }).click();
    await page.waitForLoadState("networkidle");
    await screenshot(page, "04-inschrijving-fouten");
    await expect(page.locator("#foutmeldingen").count()).resolves.toBe(1);

    // Keyboard only: the first Tab reaches the skip link, which takes focus to the content; from there the
    // first link is the error summary's, and following it puts focus on the field it names.
    const focus = () => page.evaluate(() => {
      const el = (globalThis as unknown as { document: { activeElement: { id: string; textContent: string | null } | null } }).document.activeElement;
      return { id: el?.id ?? "", tekst: (el?.textContent ?? "").trim() };
    });
    await page.keyboard.press("Tab");
    await expect(focus()).resolves.toMatchObject({ tekst: "Naar de inhoud" });
    await page.keyboard.press("Enter");
    await expect(focus()).resolves.toMatchObject({ id: "inhoud" });
    await page.keyboard.press("Tab");
    await expect(focus()).resolves.toMatchObject({ tekst: "Kies minstens één product." });
    await page.keyboard.press("Enter");
    await expect(focus()).resolves.toMatchObject({ id: "veld-producten" });
    await page.keyboard.press("Tab");
    const eersteVinkje = await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute("name"));
    expect(eersteVinkje).toBe("producten");

    // Step 2 asks the per-product criteria for the chosen product only.
    await page.check(`input[name="producten"][value="${producten[0]}"]`);
    await page.getByRole("button", { name: "Verder naar de toelatingscriteria" }).click();
    await page.waitForLoadState("networkidle");
    await expect(page.getByText("Stap 2 van 2:").count()).resolves.toBe(1);
    await expect(page.locator(`input[name="TC07:${producten[1]}.verklaring"]`).count()).resolves.toBe(0);
    const evidence = { name: "bewijs.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\n% inkoop browsertest\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n") };
    for (const c of toelatingscriteria) {
      const key = c.perProduct ? `${c.code}:${producten[0]}` : c.code;
      await page.check(`input[name="${key}.verklaring"][value="voldoet"]`);
      await page.setInputFiles(`input[name="${key}.bestand"]`, evidence);
    }
    await screenshot(page, "05-inschrijving-formulier");
    await page.getByRole("button", { name: /inschrijving indienen/i }).click();
    await page.waitForLoadState("networkidle");
    await screenshot(page, "06-ontvangstbewijs");
    await expect(page.getByText(`${procedureId}/${kvk}`).first().isVisible()).resolves.toBe(true);
    // The confirmation is the flash of the submission's redirect (a signed cookie), not `?ontvangen=1` in the address.
    expect(new URL(page.url()).search).toBe("");
    await expect(page.getByRole("status").filter({ hasText: "Uw inschrijving is ontvangen." }).count()).resolves.toBe(1);
    await page.reload();
    await expect(page.getByText("Uw inschrijving is ontvangen.").count()).resolves.toBe(0);
    await context.close();
  });

  it("de inkoper kan de inschrijving niet openen vóór de sluiting, en erna pas als twee inkopers de opening bevestigden", async () => {
    const { context, page } = await login(users.inkoper);
    expect(page.url()).toBe(`${base}/inkoper`);
    await screenshot(page, "07-inkoper-dashboard");
    await page.goto(`${base}/inkoper/procedures/${procedureId}/inschrijvingen/${kvk}`);
    await screenshot(page, "08-inschrijving-verzegeld");
    const before = await page.content();
    expect(before).toMatch(/verzegeld/i);
    expect(before).not.toContain("bewijs.pdf");

    await new Promise((r) => setTimeout(r, Math.max(0, sluitingAt.getTime() - Date.now())));
    await until("gesloten, wacht op opening", async () => {
      await page.goto(`${base}/inkoper/procedures/${procedureId}`);
      return (await page.getByRole("heading", { name: "Opening (vier ogen)" }).count()) > 0 ? true : undefined;
    });
    await screenshot(page, "09-inkoper-procedure-gesloten");
    await page.goto(`${base}/inkoper/procedures/${procedureId}/inschrijvingen/${kvk}`);
    expect(await page.content()).toMatch(/verzegeld tot de opening/);
    await page.goto(`${base}/inkoper/procedures/${procedureId}`);
    await page.getByRole("button", { name: "Bevestig de opening" }).click();
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("status").filter({ hasText: "Uw bevestiging van de opening is vastgelegd." }).count()).resolves.toBe(1);
    const tweede = await login(users.inkoper2);
    await tweede.page.goto(`${base}/inkoper/procedures/${procedureId}`);
    await tweede.page.getByRole("button", { name: "Bevestig de opening" }).click();
    await tweede.page.waitForLoadState("networkidle");
    await expect(tweede.page.getByRole("status").filter({ hasText: "De inschrijvingen zijn geopend (vier ogen)." }).count()).resolves.toBe(1);
    await tweede.context.close();
    await page.goto(`${base}/inkoper/procedures/${procedureId}/inschrijvingen/${kvk}`);
    await screenshot(page, "10-inkoper-inschrijving");
    expect(await page.content()).toMatch(/Jeugdhulp Het Anker/);
    await context.close();
  });

  it("een beoordelaar beoordeelt elk criterium met motivering", async () => {
    const { context, page } = await login(users.beoordelaar);
    await until("in de wachtrij", async () => {
      await page.goto(`${base}/beoordelaar`);
      return (await page.content()).includes("Jeugdhulp Het Anker") ? true : undefined;
    });
    await screenshot(page, "11-beoordelaar-wachtrij");
    await page.goto(`${base}/beoordelaar/procedures/${procedureId}/inschrijvingen/${kvk}`);
    await screenshot(page, "12-beoordelaar-formulier");
    for (const c of toelatingscriteria) {
      const key = c.perProduct ? `${c.code}:${producten[0]}` : c.code;
      await page.check(`input[name="oordeel-${key}"][value="voldoet"]`);
      await page.fill(`textarea[name="motivering-${key}"]`, `Bewijs voor ${c.code} is volledig en actueel.`);
    }
    await page.getByRole("button", { name: "Oordelen vastleggen" }).click();
    await page.waitForLoadState("networkidle");
    await screenshot(page, "13-beoordelaar-na-oordeel");
    await context.close();

    const { context: ink, page: inkPage } = await login(users.inkoper);
    await until("uitkomst bekend", async () => {
      await inkPage.goto(`${base}/inkoper/procedures/${procedureId}`);
      return (await inkPage.getByRole("button", { name: "Leg gunningsvoorstel voor" }).count()) > 0 ? true : undefined;
    });
    await inkPage.fill('textarea[name="toelichting"]', "Beoordeling afgerond conform inkoopplan 4.4.1.");
    await inkPage.getByRole("button", { name: "Leg gunningsvoorstel voor" }).click();
    await inkPage.waitForLoadState("networkidle");
    await ink.close();
  });

  it("de programmadirecteur geeft akkoord en de aanbieder downloadt zijn besluit", async () => {
    const { context, page } = await login(users.directeur);
    expect(page.url()).toBe(`${base}/besluiten`);
    await screenshot(page, "14-besluiten-te-nemen");
    await page.getByRole("link", { name: /Voorstel akkoord gunning/ }).first().click();
    await page.waitForLoadState("networkidle");
    await screenshot(page, "15-besluit-voorstel");
    await page.getByRole("button", { name: "Akkoord" }).click();
    await page.waitForLoadState("networkidle");
    await context.close();

    const { context: aan, page: aanPage } = await login(users.aanbieder);
    await until("besluit zichtbaar", async () => {
      await aanPage.goto(`${base}/aanbieder/besluiten`);
      return (await aanPage.getByRole("link", { name: /download|pdf/i }).count()) > 0 ? true : undefined;
    });
    await screenshot(aanPage, "16-aanbieder-besluiten");
    const [download] = await Promise.all([aanPage.waitForEvent("download"), aanPage.getByRole("link", { name: /download|pdf/i }).first().click()]);
    const path = await download.path();
    const { readFileSync } = await import("node:fs");
    const text = (await pdfText(readFileSync(path))).replace(/\s+/g, " ");
    expect(text).toMatch(/Toelatingsbesluit/);
    expect(text).toContain("Jeugdhulp Het Anker B.V.");
    await aan.close();
  });
});
