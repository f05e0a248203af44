// Helpers for the contract unit specs: start a contract, apply commands, and let durable timers fire by
// choosing instants (volgendeMoment), the way the workflow does; never by sleeping.
import { SYSTEEM, type Actor } from "../shared/actor";
import { isRefusal } from "../shared/refusal";
import { decideContract, evolveContract, initialContractState, volgendeMoment, type ContractCommand, type ContractEvent, type ContractState } from "./contract";
import { decideRonde, evolveRonde, volgendeRondeMoment, type RondeCommand, type RondeEvent, type RondeState } from "./verlengingsronde";

export const inkoper: Actor = { rol: "inkoper", id: "i.jansen" };
export const directeur: Actor = { rol: "programmadirecteur", id: "p.directeur" };
export const bosd: Actor = { rol: "bosd", id: "wethouder" };
export const aanbieder = (kvk: string): Actor => ({ rol: "aanbieder", id: `gebruiker-${kvk}`, kvk });

export function startCommand(over: Partial<Extract<ContractCommand, { type: "StartContract" }>["data"]> = {}): ContractCommand {
  return {
    type: "StartContract",
    actor: SYSTEEM,
    data: { contractId: "ambulant-jeugd", kvk: "12345678", naam: "Zorg BV", procedureId: "oh-ambulant", besluitId: "GUN-1", producten: ["ambulant-jeugd/45A48"], ingangsdatum: "2027-01-01", ...over },
  };
}

export function gestart(over: Partial<Extract<ContractCommand, { type: "StartContract" }>["data"]> = {}): ContractState {
  return apply(initialContractState, startCommand(over), new Date("2026-11-15T10:00:00Z")).state;
}

export function apply(state: ContractState, command: ContractCommand, now: Date): { state: ContractState; events: ContractEvent[] } {
  const out = decideContract(state, command, now);
  if (isRefusal(out)) throw new Error(`${command.type} geweigerd: ${out.melding}`);
  return { state: out.reduce(evolveContract, state), events: out };
}

export function applyRonde(state: RondeState, command: RondeCommand, now: Date): { state: RondeState; events: RondeEvent[] } {
  const out = decideRonde(state, command, now);
  if (isRefusal(out)) throw new Error(`${command.type} geweigerd: ${out.melding}`);
  return { state: out.reduce(evolveRonde, state), events: out };
}

/** Fires every timer of the contract due up to `until`, each at its own instant, as the workflow would. */
export function wekTot(state: ContractState, until: Date): { state: ContractState; events: ContractEvent[]; wekkers: { at: string; soort: string }[] } {
  const events: ContractEvent[] = [];
  const wekkers: { at: string; soort: string }[] = [];
  for (let m = volgendeMoment(state), guard = 0; m && m.at <= until; m = volgendeMoment(state), guard++) {
    if (guard > 100) throw new Error("te veel wekkers");
    const r = apply(state, m.command, m.at);
    if (r.events.length === 0) throw new Error(`wekker ${m.soort} op ${m.at.toISOString()} deed niets`);
    wekkers.push({ at: m.at.toISOString(), soort: m.soort });
    events.push(...r.events);
    state = r.state;
  }
  return { state, events, wekkers };
}

export function wekRondeTot(state: RondeState, until: Date): { state: RondeState; events: RondeEvent[] } {
  const events: RondeEvent[] = [];
  for (let m = volgendeRondeMoment(state), guard = 0; m && m.at <= until; m = volgendeRondeMoment(state), guard++) {
    if (guard > 100) throw new Error("te veel wekkers");
    const r = applyRonde(state, m.command, m.at);
    events.push(...r.events);
    state = r.state;
  }
  return { state, events };
}

export const typesOf = (events: { type: string }[]) => events.map((e) => e.type);
