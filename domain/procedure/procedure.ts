// `iso.date`, not `z.iso.date`: in the workflow bundle webpack resolves the latter to z.date (a Date object).
import { iso, z } from "zod";
import type { StoredDocument } from "../documents/types";
import type { Uitkomst } from "../inschrijving/entity";
import type { ProductPlaatsen } from "../inschrijving/inschrijving";
import type { Recorded } from "../shared/audit";
import { OpeningDoorSchema, type OpeningBevestiging } from "../shared/opening";
import { SasInputSchema, type SasOpzet } from "../sas/opzet";
import { evolveSas, initialSasState, isSasEvent, type SasEvent, type SasState } from "../sas/sas";
import type { Schaal } from "../sas/scoring";

export const OPEN_HOUSE_TYPES = ["open-house-zonder-toetreding", "open-house-met-toetreding"] as const;
export type OpenHouseType = (typeof OPEN_HOUSE_TYPES)[number];
/** The procedure types this entity runs: the Open House and the SAS (selectie, dialoog, gunning). */
export type ProcedureKind = OpenHouseType | "sas";

const instant = (veld: string) =>
  z.iso.datetime({ offset: true, error: `${veld} moet een tijdstip zijn zoals 2026-03-01T12:00:00+01:00` });

/** Settings a region chooses per procedure; the seeds give none of these values (SEEDFACTS 3). */
export const InstellingenSchema = z.object({
  aantalBeoordelaarsPerCriterium: z.number().int().min(1).max(2).default(1),
  hoorEnWederhoorTermijnWerkdagen: z.number().int().min(1).max(60).default(10),
  herstelTermijnWerkdagen: z.number().int().min(1).max(30).default(5),
  /** The first day of the contracts; by default the first of the month after the gunning. */
  contractIngangsdatum: iso.date({ error: "contractIngangsdatum moet een datum zijn zoals 2027-01-01" }).optional(),
  /** Who open the sealed inschrijvingen after the closing instant, four eyes (issue 13); absent: two inkopers. */
  openingDoor: OpeningDoorSchema.optional(),
});
export type Instellingen = z.infer<typeof InstellingenSchema>;

export const ProcedureInputSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/, { error: "id mag alleen letters, cijfers en streepjes bevatten (3-64 tekens)" })
    .optional(),
  contractId: z.string({ error: "contractId ontbreekt" }).min(1, { error: "contractId ontbreekt" }),
  titel: z.string({ error: "titel ontbreekt" }).trim().min(3, { error: "titel is te kort" }).max(200),
  publicatieAt: instant("publicatieAt"),
  sluitingAt: instant("sluitingAt"),
  /** Last instant for questions for the nota van inlichtingen; by default the closing instant. */
  vragenTot: instant("vragenTot").optional(),
  producten: z.array(z.string().min(1)).min(1, { error: "kies minstens één product" }).optional(),
  instellingen: InstellingenSchema.partial().optional(),
  /** SAS only: per perceel the selectie- and gunningscriteria and how many candidates go through. */
  sas: SasInputSchema.optional(),
});
export type ProcedureInput = z.infer<typeof ProcedureInputSchema>;

export interface Arrival {
  volgnummer: number;
  ronde: number;
  inschrijvingId: string;
  kvk: string;
  naam: string;
  email: string;
  ontvangenOp: string;
  ontvangstbewijsId: string;
  sha256: string;
  producten: string[];
  /** SAS: the percelen the aanmelding is for. */
  percelen?: string[];
  /** A contract entered per plaats (Hulp bij huishouden, 6.10.1): per product the plaatsen entered for. */
  plaatsen?: ProductPlaatsen[];
  /** The version that counts (issue 13): a new version before closing replaces the earlier one. Absent: 1. */
  versie?: number;
  /** The earlier versions, each with its own receipt; withdrawn ones say when. */
  vorigeVersies?: { versie: number; ontvangenOp: string; ontvangstbewijsId: string; sha256: string; producten: string[]; ingetrokkenOp?: string }[];
  /** Withdrawn before closing: it does not count, and is listed apart in the proces-verbaal. */
  ingetrokkenOp?: string;
  intrekkingToelichting?: string;
}

export interface ProcesVerbaal {
  procedureId: string;
  titel: string;
  contract: { id: string; naam: string; sectie: string };
  ronde: number;
  publicatieAt: string;
  sluitingAt: string;
  opgemaaktOp: string;
  aantal: number;
  inschrijvingen: Arrival[];
  /** Withdrawn before closing (issue 13): listed, not counted. */
  ingetrokken?: Arrival[];
  verklaring: string;
  /** The opening with four eyes: when, and the two who confirmed it (absent for a round opened at its closing). */
  geopend?: { op: string; door: OpeningBevestiging[] };
}

export type RondeSoort = "initieel" | "heropening" | "toetreding";
export type HeropeningReden = "nieuw-product" | "capaciteitstekort";

export interface Voorstel {
  besluitId: string;
  toelichting: string;
  status: "voorgelegd" | "akkoord" | "teruggestuurd";
  motivering?: string;
  at: string;
}

export interface Ronde {
  nr: number;
  soort: RondeSoort;
  producten: string[];
  publicatieAt: string;
  sluitingAt: string;
  status: "open" | "gesloten" | "gegund";
  procesVerbaal?: ProcesVerbaal;
  uitkomsten: Record<string, Uitkomst>;
  voorstellen: Voorstel[];
  heropening?: { reden: HeropeningReden; motivering: string; besluitId: string };
  /** A heropening for some plaatsen only (capaciteitstekort on a contract entered per plaats); absent: every plaats. */
  plaatsen?: string[];
  gegundOp?: string;
  /**
   * A round closed for opening with four eyes: the confirmations so far, and the instant it was opened.
   * Absent for a round opened at its closing (before issue 13, and a toetreding).
   */
  opening?: { bevestigingen: OpeningBevestiging[]; geopendOp?: string };
}

export interface Vraag {
  nr: number;
  kvk: string;
  vraag: string;
  gesteldOp: string;
  antwoord?: string;
  beantwoordOp?: string;
  beantwoordDoor?: string;
  nota?: number;
}

export type LopendBesluit =
  | { soort: "gunning"; besluitId: string; ronde: number }
  | { soort: "heropening"; besluitId: string; reden: HeropeningReden; producten: string[]; plaatsen?: string[]; motivering: string; publicatieAt: string; sluitingAt: string }
  | { soort: "stopzetting"; besluitId: string; motivering: string }
  | { soort: "sas-selectie"; besluitId: string }
  | { soort: "sas-gunningssystematiek"; besluitId: string; wegingen: Record<string, number>; schaal: Schaal }
  | { soort: "sas-voorlopige-gunning"; besluitId: string }
  | { soort: "sas-definitieve-gunning"; besluitId: string };

export type DocumentDoel = "proces-verbaal" | "nota-van-inlichtingen" | "besluitvoorstel" | "nota-van-wijzigingen" | "proces-verbaal-opening";

export type ProcedureEvent =
  | {
      type: "ProcedureCreated";
      data: {
        procedureId: string;
        contractId: string;
        procedureType: ProcedureKind;
        titel: string;
        publicatieAt: string;
        sluitingAt: string;
        vragenTot: string;
        producten: string[];
        instellingen: Instellingen;
        sas?: SasOpzet;
      };
    }
  | { type: "ProcedurePublished"; data: { gepubliceerdOp: string } }
  | { type: "RondeGeopend"; data: { nr: number; soort: RondeSoort; producten: string[]; plaatsen?: string[]; publicatieAt: string; sluitingAt: string } }
  | { type: "InschrijvingReceived"; data: Arrival }
  | { type: "InschrijvingVervangen"; data: Arrival & { versie: number } }
  | { type: "InschrijvingIngetrokken"; data: { kvk: string; ronde: number; inschrijvingId: string; versie: number; ingetrokkenOp: string; toelichting?: string } }
  | { type: "ProcedureClosed"; data: { geslotenOp: string; ronde: number; procesVerbaal: ProcesVerbaal; vierOgen?: boolean } }
  | { type: "OpeningBevestigd"; data: { ronde: number; bevestiging: OpeningBevestiging } }
  | { type: "InschrijvingenGeopend"; data: { ronde: number; geopendOp: string; procesVerbaal: ProcesVerbaal } }
  | { type: "VraagGesteld"; data: { nr: number; kvk: string; vraag: string; gesteldOp: string } }
  | { type: "VraagBeantwoord"; data: { nr: number; antwoord: string; beantwoordOp: string; beantwoordDoor: string } }
  | { type: "NotaVanInlichtingenGepubliceerd"; data: { nummer: number; vragen: number[]; datum: string } }
  | { type: "DocumentToegevoegd"; data: { document: StoredDocument; doel: DocumentDoel; ronde?: number; nummer?: number } }
  | { type: "UitkomstOntvangen"; data: { ronde: number; kvk: string; uitkomst: Uitkomst } }
  | { type: "GunningVoorgesteld"; data: { ronde: number; besluitId: string; toelichting: string } }
  | { type: "GunningBesloten"; data: { ronde: number; besluitId: string; akkoord: boolean; motivering: string; at: string } }
  | { type: "HeropeningVoorgesteld"; data: Extract<LopendBesluit, { soort: "heropening" }> }
  | { type: "HeropeningBesloten"; data: { besluitId: string; akkoord: boolean; motivering: string } }
  | { type: "StopzettingVoorgesteld"; data: { besluitId: string; motivering: string } }
  | { type: "StopzettingBesloten"; data: { besluitId: string; akkoord: boolean; motivering: string; at: string } }
  | SasEvent;

export type ProcedureStatus = "concept" | "gepubliceerd" | "gesloten" | "besluitvorming" | "gegund" | "gestopt";

export interface ProcedureDetails {
  procedureId: string;
  contractId: string;
  procedureType: ProcedureKind;
  titel: string;
  /** Publication and closing of the first round; later rounds keep their own in `rondes`. */
  publicatieAt: string;
  sluitingAt: string;
  vragenTot: string;
  producten: string[];
  instellingen: Instellingen;
  inschrijvingen: Arrival[];
  rondes: Ronde[];
  vragen: Vraag[];
  notas: { nummer: number; vragen: number[]; datum: string }[];
  documenten: { document: StoredDocument; doel: DocumentDoel; ronde?: number; nummer?: number }[];
  lopendBesluit?: LopendBesluit;
  gepubliceerdOp?: string;
  geslotenOp?: string;
  procesVerbaal?: ProcesVerbaal;
  gestopt?: { besluitId: string; motivering: string; at: string };
  /** SAS only: everything after the aanmelding (domain/sas). */
  sas?: SasState;
}

export type ProcedureState = { status: "leeg" } | ({ status: ProcedureStatus } & ProcedureDetails);

export const initialProcedureState: ProcedureState = { status: "leeg" };

export type RecordedProcedureEvent = Recorded<ProcedureEvent>;

export const currentRonde = (s: ProcedureDetails): Ronde | undefined => s.rondes[s.rondes.length - 1];

/** The procedure's status follows its latest round, unless it was stopped or is still a concept. */
function statusOf(s: ProcedureDetails, fallback: ProcedureStatus): ProcedureStatus {
  if (s.gestopt) return "gestopt";
  if (s.sas && s.sas.fase !== "aanmelding") return s.sas.fase === "gegund" ? "gegund" : s.lopendBesluit ? "besluitvorming" : "gesloten";
  const ronde = currentRonde(s);
  if (!ronde) return fallback;
  if (ronde.status === "open") return "gepubliceerd";
  if (ronde.status === "gegund") return s.rondes.some((r) => r.status === "gesloten") ? (s.lopendBesluit?.soort === "gunning" ? "besluitvorming" : "gesloten") : "gegund";
  if (s.lopendBesluit?.soort === "gunning") return "besluitvorming";
  // With toetreding an earlier round may still wait for its gunning while the latest is done.
  return "gesloten";
}

function updateRonde(s: ProcedureDetails, nr: number, f: (r: Ronde) => Ronde): Ronde[] {
  return s.rondes.map((r) => (r.nr === nr ? f(r) : r));
}

export function evolve(state: ProcedureState, event: ProcedureEvent): ProcedureState {
  if (event.type === "ProcedureCreated") {
    const { sas, ...data } = event.data;
    return { status: "concept", ...data, inschrijvingen: [], rondes: [], vragen: [], notas: [], documenten: [], ...(sas ? { sas: initialSasState(sas) } : {}) };
  }
  if (state.status === "leeg") return state;
  if (isSasEvent(event)) {
    if (!state.sas) return state;
    const next = { ...state, sas: evolveSas(state.sas, event), lopendBesluit: lopendNaSas(state.lopendBesluit, event) };
    if (!next.lopendBesluit) delete next.lopendBesluit;
    return { ...next, status: statusOf(next, next.status) };
  }
  const next = apply(state, event);
  return { ...next, status: statusOf(next, next.status) };
}

/** The SAS's proposals wait for their authority in the procedure's one slot for a lopend besluit. */
function lopendNaSas(lopend: LopendBesluit | undefined, e: SasEvent): LopendBesluit | undefined {
  switch (e.type) {
    case "SasSelectieVoorgesteld":
      return { soort: "sas-selectie", besluitId: e.data.besluitId };
    case "SasGunningssystematiekVoorgesteld":
      return { soort: "sas-gunningssystematiek", besluitId: e.data.besluitId, wegingen: e.data.wegingen, schaal: e.data.schaal };
    case "SasVoorlopigeGunningVoorgesteld":
      return { soort: "sas-voorlopige-gunning", besluitId: e.data.besluitId };
    case "SasDefinitieveGunningVoorgesteld":
      return { soort: "sas-definitieve-gunning", besluitId: e.data.besluitId };
    case "SasSelectieBesloten":
    case "SasGunningssystematiekBesloten":
    case "SasVoorlopigeGunningBesloten":
    case "SasDefinitieveGunningBesloten":
      return lopend?.besluitId === e.data.besluitId ? undefined : lopend;
    default:
      return lopend;
  }
}

function apply(state: Exclude<ProcedureState, { status: "leeg" }>, event: Exclude<ProcedureEvent, { type: "ProcedureCreated" } | SasEvent>): Exclude<ProcedureState, { status: "leeg" }> {
  switch (event.type) {
    case "ProcedurePublished":
      return { ...state, gepubliceerdOp: event.data.gepubliceerdOp };
    case "RondeGeopend":
      return { ...state, rondes: [...state.rondes, { ...event.data, status: "open", uitkomsten: {}, voorstellen: [] }] };
    case "InschrijvingReceived":
      return { ...state, inschrijvingen: [...state.inschrijvingen, event.data] };
    case "InschrijvingVervangen":
      return {
        ...state,
        inschrijvingen: state.inschrijvingen.map((a) => {
          if (a.inschrijvingId !== event.data.inschrijvingId) return a;
          const vorige = { versie: a.versie ?? 1, ontvangenOp: a.ontvangenOp, ontvangstbewijsId: a.ontvangstbewijsId, sha256: a.sha256, producten: a.producten, ...(a.ingetrokkenOp ? { ingetrokkenOp: a.ingetrokkenOp } : {}) };
          return { ...event.data, vorigeVersies: [...(a.vorigeVersies ?? []), vorige] };
        }),
      };
    case "InschrijvingIngetrokken":
      return {
        ...state,
        inschrijvingen: state.inschrijvingen.map((a) =>
          a.inschrijvingId === event.data.inschrijvingId ? { ...a, ingetrokkenOp: event.data.ingetrokkenOp, ...(event.data.toelichting ? { intrekkingToelichting: event.data.toelichting } : {}) } : a,
        ),
      };
    case "ProcedureClosed": {
      const first = event.data.ronde === 1;
      // Closed to entries, still sealed: the proces-verbaal follows at the opening.
      if (event.data.vierOgen)
        return {
          ...state,
          ...(first ? { geslotenOp: event.data.geslotenOp } : {}),
          rondes: updateRonde(state, event.data.ronde, (r) => ({ ...r, status: "gesloten", opening: { bevestigingen: [] } })),
        };
      return {
        ...state,
        ...(first ? { geslotenOp: event.data.geslotenOp, procesVerbaal: event.data.procesVerbaal } : {}),
        rondes: updateRonde(state, event.data.ronde, (r) => ({ ...r, status: "gesloten", procesVerbaal: event.data.procesVerbaal })),
      };
    }
    case "OpeningBevestigd":
      return { ...state, rondes: updateRonde(state, event.data.ronde, (r) => ({ ...r, opening: { bevestigingen: [...(r.opening?.bevestigingen ?? []), event.data.bevestiging] } })) };
    case "InschrijvingenGeopend":
      return {
        ...state,
        ...(event.data.ronde === 1 ? { procesVerbaal: event.data.procesVerbaal } : {}),
        rondes: updateRonde(state, event.data.ronde, (r) => ({ ...r, procesVerbaal: event.data.procesVerbaal, opening: { bevestigingen: r.opening?.bevestigingen ?? [], geopendOp: event.data.geopendOp } })),
      };
    case "VraagGesteld":
      return { ...state, vragen: [...state.vragen, event.data] };
    case "VraagBeantwoord":
      return { ...state, vragen: state.vragen.map((v) => (v.nr === event.data.nr ? { ...v, ...event.data } : v)) };
    case "NotaVanInlichtingenGepubliceerd":
      return {
        ...state,
        notas: [...state.notas, event.data],
        vragen: state.vragen.map((v) => (event.data.vragen.includes(v.nr) ? { ...v, nota: event.data.nummer } : v)),
      };
    case "DocumentToegevoegd":
      return { ...state, documenten: [...state.documenten, event.data] };
    case "UitkomstOntvangen":
      return { ...state, rondes: updateRonde(state, event.data.ronde, (r) => ({ ...r, uitkomsten: { ...r.uitkomsten, [event.data.kvk]: event.data.uitkomst } })) };
    case "GunningVoorgesteld":
      return {
        ...state,
        lopendBesluit: { soort: "gunning", besluitId: event.data.besluitId, ronde: event.data.ronde },
        rondes: updateRonde(state, event.data.ronde, (r) => ({
          ...r,
          voorstellen: [...r.voorstellen, { besluitId: event.data.besluitId, toelichting: event.data.toelichting, status: "voorgelegd", at: "" }],
        })),
      };
    case "GunningBesloten": {
      const d = event.data;
      const { lopendBesluit: _done, ...rest } = state;
      return {
        ...rest,
        rondes: updateRonde(state, d.ronde, (r) => ({
          ...r,
          status: d.akkoord ? "gegund" : r.status,
          ...(d.akkoord ? { gegundOp: d.at } : {}),
          voorstellen: r.voorstellen.map((v) => (v.besluitId === d.besluitId ? { ...v, status: d.akkoord ? "akkoord" : "teruggestuurd", motivering: d.motivering, at: d.at } : v)),
        })),
      };
    }
    case "HeropeningVoorgesteld":
      return { ...state, lopendBesluit: event.data };
    case "HeropeningBesloten": {
      const { lopendBesluit: _done, ...rest } = state;
      return rest as typeof state;
    }
    case "StopzettingVoorgesteld":
      return { ...state, lopendBesluit: { soort: "stopzetting", ...event.data } };
    case "StopzettingBesloten": {
      const { lopendBesluit: _done, ...rest } = state;
      return event.data.akkoord ? { ...rest, gestopt: { besluitId: event.data.besluitId, motivering: event.data.motivering, at: event.data.at } } : (rest as typeof state);
    }
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

export const fold = (events: readonly ProcedureEvent[], from: ProcedureState = initialProcedureState): ProcedureState =>
  events.reduce(evolve, from);

/** Whether a round's inschrijvingen are still sealed: before its closing instant, and after it until the opening. */
export function rondeVerzegeld(r: Pick<Ronde, "sluitingAt" | "opening">, now: Date): boolean {
  return now < new Date(r.sluitingAt) || (r.opening !== undefined && r.opening.geopendOp === undefined);
}
