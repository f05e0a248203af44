import type { Authority, BesluitType } from "../catalogue";
import type { Actor } from "../shared/actor";
import type { Recorded } from "../shared/audit";

/**
 * The types of the contract entity: one aanbieder under one catalogue contract, keyed `<contractId>/<kvk>`.
 * Events are facts (past tense, Dutch), commands are requests (English verb, Dutch nouns).
 */

/** One term of the looptijd: the initial term or an extension term. Dates are inclusive Amsterdam dates. */
export interface Termijn {
  nr: number;
  start: string;
  eind: string;
  soort: "initieel" | "verlenging";
  /** The catalogue's VerlengingWijze of an extension term. */
  wijze?: string;
}

/** How an extension term took effect. */
export type VerlengingHoe = "stilzwijgend" | "besluit";

/** Why the region refuses an individual extension (inkoopplan 5.1; 5.2 and 5.3.4 for "geen zorg"). */
export type WeigeringsReden = "ondermaats-presteren" | "geen-zorg-geleverd";

/** Model contract 8.3 (Midden-Limburg): the grounds to end a contract per direct. */
export type DringendeReden = "fusie-of-overname" | "voldoet-niet-meer-aan-voorwaarden" | "ernstige-fout";

/** Why ontbinding is proposed (inkoopplan 4.4.2). */
export type OntbindingsGrond = "termijn-ingebrekestelling-verstreken" | "geen-zicht-op-verbetering";

/** Why a contract ran out (ContractAfgelopen). */
export type AfloopReden =
  | "looptijd-voorbij"
  | "geen-verlengingsbesluit"
  | "niet-verlengd"
  | "opgezegd-door-aanbieder"
  | "opgezegd-door-regio"
  | "landelijk-beleid";

/** A planned end while the contract still runs: after NietVerlengd, an opzegging or BeeindigdLandelijkBeleid. */
export interface GeplandEinde {
  reden: Exclude<AfloopReden, "looptijd-voorbij" | "geen-verlengingsbesluit">;
  /** Last day the contract runs (inclusive). */
  einddatum: string;
  besluitId?: string;
}

/** The term of an ingebrekestelling: werkdagen after the besluit (counted by the calendar) or an explicit instant. */
export type IngebrekeTermijn = { werkdagen: number } | { einde: string };

/** A besluit the contract waits for; the workflow lays it before `authority` and reports back with VerwerkBesluit. */
export type VoorstelSoort =
  | "clientenstop"
  | "opheffing-clientenstop"
  | "ingebrekestelling"
  | "ontbinding"
  | "opzegging"
  | "dringende-reden"
  | "landelijk-beleid";

export interface VoorstelBasis {
  besluitId: string;
  besluitType: BesluitType;
  authority: Authority;
  motivering: string;
  door: string;
  at: string;
}

export type Voorstel = VoorstelBasis & {
  soort: VoorstelSoort;
  termijn?: IngebrekeTermijn;
  grond?: OntbindingsGrond | DringendeReden;
  gewensteEinddatum?: string;
};

type StartData = {
  contractId: string;
  kvk: string;
  naam: string;
  procedureId: string;
  besluitId: string;
  producten: string[];
  ingangsdatum: string;
  /** Months before a term ends that the verlengingsronde opens (default 3, model contract 6.4 Midden-Limburg). */
  aanloopMaanden?: number;
  /** SAS with percelen: the perceel the contract is for (Wonen Wmo: kernpartner or niet-kernpartner). */
  perceel?: string;
  /** A contract entered per plaats (Hulp bij huishouden, 6.10.1): per product the plaatsen the aanbieder serves. */
  plaatsen?: PlaatsenPerProduct;
};

/** Per product the plaatsen of a contract entered per plaats. */
export type PlaatsenPerProduct = { productId: string; plaatsen: string[] }[];

export type ContractEvent =
  | { type: "ContractGestart"; data: StartData & { termijnen: Termijn[] } }
  | { type: "ProductenToegevoegd"; data: { procedureId: string; besluitId: string; producten: string[]; plaatsen?: PlaatsenPerProduct } }
  // ---- looptijd
  | {
      type: "VerlengingSignaal";
      data: {
        termijnNr: number;
        termijnEinde: string;
        volgendeTermijnNr: number;
        /** First day of the lead time: from this day the inkoper can open the round. */
        rondeOpent: string;
        rondeKey: string;
        regime: VerlengingHoe;
        /** What happens at the term end when no verlengingsbesluit is recorded. */
        zonderBesluit: "verlengd" | "afgelopen";
        grondslag: string;
      };
    }
  | { type: "VerlengingBesloten"; data: { besluitId: string; termijnNr: number; termijnEinde: string } }
  | { type: "NietVerlengd"; data: { besluitId: string; termijnNr: number; einddatum: string; reden?: WeigeringsReden; motivering?: string } }
  | { type: "VerlengingIngegaan"; data: { termijnNr: number; start: string; eind: string; hoe: VerlengingHoe; besluitId?: string } }
  | { type: "ContractAfgelopen"; data: { reden: AfloopReden; einddatum: string; besluitId?: string } }
  // ---- proposals and their outcome
  | { type: "ClientenstopVoorgesteld"; data: VoorstelBasis }
  | { type: "OpheffingClientenstopVoorgesteld"; data: VoorstelBasis }
  | { type: "IngebrekestellingVoorgesteld"; data: VoorstelBasis & { termijn: IngebrekeTermijn } }
  | { type: "OntbindingVoorgesteld"; data: VoorstelBasis & { grond: OntbindingsGrond } }
  | { type: "OpzeggingVoorgesteld"; data: VoorstelBasis & { gewensteEinddatum?: string } }
  | { type: "BeeindigingVoorgesteld"; data: VoorstelBasis & { grond: DringendeReden } }
  | { type: "BeeindigingLandelijkBeleidVoorgesteld"; data: VoorstelBasis & { gewensteEinddatum?: string } }
  | { type: "VoorstelTeruggestuurd"; data: { besluitId: string; soort: VoorstelSoort; motivering: string; door: string; at: string } }
  | { type: "VoorstelVervallen"; data: { besluitId: string; soort: VoorstelSoort; reden: string } }
  // ---- handhaving (4.4.2)
  | { type: "ClientenstopOpgelegd"; data: { besluitId: string; motivering: string; perDatum: string } }
  | { type: "ClientenstopOpgeheven"; data: { besluitId: string; motivering: string; perDatum: string } }
  | { type: "IngebrekeGesteld"; data: { besluitId: string; motivering: string; termijnEinde: string; at: string } }
  | { type: "IngebrekestellingVerstreken"; data: { besluitId: string; termijnEinde: string } }
  | { type: "IngebrekestellingAfgerond"; data: { besluitId: string; uitkomst: "verbeterd"; motivering: string; door: string; at: string } }
  | { type: "ContractOntbonden"; data: { besluitId: string; motivering: string; perDatum: string } }
  // ---- beëindiging
  | { type: "OpgezegdDoorAanbieder"; data: { einddatum: string; toelichting: string; door: string; at: string } }
  | { type: "OpgezegdDoorRegio"; data: { besluitId: string; einddatum: string; motivering: string } }
  | { type: "BeeindigdWegensDringendeReden"; data: { besluitId: string; grond: DringendeReden; motivering: string; perDatum: string } }
  | { type: "BeeindigdLandelijkBeleid"; data: { besluitId: string; einddatum: string; motivering: string } };

export type ContractEventType = ContractEvent["type"];

/**
 * "actief": the contract runs (possibly with a planned `einde`); "afgelopen": ran out (last term, no
 * extension, niet-verlengd, opgezegd, landelijk beleid); "beeindigd": ended per direct (8.3); "ontbonden": 4.4.2.
 */
export type ContractStatus = "actief" | "afgelopen" | "beeindigd" | "ontbonden";

export interface ContractDetails {
  contractId: string;
  kvk: string;
  naam: string;
  procedureId: string;
  /** Every besluit that shaped this contract: gunning(en), verlenging, handhaving. One entry per besluit. */
  besluiten: string[];
  producten: string[];
  /** A contract entered per plaats (Hulp bij huishouden): per product the plaatsen; absent for other contracts. */
  plaatsen?: PlaatsenPerProduct;
  ingangsdatum: string;
  termijnen: Termijn[];
  aanloopMaanden: number;
  /** The running term (the first one before the contract starts). */
  termijnNr: number;
  /** Highest term whose VerlengingSignaal went out (0: none). */
  gesignaleerd: number;
  /** One entry per extension term that started. */
  verlengingen: { termijnNr: number; hoe: VerlengingHoe; besluitId?: string }[];
  /** A positive verlengingsbesluit for the next term (only for the running term). */
  verlengingsbesluit?: { termijnNr: number; besluitId: string };
  einde?: GeplandEinde;
  afgelopen?: { reden: AfloopReden; einddatum: string; besluitId?: string };
  clientenstop?: { besluitId: string; motivering: string; perDatum: string };
  ingebrekestelling?: { besluitId: string; motivering: string; termijnEinde: string; status: "lopend" | "verstreken" | "verbeterd" };
  /** Besluiten laid before an authority and not yet decided; at most one per soort. */
  lopend: Voorstel[];
  ontbonden?: { besluitId: string; motivering: string; perDatum: string };
  beeindigd?: { besluitId: string; grond: DringendeReden; motivering: string; perDatum: string };
}

export type ContractState = { status: "leeg" } | ({ status: ContractStatus } & ContractDetails);
export type RecordedContractEvent = Recorded<ContractEvent>;

type Besluit = { besluitId: string; motivering: string };

export type ContractCommand =
  | { type: "StartContract"; actor: Actor; data: StartData }
  /** After the authority's akkoord on an ontbinding laid before it outside this entity (kept for the existing workflow). */
  | { type: "OntbindContract"; actor: Actor; data: Besluit }
  // ---- timers (systeem); volgendeMoment() builds them
  | { type: "SignaleerVerlenging"; actor: Actor; data: { termijnNr: number } }
  | { type: "EindeTermijn"; actor: Actor; data: { termijnNr: number } }
  | { type: "EindeOpzegging"; actor: Actor; data: { einddatum: string } }
  | { type: "EindeIngebrekestelling"; actor: Actor; data: { besluitId: string } }
  // ---- from the verlengingsronde (systeem), per aanbieder
  | {
      type: "RecordVerlengingsbesluit";
      actor: Actor;
      data: { besluitId: string; termijnEinde: string; uitkomst: "verlengd" | "niet-verlengd"; reden?: WeigeringsReden; motivering?: string };
    }
  // ---- a besluit laid before its authority was decided (systeem, relayed by the besluit entity, or the authority itself)
  | { type: "VerwerkBesluit"; actor: Actor; data: { besluitId: string; akkoord: boolean; motivering: string } }
  // ---- handhaving (inkoper)
  | { type: "ProposeClientenstop"; actor: Actor; data: Besluit }
  | { type: "ProposeOpheffingClientenstop"; actor: Actor; data: Besluit }
  | { type: "ProposeIngebrekestelling"; actor: Actor; data: Besluit & { termijn: IngebrekeTermijn } }
  | { type: "RecordVerbetering"; actor: Actor; data: { motivering: string } }
  | { type: "ProposeOntbinding"; actor: Actor; data: Besluit }
  // ---- beëindiging
  | { type: "OpzegDoorAanbieder"; actor: Actor; data: { toelichting: string; einddatum?: string } }
  | { type: "ProposeOpzegging"; actor: Actor; data: Besluit & { einddatum?: string } }
  | { type: "ProposeBeeindigingDringendeReden"; actor: Actor; data: Besluit & { grond: DringendeReden } }
  | { type: "ProposeBeeindigingLandelijkBeleid"; actor: Actor; data: Besluit & { einddatum?: string } };

export type ContractCommandType = ContractCommand["type"];
export type CommandOf<T extends ContractCommandType> = Extract<ContractCommand, { type: T }>;
export type Lopend = { status: "actief" } & ContractDetails;
