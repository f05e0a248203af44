import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { toegankelijkheidsfouten } from "./axe";

/**
 * Where the browser tests leave a screenshot of every main page: test-output/ (ignored by git), so a test
 * run leaves the work tree clean. `npm run screenshots` points this at docs/screenshots/ (the README's
 * pictures) to refresh them on purpose.
 */
export const SCREENSHOT_DIR = process.env.INKOOP_SCREENSHOT_DIR ? join(process.cwd(), process.env.INKOOP_SCREENSHOT_DIR) : join(__dirname, "..", "..", "test-output", "screenshots", "open-house");

/**
 * Debian's Chromium, driven by playwright-core: no downloaded browser. The flags keep it from
 * reaching for the network, which this machine does not have.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.INKOOP_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  return metAxe(browser);
}

/**
 * A screenshot of a main page, and its WCAG 2.1 AA check (axe-core): every page a browser test shows is
 * also checked, and a violation fails the test with the rule and where it occurs.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  await expectToegankelijk(page, name);
}

/** Fails with every WCAG 2.1 AA violation axe-core finds on the page, named by rule and place. */
export async function expectToegankelijk(page: Page, name: string): Promise<void> {
  await controleer(page, name);
}

/*
 * axe on every page a browser test visits, not only on the screenshots: launchChromium hands out a browser
 * whose pages run axe-core after each navigation the test waits for (goto, reload, back, and the
 * waitForLoadState / waitForURL after a click that submits a form or follows a link), whatever role is
 * logged in. A violation fails the step that led to the page. A page whose HTML is the same as one
 * already checked (a polling loop reloads it) counts as visited, not checked again. The figures go to
 * test-output/axe/<spec>.json and, summed over all specs, test-output/axe-summary.json.
 */
const AXE_DIR = join(__dirname, "..", "..", "test-output", "axe");
const telling = { bezocht: 0, gecontroleerd: 0, overtredingen: 0, adressen: new Set<string>(), fouten: [] as string[] };
const uitkomstPerInhoud = new Map<string, string[]>();
let specNaam = "";

/** The address without ids that differ per run: /contracten/ambulant-jeugd/12345678 -> /contracten/ambulant-jeugd/:kvk. */
const adresVorm = (url: string) => {
  const u = new URL(url);
  return u.pathname.replace(/\/\d{8}(?=\/|$)/g, "/:kvk").replace(/\/[a-z-]+-[0-9a-z]{6,}(?=\/|$)/gi, "/:id");
};

async function controleer(page: Page, naam?: string): Promise<void> {
  if (page.isClosed()) return;
  const url = page.url();
  if (!url.startsWith("http")) return;
  const soort = await page.evaluate(() => (globalThis as unknown as { document: { contentType: string } }).document.contentType).catch(() => "");
  if (soort !== "text/html") return;
  const inhoud = (await page.content()).replace(/name="_csrf" value="[^"]*"/g, "");
  const sleutel = createHash("sha256").update(`${url}\n${inhoud}`).digest("hex");
  telling.bezocht += 1;
  telling.adressen.add(adresVorm(url));
  let fouten = uitkomstPerInhoud.get(sleutel);
  if (!fouten) {
    // A page that is still navigating (a redirect after a form) is checked once it has loaded.
    const gevonden = await toegankelijkheidsfouten(page).catch(async (err: unknown) => {
      if (!/context was destroyed|navigat/i.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 500));
      return toegankelijkheidsfouten(page);
    });
    fouten = gevonden.map((f) => `- ${f.regel} (${f.ernst}): ${f.uitleg} — ${f.waar.join(", ")}`);
    uitkomstPerInhoud.set(sleutel, fouten);
    telling.gecontroleerd += 1;
    telling.overtredingen += fouten.length;
    if (fouten.length > 0) telling.fouten.push(`${adresVorm(url)}: ${fouten.join(" ")}`);
    schrijfTelling();
  }
  if (fouten.length > 0) throw new Error(`WCAG 2.1 AA op ${naam ?? adresVorm(url)} (${url}):\n${fouten.join("\n")}`);
}

function schrijfTelling(): void {
  if (!specNaam) specNaam = basename(expect.getState().testPath ?? "onbekend").replace(/\.ts$/, "");
  mkdirSync(AXE_DIR, { recursive: true });
  const eigen = { spec: specNaam, paginasBezocht: telling.bezocht, paginasGecontroleerd: telling.gecontroleerd, adressen: telling.adressen.size, overtredingen: telling.overtredingen, fouten: telling.fouten };
  writeFileSync(join(AXE_DIR, `${specNaam}.json`), JSON.stringify(eigen, null, 2));
  const alle = readdirSync(AXE_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(AXE_DIR, f), "utf8")) as typeof eigen);
  const som = (k: "paginasBezocht" | "paginasGecontroleerd" | "adressen" | "overtredingen") => alle.reduce((n, x) => n + x[k], 0);
  writeFileSync(
    join(AXE_DIR, "..", "axe-summary.json"),
    JSON.stringify({ regels: "WCAG 2.1 A/AA (axe-core)", paginasBezocht: som("paginasBezocht"), paginasGecontroleerd: som("paginasGecontroleerd"), adressen: som("adressen"), overtredingen: som("overtredingen"), perSpec: alle }, null, 2),
  );
}

/** One line for the console after a spec: the figures a report can quote. */
export function axeSamenvatting(): string {
  return `axe (WCAG 2.1 A/AA) in ${specNaam || "deze spec"}: ${String(telling.bezocht)} pagina's bezocht, ${String(telling.gecontroleerd)} verschillende gecontroleerd (${String(telling.adressen.size)} adressen), ${String(telling.overtredingen)} overtredingen`;
}

type Navigatie = "goto" | "reload" | "goBack" | "goForward" | "waitForLoadState" | "waitForURL";
const NAVIGATIES: Navigatie[] = ["goto", "reload", "goBack", "goForward", "waitForLoadState", "waitForURL"];

/** The page, with axe run after each navigation it waits for. */
export function bewaakt(page: Page): Page {
  const p = page as unknown as Record<Navigatie, (...args: unknown[]) => Promise<unknown>>;
  // A form post can still be under way when waitForLoadState returns (the old page is loaded): then axe
  // waits for the page the post leads to, instead of checking the form it just left.
  let onderweg = 0;
  const hoofd = (r: { isNavigationRequest(): boolean; frame(): unknown }) => r.isNavigationRequest() && r.frame() === page.mainFrame();
  page.on("request", (r) => {
    if (hoofd(r)) onderweg += 1;
  });
  page.on("requestfailed", (r) => {
    if (hoofd(r)) onderweg = Math.max(0, onderweg - 1);
  });
  page.on("load", () => {
    onderweg = 0;
  });
  page.on("download", () => {
    onderweg = 0;
  });
  for (const naam of NAVIGATIES) {
    const origineel = p[naam].bind(page);
    p[naam] = async (...args: unknown[]) => {
      const uitkomst = await origineel(...args);
      if (onderweg > 0) await page.waitForEvent("load", { timeout: 30_000 }).catch(() => undefined);
      await controleer(page);
      return uitkomst;
    };
  }
  return page;
}

function bewaakContext(context: BrowserContext): BrowserContext {
  const newPage = context.newPage.bind(context);
  context.newPage = async () => bewaakt(await newPage());
  return context;
}

function metAxe(browser: Browser): Browser {
  // Only to find out whether a failure is axe's own doing: INKOOP_AXE_NAVIGATIE=uit checks screenshots only.
  if (process.env.INKOOP_AXE_NAVIGATIE === "uit") return browser;
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = async (...args: Parameters<Browser["newContext"]>) => bewaakContext(await newContext(...args));
  browser.newPage = async (...args: Parameters<Browser["newPage"]>) => bewaakt(await newPage(...args));
  return browser;
}

// After each spec that drives the browser: the figures on the console (and in test-output/axe-summary.json).
afterAll(() => {
  if (telling.bezocht > 0) {
    schrijfTelling();
    console.log(axeSamenvatting());
  }
});
