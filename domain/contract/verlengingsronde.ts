import { authorityFor, findContract, type Authority, type VerlengingWijze } from "../catalogue";
import { formatDateNl, formatInstantNl, isCalendarDate, leadTimeStart, parseInstant, toAmsterdamDate } from "../calendar";
import { roleOfAuthority } from "../besluit/besluit";
import { SYSTEEM, rolNamen, type Actor, type Rol } from "../shared/actor";
import type { Recorded } from "../shared/audit";
import { refuse, type Refusal } from "../shared/refusal";
import { AANLOOP_MAANDEN_STANDAARD, eindeMoment, regimeVan, rondeKey, signaalMoment, termijnenOf } from "./looptijd";
import type { Termijn, VerlengingHoe, WeigeringsReden } from "./types";

/**
 * The verlengingsronde of one catalogue contract (not per aanbieder), keyed `<contractId>/<termijnEinde>`
 * (`rondeKey`). Within the lead time before a term ends (default 3 months: model contract 6.4, Midden-Limburg)
 * the inkoper opens the round and proposes individual refusals (5.1: "niet goed (genoeg) presterende
 * aanbieders"; no care delivered: 5.2 says that leads to beëindiging, 5.3.4 to no extension; modelled as a
 * reason for niet-verlengen, citing both). Every refusal gets hoor en wederhoor (letter, term, reply,
 * reassessment: the inkoper keeps or withdraws it with a motivation). Then the general verlengingsbesluit
 * goes to the authority for "verlenging" (7.3: RWO, decided by `roleOfAuthority`), which says akkoord or sends
 * it back; on akkoord every aanbieder of the round gets its outcome, verlengd or niet-verlengd, which the
 * workflow passes to each contract (RecordVerlengingsbesluit) with its own besluit.
 */

export const weigeringsRedenen: Record<WeigeringsReden, { omschrijving: string; bron: string }> = {
  "ondermaats-presteren": {
    omschrijving: "De aanbieder presteert niet goed (genoeg).",
    bron: "Inkoopplan 5.1: bij het algemene verlengingsbesluit kan de regio niet goed (genoeg) presterende aanbieders geen verlenging aanbieden.",
  },
  "geen-zorg-geleverd": {
    omschrijving: "De aanbieder heeft in de afgelopen periode geen zorg in de regio geleverd.",
    bron: "Inkoopplan 5.3.4: aanbieders zonder omzet krijgen geen contractverlenging. (Inkoopplan 5.2 noemt als gevolg contractbeëindiging; de regio past hier niet-verlenging toe.)",
  },
};

export const MIN_MOTIVERING_WEIGERING = 20;

export interface Hoor {
  termijnEinde: string;
  gestartOp: string;
  reactie?: { toelichting: string; documenten: string[]; at: string };
  verstreken?: boolean;
}

export interface Weigering {
  kvk: string;
  naam: string;
  reden: WeigeringsReden;
  motivering: string;
  door: string;
  at: string;
  hoor?: Hoor;
  herbeoordeling?: { besluit: "handhaven" | "intrekken"; motivering: string; door: string; at: string };
}

export interface RondeVoorstel {
  besluitId: string;
  motivering: string;
  evaluatie?: string;
  at: string;
  door: string;
  status: "voorgelegd" | "teruggestuurd" | "akkoord";
  beslissing?: { akkoord: boolean; motivering: string; door: string; at: string };
}

export interface RondeUitkomst {
  kvk: string;
  naam: string;
  uitkomst: "verlengd" | "niet-verlengd";
  reden?: WeigeringsReden;
  motivering?: string;
}

export type RondeEvent =
  | {
      type: "RondeGeopend";
      data: {
        contractId: string;
        termijnEinde: string;
        termijnNr: number;
        volgendeTermijn: Termijn;
        wijze: VerlengingWijze;
        regime: VerlengingHoe;
        aanloopMaanden: number;
        opent: string;
        aanbieders: { kvk: string; naam: string }[];
        door: string;
        at: string;
      };
    }
  | { type: "WeigeringVoorgesteld"; data: { kvk: string; naam: string; reden: WeigeringsReden; motivering: string; door: string; at: string } }
  | { type: "HoorEnWederhoorGestart"; data: { kvk: string; termijnEinde: string; gestartOp: string } }
  | { type: "HoorReactieOntvangen"; data: { kvk: string; toelichting: string; documenten: string[]; at: string } }
  | { type: "HoorTermijnVerstreken"; data: { kvk: string; gereageerd: boolean } }
  | { type: "WeigeringHerbeoordeeld"; data: { kvk: string; besluit: "handhaven" | "intrekken"; motivering: string; door: string; at: string } }
  | {
      type: "VerlengingsbesluitVoorgesteld";
      data: {
        besluitId: string;
        besluitType: "verlenging";
        authority: Authority;
        motivering: string;
        evaluatie?: string;
        verlengd: string[];
        nietVerlengd: { kvk: string; reden: WeigeringsReden }[];
        door: string;
        at: string;
      };
    }
  | { type: "VerlengingsbesluitGenomen"; data: { besluitId: string; akkoord: boolean; motivering: string; door: string; at: string } }
  | { type: "UitkomstVastgesteld"; data: { besluitId: string; uitkomsten: RondeUitkomst[] } }
  | { type: "RondeVerlopen"; data: { termijnEinde: string } };

export type RondeStatus = "open" | "voorgelegd" | "vastgesteld" | "verlopen";

export interface RondeDetails {
  contractId: string;
  termijnEinde: string;
  termijnNr: number;
  volgendeTermijn: Termijn;
  wijze: VerlengingWijze;
  regime: VerlengingHoe;
  aanloopMaanden: number;
  opent: string;
  aanbieders: { kvk: string; naam: string }[];
  geopend: { door: string; at: string };
  /** At most one per aanbieder. */
  weigeringen: Weigering[];
  /** One per besluit laid before the authority. */
  voorstellen: RondeVoorstel[];
  uitkomst?: { besluitId: string; uitkomsten: RondeUitkomst[] };
}

export type RondeState = { status: "leeg" } | ({ status: RondeStatus } & RondeDetails);
export const initialRondeState: RondeState = { status: "leeg" };
export type RecordedRondeEvent = Recorded<RondeEvent>;

type Open = { status: RondeStatus } & RondeDetails;

export type RondeCommand =
  | {
      type: "OpenRound";
      actor: Actor;
      /**
       * contracten: the running contracts of this catalogue contract (the workflow reads them from the
       * register), each with its own ingangsdatum. The round takes those with a term that ends on
       * termijnEinde, whatever their start date (`contractenVanRonde`).
       */
      data: { contractId: string; termijnEinde: string; contracten: RondeContract[]; aanloopMaanden?: number };
    }
  | { type: "ProposeWeigering"; actor: Actor; data: { kvk: string; reden: WeigeringsReden; motivering: string; /** KvK numbers with an active contract now. */ actief: string[] } }
  | { type: "StartHoorEnWederhoor"; actor: Actor; data: { kvk: string; termijnEinde: string } }
  | { type: "ReplyHoor"; actor: Actor; data: { toelichting: string; documenten?: string[] } }
  | { type: "ExpireHoor"; actor: Actor; data: { kvk: string } }
  | { type: "ReassessWeigering"; actor: Actor; data: { kvk: string; besluit: "handhaven" | "intrekken"; motivering: string } }
  | { type: "ProposeBesluit"; actor: Actor; data: { besluitId: string; motivering: string; evaluatie?: string } }
  /** door: who decided in the besluit (the authority's actor id); the relaying systeem actor otherwise. */
  | { type: "RecordBesluit"; actor: Actor; data: { besluitId: string; akkoord: boolean; motivering: string; door?: string } }
  | { type: "ExpireRonde"; actor: Actor };

/** A running contract of the catalogue contract, as the round is offered it. */
export interface RondeContract {
  kvk: string;
  naam: string;
  ingangsdatum: string;
}

type RondeCommandType = RondeCommand["type"];
type Cmd<T extends RondeCommandType> = Extract<RondeCommand, { type: T }>;

const AUTHORITY: Authority = authorityFor("verlenging").authority;

const roles: Record<RondeCommandType, readonly Rol[]> = {
  OpenRound: ["inkoper"],
  ProposeWeigering: ["inkoper"],
  StartHoorEnWederhoor: ["inkoper"],
  ReplyHoor: ["aanbieder"],
  ExpireHoor: ["systeem"],
  ReassessWeigering: ["inkoper"],
  ProposeBesluit: ["inkoper"],
  // The authority itself, or the besluit entity relaying its decision (systeem).
  RecordBesluit: ["systeem", roleOfAuthority[AUTHORITY]],
  ExpireRonde: ["systeem"],
};

/**
 * Who took the besluit about the round, as the besluit reports it (its `door`): the round records that
 * person, in the authority's role, rather than the systeem that relays the message. Systeem when unknown.
 */
export function beslisserVan(door: string | undefined): Actor {
  const id = door?.trim() ?? "";
  return id === "" ? SYSTEEM : { rol: roleOfAuthority[AUTHORITY], id };
}

export function evolveRonde(state: RondeState, event: RondeEvent): RondeState {
  if (event.type === "RondeGeopend") {
    const { door, at, ...d } = event.data;
    return { status: "open", ...d, geopend: { door, at }, weigeringen: [], voorstellen: [] };
  }
  if (state.status === "leeg") return state;
  const metWeigering = (kvk: string, f: (w: Weigering) => Weigering): RondeState => ({ ...state, weigeringen: state.weigeringen.map((w) => (w.kvk === kvk ? f(w) : w)) });
  switch (event.type) {
    case "WeigeringVoorgesteld":
      return { ...state, weigeringen: [...state.weigeringen.filter((w) => w.kvk !== event.data.kvk), event.data] };
    case "HoorEnWederhoorGestart":
      return metWeigering(event.data.kvk, (w) => ({ ...w, hoor: { termijnEinde: event.data.termijnEinde, gestartOp: event.data.gestartOp } }));
    case "HoorReactieOntvangen":
      return metWeigering(event.data.kvk, (w) => (w.hoor ? { ...w, hoor: { ...w.hoor, reactie: { toelichting: event.data.toelichting, documenten: event.data.documenten, at: event.data.at } } } : w));
    case "HoorTermijnVerstreken":
      return metWeigering(event.data.kvk, (w) => (w.hoor ? { ...w, hoor: { ...w.hoor, verstreken: true } } : w));
    case "WeigeringHerbeoordeeld": {
      const { kvk: _kvk, ...h } = event.data;
      return metWeigering(event.data.kvk, (w) => ({ ...w, herbeoordeling: h }));
    }
    case "VerlengingsbesluitVoorgesteld": {
      const { besluitId, motivering, evaluatie, at, door } = event.data;
      return { ...state, status: "voorgelegd", voorstellen: [...state.voorstellen, { besluitId, motivering, ...(evaluatie ? { evaluatie } : {}), at, door, status: "voorgelegd" }] };
    }
    case "VerlengingsbesluitGenomen": {
      const { besluitId, ...beslissing } = event.data;
      return {
        ...state,
        status: event.data.akkoord ? "vastgesteld" : "open",
        voorstellen: state.voorstellen.map((v) => (v.besluitId === besluitId ? { ...v, status: event.data.akkoord ? "akkoord" : "teruggestuurd", beslissing } : v)),
      };
    }
    case "UitkomstVastgesteld":
      return { ...state, uitkomst: event.data };
    case "RondeVerlopen":
      return { ...state, status: "verlopen" };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

export function decideRonde(state: RondeState, command: RondeCommand, now: Date): RondeEvent[] | Refusal {
  if (!roles[command.type].includes(command.actor.rol))
    return refuse("RolNietToegestaan", 403, `Deze handeling is in een verlengingsronde niet toegestaan voor de rol ${rolNamen[command.actor.rol]}.`);
  if (command.type === "OpenRound") return openRound(state, command, now);
  if (state.status === "leeg") return refuse("BestaatNiet", 404, "Er is geen verlengingsronde geopend voor deze termijn.");
  if (command.type === "ExpireHoor") return expireHoor(state, command, now);
  if (command.type === "ExpireRonde") {
    if (state.status === "vastgesteld" || state.status === "verlopen") return [];
    if (now < eindeMoment(state.termijnEinde)) return refuse("NogNietGesloten", 409, `De termijn loopt nog tot en met ${formatDateNl(state.termijnEinde)}.`);
    return [{ type: "RondeVerlopen", data: { termijnEinde: state.termijnEinde } }];
  }
  if (state.status === "vastgesteld") return command.type === "RecordBesluit" && state.uitkomst?.besluitId === command.data.besluitId ? [] : refuse("OngeldigeInvoer", 409, "Over deze verlengingsronde is al besloten.");
  if (state.status === "verlopen" || now >= eindeMoment(state.termijnEinde))
    return refuse("TermijnVerstreken", 409, `De termijn is op ${formatDateNl(state.termijnEinde)} geëindigd; deze verlengingsronde kan niet meer worden afgerond.`);
  switch (command.type) {
    case "ProposeWeigering":
      return proposeWeigering(state, command, now);
    case "StartHoorEnWederhoor":
      return startHoor(state, command, now);
    case "ReplyHoor":
      return replyHoor(state, command, now);
    case "ReassessWeigering":
      return reassess(state, command, now);
    case "ProposeBesluit":
      return proposeBesluit(state, command, now);
    case "RecordBesluit":
      return recordBesluit(state, command, now);
    default: {
      const _exhaustive: never = command;
      return refuse("OngeldigeInvoer", 400, "Onbekende opdracht.");
    }
  }
}

/**
 * The contracts that belong to the round of `termijnEinde`: those with a term that ends on that day,
 * whatever their ingangsdatum (two procedures for one catalogue contract may start on different days).
 * Each carries its own term number and the term that follows it. Contracts without a valid ingangsdatum
 * are left out (they have no terms).
 */
export function contractenVanRonde(contractId: string, termijnEinde: string, contracten: readonly RondeContract[]): { contract: RondeContract; nr: number; volgende?: Termijn }[] {
  const looptijd = findContract(contractId)?.looptijd ?? null;
  const out: { contract: RondeContract; nr: number; volgende?: Termijn }[] = [];
  for (const c of contracten) {
    if (!isCalendarDate(c.ingangsdatum)) continue;
    const termijnen = termijnenOf(looptijd, c.ingangsdatum);
    const idx = termijnen.findIndex((t) => t.eind === termijnEinde);
    if (idx < 0) continue;
    const volgende = termijnen[idx + 1];
    out.push({ contract: c, nr: idx + 1, ...(volgende ? { volgende } : {}) });
  }
  return out;
}

/** The ends of the terms that run at `now` for these contracts: what the inkoper can open a round for. */
function lopendeTermijnEinden(contractId: string, contracten: readonly RondeContract[], now: Date): string[] {
  const looptijd = findContract(contractId)?.looptijd ?? null;
  const vandaag = toAmsterdamDate(now);
  const einden = contracten.flatMap((c) => (isCalendarDate(c.ingangsdatum) ? termijnenOf(looptijd, c.ingangsdatum).filter((t) => t.start <= vandaag && vandaag <= t.eind) : []).map((t) => t.eind));
  return [...new Set(einden)].sort();
}

function openRound(state: RondeState, c: Cmd<"OpenRound">, now: Date): RondeEvent[] | Refusal {
  const d = c.data;
  if (state.status !== "leeg")
    return state.contractId === d.contractId && state.termijnEinde === d.termijnEinde ? [] : refuse("BestaatAl", 409, "Deze verlengingsronde bestaat al.", "termijnEinde");
  const contract = findContract(d.contractId);
  if (!contract) return refuse("OnbekendContract", 400, `Onbekend contract '${d.contractId}'.`, "contractId");
  if (!contract.looptijd) return refuse("OngeldigeInvoer", 400, `${contract.naam} heeft geen looptijd met verlengingen: er is geen verlengingsronde.`, "contractId");
  if (!isCalendarDate(d.termijnEinde)) return refuse("OngeldigeInvoer", 400, "Geef het einde van de termijn als JJJJ-MM-DD.", "termijnEinde");
  const lopend = d.contracten.filter((x) => isCalendarDate(x.ingangsdatum));
  if (lopend.length === 0) return refuse("OngeldigeInvoer", 409, `Er is geen aanbieder met een lopend contract ${contract.naam}.`, "contractId");
  const inRonde = contractenVanRonde(d.contractId, d.termijnEinde, lopend);
  if (inRonde.length === 0) {
    const einden = lopendeTermijnEinden(d.contractId, lopend, now);
    return refuse(
      "OngeldigeInvoer",
      400,
      `Geen lopend contract ${contract.naam} heeft een termijn die eindigt op ${formatDateNl(d.termijnEinde)}.` +
        (einden.length > 0 ? ` De lopende termijnen eindigen op ${einden.map((e) => `${formatDateNl(e)} (${e})`).join(", ")}.` : ""),
      "termijnEinde",
    );
  }
  const teVerlengen = inRonde.filter((x) => x.volgende);
  // The round's own term (number, next term, wijze) is that of its earliest-started contract with a next term.
  const eerste = [...teVerlengen].sort((x, y) => x.contract.ingangsdatum.localeCompare(y.contract.ingangsdatum))[0];
  if (!eerste?.volgende) return refuse("OngeldigeInvoer", 409, `De termijn die eindigt op ${formatDateNl(d.termijnEinde)} is de laatste: er valt niets te verlengen.`, "termijnEinde");
  const volgende = eerste.volgende;
  const aanloopMaanden = d.aanloopMaanden ?? AANLOOP_MAANDEN_STANDAARD;
  if (!Number.isInteger(aanloopMaanden) || aanloopMaanden < 1 || aanloopMaanden > 12)
    return refuse("OngeldigeInvoer", 400, "De aanlooptijd is een geheel aantal maanden van 1 tot en met 12.", "termijnEinde");
  const opent = signaalMoment(d.termijnEinde, aanloopMaanden);
  if (now < opent)
    return refuse(
      "NogNietOpen",
      409,
      `De verlengingsronde opent op ${formatDateNl(leadTimeStart(d.termijnEinde, aanloopMaanden))}, ${aanloopMaanden} maanden voor het einde van de termijn (modelovereenkomst 6.4 van Midden-Limburg; instelling van de regio).`,
      "termijnEinde",
    );
  if (now >= eindeMoment(d.termijnEinde)) return refuse("TermijnVerstreken", 409, `De termijn is op ${formatDateNl(d.termijnEinde)} geëindigd.`, "termijnEinde");
  const wijze = (volgende.wijze ?? "stilzwijgend") as VerlengingWijze;
  return [
    {
      type: "RondeGeopend",
      data: {
        contractId: d.contractId,
        termijnEinde: d.termijnEinde,
        termijnNr: eerste.nr,
        volgendeTermijn: volgende,
        wijze,
        regime: regimeVan(d.contractId, wijze).regime,
        aanloopMaanden,
        opent: leadTimeStart(d.termijnEinde, aanloopMaanden),
        aanbieders: [...new Map(teVerlengen.map(({ contract: a }) => [a.kvk, { kvk: a.kvk, naam: a.naam }])).values()],
        door: c.actor.id,
        at: now.toISOString(),
      },
    },
  ];
}

const nietOpen = (state: Open): Refusal | null =>
  state.status === "open" ? null : refuse("OngeldigeInvoer", 409, "Het verlengingsbesluit ligt bij het bevoegd gezag; wacht op akkoord of terugsturen.");

function weigeringVan(state: Open, kvk: string): Weigering | Refusal {
  const w = state.weigeringen.find((x) => x.kvk === kvk);
  return w ?? refuse("BestaatNiet", 404, `Er is geen weigering voorgesteld voor KvK ${kvk}.`, "kvk");
}

function proposeWeigering(state: Open, c: Cmd<"ProposeWeigering">, now: Date): RondeEvent[] | Refusal {
  const busy = nietOpen(state);
  if (busy) return busy;
  const d = c.data;
  const aanbieder = state.aanbieders.find((a) => a.kvk === d.kvk);
  if (!aanbieder || !d.actief.includes(d.kvk)) return refuse("OnbekendeAanbieder", 400, `KvK ${d.kvk} heeft geen lopend contract waarvan de termijn op ${formatDateNl(state.termijnEinde)} eindigt.`, "kvk");
  if (!(d.reden in weigeringsRedenen)) return refuse("OngeldigeInvoer", 400, `Kies de reden: ${Object.keys(weigeringsRedenen).join(" of ")}.`, "reden");
  const motivering = d.motivering.trim();
  if (motivering.length < MIN_MOTIVERING_WEIGERING)
    return refuse("OngeldigeInvoer", 400, `Motiveer waarom deze aanbieder geen verlenging krijgt (minstens ${MIN_MOTIVERING_WEIGERING} tekens).`, "motivering");
  const bestaand = state.weigeringen.find((w) => w.kvk === d.kvk);
  if (bestaand && bestaand.herbeoordeling?.besluit !== "intrekken") return refuse("BestaatAl", 409, `Voor KvK ${d.kvk} is al een weigering voorgesteld.`, "kvk");
  return [{ type: "WeigeringVoorgesteld", data: { kvk: d.kvk, naam: aanbieder.naam, reden: d.reden, motivering, door: c.actor.id, at: now.toISOString() } }];
}

function startHoor(state: Open, c: Cmd<"StartHoorEnWederhoor">, now: Date): RondeEvent[] | Refusal {
  const busy = nietOpen(state);
  if (busy) return busy;
  const w = weigeringVan(state, c.data.kvk);
  if ("refused" in w) return w;
  if (w.herbeoordeling?.besluit === "intrekken") return refuse("OngeldigeInvoer", 409, "Deze weigering is ingetrokken.", "kvk");
  if (w.hoor) return refuse("BestaatAl", 409, `Hoor en wederhoor voor KvK ${w.kvk} is al gestart.`, "kvk");
  let einde: Date;
  try {
    einde = parseInstant(c.data.termijnEinde);
  } catch {
    return refuse("OngeldigeInvoer", 400, "Geef het einde van de termijn als tijdstip met tijdzone.", "termijnEinde");
  }
  if (einde <= now) return refuse("OngeldigeInvoer", 400, "De termijn voor hoor en wederhoor moet in de toekomst eindigen.", "termijnEinde");
  if (einde >= eindeMoment(state.termijnEinde))
    return refuse("OngeldigeInvoer", 400, `De termijn voor hoor en wederhoor moet eindigen voor het einde van de contracttermijn (${formatDateNl(state.termijnEinde)}).`, "termijnEinde");
  return [{ type: "HoorEnWederhoorGestart", data: { kvk: w.kvk, termijnEinde: einde.toISOString(), gestartOp: now.toISOString() } }];
}

function replyHoor(state: Open, c: Cmd<"ReplyHoor">, now: Date): RondeEvent[] | Refusal {
  const w = state.weigeringen.find((x) => x.kvk === c.actor.kvk);
  if (!w?.hoor || w.herbeoordeling) return refuse("OngeldigeInvoer", 409, "Er loopt voor u geen hoor en wederhoor in deze verlengingsronde.");
  if (w.hoor.verstreken || now >= new Date(w.hoor.termijnEinde))
    return refuse("TermijnVerstreken", 409, `De termijn voor uw reactie is verstreken op ${formatInstantNl(new Date(w.hoor.termijnEinde), { seconden: true })}.`);
  if (w.hoor.reactie) return refuse("BestaatAl", 409, "U heeft al gereageerd.");
  const toelichting = c.data.toelichting.trim();
  if (toelichting.length < 10) return refuse("OngeldigeInvoer", 400, "Licht uw reactie toe (minstens 10 tekens).", "toelichting");
  return [{ type: "HoorReactieOntvangen", data: { kvk: w.kvk, toelichting, documenten: c.data.documenten ?? [], at: now.toISOString() } }];
}

function expireHoor(state: Open, c: Cmd<"ExpireHoor">, now: Date): RondeEvent[] | Refusal {
  const w = state.weigeringen.find((x) => x.kvk === c.data.kvk);
  if (!w?.hoor || w.hoor.verstreken) return [];
  if (now < new Date(w.hoor.termijnEinde)) return refuse("NogNietGesloten", 409, "De termijn voor hoor en wederhoor loopt nog.");
  return [{ type: "HoorTermijnVerstreken", data: { kvk: w.kvk, gereageerd: w.hoor.reactie !== undefined } }];
}

/** Keep (after the reply or the expired term) or withdraw (any time before the besluit) a proposed refusal. */
function reassess(state: Open, c: Cmd<"ReassessWeigering">, now: Date): RondeEvent[] | Refusal {
  const busy = nietOpen(state);
  if (busy) return busy;
  const w = weigeringVan(state, c.data.kvk);
  if ("refused" in w) return w;
  if (w.herbeoordeling) return refuse("BestaatAl", 409, `De weigering voor KvK ${w.kvk} is al herbeoordeeld (${w.herbeoordeling.besluit}).`, "kvk");
  if (c.data.besluit !== "handhaven" && c.data.besluit !== "intrekken") return refuse("OngeldigeInvoer", 400, "Kies handhaven of intrekken.", "besluit");
  if (c.data.besluit === "handhaven" && !(w.hoor?.reactie || w.hoor?.verstreken))
    return refuse("OngeldigeInvoer", 409, "Een weigering wordt pas gehandhaafd na de reactie van de aanbieder of het verstrijken van de termijn voor hoor en wederhoor.", "kvk");
  const motivering = c.data.motivering.trim();
  if (motivering.length < MIN_MOTIVERING_WEIGERING) return refuse("OngeldigeInvoer", 400, `Motiveer de herbeoordeling (minstens ${MIN_MOTIVERING_WEIGERING} tekens).`, "motivering");
  return [{ type: "WeigeringHerbeoordeeld", data: { kvk: w.kvk, besluit: c.data.besluit, motivering, door: c.actor.id, at: now.toISOString() } }];
}

/** Ready for the besluit: withdrawn, reassessed, or heard with the term expired without a reply (the refusal stands). */
export function weigeringStaat(w: Weigering): "ingetrokken" | "gehandhaafd" | "open" {
  if (w.herbeoordeling) return w.herbeoordeling.besluit === "intrekken" ? "ingetrokken" : "gehandhaafd";
  if (w.hoor?.verstreken && !w.hoor.reactie) return "gehandhaafd";
  return "open";
}

function proposeBesluit(state: Open, c: Cmd<"ProposeBesluit">, now: Date): RondeEvent[] | Refusal {
  const busy = nietOpen(state);
  if (busy) return busy;
  const besluitId = c.data.besluitId.trim();
  if (besluitId === "") return refuse("OngeldigeInvoer", 400, "Het besluitnummer ontbreekt.", "besluitId");
  if (state.voorstellen.some((v) => v.besluitId === besluitId)) return refuse("BestaatAl", 409, `Besluit ${besluitId} is al voorgelegd.`, "besluitId");
  const open = state.weigeringen.filter((w) => weigeringStaat(w) === "open");
  if (open.length > 0)
    return refuse(
      "OngeldigeInvoer",
      409,
      `Eerst hoor en wederhoor en herbeoordeling voor elke voorgestelde weigering; nog open: ${open.map((w) => `${w.naam} (KvK ${w.kvk})`).join(", ")}.`,
      "weigeringen",
    );
  const motivering = c.data.motivering.trim();
  if (motivering.length < MIN_MOTIVERING_WEIGERING) return refuse("OngeldigeInvoer", 400, `Motiveer het verlengingsbesluit (minstens ${MIN_MOTIVERING_WEIGERING} tekens).`, "motivering");
  const evaluatie = c.data.evaluatie?.trim() ?? "";
  if (state.wijze === "voorwaardelijk-na-evaluatie" && evaluatie.length < MIN_MOTIVERING_WEIGERING)
    return refuse(
      "OngeldigeInvoer",
      400,
      `Deze verlenging volgt alleen op een positieve evaluatie (inkoopplan ${findContract(state.contractId)?.sectie ?? ""}): vat de evaluatie samen (minstens ${MIN_MOTIVERING_WEIGERING} tekens).`,
      "evaluatie",
    );
  const geweigerd = state.weigeringen.filter((w) => weigeringStaat(w) === "gehandhaafd");
  return [
    {
      type: "VerlengingsbesluitVoorgesteld",
      data: {
        besluitId,
        besluitType: "verlenging",
        authority: AUTHORITY,
        motivering,
        ...(evaluatie === "" ? {} : { evaluatie }),
        verlengd: state.aanbieders.filter((a) => !geweigerd.some((w) => w.kvk === a.kvk)).map((a) => a.kvk),
        nietVerlengd: geweigerd.map((w) => ({ kvk: w.kvk, reden: w.reden })),
        door: c.actor.id,
        at: now.toISOString(),
      },
    },
  ];
}

function recordBesluit(state: Open, c: Cmd<"RecordBesluit">, now: Date): RondeEvent[] | Refusal {
  const v = state.voorstellen.find((x) => x.besluitId === c.data.besluitId);
  if (!v) return refuse("BestaatNiet", 404, `Besluit ${c.data.besluitId} hoort niet bij deze verlengingsronde.`, "besluitId");
  if (v.status !== "voorgelegd") return v.beslissing?.akkoord === c.data.akkoord ? [] : refuse("OngeldigeInvoer", 409, `Over besluit ${v.besluitId} is al beslist (${v.status}).`);
  const motivering = c.data.motivering.trim();
  if (!c.data.akkoord && motivering.length < 10) return refuse("OngeldigeInvoer", 400, "Wie een besluit terugstuurt, motiveert dat (minstens 10 tekens).", "motivering");
  const door = c.data.door?.trim() || c.actor.id;
  const genomen: RondeEvent = { type: "VerlengingsbesluitGenomen", data: { besluitId: v.besluitId, akkoord: c.data.akkoord, motivering, door, at: now.toISOString() } };
  if (!c.data.akkoord) return [genomen];
  return [genomen, { type: "UitkomstVastgesteld", data: { besluitId: v.besluitId, uitkomsten: uitkomstenVan(state) } }];
}

/** Per aanbieder of the round: niet-verlengd when its refusal stands, otherwise verlengd. */
export function uitkomstenVan(state: RondeDetails): RondeUitkomst[] {
  return state.aanbieders.map((a) => {
    const w = state.weigeringen.find((x) => x.kvk === a.kvk);
    if (w && weigeringStaat(w) === "gehandhaafd")
      return { kvk: a.kvk, naam: a.naam, uitkomst: "niet-verlengd", reden: w.reden, motivering: w.herbeoordeling?.motivering ?? w.motivering };
    return { kvk: a.kvk, naam: a.naam, uitkomst: "verlengd" };
  });
}

/** The per-aanbieder besluit that follows from the general verlengingsbesluit. */
export function besluitIdVoorAanbieder(besluitId: string, kvk: string): string {
  return `${besluitId}-${kvk}`;
}

export interface RondeWekker {
  at: Date;
  soort: "einde-hoor" | "einde-ronde";
  command: RondeCommand;
}

/**
 * The next instant the workflow wakes the round (same protocol as `volgendeMoment` of the contract): the
 * earliest end of a running hearing (ExpireHoor), else the end of the term (ExpireRonde) while no besluit
 * was taken. null when the round is decided or over.
 */
export function volgendeRondeMoment(state: RondeState): RondeWekker | null {
  if (state.status === "leeg" || state.status === "vastgesteld" || state.status === "verlopen") return null;
  const hoor = state.weigeringen
    .filter((w) => w.hoor && !w.hoor.verstreken)
    .map((w): RondeWekker => ({ at: new Date(w.hoor!.termijnEinde), soort: "einde-hoor", command: { type: "ExpireHoor", actor: SYSTEEM, data: { kvk: w.kvk } } }));
  const einde: RondeWekker = { at: eindeMoment(state.termijnEinde), soort: "einde-ronde", command: { type: "ExpireRonde", actor: SYSTEEM } };
  return [...hoor, einde].reduce((best, c) => (c.at < best.at ? c : best));
}

export { rondeKey };
