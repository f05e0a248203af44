import { huidigeTermijn, type ContractState, type Termijn } from "../../domain/contract/contract";
import type { Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import { fail } from "../runtime/refusal";

export const regionRoles = ["inkoper", "beoordelaar", "programmadirecteur", "bosd"];
export type Live = Exclude<ContractState, { status: "leeg" }>;

/** The contract's one durable timer as the old `get` showed it: when it wakes next, and why. */
export interface VolgendeWekker {
  at: string;
  soort: string;
}

export function live(state: ContractState): Live {
  if (state.status === "leeg") fail(refuse("BestaatNiet", 404, "Dit contract bestaat niet."));
  return state;
}

export function mayRead(state: ContractState, actor: Actor): Live {
  const s = live(state);
  if (!regionRoles.includes(actor.rol) && actor.kvk !== s.kvk) fail(refuse("RolNietToegestaan", 403, "U kunt alleen uw eigen contracten inzien."));
  return s;
}

export function viewFor(state: ContractState, actor: Actor, now: Date, volgendeWekker: VolgendeWekker | null): ContractView {
  const s = mayRead(state, actor);
  return { ...s, huidigeTermijn: huidigeTermijn(s.termijnen, now), volgendeWekker };
}
export type ContractView = Live & { huidigeTermijn: Termijn | null; volgendeWekker: VolgendeWekker | null };

/** What the list of contracts shows (the old register summary). */
export function summaryOf(state: ContractState): Record<string, unknown> | null {
  if (state.status === "leeg") return null;
  return { contractId: state.contractId, kvk: state.kvk, naam: state.naam, status: state.status, ingangsdatum: state.ingangsdatum, procedureId: state.procedureId };
}
