import { z } from "zod";
import type { Recorded } from "../shared/audit";

export const OPEN_HOUSE_TYPES = ["open-house-zonder-toetreding", "open-house-met-toetreding"] as const;
export type OpenHouseType = (typeof OPEN_HOUSE_TYPES)[number];

const instant = (veld: string) =>
  z.iso.datetime({ offset: true, error: `${veld} moet een tijdstip zijn zoals 2026-03-01T12:00:00+01:00` });

/** Settings a region chooses per procedure; the seeds give none of these values (SEEDFACTS 3). */
export const InstellingenSchema = z.object({
  aantalBeoordelaarsPerCriterium: z.number().int().min(1).max(2).default(1),
  hoorEnWederhoorTermijnWerkdagen: z.number().int().min(1).max(60).default(10),
  herstelTermijnWerkdagen: z.number().int().min(1).max(30).default(5),
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
  producten: z.array(z.string().min(1)).min(1, { error: "kies minstens één product" }).optional(),
  instellingen: InstellingenSchema.partial().optional(),
});
export type ProcedureInput = z.infer<typeof ProcedureInputSchema>;

export interface Arrival {
  volgnummer: number;
  kvk: string;
  naam: string;
  ontvangenOp: string;
  ontvangstbewijsId: string;
  sha256: string;
  producten: string[];
}

export interface ProcesVerbaal {
  procedureId: string;
  titel: string;
  contract: { id: string; naam: string; sectie: string };
  publicatieAt: string;
  sluitingAt: string;
  opgemaaktOp: string;
  aantal: number;
  inschrijvingen: Arrival[];
  verklaring: string;
}

export type ProcedureEvent =
  | {
      type: "ProcedureCreated";
      data: {
        procedureId: string;
        contractId: string;
        procedureType: OpenHouseType;
        titel: string;
        publicatieAt: string;
        sluitingAt: string;
        producten: string[];
        instellingen: Instellingen;
      };
    }
  | { type: "ProcedurePublished"; data: { gepubliceerdOp: string } }
  | { type: "InschrijvingReceived"; data: Arrival }
  | { type: "ProcedureClosed"; data: { geslotenOp: string; procesVerbaal: ProcesVerbaal } };

export type ProcedureStatus = "concept" | "gepubliceerd" | "gesloten";

export interface ProcedureDetails {
  procedureId: string;
  contractId: string;
  procedureType: OpenHouseType;
  titel: string;
  publicatieAt: string;
  sluitingAt: string;
  producten: string[];
  instellingen: Instellingen;
  inschrijvingen: Arrival[];
  gepubliceerdOp?: string;
  geslotenOp?: string;
  procesVerbaal?: ProcesVerbaal;
}

export type ProcedureState = { status: "leeg" } | ({ status: ProcedureStatus } & ProcedureDetails);

export const initialProcedureState: ProcedureState = { status: "leeg" };

export type RecordedProcedureEvent = Recorded<ProcedureEvent>;

export function evolve(state: ProcedureState, event: ProcedureEvent): ProcedureState {
  switch (event.type) {
    case "ProcedureCreated":
      return { status: "concept", ...event.data, inschrijvingen: [] };
    case "ProcedurePublished":
      return state.status === "leeg" ? state : { ...state, status: "gepubliceerd", gepubliceerdOp: event.data.gepubliceerdOp };
    case "InschrijvingReceived":
      return state.status === "leeg" ? state : { ...state, inschrijvingen: [...state.inschrijvingen, event.data] };
    case "ProcedureClosed":
      return state.status === "leeg"
        ? state
        : { ...state, status: "gesloten", geslotenOp: event.data.geslotenOp, procesVerbaal: event.data.procesVerbaal };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

export const fold = (events: readonly ProcedureEvent[], from: ProcedureState = initialProcedureState): ProcedureState =>
  events.reduce(evolve, from);
