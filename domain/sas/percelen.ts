import type { Percelen } from "../catalogue/schema";

/**
 * Which perceel each winner is contracted for. Wonen Wmo (6.7.1): "Indien zij voor beide percelen
 * kwalificeren, krijgen zij gegund als kernpartner": a winner of every perceel gets the perceel the
 * catalogue names for that case, and no contract in the others. A winner of one perceel gets that one.
 * Without percelen (Hoog-specialistisch) the single perceel is the contract itself.
 */
export function gegundPerceel(winnaars: Readonly<Record<string, readonly string[]>>, percelen: Percelen | null): Record<string, string> {
  const perAanbieder = new Map<string, string[]>();
  for (const [perceel, kvks] of Object.entries(winnaars)) for (const kvk of kvks) perAanbieder.set(kvk, [...(perAanbieder.get(kvk) ?? []), perceel]);
  const out: Record<string, string> = {};
  const alle = percelen?.percelen.map((p) => p.id) ?? [];
  for (const [kvk, gewonnen] of perAanbieder) {
    if (percelen && alle.length > 1 && alle.every((p) => gewonnen.includes(p))) out[kvk] = percelen.gunningBijKwalificatieVoorAlle;
    else if (percelen && gewonnen.length > 1) {
      // Wins in some but not all percelen: the first of them in the catalogue's order (the plan is silent).
      out[kvk] = alle.find((p) => gewonnen.includes(p)) ?? gewonnen[0]!;
    } else out[kvk] = gewonnen[0]!;
  }
  return out;
}
