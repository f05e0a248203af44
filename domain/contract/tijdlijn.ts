import { daysBetween, leadTimeStart, parseInstant, toAmsterdamDate } from "../calendar";
import { regimeVan } from "./looptijd";
import type { AfloopReden, ContractDetails, ContractStatus, DringendeReden, VerlengingHoe } from "./types";

/**
 * The looptijd of one contract as a timeline: every term of its scheme (initial term and extensions), the
 * verlengingsronde before each term end that has a next term, the handhaving and the (planned) end the
 * contract recorded, today, and the last possible end date. Pure: the clock comes in as `now`.
 * Dates are inclusive Amsterdam dates ("YYYY-MM-DD"); the entries are ordered by date.
 */

/** Where an entry stands relative to today; "vervalt": it will not (or did not) happen, the contract ends earlier. */
export type TijdlijnStatus = "voorbij" | "lopend" | "komend" | "vervalt";

/** What the timeline reads from the contract (its state or the contract view). */
export type TijdlijnContract = { status: ContractStatus } & Pick<
  ContractDetails,
  | "contractId"
  | "termijnen"
  | "aanloopMaanden"
  | "gesignaleerd"
  | "verlengingen"
  | "verlengingsbesluit"
  | "einde"
  | "afgelopen"
  | "clientenstop"
  | "ingebrekestelling"
  | "ontbonden"
  | "beeindigd"
>;

export type RondeUitkomstTijdlijn =
  | { soort: "verlengd"; hoe: VerlengingHoe; besluitId?: string; ingegaan: boolean }
  | { soort: "niet-verlengd"; besluitId?: string }
  | { soort: "geen-besluit" };

export type TijdlijnItem =
  | {
      soort: "termijn";
      datum: string;
      nr: number;
      start: string;
      eind: string;
      termijnSoort: "initieel" | "verlenging";
      /** The catalogue's VerlengingWijze of an extension term. */
      wijze?: string;
      /** How an extension term takes effect: tacitly or only by a besluit (regimeVan). */
      regime?: VerlengingHoe;
      /** How an extension term took effect, once it did. */
      ingegaan?: { hoe: VerlengingHoe; besluitId?: string };
      status: TijdlijnStatus;
      /** Length in whole years. */
      jaren: number;
      /** Share of the whole looptijd in percent (0-100), for a bar. */
      aandeel: number;
      /** The contract ends within this term, on this day, before the term's end. */
      eindigtOp?: string;
    }
  | {
      soort: "verlengingsronde";
      /** The day the round opens: `aanloopMaanden` before the term ends (leadTimeStart). */
      datum: string;
      termijnNr: number;
      termijnEinde: string;
      volgendeTermijnNr: number;
      regime: VerlengingHoe;
      /** What happens at the term end without a verlengingsbesluit. */
      zonderBesluit: "verlengd" | "afgelopen";
      /** "lopend": the round is open today. */
      status: TijdlijnStatus;
      gesignaleerd: boolean;
      uitkomst?: RondeUitkomstTijdlijn;
    }
  | { soort: "clientenstop"; datum: string; besluitId: string; motivering: string }
  | { soort: "ingebrekestelling"; datum: string; termijnEinde: string; besluitId: string; motivering: string; stand: "lopend" | "verstreken" | "verbeterd" }
  | { soort: "einde"; datum: string; reden: AfloopReden; gepland: boolean; besluitId?: string }
  | { soort: "ontbonden"; datum: string; besluitId: string; motivering: string }
  | { soort: "beeindigd"; datum: string; besluitId: string; grond: DringendeReden; motivering: string }
  | { soort: "vandaag"; datum: string }
  | {
      soort: "laatste-einddatum";
      datum: string;
      /** The contract ends (or ended) before the last possible end date, on this day. */
      eerderEinde?: string;
      /** The contract ran to the end of its looptijd. */
      bereikt: boolean;
    };

export type TijdlijnSoort = TijdlijnItem["soort"];

/** Order of entries on the same day: a term before its round, events, the end, then today. */
const volgorde: Record<TijdlijnSoort, number> = {
  termijn: 0,
  verlengingsronde: 1,
  clientenstop: 2,
  ingebrekestelling: 3,
  ontbonden: 4,
  beeindigd: 4,
  einde: 4,
  "laatste-einddatum": 5,
  vandaag: 6,
};

const eerste = (dates: (string | undefined)[]): string | undefined => dates.filter((d): d is string => d !== undefined).sort()[0];

/** The day the contract ends (or ended): after its end, ontbinding or beëindiging, or its planned end. */
export function eindeVan(c: TijdlijnContract): string | undefined {
  return eerste([c.afgelopen?.einddatum, c.ontbonden?.perDatum, c.beeindigd?.perDatum, c.einde?.einddatum]);
}

export function tijdlijnVan(c: TijdlijnContract, now: Date): TijdlijnItem[] {
  const vandaag = toAmsterdamDate(now);
  const einde = eindeVan(c);
  const dagen = (start: string, eind: string) => daysBetween(start, eind) + 1;
  const totaal = c.termijnen.reduce((n, t) => n + dagen(t.start, t.eind), 0);
  const items: TijdlijnItem[] = [];

  for (const t of c.termijnen) {
    const status: TijdlijnStatus =
      einde !== undefined && t.start > einde
        ? "vervalt"
        : t.start > vandaag
          ? "komend"
          : c.status !== "actief" || (eerste([t.eind, einde]) ?? t.eind) < vandaag
            ? "voorbij"
            : "lopend";
    const ingegaan = c.verlengingen.find((v) => v.termijnNr === t.nr);
    items.push({
      soort: "termijn",
      datum: t.start,
      nr: t.nr,
      start: t.start,
      eind: t.eind,
      termijnSoort: t.soort,
      ...(t.soort === "verlenging" ? { wijze: t.wijze, regime: regimeVan(c.contractId, t.wijze).regime } : {}),
      ...(ingegaan ? { ingegaan: { hoe: ingegaan.hoe, ...(ingegaan.besluitId === undefined ? {} : { besluitId: ingegaan.besluitId }) } } : {}),
      status,
      jaren: Math.round(dagen(t.start, t.eind) / 365.25),
      aandeel: totaal === 0 ? 0 : (100 * dagen(t.start, t.eind)) / totaal,
      ...(einde !== undefined && t.start <= einde && einde < t.eind ? { eindigtOp: einde } : {}),
    });
  }

  c.termijnen.forEach((t, i) => {
    const next = c.termijnen[i + 1];
    if (!next) return;
    const opent = leadTimeStart(t.eind, c.aanloopMaanden);
    const { regime } = regimeVan(c.contractId, next.wijze);
    const uitkomst = uitkomstVan(c, t.eind, next.nr);
    const status: TijdlijnStatus =
      uitkomst === undefined && einde !== undefined && einde <= t.eind ? "vervalt" : vandaag < opent ? "komend" : vandaag > t.eind ? "voorbij" : "lopend";
    items.push({
      soort: "verlengingsronde",
      datum: opent,
      termijnNr: t.nr,
      termijnEinde: t.eind,
      volgendeTermijnNr: next.nr,
      regime,
      zonderBesluit: regime === "stilzwijgend" ? "verlengd" : "afgelopen",
      status,
      gesignaleerd: c.gesignaleerd >= t.nr,
      ...(uitkomst ? { uitkomst } : {}),
    });
  });

  if (c.clientenstop) items.push({ soort: "clientenstop", datum: c.clientenstop.perDatum, besluitId: c.clientenstop.besluitId, motivering: c.clientenstop.motivering });
  if (c.ingebrekestelling) {
    const i = c.ingebrekestelling;
    items.push({ soort: "ingebrekestelling", datum: toAmsterdamDate(parseInstant(i.termijnEinde)), termijnEinde: i.termijnEinde, besluitId: i.besluitId, motivering: i.motivering, stand: i.status });
  }
  if (c.ontbonden) items.push({ soort: "ontbonden", datum: c.ontbonden.perDatum, besluitId: c.ontbonden.besluitId, motivering: c.ontbonden.motivering });
  if (c.beeindigd) items.push({ soort: "beeindigd", datum: c.beeindigd.perDatum, besluitId: c.beeindigd.besluitId, grond: c.beeindigd.grond, motivering: c.beeindigd.motivering });
  const laatste = c.termijnen[c.termijnen.length - 1];
  // Running out at the end of the last term is the last possible end date itself: one entry, not two.
  if (c.afgelopen && c.afgelopen.reden !== "looptijd-voorbij")
    items.push({ soort: "einde", datum: c.afgelopen.einddatum, reden: c.afgelopen.reden, gepland: false, ...(c.afgelopen.besluitId === undefined ? {} : { besluitId: c.afgelopen.besluitId }) });
  else if (!c.afgelopen && c.einde) items.push({ soort: "einde", datum: c.einde.einddatum, reden: c.einde.reden, gepland: true, ...(c.einde.besluitId === undefined ? {} : { besluitId: c.einde.besluitId }) });
  if (laatste)
    items.push({
      soort: "laatste-einddatum",
      datum: laatste.eind,
      ...(einde !== undefined && einde < laatste.eind ? { eerderEinde: einde } : {}),
      bereikt: c.afgelopen?.reden === "looptijd-voorbij",
    });
  items.push({ soort: "vandaag", datum: vandaag });

  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.datum.localeCompare(b.item.datum) || volgorde[a.item.soort] - volgorde[b.item.soort] || a.i - b.i)
    .map((x) => x.item);
}

/** How the round before the term ending on `termijnEinde` turned out for this contract, once known. */
function uitkomstVan(c: TijdlijnContract, termijnEinde: string, volgendeNr: number): RondeUitkomstTijdlijn | undefined {
  const ingegaan = c.verlengingen.find((v) => v.termijnNr === volgendeNr);
  if (ingegaan) return { soort: "verlengd", hoe: ingegaan.hoe, ...(ingegaan.besluitId === undefined ? {} : { besluitId: ingegaan.besluitId }), ingegaan: true };
  if (c.verlengingsbesluit?.termijnNr === volgendeNr) return { soort: "verlengd", hoe: "besluit", besluitId: c.verlengingsbesluit.besluitId, ingegaan: false };
  const eind = c.afgelopen ?? c.einde;
  if (eind?.einddatum === termijnEinde && eind.reden === "niet-verlengd") return { soort: "niet-verlengd", ...(eind.besluitId === undefined ? {} : { besluitId: eind.besluitId }) };
  if (eind?.einddatum === termijnEinde && eind.reden === "geen-verlengingsbesluit") return { soort: "geen-besluit" };
  return undefined;
}
