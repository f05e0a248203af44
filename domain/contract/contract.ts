import { findContract, type Looptijd } from "../catalogue";
import { addDays, termDates, toAmsterdamDate } from "../calendar";
import type { Actor } from "../shared/actor";
import type { Recorded } from "../shared/audit";
import { refuse, type Refusal } from "../shared/refusal";

/**
 * A contract of one aanbieder under one catalogue contract, keyed `<contractId>/<kvk>`. It knows its
 * terms from the catalogue's looptijd scheme; the lifecycle through every verlenging is a later issue.
 */
export interface Termijn {
  nr: number;
  start: string;
  eind: string;
  soort: "initieel" | "verlenging";
  wijze?: string;
}

export type ContractEvent =
  | {
      type: "ContractGestart";
      data: { contractId: string; kvk: string; naam: string; procedureId: string; besluitId: string; producten: string[]; ingangsdatum: string; termijnen: Termijn[] };
    }
  | { type: "ProductenToegevoegd"; data: { procedureId: string; besluitId: string; producten: string[] } }
  | { type: "ContractOntbonden"; data: { besluitId: string; motivering: string; perDatum: string } };

export type ContractState =
  | { status: "leeg" }
  | {
      status: "actief" | "ontbonden";
      contractId: string;
      kvk: string;
      naam: string;
      procedureId: string;
      besluiten: string[];
      producten: string[];
      ingangsdatum: string;
      termijnen: Termijn[];
      ontbonden?: { besluitId: string; motivering: string; perDatum: string };
    };

export const initialContractState: ContractState = { status: "leeg" };
export type RecordedContractEvent = Recorded<ContractEvent>;

export function evolveContract(state: ContractState, event: ContractEvent): ContractState {
  switch (event.type) {
    case "ContractGestart":
      return { status: "actief", ...event.data, besluiten: [event.data.besluitId] };
    case "ProductenToegevoegd":
      return state.status === "leeg"
        ? state
        : { ...state, producten: [...new Set([...state.producten, ...event.data.producten])], besluiten: [...state.besluiten, event.data.besluitId] };
    case "ContractOntbonden":
      return state.status === "leeg" ? state : { ...state, status: "ontbonden", ontbonden: event.data };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

export function termijnenOf(looptijd: Looptijd | null, ingangsdatum: string): Termijn[] {
  if (!looptijd) return [];
  const years = [looptijd.initieelJaren, ...looptijd.verlengingen.map((v) => v.jaren)];
  return termDates(ingangsdatum, years).map((t, i) => ({
    nr: i + 1,
    start: t.start,
    eind: t.end,
    soort: i === 0 ? "initieel" : "verlenging",
    ...(i === 0 ? {} : { wijze: looptijd.verlengingen[i - 1]?.wijze }),
  }));
}

export function huidigeTermijn(termijnen: readonly Termijn[], now: Date): Termijn | null {
  const today = toAmsterdamDate(now);
  return termijnen.find((t) => t.start <= today && today <= t.eind) ?? null;
}

export type ContractCommand =
  | { type: "StartContract"; actor: Actor; data: { contractId: string; kvk: string; naam: string; procedureId: string; besluitId: string; producten: string[]; ingangsdatum: string } }
  | { type: "OntbindContract"; actor: Actor; data: { besluitId: string; motivering: string } };

export function decideContract(state: ContractState, command: ContractCommand, now: Date): ContractEvent[] | Refusal {
  if (command.actor.rol !== "systeem") return refuse("RolNietToegestaan", 403, "Contracten veranderen alleen door een besluit.");
  switch (command.type) {
    case "StartContract": {
      const d = command.data;
      if (state.status === "actief") {
        const extra = d.producten.filter((p) => !state.producten.includes(p));
        return extra.length === 0 || state.besluiten.includes(d.besluitId) ? [] : [{ type: "ProductenToegevoegd", data: { procedureId: d.procedureId, besluitId: d.besluitId, producten: extra } }];
      }
      if (state.status === "ontbonden") return refuse("OngeldigeInvoer", 409, "Dit contract is ontbonden.");
      const contract = findContract(d.contractId);
      if (!contract) return refuse("OnbekendContract", 400, `Onbekend contract '${d.contractId}'.`, "contractId");
      return [{ type: "ContractGestart", data: { ...d, termijnen: termijnenOf(contract.looptijd, d.ingangsdatum) } }];
    }
    case "OntbindContract":
      if (state.status !== "actief") return refuse("OngeldigeInvoer", 409, "Alleen een actief contract kan worden ontbonden.");
      // Ontbinding takes effect the day after the besluit, so current clients can be handed over.
      return [{ type: "ContractOntbonden", data: { ...command.data, perDatum: addDays(toAmsterdamDate(now), 1) } }];
    default: {
      const _exhaustive: never = command;
      return refuse("OngeldigeInvoer", 400, "Onbekende opdracht.");
    }
  }
}
