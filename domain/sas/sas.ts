import type { SasOpzet } from "./opzet";
import type { ConsensusScore, IndividueleScore, Rangschikking, Schaal } from "./scoring";

/**
 * The SAS part of a procedure (inkoopplan 6.5, 6.7; DESIGN 4). The aanmelding, the knock-outs with hoor
 * en wederhoor, the nota van inlichtingen and the stopzetting are the Open House's own (the procedure
 * and its inschrijvingen); this is what a SAS adds after the aanmelding closes.
 *
 *   selectie → selectiebesluit → dialoog → inschrijving → opening (four eyes) → gunning
 *   → gunningsbesluit → standstill ⇄ opgeschort (bezwaar) → definitief-besluit → gegund
 */
export type SasFase =
  | "aanmelding"
  | "selectie"
  | "selectiebesluit"
  | "dialoog"
  | "inschrijving"
  | "opening"
  | "gunning"
  | "gunningsbesluit"
  | "standstill"
  | "opgeschort"
  | "definitief-besluit"
  | "gegund";

export interface PerceelUitslag {
  perceel: string;
  rangschikking: Rangschikking[];
  /** Selectie: the candidates that go through; gunning: the winners. */
  door: string[];
  afgewezen: string[];
  grensDoorGelijkeStand: boolean;
}

/** Candidates who failed a knock-out never reach the scoring; their selectiebeslissing says why. */
export interface KnockOutAfwijzing {
  kvk: string;
  percelen: string[];
  toelichting: string;
}

export interface Voorstel {
  besluitId: string;
  toelichting: string;
  loten: Record<string, number>;
  percelen: PerceelUitslag[];
  /** Selectie only: who failed a knock-out and so was not scored. */
  knockOuts?: KnockOutAfwijzing[];
  voorgesteldOp: string;
  besluit?: { akkoord: boolean; motivering: string; at: string };
}

export interface Dialoogsessie {
  nr: number;
  kvk: string;
  datum: string;
  deelnemers: string[];
  verslag: string;
  vastgelegdDoor: string;
  at: string;
}

export interface Wijziging {
  nr: number;
  onderwerp: string;
  wijziging: string;
  at: string;
  door: string;
}

export interface OfferteAntwoord {
  perceel: string;
  criterium: string;
  antwoord: string;
  documentRef?: string;
}

export interface Offerte {
  kvk: string;
  naam: string;
  email: string;
  percelen: string[];
  ontvangenOp: string;
  ontvangstbewijsId: string;
  sha256: string;
  antwoorden: OfferteAntwoord[];
}

import type { OpeningBevestiging } from "../shared/opening";
export type { OpeningBevestiging };

export interface Bezwaar {
  nr: number;
  kvk: string;
  motivering: string;
  ingediendOp: string;
  afhandeling?: { uitkomst: BezwaarUitkomst; motivering: string; door: string; at: string };
}
export type BezwaarUitkomst = "ongegrond" | "ingetrokken" | "gegrond";

export interface Gunningssystematiek {
  besluitId?: string;
  wegingen: Record<string, number>;
  schaal: Schaal;
  vastgesteldOp: string;
}

export interface SasState {
  opzet: SasOpzet;
  fase: SasFase;
  gunningssystematiek?: Gunningssystematiek;
  scores: IndividueleScore[];
  consensus: ConsensusScore[];
  selectie?: Voorstel;
  selectieVoorstellen: Voorstel[];
  dialoog: { sessies: Dialoogsessie[]; wijzigingen: Wijziging[]; geslotenOp?: string };
  offertes: { sluitingAt?: string; ontvangen: Offerte[]; geslotenOp?: string; bevestigingen: OpeningBevestiging[]; geopendOp?: string };
  voorlopigeGunning?: Voorstel & { verzondenOp?: string; standstillEinde?: string };
  gunningsVoorstellen: Voorstel[];
  bezwaren: Bezwaar[];
  definitief?: { besluitId: string; voorgesteldOp: string; besluit?: { akkoord: boolean; motivering: string; at: string }; gegund?: Record<string, string> };
}

export type SasEvent =
  | { type: "SasSelectieGestart"; data: { at: string } }
  | { type: "SasScoreGegeven"; data: IndividueleScore }
  | { type: "SasConsensusVastgesteld"; data: ConsensusScore }
  | { type: "SasSelectieVoorgesteld"; data: Voorstel }
  | { type: "SasSelectieBesloten"; data: { besluitId: string; akkoord: boolean; motivering: string; at: string } }
  | { type: "SasGunningssystematiekVoorgesteld"; data: { besluitId: string; wegingen: Record<string, number>; schaal: Schaal; motivering: string } }
  | { type: "SasGunningssystematiekBesloten"; data: { besluitId: string; akkoord: boolean; motivering: string; at: string; wegingen: Record<string, number>; schaal: Schaal } }
  | { type: "SasDialoogsessieVastgelegd"; data: Dialoogsessie }
  | { type: "SasWijzigingGepubliceerd"; data: Wijziging }
  | { type: "SasDialoogGesloten"; data: { geslotenOp: string; sluitingAt: string } }
  | { type: "SasOfferteOntvangen"; data: Offerte }
  | { type: "SasOffertesGesloten"; data: { geslotenOp: string; aantal: number } }
  | { type: "SasOpeningBevestigd"; data: OpeningBevestiging }
  | { type: "SasOffertesGeopend"; data: { geopendOp: string; door: OpeningBevestiging[] } }
  | { type: "SasVoorlopigeGunningVoorgesteld"; data: Voorstel }
  | { type: "SasVoorlopigeGunningBesloten"; data: { besluitId: string; akkoord: boolean; motivering: string; at: string; standstillEinde?: string } }
  | { type: "SasBezwaarIngediend"; data: { nr: number; kvk: string; motivering: string; ingediendOp: string } }
  | { type: "SasBezwaarAfgehandeld"; data: { nr: number; uitkomst: BezwaarUitkomst; motivering: string; door: string; at: string } }
  | { type: "SasDefinitieveGunningVoorgesteld"; data: { besluitId: string; voorgesteldOp: string } }
  | { type: "SasDefinitieveGunningBesloten"; data: { besluitId: string; akkoord: boolean; motivering: string; at: string; gegund: Record<string, string> } };

export const SAS_EVENT_TYPES = new Set<string>([
  "SasSelectieGestart",
  "SasScoreGegeven",
  "SasConsensusVastgesteld",
  "SasSelectieVoorgesteld",
  "SasSelectieBesloten",
  "SasGunningssystematiekVoorgesteld",
  "SasGunningssystematiekBesloten",
  "SasDialoogsessieVastgelegd",
  "SasWijzigingGepubliceerd",
  "SasDialoogGesloten",
  "SasOfferteOntvangen",
  "SasOffertesGesloten",
  "SasOpeningBevestigd",
  "SasOffertesGeopend",
  "SasVoorlopigeGunningVoorgesteld",
  "SasVoorlopigeGunningBesloten",
  "SasBezwaarIngediend",
  "SasBezwaarAfgehandeld",
  "SasDefinitieveGunningVoorgesteld",
  "SasDefinitieveGunningBesloten",
]);

export const isSasEvent = (e: { type: string }): e is SasEvent => SAS_EVENT_TYPES.has(e.type);

export function initialSasState(opzet: SasOpzet): SasState {
  // Without a BOSD step (Wonen Wmo) the weights are the opzet's own, fixed before publication.
  const wegingen = Object.fromEntries(opzet.percelen.flatMap((p) => p.gunningscriteria.filter((c) => c.gewicht !== null).map((c) => [`${p.perceel}:${c.code}`, c.gewicht!])));
  return {
    opzet,
    fase: "aanmelding",
    ...(opzet.gunningssystematiekDoorBosd ? {} : { gunningssystematiek: { wegingen, schaal: opzet.instellingen.schaal, vastgesteldOp: "" } }),
    scores: [],
    consensus: [],
    selectieVoorstellen: [],
    dialoog: { sessies: [], wijzigingen: [] },
    offertes: { ontvangen: [], bevestigingen: [] },
    gunningsVoorstellen: [],
    bezwaren: [],
  };
}

const replaceScore = <T extends { ronde: string; kvk: string; perceel: string; criterium: string }>(list: T[], item: T, same: (a: T) => boolean): T[] => [...list.filter((x) => !same(x)), item];

export function evolveSas(s: SasState, e: SasEvent): SasState {
  switch (e.type) {
    case "SasSelectieGestart":
      return { ...s, fase: "selectie" };
    case "SasScoreGegeven": {
      const d = e.data;
      return { ...s, scores: replaceScore(s.scores, d, (x) => x.beoordelaar === d.beoordelaar && x.ronde === d.ronde && x.kvk === d.kvk && x.perceel === d.perceel && x.criterium === d.criterium) };
    }
    case "SasConsensusVastgesteld": {
      const d = e.data;
      return { ...s, consensus: replaceScore(s.consensus, d, (x) => x.ronde === d.ronde && x.kvk === d.kvk && x.perceel === d.perceel && x.criterium === d.criterium) };
    }
    case "SasSelectieVoorgesteld":
      return { ...s, fase: "selectiebesluit", selectie: e.data, selectieVoorstellen: [...s.selectieVoorstellen, e.data] };
    case "SasSelectieBesloten": {
      const besluit = { akkoord: e.data.akkoord, motivering: e.data.motivering, at: e.data.at };
      const voorstellen = s.selectieVoorstellen.map((v) => (v.besluitId === e.data.besluitId ? { ...v, besluit } : v));
      if (!e.data.akkoord) {
        const { selectie: _sent, ...rest } = s;
        return { ...rest, fase: "selectie", selectieVoorstellen: voorstellen };
      }
      return { ...s, fase: "dialoog", selectie: { ...s.selectie!, besluit }, selectieVoorstellen: voorstellen };
    }
    case "SasGunningssystematiekVoorgesteld":
      return s;
    case "SasGunningssystematiekBesloten":
      return e.data.akkoord ? { ...s, gunningssystematiek: { besluitId: e.data.besluitId, wegingen: e.data.wegingen, schaal: e.data.schaal, vastgesteldOp: e.data.at } } : s;
    case "SasDialoogsessieVastgelegd":
      return { ...s, dialoog: { ...s.dialoog, sessies: [...s.dialoog.sessies, e.data] } };
    case "SasWijzigingGepubliceerd":
      return { ...s, dialoog: { ...s.dialoog, wijzigingen: [...s.dialoog.wijzigingen, e.data] } };
    case "SasDialoogGesloten":
      return { ...s, fase: "inschrijving", dialoog: { ...s.dialoog, geslotenOp: e.data.geslotenOp }, offertes: { ...s.offertes, sluitingAt: e.data.sluitingAt } };
    case "SasOfferteOntvangen":
      return { ...s, offertes: { ...s.offertes, ontvangen: [...s.offertes.ontvangen, e.data] } };
    case "SasOffertesGesloten":
      return { ...s, fase: "opening", offertes: { ...s.offertes, geslotenOp: e.data.geslotenOp } };
    case "SasOpeningBevestigd":
      return { ...s, offertes: { ...s.offertes, bevestigingen: [...s.offertes.bevestigingen, e.data] } };
    case "SasOffertesGeopend":
      return { ...s, fase: "gunning", offertes: { ...s.offertes, geopendOp: e.data.geopendOp } };
    case "SasVoorlopigeGunningVoorgesteld":
      return { ...s, fase: "gunningsbesluit", voorlopigeGunning: e.data, gunningsVoorstellen: [...s.gunningsVoorstellen, e.data] };
    case "SasVoorlopigeGunningBesloten": {
      const besluit = { akkoord: e.data.akkoord, motivering: e.data.motivering, at: e.data.at };
      const voorstellen = s.gunningsVoorstellen.map((v) => (v.besluitId === e.data.besluitId ? { ...v, besluit } : v));
      if (!e.data.akkoord) {
        const { voorlopigeGunning: _sent, ...rest } = s;
        return { ...rest, fase: "gunning", gunningsVoorstellen: voorstellen };
      }
      return {
        ...s,
        fase: "standstill",
        gunningsVoorstellen: voorstellen,
        voorlopigeGunning: { ...s.voorlopigeGunning!, besluit, verzondenOp: e.data.at, ...(e.data.standstillEinde ? { standstillEinde: e.data.standstillEinde } : {}) },
      };
    }
    case "SasBezwaarIngediend":
      return { ...s, fase: "opgeschort", bezwaren: [...s.bezwaren, e.data] };
    case "SasBezwaarAfgehandeld": {
      const { nr, ...afhandeling } = e.data;
      const bezwaren = s.bezwaren.map((b) => (b.nr === nr ? { ...b, afhandeling } : b));
      if (bezwaren.some((b) => !b.afhandeling)) return { ...s, bezwaren };
      // A bezwaar upheld sends the gunning back to scoring: the voorlopige gunning no longer stands.
      const sinds = s.voorlopigeGunning?.verzondenOp ?? "";
      if (bezwaren.some((b) => b.afhandeling?.uitkomst === "gegrond" && b.ingediendOp >= sinds)) {
        const { voorlopigeGunning: _void, ...rest } = s;
        return { ...rest, fase: "gunning", bezwaren };
      }
      return { ...s, fase: "standstill", bezwaren };
    }
    case "SasDefinitieveGunningVoorgesteld":
      return { ...s, fase: "definitief-besluit", definitief: { besluitId: e.data.besluitId, voorgesteldOp: e.data.voorgesteldOp } };
    case "SasDefinitieveGunningBesloten": {
      const besluit = { akkoord: e.data.akkoord, motivering: e.data.motivering, at: e.data.at };
      if (!e.data.akkoord) return { ...s, fase: "standstill", definitief: { ...s.definitief!, besluit } };
      return { ...s, fase: "gegund", definitief: { ...s.definitief!, besluit, gegund: e.data.gegund } };
    }
    default: {
      const _exhaustive: never = e;
      return s;
    }
  }
}

/** Open bezwaren block the definitive gunning. */
export const openBezwaren = (s: SasState): Bezwaar[] => s.bezwaren.filter((b) => !b.afhandeling);

/** The weight of a gunningscriterium in a perceel, once known. */
export const gunningsGewicht = (s: SasState, perceel: string, criterium: string): number | undefined => s.gunningssystematiek?.wegingen[`${perceel}:${criterium}`];
