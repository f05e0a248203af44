import type { RondeState, Weigering } from "../../domain/contract/verlengingsronde";
import type { Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import { fail } from "../runtime/refusal";

export type Live = Exclude<RondeState, { status: "leeg" }>;

export function live(state: RondeState): Live {
  if (state.status === "leeg") fail(refuse("BestaatNiet", 404, "Deze verlengingsronde bestaat niet."));
  return state;
}

/** What an aanbieder sees of a round: only its own weigering. */
export interface RondeAanbiederView {
  contractId: string;
  termijnEinde: string;
  status: Live["status"];
  mijnWeigering: Weigering | null;
}
export type RondeView = Live | RondeAanbiederView;

export function viewFor(state: RondeState, actor: Actor): RondeView {
  const s = live(state);
  if (actor.rol === "aanbieder") return { contractId: s.contractId, termijnEinde: s.termijnEinde, status: s.status, mijnWeigering: s.weigeringen.find((w) => w.kvk === actor.kvk) ?? null };
  return s;
}

/** What the list of rounds shows (the old register upsert, with the current status). */
export function summaryOf(state: RondeState): Record<string, unknown> | null {
  if (state.status === "leeg") return null;
  return { contractId: state.contractId, termijnEinde: state.termijnEinde, status: state.status, aanbieders: state.aanbieders.length };
}

/** A running contract of the catalogue contract, as the API passes it (from the list of contract entities). */
export interface LopendContract {
  kvk: string;
  naam?: string;
  status?: string;
  ingangsdatum?: string;
  /** When given, contracts of another catalogue contract are left out. */
  contractId?: string;
}

/** The old `contractsOf`: the active contracts of this catalogue contract that have a kvk and an ingangsdatum. */
export function actieveContracten(contracten: readonly LopendContract[], contractId: string): LopendContract[] {
  return contracten.filter((c) => (c.contractId === undefined || c.contractId === contractId) && c.status === "actief" && c.kvk && c.ingangsdatum);
}
