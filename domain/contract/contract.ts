import { findContract } from "../catalogue";
import { addDays, toAmsterdamDate } from "../calendar";
import { roleOfAuthority } from "../besluit/besluit";
import { SYSTEEM, rolNamen, type Rol } from "../shared/actor";
import { refuse, type Refusal } from "../shared/refusal";
import { decideOpzegDoorAanbieder, decideProposeDringendeReden, decideProposeLandelijkBeleid, decideProposeOpzegging } from "./beeindiging";
import {
  decideEindeIngebrekestelling,
  decideProposeClientenstop,
  decideProposeIngebrekestelling,
  decideProposeOntbinding,
  decideProposeOpheffing,
  decideRecordVerbetering,
} from "./handhaving";
import {
  AANLOOP_MAANDEN_STANDAARD,
  decideEindeOpzegging,
  decideEindeTermijn,
  decideSignaal,
  decideVerlengingsbesluit,
  eindeMoment,
  lopendeTermijn,
  signaalMoment,
  termijnenOf,
  volgendeTermijn,
} from "./looptijd";
import type { CommandOf, ContractCommand, ContractCommandType, ContractDetails, ContractEvent, ContractState, GeplandEinde, Lopend, PlaatsenPerProduct, VoorstelSoort } from "./types";
import { decideVerwerkBesluit } from "./voorstel";

/**
 * A contract of one aanbieder under one catalogue contract, keyed `<contractId>/<kvk>`: started by a
 * gunning, it runs through the terms of its catalogue scheme (looptijd.ts), can be enforced (handhaving.ts)
 * and ended early (beeindiging.ts). Pure: (state, command, now) -> events | refusal; (state, event) -> state.
 * The state stays bounded over the ten years: at most one entry per term and per besluit; pending
 * proposals leave the state when decided; the event log holds the history.
 */
export * from "./types";
export { AANLOOP_MAANDEN_STANDAARD, eindeMoment, huidigeTermijn, regimeVan, rondeKey, signaalMoment, termijnenOf } from "./looptijd";
export { besluitTypeVan, voorstelNamen } from "./voorstel";

export const initialContractState: ContractState = { status: "leeg" };

const voorstelSoortVan = {
  ClientenstopVoorgesteld: "clientenstop",
  OpheffingClientenstopVoorgesteld: "opheffing-clientenstop",
  IngebrekestellingVoorgesteld: "ingebrekestelling",
  OntbindingVoorgesteld: "ontbinding",
  OpzeggingVoorgesteld: "opzegging",
  BeeindigingVoorgesteld: "dringende-reden",
  BeeindigingLandelijkBeleidVoorgesteld: "landelijk-beleid",
} as const satisfies Partial<Record<ContractEvent["type"], VoorstelSoort>>;

const metBesluit = <S extends ContractDetails>(s: S, besluitId: string | undefined): S =>
  besluitId === undefined || s.besluiten.includes(besluitId) ? s : { ...s, besluiten: [...s.besluiten, besluitId] };
const zonderVoorstel = <S extends ContractDetails>(s: S, besluitId: string): S => ({ ...s, lopend: s.lopend.filter((v) => v.besluitId !== besluitId) });
/** Besluit taken: off the pending list, onto the besluiten. */
const genomen = <S extends ContractDetails>(s: S, besluitId: string): S => metBesluit(zonderVoorstel(s, besluitId), besluitId);
/** The earliest planned end wins. */
const eerderEinde = <S extends ContractDetails>(s: S, einde: GeplandEinde): S => (s.einde && s.einde.einddatum <= einde.einddatum ? s : { ...s, einde });

export function evolveContract(state: ContractState, event: ContractEvent): ContractState {
  if (event.type === "ContractGestart") {
    const { aanloopMaanden, ...data } = event.data;
    return {
      status: "actief",
      ...data,
      aanloopMaanden: aanloopMaanden ?? AANLOOP_MAANDEN_STANDAARD,
      besluiten: [event.data.besluitId],
      termijnNr: 1,
      gesignaleerd: 0,
      verlengingen: [],
      lopend: [],
    };
  }
  if (state.status === "leeg") return state;
  switch (event.type) {
    case "ProductenToegevoegd":
      return {
        ...state,
        producten: [...new Set([...state.producten, ...event.data.producten])],
        ...(event.data.plaatsen ? { plaatsen: samenPlaatsen(state.plaatsen ?? [], event.data.plaatsen) } : {}),
        besluiten: [...state.besluiten, event.data.besluitId],
      };
    case "VerlengingSignaal":
      return { ...state, gesignaleerd: Math.max(state.gesignaleerd, event.data.termijnNr) };
    case "VerlengingBesloten":
      return metBesluit({ ...state, verlengingsbesluit: { termijnNr: event.data.termijnNr, besluitId: event.data.besluitId } }, event.data.besluitId);
    case "NietVerlengd":
      return metBesluit(eerderEinde(state, { reden: "niet-verlengd", einddatum: event.data.einddatum, besluitId: event.data.besluitId }), event.data.besluitId);
    case "VerlengingIngegaan": {
      const { verlengingsbesluit: _done, ...rest } = state;
      const { termijnNr, hoe, besluitId } = event.data;
      return { ...rest, termijnNr, verlengingen: [...state.verlengingen, { termijnNr, hoe, ...(besluitId === undefined ? {} : { besluitId }) }] };
    }
    case "ContractAfgelopen":
      return { ...state, status: "afgelopen", afgelopen: event.data };
    case "ClientenstopVoorgesteld":
    case "OpheffingClientenstopVoorgesteld":
    case "IngebrekestellingVoorgesteld":
    case "OntbindingVoorgesteld":
    case "OpzeggingVoorgesteld":
    case "BeeindigingVoorgesteld":
    case "BeeindigingLandelijkBeleidVoorgesteld":
      return { ...state, lopend: [...state.lopend, { ...event.data, soort: voorstelSoortVan[event.type] }] };
    case "VoorstelTeruggestuurd":
    case "VoorstelVervallen":
      return zonderVoorstel(state, event.data.besluitId);
    case "ClientenstopOpgelegd":
      return { ...genomen(state, event.data.besluitId), clientenstop: event.data };
    case "ClientenstopOpgeheven": {
      const { clientenstop: _lifted, ...rest } = genomen(state, event.data.besluitId);
      return rest;
    }
    case "IngebrekeGesteld": {
      const { besluitId, motivering, termijnEinde } = event.data;
      return { ...genomen(state, besluitId), ingebrekestelling: { besluitId, motivering, termijnEinde, status: "lopend" } };
    }
    case "IngebrekestellingVerstreken":
      return state.ingebrekestelling ? { ...state, ingebrekestelling: { ...state.ingebrekestelling, status: "verstreken" } } : state;
    case "IngebrekestellingAfgerond":
      return state.ingebrekestelling ? { ...state, ingebrekestelling: { ...state.ingebrekestelling, status: "verbeterd" } } : state;
    case "ContractOntbonden":
      return { ...genomen(state, event.data.besluitId), status: "ontbonden", ontbonden: event.data };
    case "OpgezegdDoorAanbieder":
      return eerderEinde(state, { reden: "opgezegd-door-aanbieder", einddatum: event.data.einddatum });
    case "OpgezegdDoorRegio":
      return eerderEinde(genomen(state, event.data.besluitId), { reden: "opgezegd-door-regio", einddatum: event.data.einddatum, besluitId: event.data.besluitId });
    case "BeeindigdLandelijkBeleid":
      return eerderEinde(genomen(state, event.data.besluitId), { reden: "landelijk-beleid", einddatum: event.data.einddatum, besluitId: event.data.besluitId });
    case "BeeindigdWegensDringendeReden":
      return { ...genomen(state, event.data.besluitId), status: "beeindigd", beeindigd: event.data };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

const SYSTEEM_ONLY = ["systeem"] as const;
/** Who may send each command; VerwerkBesluit is further narrowed to the authority of the pending besluit. */
const roles: Record<ContractCommandType, readonly Rol[]> = {
  StartContract: SYSTEEM_ONLY,
  OntbindContract: SYSTEEM_ONLY,
  SignaleerVerlenging: SYSTEEM_ONLY,
  EindeTermijn: SYSTEEM_ONLY,
  EindeOpzegging: SYSTEEM_ONLY,
  EindeIngebrekestelling: SYSTEEM_ONLY,
  RecordVerlengingsbesluit: SYSTEEM_ONLY,
  VerwerkBesluit: ["systeem", ...new Set(Object.values(roleOfAuthority))],
  ProposeClientenstop: ["inkoper"],
  ProposeOpheffingClientenstop: ["inkoper"],
  ProposeIngebrekestelling: ["inkoper"],
  RecordVerbetering: ["inkoper"],
  ProposeOntbinding: ["inkoper"],
  OpzegDoorAanbieder: ["aanbieder"],
  ProposeOpzegging: ["inkoper"],
  ProposeBeeindigingDringendeReden: ["inkoper"],
  ProposeBeeindigingLandelijkBeleid: ["inkoper"],
};

/** Commands that a durable timer or a fan-out sends; on a contract that no longer runs they are no-ops. */
const stilOpGeeindigd: readonly ContractCommandType[] = ["SignaleerVerlenging", "EindeTermijn", "EindeOpzegging", "EindeIngebrekestelling", "RecordVerlengingsbesluit"];

export function decideContract(state: ContractState, command: ContractCommand, now: Date): ContractEvent[] | Refusal {
  const allowed = roles[command.type];
  if (!allowed.includes(command.actor.rol))
    return refuse(
      "RolNietToegestaan",
      403,
      allowed === SYSTEEM_ONLY ? "Contracten veranderen alleen door een besluit." : `Deze handeling is niet toegestaan voor de rol ${rolNamen[command.actor.rol]}.`,
    );
  if (command.type === "StartContract") return decideStart(state, command);
  if (command.type === "VerwerkBesluit") return decideVerwerkBesluit(state, command, now);
  if (state.status === "leeg")
    return command.type === "OntbindContract"
      ? refuse("OngeldigeInvoer", 409, "Alleen een actief contract kan worden ontbonden.")
      : refuse("BestaatNiet", 404, "Dit contract bestaat niet.");
  if (command.actor.rol === "aanbieder" && command.actor.kvk !== state.kvk) return refuse("RolNietToegestaan", 403, "U kunt alleen uw eigen contract opzeggen.");
  if (state.status !== "actief") {
    if (stilOpGeeindigd.includes(command.type)) return [];
    return refuse("OngeldigeInvoer", 409, command.type === "OntbindContract" ? "Alleen een actief contract kan worden ontbonden." : `Dit contract loopt niet meer (${state.status}).`);
  }
  const s: Lopend = { ...state, status: "actief" };
  switch (command.type) {
    case "OntbindContract":
      // Ontbinding takes effect the day after the besluit, so current clients can be handed over.
      return [{ type: "ContractOntbonden", data: { ...command.data, perDatum: addDays(toAmsterdamDate(now), 1) } }];
    case "SignaleerVerlenging":
      return decideSignaal(s, command, now);
    case "EindeTermijn":
      return decideEindeTermijn(s, command, now);
    case "EindeOpzegging":
      return decideEindeOpzegging(s, command, now);
    case "EindeIngebrekestelling":
      return decideEindeIngebrekestelling(s, command, now);
    case "RecordVerlengingsbesluit":
      return decideVerlengingsbesluit(s, command, now);
    case "ProposeClientenstop":
      return decideProposeClientenstop(s, command, now);
    case "ProposeOpheffingClientenstop":
      return decideProposeOpheffing(s, command, now);
    case "ProposeIngebrekestelling":
      return decideProposeIngebrekestelling(s, command, now);
    case "RecordVerbetering":
      return decideRecordVerbetering(s, command, now);
    case "ProposeOntbinding":
      return decideProposeOntbinding(s, command, now);
    case "OpzegDoorAanbieder":
      return decideOpzegDoorAanbieder(s, command, now);
    case "ProposeOpzegging":
      return decideProposeOpzegging(s, command, now);
    case "ProposeBeeindigingDringendeReden":
      return decideProposeDringendeReden(s, command, now);
    case "ProposeBeeindigingLandelijkBeleid":
      return decideProposeLandelijkBeleid(s, command, now);
    default: {
      const _exhaustive: never = command;
      return refuse("OngeldigeInvoer", 400, "Onbekende opdracht.");
    }
  }
}

function decideStart(state: ContractState, command: CommandOf<"StartContract">): ContractEvent[] | Refusal {
  const d = command.data;
  if (state.status === "actief") {
    const extra = d.producten.filter((p) => !state.producten.includes(p));
    // A later round per plaats (a heropening for capaciteitstekort) may add plaatsen for a product already contracted.
    const extraPlaatsen = d.plaatsen ? nieuwePlaatsen(state.plaatsen ?? [], d.plaatsen) : [];
    if ((extra.length === 0 && extraPlaatsen.length === 0) || state.besluiten.includes(d.besluitId)) return [];
    return [{ type: "ProductenToegevoegd", data: { procedureId: d.procedureId, besluitId: d.besluitId, producten: extra, ...(extraPlaatsen.length > 0 ? { plaatsen: extraPlaatsen } : {}) } }];
  }
  if (state.status === "ontbonden") return refuse("OngeldigeInvoer", 409, "Dit contract is ontbonden.");
  if (state.status !== "leeg") return refuse("OngeldigeInvoer", 409, `Dit contract is ${state.status}.`);
  const contract = findContract(d.contractId);
  if (!contract) return refuse("OnbekendContract", 400, `Onbekend contract '${d.contractId}'.`, "contractId");
  const aanloopMaanden = d.aanloopMaanden ?? AANLOOP_MAANDEN_STANDAARD;
  if (!Number.isInteger(aanloopMaanden) || aanloopMaanden < 1 || aanloopMaanden > 12)
    return refuse("OngeldigeInvoer", 400, "De aanlooptijd voor verlenging is een geheel aantal maanden van 1 tot en met 12.", "aanloopMaanden");
  return [{ type: "ContractGestart", data: { ...d, aanloopMaanden, termijnen: termijnenOf(contract.looptijd, d.ingangsdatum) } }];
}

/** The next instant the workflow wakes the contract, the command to send then, and why. */
export interface Wekker {
  at: Date;
  soort: "einde-ingebrekestelling" | "verlengingssignaal" | "einde-opzegging" | "einde-termijn";
  command: ContractCommand;
}

/**
 * The one instant the workflow should wake this contract next, with the (systeem) command to send then;
 * null when nothing is scheduled (the contract ended, or it has no looptijd).
 *
 * Candidates, earliest first (ties in this order): the end of a running ingebrekestelling; the lead-time
 * start of the running term (VerlengingSignaal, once per term, only when a next term exists and no planned
 * end comes first); a planned end (opzegging, landelijk beleid) before the term end; the term end
 * (00:00 Amsterdam the day after its inclusive end date).
 *
 * How to wire it: after every applied decision compute `volgendeMoment(state)` and keep exactly one durable
 * timer for it (workflows/runtime/wekker.ts), moved or cancelled as the moment changes; when it fires, run
 * its `command`. The commands are idempotent: a stale or repeated one yields [], and one
 * that arrives before its instant is refused (409 NogNietGesloten). After a late wake-up (downtime) the next
 * moment may already be due: apply it at once, and repeat until `at` lies in the future.
 */
export function volgendeMoment(state: ContractState): Wekker | null {
  if (state.status !== "actief") return null;
  const s: Lopend = { ...state, status: "actief" };
  const t = lopendeTermijn(s);
  const candidates: Wekker[] = [];
  const i = s.ingebrekestelling;
  if (i && i.status === "lopend")
    candidates.push({ at: new Date(i.termijnEinde), soort: "einde-ingebrekestelling", command: { type: "EindeIngebrekestelling", actor: SYSTEEM, data: { besluitId: i.besluitId } } });
  const eindigtEerder = s.einde !== undefined && (t === undefined || s.einde.einddatum <= t.eind);
  if (t && volgendeTermijn(s) && s.gesignaleerd < t.nr && !eindigtEerder)
    candidates.push({ at: signaalMoment(t.eind, s.aanloopMaanden), soort: "verlengingssignaal", command: { type: "SignaleerVerlenging", actor: SYSTEEM, data: { termijnNr: t.nr } } });
  if (s.einde && (t === undefined || s.einde.einddatum < t.eind))
    candidates.push({ at: eindeMoment(s.einde.einddatum), soort: "einde-opzegging", command: { type: "EindeOpzegging", actor: SYSTEEM, data: { einddatum: s.einde.einddatum } } });
  if (t) candidates.push({ at: eindeMoment(t.eind), soort: "einde-termijn", command: { type: "EindeTermijn", actor: SYSTEEM, data: { termijnNr: t.nr } } });
  return candidates.reduce<Wekker | null>((best, c) => (best === null || c.at < best.at ? c : best), null);
}

/** The plaatsen per product in `nieuw` that `huidig` does not have yet. */
function nieuwePlaatsen(huidig: PlaatsenPerProduct, nieuw: PlaatsenPerProduct): PlaatsenPerProduct {
  return nieuw
    .map(({ productId, plaatsen }) => ({ productId, plaatsen: plaatsen.filter((p) => !(huidig.find((h) => h.productId === productId)?.plaatsen ?? []).includes(p)) }))
    .filter((x) => x.plaatsen.length > 0);
}

/** The plaatsen per product of both, without doubles. */
function samenPlaatsen(huidig: PlaatsenPerProduct, erbij: PlaatsenPerProduct): PlaatsenPerProduct {
  const uit = huidig.map((h) => ({ productId: h.productId, plaatsen: [...h.plaatsen] }));
  for (const e of erbij) {
    const h = uit.find((x) => x.productId === e.productId);
    if (h) h.plaatsen.push(...e.plaatsen.filter((p) => !h.plaatsen.includes(p)));
    else uit.push({ productId: e.productId, plaatsen: [...e.plaatsen] });
  }
  return uit;
}
