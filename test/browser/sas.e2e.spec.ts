import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { hashPassword } from "../../activities/password";
import { createApp } from "../../api/app";
import { findContract, toelatingscriteria } from "../../domain/catalogue";
import { toAmsterdamDate } from "../../domain/calendar";
import { SYSTEEM } from "../../domain/shared/actor";
import { gebruikerEntity } from "../../workflows/gebruiker/definition";
import { as, sleepUntil, until } from "../api-client";
import { HS_OPZET, akkoordBesluit, judgeKnockOuts, sasAanbieder, sasActors, sasView, scoreSas, untilFase } from "../fixtures/sas";
import { offeredProducts } from "../fixtures/inschrijving";
import { closeEngine, engine as testEngine, uniqueId } from "../harness/stack";
import { webApp } from "../web-session";
import { expectToegankelijk, launchChromium } from "./chromium";
import { openInschrijvingen } from "../fixtures/opening";

jest.setTimeout(120_000);

/** Screenshots of this test go to test-output/, never to docs/screenshots. */
const SHOTS = join(__dirname, "..", "..", "test-output", "screenshots", "sas");
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  await expectToegankelijk(page, name);
}

/**
 * A SAS in Debian's Chromium: an aanbieder applies for Hoog-specialistisch Jeugd through the form; the
 * region's selection and dialogue run through the API with the fixtures; then the aanbieder submits its
 * final offer through the SAS page and sees its receipt.
 */
describe("in de browser: aanmelding en definitieve inschrijving van een SAS", () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const api = createApp({ engine: testEngine(), roleHeaders: true });
  const a = sasAanbieder("Horizon Jeugdzorg Browser");
  const id = uniqueId("sas-browser");
  const perceel = "hoog-specialistisch-jeugd";
  const product = offeredProducts(perceel)[0]!;
  const wachtwoord = "browser-test-wachtwoord-sas-2026";
  const user = { gebruikersnaam: `aanbieder-${a.kvk}`, rol: "aanbieder" as const, kvk: a.kvk, naam: "Hanna Horizon" };
  let sluitingAt: Date;

  beforeAll(async () => {
    const engine = testEngine();
    expect((await as(api, a).post("/api/v1/aanbieders", { kvk: a.kvk, naam: a.naam, email: a.email })).status).toBe(201);
    await engine.entity(gebruikerEntity, user.gebruikersnaam).create({ actor: SYSTEEM, gebruiker: { ...user, wachtwoordHash: await hashPassword(wachtwoord) } });
    // Room for a slow machine to log in and fill the form before the aanmelding closes.
    sluitingAt = new Date(Date.now() + 15_000);
    const created = await as(api, sasActors.inkoper).post("/api/v1/procedures", {
      id,
      contractId: perceel,
      titel: "SAS Hoog-specialistisch Jeugd (browsertest)",
      publicatieAt: new Date(Date.now() - 1000).toISOString(),
      sluitingAt: sluitingAt.toISOString(),
      sas: HS_OPZET,
    });
    expect([created.status, created.body.detail]).toEqual([201, undefined]);
    expect((await as(api, sasActors.inkoper).post(`/api/v1/procedures/${id}/publicatie`)).status).toBe(201);

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

  it("de aanbieder meldt zich aan via het formulier", async () => {
    await page.goto(`${base}/aanbieder/procedures/${id}`);
    await page.getByRole("link", { name: "Aanmelding invullen" }).click();
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Aanmelden:");
    await page.check(`input[name="producten"][value="${product}"]`);
    await page.getByRole("button", { name: "Verder naar de toelatingscriteria" }).click();
    await page.waitForLoadState("networkidle");
    const evidence = { name: "bewijs.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\n% inkoop sas browsertest\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n") };
    for (const c of toelatingscriteria) {
      const key = c.perProduct ? `${c.code}:${product}` : c.code;
      await page.check(`input[name="${key}.verklaring"][value="voldoet"]`);
      await page.setInputFiles(`input[name="${key}.bestand"]`, evidence);
    }
    await shot(page, "01-aanmelding-formulier");
    await page.getByRole("button", { name: "Aanmelding indienen" }).click();
    await page.waitForLoadState("networkidle");
    await shot(page, "02-aanmelding-ontvangstbewijs");
    await expect(page.getByRole("status").filter({ hasText: "Uw aanmelding is ontvangen." }).count()).resolves.toBe(1);
    await expect(page.getByText(`${id}/${a.kvk}`).first().isVisible()).resolves.toBe(true);
  });

  it("na selectie en dialoog (via de API) dient de aanbieder de definitieve inschrijving in en ziet het ontvangstbewijs", async () => {
    // The region: knock-outs, the BOSD's gunningssystematiek, the selection, one dialogue session.
    await sleepUntil(sluitingAt);
    await openInschrijvingen(api, id);
    await until("beoordeling", async () => ((await as(api, sasActors.inkoper).get(`/api/v1/procedures/${id}/inschrijvingen/${a.kvk}`)).body.status === "beoordeling" ? true : undefined));
    await judgeKnockOuts(api, id, a, product);
    const gs = await as(api, sasActors.inkoper).post(`/api/v1/procedures/${id}/sas/gunningssystematiek`, {
      wegingen: ["G1", "G2", "G3", "G4"].map((criterium, i) => ({ perceel, criterium, gewicht: [30, 30, 20, 20][i] })),
      schaal: { min: 1, max: 5 },
      motivering: "Plaatsen en de verwijstafel wegen het zwaarst: daar zit het tekort in de regio.",
    });
    expect([gs.status, gs.body.detail]).toEqual([201, undefined]);
    await akkoordBesluit(api, String(gs.body.besluitId), sasActors.bosd);
    await until("kandidaat", async () => ((await sasView(api, id)).selectieKandidaten?.[0]?.kandidaten.length === 1 ? true : undefined));
    await scoreSas(api, id, "selectie", perceel, a.kvk, { S1: 8, S2: 7 });
    const sel = await as(api, sasActors.inkoper).post(`/api/v1/procedures/${id}/sas/selectie`, { toelichting: "Selectie op de twee selectiecriteria." });
    expect([sel.status, sel.body.detail]).toEqual([201, undefined]);
    await akkoordBesluit(api, String(sel.body.besluitId));
    await untilFase(api, id, "dialoog");
    expect(
      (await as(api, sasActors.inkoper).post(`/api/v1/procedures/${id}/sas/dialoogsessies`, { kvk: a.kvk, datum: toAmsterdamDate(new Date()), deelnemers: ["M. de Vries (regio)", "Hanna Horizon"], verslag: "Verwijstafel en consultatiefunctie besproken." }))
        .status,
    ).toBe(201);
    expect((await as(api, sasActors.inkoper).post(`/api/v1/procedures/${id}/sas/dialoog-sluiting`, { sluitingAt: new Date(Date.now() + 60_000).toISOString() })).status).toBe(201);
    await untilFase(api, id, "inschrijving");

    // The aanbieder: from its procedure page to the SAS page and the final offer.
    await page.goto(`${base}/aanbieder/procedures/${id}`);
    await page.getByRole("link", { name: /Bekijk de SAS/ }).click();
    await page.waitForLoadState("networkidle");
    await expect(page.getByText("U bent geselecteerd").count()).resolves.toBe(1);
    await expect(page.getByText("Verwijstafel en consultatiefunctie besproken.").count()).resolves.toBe(1);
    for (const [i, naam] of findContract(perceel)!.gunningscriteria.entries())
      await page.getByLabel(`G${i + 1} ${naam}`).fill(`Ons antwoord op ${naam}: wat wij bieden en hoe wij dat onderbouwen.`);
    await shot(page, "03-definitieve-inschrijving-formulier");
    await page.getByRole("button", { name: "Definitieve inschrijving indienen" }).click();
    await page.waitForLoadState("networkidle");
    await shot(page, "04-definitieve-inschrijving-ontvangstbewijs");
    const mijn = (await sasView(api, id, a)).mijnOfferte;
    expect(mijn).toBeDefined();
    await expect(page.getByRole("status").filter({ hasText: "Uw definitieve inschrijving is ontvangen." }).count()).resolves.toBe(1);
    await expect(page.getByText(mijn.ontvangstbewijsId).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText(mijn.sha256).first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole("button", { name: "Definitieve inschrijving indienen" }).count()).resolves.toBe(0);
  });
});
