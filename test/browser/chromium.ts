import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
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
  return chromium.launch({
    executablePath: process.env.INKOOP_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
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
  const fouten = await toegankelijkheidsfouten(page);
  if (fouten.length > 0) throw new Error(`WCAG 2.1 AA op ${name} (${page.url()}):\n${fouten.map((f) => `- ${f.regel} (${f.ernst}): ${f.uitleg} — ${f.waar.join(", ")}`).join("\n")}`);
}
