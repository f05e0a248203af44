import type { StoredDocument } from "../documents/types";
import type { Recorded } from "../shared/audit";
import type { InschrijvingInput, Ontvangstbewijs } from "./inschrijving";

/**
 * The inschrijving as an entity of its own, keyed `<procedureId>/<kvk>` (later rounds add `/r<n>`),
 * so its content can stay sealed and its beoordeling has its own log.
 *
 * Lifecycle: ingediend → (closing) volledigheidstoets → [herstel] → beoordeling (fase 1)
 * → [hoor-en-wederhoor → herbeoordeling (fase 2)] → afgerond with an uitkomst.
 */
export type Oordeel = "voldoet" | "voldoet-niet";
export type Fase = 1 | 2;

export interface Beoordeling {
  item: string;
  oordeel: Oordeel;
  motivering: string;
  beoordelaar: string;
  fase: Fase;
  at: string;
  automatisch?: boolean;
}

export interface Beslechting {
  item: string;
  oordeel: Oordeel;
  motivering: string;
  door: string;
  fase: Fase;
  at: string;
}

export interface Tekortkoming {
  item: string;
  criterium: string;
  productId?: string;
  motivering: string;
}

export interface Uitkomst {
  soort: "toegelaten" | "afgewezen" | "uitgesloten";
  toegelatenProducten: string[];
  nietToegelaten: { productId: string; redenen: Tekortkoming[] }[];
  /** Failures of criteria that concern the whole organisation; any one of them rejects the inschrijving. */
  redenen: Tekortkoming[];
  naHoorEnWederhoor: boolean;
  toelichting: string;
}

export interface HoorEnWederhoor {
  tekortkomingen: Tekortkoming[];
  termijnEinde: string;
  gestartOp: string;
  reacties: { toelichting: string; documenten: string[]; at: string }[];
  verstreken: boolean;
}

export interface Herstel {
  ontbrekend: string[];
  termijnEinde: string;
  aanvullingen: { item: string; documentRef: string; toelichting?: string; at: string }[];
}

export type InschrijvingEvent =
  | {
      type: "InschrijvingSubmitted";
      data: { ontvangstbewijs: Ontvangstbewijs; naam: string; email: string; contractId: string; sluitingAt: string; ronde: number; inhoud: InschrijvingInput };
    }
  | { type: "VolledigheidstoetsStarted"; data: { signalen: string[]; automatischeOordelen: Beoordeling[]; aantalBeoordelaars: number } }
  | { type: "VolledigVerklaard"; data: { motivering: string } }
  | { type: "HerstelRequested"; data: { ontbrekend: string[]; termijnEinde: string } }
  | { type: "HerstelSupplied"; data: { aanvullingen: Herstel["aanvullingen"] } }
  | { type: "HerstelTermijnVerstreken"; data: { volledig: boolean } }
  | { type: "CriteriumBeoordeeld"; data: Beoordeling }
  | { type: "OordeelBeslecht"; data: Beslechting }
  | { type: "HoorEnWederhoorStarted"; data: { tekortkomingen: Tekortkoming[]; termijnEinde: string; gestartOp: string } }
  | { type: "HoorEnWederhoorReplied"; data: { toelichting: string; documenten: string[]; at: string } }
  | { type: "HoorEnWederhoorTermijnVerstreken"; data: { gereageerd: boolean } }
  | { type: "BeoordelingAfgerond"; data: { uitkomst: Uitkomst } }
  | { type: "DocumentToegevoegd"; data: { document: StoredDocument; doel: "hoorbrief" } }
  /** Before closing: a new version replaces the content (its own receipt), or the inschrijving is withdrawn. */
  | { type: "InschrijvingVervangen"; data: { ontvangstbewijs: Ontvangstbewijs; inhoud: InschrijvingInput } }
  | { type: "InschrijvingIngetrokken"; data: { ingetrokkenOp: string; toelichting?: string } };

export type InschrijvingStatus = "ingediend" | "ingetrokken" | "volledigheidstoets" | "herstel" | "beoordeling" | "hoor-en-wederhoor" | "herbeoordeling" | "afgerond";

export interface InschrijvingDetails {
  procedureId: string;
  kvk: string;
  naam: string;
  email: string;
  contractId: string;
  sluitingAt: string;
  ronde: number;
  ontvangstbewijs: Ontvangstbewijs;
  inhoud: InschrijvingInput;
  /** The receipts of earlier versions; only the current one (`ontvangstbewijs`, `inhoud`) counts. */
  vorigeVersies?: Ontvangstbewijs[];
  ingetrokken?: { op: string; toelichting?: string };
  aantalBeoordelaars: number;
  signalen: string[];
  herstel?: Herstel;
  beoordelingen: Beoordeling[];
  beslechtingen: Beslechting[];
  hoorEnWederhoor?: HoorEnWederhoor;
  uitkomst?: Uitkomst;
  documenten: StoredDocument[];
}

export type InschrijvingState = { status: "leeg" } | ({ status: InschrijvingStatus } & InschrijvingDetails);

export const initialInschrijvingState: InschrijvingState = { status: "leeg" };

export function evolveInschrijving(state: InschrijvingState, event: InschrijvingEvent): InschrijvingState {
  if (event.type === "InschrijvingSubmitted") {
    const d = event.data;
    return {
      status: "ingediend",
      procedureId: d.ontvangstbewijs.procedureId,
      kvk: d.ontvangstbewijs.kvk,
      naam: d.naam,
      email: d.email,
      contractId: d.contractId,
      sluitingAt: d.sluitingAt,
      ronde: d.ronde,
      ontvangstbewijs: d.ontvangstbewijs,
      inhoud: d.inhoud,
      aantalBeoordelaars: 1,
      signalen: [],
      beoordelingen: [],
      beslechtingen: [],
      documenten: [],
    };
  }
  if (state.status === "leeg") return state;
  switch (event.type) {
    case "InschrijvingVervangen": {
      const { ingetrokken: _weg, ...rest } = state;
      return { ...rest, status: "ingediend", ontvangstbewijs: event.data.ontvangstbewijs, inhoud: event.data.inhoud, vorigeVersies: [...(state.vorigeVersies ?? []), state.ontvangstbewijs] };
    }
    case "InschrijvingIngetrokken":
      return { ...state, status: "ingetrokken", ingetrokken: { op: event.data.ingetrokkenOp, ...(event.data.toelichting ? { toelichting: event.data.toelichting } : {}) } };
    case "VolledigheidstoetsStarted":
      return {
        ...state,
        status: event.data.signalen.length === 0 ? "beoordeling" : "volledigheidstoets",
        signalen: event.data.signalen,
        aantalBeoordelaars: event.data.aantalBeoordelaars,
        beoordelingen: [...state.beoordelingen, ...event.data.automatischeOordelen],
      };
    case "VolledigVerklaard":
      return { ...state, status: "beoordeling" };
    case "HerstelRequested":
      return { ...state, status: "herstel", herstel: { ...event.data, aanvullingen: [] } };
    case "HerstelSupplied":
      return state.herstel ? { ...state, herstel: { ...state.herstel, aanvullingen: [...state.herstel.aanvullingen, ...event.data.aanvullingen] } } : state;
    case "HerstelTermijnVerstreken":
      return event.data.volledig ? { ...state, status: "beoordeling" } : state;
    case "CriteriumBeoordeeld":
      return { ...state, beoordelingen: [...state.beoordelingen, event.data] };
    case "OordeelBeslecht":
      return { ...state, beslechtingen: [...state.beslechtingen, event.data] };
    case "HoorEnWederhoorStarted":
      return { ...state, status: "hoor-en-wederhoor", hoorEnWederhoor: { ...event.data, reacties: [], verstreken: false } };
    case "HoorEnWederhoorReplied":
      return state.hoorEnWederhoor ? { ...state, hoorEnWederhoor: { ...state.hoorEnWederhoor, reacties: [...state.hoorEnWederhoor.reacties, event.data] } } : state;
    case "HoorEnWederhoorTermijnVerstreken":
      return state.hoorEnWederhoor
        ? { ...state, status: event.data.gereageerd ? "herbeoordeling" : state.status, hoorEnWederhoor: { ...state.hoorEnWederhoor, verstreken: true } }
        : state;
    case "BeoordelingAfgerond":
      return { ...state, status: "afgerond", uitkomst: event.data.uitkomst };
    case "DocumentToegevoegd":
      return { ...state, documenten: [...state.documenten, event.data.document] };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

export type RecordedInschrijvingEvent = Recorded<InschrijvingEvent>;
