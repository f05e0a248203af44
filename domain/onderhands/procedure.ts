import { iso, z } from "zod";
import { findContract } from "../catalogue";
import type { Recorded } from "../shared/audit";
import type { Actor } from "../shared/actor";
import { refuse, type Refusal } from "../shared/refusal";
import type { TrajectStatus } from "./traject";

/**
 * An onderhandse procedure (JB/JR 6.1.1 enkelvoudig onderhands; JeugdzorgPlus 6.2.1 and Forensische
 * GGZ 6.3 onderhandelingsprocedure zonder voorafgaande bekendmaking): no competition, every invited
 * aanbieder its own trajectory (domain/onderhands/traject.ts).
 *
 * The choice of an onderhandelingsprocedure zonder bekendmaking "moet gedegen worden gemotiveerd" (6.2.1).
 * 6.3 (Forensische GGZ) has no such sentence; the Aanbestedingswet (art. 2.32) asks the motivation of
 * every such procedure, so this system asks it for both: a besluit of the BOSD, whose mandate covers the
 * aanbestedingsprocedure itself (7.2: "Stopzetten / wezenlijke wijziging aanbestedingsprocedure").
 * JB/JR (enkelvoudig onderhands) needs no such besluit: the plan chose it for a small market (6.1.1).
 */
export const ONDERHANDSE_TYPES = ["enkelvoudig-onderhands", "onderhandelingsprocedure-zonder-bekendmaking"] as const;

export const OnderhandsInputSchema = z.object({
  contractId: z.string({ error: "contractId ontbreekt" }).min(1, { error: "contractId ontbreekt" }),
  titel: z.string({ error: "titel ontbreekt" }).trim().min(3, { error: "titel is te kort" }).max(200, { error: "titel is te lang" }),
  motivering: z.string().trim().max(20000, { error: "motivering is te lang (maximaal 20000 tekens)" }).optional(),
  /** The first day of the contracts; by default the first of the month after the gunning. */
  contractIngangsdatum: iso.date({ error: "contractIngangsdatum moet een datum zijn zoals 2027-01-01" }).optional(),
});
export type OnderhandsInput = z.infer<typeof OnderhandsInputSchema>;

export type OnderhandsStatus = "concept" | "motivering-voorgelegd" | "lopend" | "gestopt";

export interface Uitnodiging {
  kvk: string;
  naam: string;
  deadline: string;
  uitgenodigdOp: string;
  status: TrajectStatus;
}

export interface OnderhandsDetails {
  procedureId: string;
  contractId: string;
  titel: string;
  motivering?: string;
  motiveringVereist: boolean;
  motiveringBesluit?: { besluitId: string; status: "voorgelegd" | "akkoord" | "teruggestuurd"; motivering?: string };
  contractIngangsdatum?: string;
  uitnodigingen: Uitnodiging[];
}

export type OnderhandsState = { status: "leeg" } | ({ status: OnderhandsStatus } & OnderhandsDetails);
export const initialOnderhandsState: OnderhandsState = { status: "leeg" };

export type OnderhandsEvent =
  | { type: "OnderhandseProcedureGestart"; data: Omit<OnderhandsDetails, "uitnodigingen" | "motiveringBesluit"> }
  | { type: "MotiveringVoorgelegd"; data: { besluitId: string } }
  | { type: "MotiveringGewijzigd"; data: { motivering: string } }
  | { type: "MotiveringBesloten"; data: { besluitId: string; akkoord: boolean; motivering: string } }
  | { type: "AanbiederUitgenodigd"; data: { kvk: string; naam: string; deadline: string; uitgenodigdOp: string } }
  | { type: "TrajectStatusGewijzigd"; data: { kvk: string; status: TrajectStatus } };

export type RecordedOnderhandsEvent = Recorded<OnderhandsEvent>;

export type OnderhandsCommand =
  | { type: "Start"; actor: Actor; data: OnderhandsInput & { id: string } }
  | { type: "LegMotiveringVoor"; actor: Actor; data: { besluitId: string } }
  | { type: "WijzigMotivering"; actor: Actor; data: { motivering: string } }
  | { type: "RecordMotiveringBesluit"; actor: Actor; data: { besluitId: string; akkoord: boolean; motivering: string } }
  | { type: "NodigUit"; actor: Actor; data: { kvk: string; naam: string | null; deadline: string } }
  | { type: "RecordTrajectStatus"; actor: Actor; data: { kvk: string; status: TrajectStatus } };

export function decideOnderhands(state: OnderhandsState, command: OnderhandsCommand, now: Date): OnderhandsEvent[] | Refusal {
  const systeem = command.type.startsWith("Record");
  if (systeem ? command.actor.rol !== "systeem" : command.actor.rol !== "inkoper") return refuse("RolNietToegestaan", 403, `Deze handeling is niet toegestaan voor de rol ${command.actor.rol}.`);
  if (command.type === "Start") {
    if (state.status !== "leeg") return refuse("BestaatAl", 409, `Procedure ${command.data.id} bestaat al.`, "id");
    const contract = findContract(command.data.contractId);
    if (!contract) return refuse("OnbekendContract", 400, `Onbekend contract '${command.data.contractId}'.`, "contractId");
    if (!(ONDERHANDSE_TYPES as readonly string[]).includes(contract.procedureType))
      return refuse("OngeldigeInvoer", 400, `Contract ${contract.naam} (inkoopplan ${contract.sectie}) wordt niet onderhands ingekocht maar via: ${contract.procedureType}.`, "contractId");
    const vereist = contract.procedureType === "onderhandelingsprocedure-zonder-bekendmaking";
    if (vereist && (command.data.motivering ?? "").length < 50)
      return refuse(
        "OngeldigeInvoer",
        400,
        `Motiveer de keuze voor de onderhandelingsprocedure zonder voorafgaande bekendmaking gedegen (minstens 50 tekens; inkoopplan ${contract.sectie}, Aanbestedingswet art. 2.32).`,
        "motivering",
      );
    const { id, ...rest } = command.data;
    return [{ type: "OnderhandseProcedureGestart", data: { ...rest, procedureId: id, motiveringVereist: vereist } }];
  }
  if (state.status === "leeg") return refuse("BestaatNiet", 404, "Deze procedure bestaat niet.");
  switch (command.type) {
    case "LegMotiveringVoor":
      if (!state.motiveringVereist) return refuse("OngeldigeInvoer", 409, "Voor dit contract is geen besluit over de procedurekeuze nodig.");
      if (state.status !== "concept") return refuse("NietInDezeFase", 409, state.motiveringBesluit?.status === "akkoord" ? "De procedurekeuze is al vastgesteld." : "De motivering ligt al voor bij het BOSD.");
      return [{ type: "MotiveringVoorgelegd", data: command.data }];
    case "WijzigMotivering": {
      if (!state.motiveringVereist) return refuse("OngeldigeInvoer", 409, "Voor dit contract is geen motivering van de procedurekeuze nodig.");
      if (state.status !== "concept") return refuse("NietInDezeFase", 409, "De motivering ligt voor bij het BOSD of is vastgesteld; wijzigen kan alleen vóór het voorleggen of nadat het BOSD haar terugstuurde.");
      const motivering = command.data.motivering.trim();
      if (motivering.length < 50) return refuse("OngeldigeInvoer", 400, "Motiveer de keuze gedegen (minstens 50 tekens).", "motivering");
      return [{ type: "MotiveringGewijzigd", data: { motivering } }];
    }
    case "RecordMotiveringBesluit":
      return state.motiveringBesluit?.besluitId === command.data.besluitId && state.motiveringBesluit.status === "voorgelegd" ? [{ type: "MotiveringBesloten", data: command.data }] : [];
    case "NodigUit": {
      if (state.status !== "lopend" && !(state.status === "concept" && !state.motiveringVereist))
        return refuse("NietInDezeFase", 409, state.motiveringVereist ? "Eerst stelt het BOSD de motivering van de procedurekeuze vast; daarna volgen de uitnodigingen." : "Deze procedure nodigt niet meer uit.");
      if (!command.data.naam) return refuse("OnbekendeAanbieder", 400, `KvK-nummer ${command.data.kvk} is niet geregistreerd als aanbieder. Een nieuwe aanbieder registreert eerst zelf zijn organisatie (via "Registreren" op de inlogpagina); daarna kunt u hem uitnodigen.`, "kvk");
      if (state.uitnodigingen.some((u) => u.kvk === command.data.kvk)) return refuse("BestaatAl", 409, `KvK-nummer ${command.data.kvk} is al uitgenodigd; elke aanbieder heeft één traject.`, "kvk");
      if (!(new Date(command.data.deadline) > now)) return refuse("OngeldigeInvoer", 400, "De termijn voor de offerte moet in de toekomst eindigen.", "deadline");
      return [{ type: "AanbiederUitgenodigd", data: { kvk: command.data.kvk, naam: command.data.naam, deadline: new Date(command.data.deadline).toISOString(), uitgenodigdOp: now.toISOString() } }];
    }
    case "RecordTrajectStatus":
      return state.uitnodigingen.some((u) => u.kvk === command.data.kvk) ? [{ type: "TrajectStatusGewijzigd", data: command.data }] : [];
    default: {
      const _exhaustive: never = command;
      return refuse("OngeldigeInvoer", 400, "Onbekende opdracht.");
    }
  }
}

export function evolveOnderhands(state: OnderhandsState, e: OnderhandsEvent): OnderhandsState {
  if (e.type === "OnderhandseProcedureGestart") return { status: e.data.motiveringVereist ? "concept" : "lopend", ...e.data, uitnodigingen: [] };
  if (state.status === "leeg") return state;
  switch (e.type) {
    case "MotiveringVoorgelegd":
      return { ...state, status: "motivering-voorgelegd", motiveringBesluit: { besluitId: e.data.besluitId, status: "voorgelegd" } };
    case "MotiveringGewijzigd":
      return { ...state, motivering: e.data.motivering };
    case "MotiveringBesloten":
      return { ...state, status: e.data.akkoord ? "lopend" : "concept", motiveringBesluit: { besluitId: e.data.besluitId, status: e.data.akkoord ? "akkoord" : "teruggestuurd", motivering: e.data.motivering } };
    case "AanbiederUitgenodigd":
      return { ...state, uitnodigingen: [...state.uitnodigingen, { ...e.data, status: "uitgenodigd" }] };
    case "TrajectStatusGewijzigd":
      return { ...state, uitnodigingen: state.uitnodigingen.map((u) => (u.kvk === e.data.kvk ? { ...u, status: e.data.status } : u)) };
    default: {
      const _exhaustive: never = e;
      return state;
    }
  }
}
