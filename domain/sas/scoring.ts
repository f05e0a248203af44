import type { Criterium } from "./opzet";

/**
 * Scoring as a SAS does it, for the selectie and again for the gunning: each beoordelaar scores every
 * item (candidate × perceel × criterium) on its own first; then one consensus score with a motivation
 * per item; the weighted consensus ranks the candidates.
 */
export type ScoreRonde = "selectie" | "gunning";

export interface Schaal {
  min: number;
  max: number;
}

export interface ItemRef {
  ronde: ScoreRonde;
  kvk: string;
  perceel: string;
  criterium: string;
}

export interface IndividueleScore extends ItemRef {
  beoordelaar: string;
  score: number;
  motivering: string;
  at: string;
}

export interface ConsensusScore extends ItemRef {
  score: number;
  motivering: string;
  door: string;
  at: string;
  /** The individual scores it was set against, kept with it for the record. */
  individueel: { beoordelaar: string; score: number }[];
}

export const sameItem = (a: ItemRef, b: ItemRef): boolean => a.ronde === b.ronde && a.kvk === b.kvk && a.perceel === b.perceel && a.criterium === b.criterium;

export const itemLabel = (i: ItemRef): string => `${i.kvk}/${i.perceel}/${i.criterium}`;

/** The latest score of each beoordelaar for the item (a beoordelaar may revise until the consensus). */
export function individueleScores(scores: readonly IndividueleScore[], item: ItemRef): IndividueleScore[] {
  const latest = new Map<string, IndividueleScore>();
  for (const s of scores) if (sameItem(s, item)) latest.set(s.beoordelaar, s);
  return [...latest.values()];
}

/**
 * Independence: a beoordelaar sees the others' scores of an item only once it scored the item itself
 * or the consensus is set. The inkoper, who chairs the consensus, sees them all.
 */
export function zichtbaarVoor(scores: readonly IndividueleScore[], consensus: readonly ConsensusScore[], viewer: { rol: string; id: string }): IndividueleScore[] {
  if (viewer.rol !== "beoordelaar") return [...scores];
  return scores.filter((s) => s.beoordelaar === viewer.id || scores.some((own) => own.beoordelaar === viewer.id && sameItem(own, s)) || consensus.some((c) => sameItem(c, s)));
}

export interface Rangschikking {
  kvk: string;
  perceel: string;
  /** Weighted mean of the consensus scores, on the scale (Σ score·gewicht / Σ gewicht). */
  totaal: number;
  scores: Record<string, number>;
  plaats: number;
  /** How the place was decided against an equal total: by a criterion, or by lot. */
  beslistDoor?: { soort: "criterium"; criterium: string } | { soort: "loting"; lot: number };
}

/** Printed in every selectie- and gunningsbeslissing: the tie rule is a choice of this system, not of the seeds. */
export const GELIJKE_STAND_REGEL =
  "Bij een gelijk gewogen totaal gaat voor wie hoger scoort op het zwaarst wegende criterium, dan op het volgende (bij gelijke gewichten in de volgorde van de criteria); is het dan nog gelijk, dan beslist een loting die het systeem bij het voorstel trekt en vastlegt.";

const EPS = 1e-9;

export function gewogenTotaal(scores: Record<string, number>, criteria: readonly Criterium[]): number {
  const gewichten = criteria.reduce((sum, c) => sum + (c.gewicht ?? 0), 0);
  if (gewichten <= 0) return 0;
  return criteria.reduce((sum, c) => sum + (scores[c.code] ?? 0) * (c.gewicht ?? 0), 0) / gewichten;
}

/**
 * Ranks the candidates of one perceel by their consensus scores. `loten` holds a drawn number per kvk
 * (supplied by the caller, recorded in the event), used only when everything else is equal.
 */
export function rangschik(
  kandidaten: readonly string[],
  perceel: string,
  ronde: ScoreRonde,
  criteria: readonly Criterium[],
  consensus: readonly ConsensusScore[],
  loten: Readonly<Record<string, number>>,
): Rangschikking[] {
  const rows = kandidaten.map((kvk) => {
    const scores: Record<string, number> = {};
    for (const c of criteria) {
      const found = consensus.find((x) => x.ronde === ronde && x.kvk === kvk && x.perceel === perceel && x.criterium === c.code);
      if (found) scores[c.code] = found.score;
    }
    return { kvk, perceel, totaal: gewogenTotaal(scores, criteria), scores };
  });
  // Heaviest first; equal weights keep the criteria's own order (a stable sort).
  const volgorde = [...criteria].sort((a, b) => (b.gewicht ?? 0) - (a.gewicht ?? 0));
  type Row = (typeof rows)[number];
  const eersteVerschil = (a: Row, b: Row) => volgorde.find((c) => (a.scores[c.code] ?? 0) !== (b.scores[c.code] ?? 0));
  const compare = (a: Row, b: Row): number => {
    if (Math.abs(a.totaal - b.totaal) > EPS) return b.totaal - a.totaal;
    const c = eersteVerschil(a, b);
    if (c) return (b.scores[c.code] ?? 0) - (a.scores[c.code] ?? 0);
    return (loten[b.kvk] ?? 0) - (loten[a.kvk] ?? 0) || a.kvk.localeCompare(b.kvk);
  };
  const sorted = [...rows].sort(compare);
  return sorted.map((r, i) => {
    // Why this candidate stands above the next one with the same total, if there is one.
    const next = sorted[i + 1];
    let beslistDoor: Rangschikking["beslistDoor"];
    if (next && Math.abs(next.totaal - r.totaal) <= EPS) {
      const c = eersteVerschil(r, next);
      beslistDoor = c ? { soort: "criterium", criterium: c.code } : { soort: "loting", lot: loten[r.kvk] ?? 0 };
    }
    return { ...r, plaats: i + 1, ...(beslistDoor ? { beslistDoor } : {}) };
  });
}

export interface Selectie {
  geselecteerd: Rangschikking[];
  afgewezen: Rangschikking[];
  /** True when the cut-off fell between equal totals, so the tie rule decided who went through. */
  grensDoorGelijkeStand: boolean;
}

/** The first `max` of the ranking go through; a tie across the cut-off is decided by GELIJKE_STAND_REGEL. */
export function selecteer(rangschikking: readonly Rangschikking[], max: number, minimum?: number): Selectie {
  const boven = rangschikking.filter((r) => minimum === undefined || r.totaal + EPS >= minimum);
  const geselecteerd = boven.slice(0, max);
  const afgewezen = rangschikking.filter((r) => !geselecteerd.includes(r));
  const laatste = geselecteerd[geselecteerd.length - 1];
  const eerste = afgewezen[0];
  return { geselecteerd, afgewezen, grensDoorGelijkeStand: Boolean(laatste && eerste && Math.abs(laatste.totaal - eerste.totaal) <= EPS) };
}

export const formatScore = (n: number): string => n.toFixed(2).replace(".", ",");
