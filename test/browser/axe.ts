import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";

/**
 * WCAG 2.1 AA checked by axe-core (npm) on a page as the browser shows it. The script is evaluated in
 * the page through the DevTools protocol, so the site's Content-Security-Policy (no inline scripts)
 * stays as it is. Returns the violations, each with the rule, its impact and where it occurs.
 */
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface Overtreding {
  regel: string;
  ernst: string;
  uitleg: string;
  waar: string[];
}

export async function toegankelijkheidsfouten(page: Page): Promise<Overtreding[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    // The page's document: this function runs in the browser, where there is one.
    return axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
  }, WCAG_21_AA);
  return result.violations.map((v) => ({ regel: v.id, ernst: v.impact, uitleg: v.help, waar: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}
