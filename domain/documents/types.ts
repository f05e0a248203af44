/**
 * The plain data each Dutch document is rendered from. Workflows build these objects from events;
 * templates/ turns them into PDFs without knowing where the data came from.
 * All instants are ISO-8601 strings; all text is Dutch.
 */

export interface ProcedureRef {
  id: string;
  titel: string;
  contractNaam: string;
  /** Section of the inkoopplan, e.g. "6.8". */
  sectie: string;
}

export interface Partij {
  naam: string;
  kvk?: string;
  email?: string;
}

/** Header of every besluit: id, author, deciding authority with its mandate reference, date. */
export interface BesluitKop {
  besluitId: string;
  /** e.g. "Toelatingsbesluit", "Afwijzingsbesluit", "Besluit stopzetten aanbestedingsprocedure". */
  titel: string;
  datum: string;
  auteur: { naam: string; rol: string };
  /** e.g. { naam: "Programmadirecteur RWO", bron: "Inkoopplan 2025, 7.2 (mandatenbesluit m.i.v. 1 december 2023)" }. */
  bevoegdGezag: { naam: string; bron: string; toelichting?: string };
  procedure: ProcedureRef;
  ontvanger?: Partij;
}

export interface Reden {
  criteriumCode: string;
  criteriumTitel: string;
  /** Set for the per-product criteria (TC02, TC07). */
  product?: { code: string | null; naam: string };
  motivering: string;
  /** True when the shortcoming still stood after hoor en wederhoor. */
  naHoorEnWederhoor: boolean;
}

export interface ProductRegel {
  code: string | null;
  codeLabel: string;
  naam: string;
}

/** One product an aanbieder entered for, with what the besluit decides about it and, when refused, the failing criteria. */
export interface ProductUitkomst {
  product: ProductRegel;
  uitkomst: "toegelaten" | "afgewezen";
  /** Short labels such as "TC07 Bekwaam personeel"; empty when admitted. */
  redenen: string[];
  /** A contract entered per plaats (Hulp bij huishouden, 6.10.1): the plaatsen entered for with this product. */
  plaatsen?: string[];
}

export interface ProcesVerbaalDocument {
  procedure: ProcedureRef;
  publicatieAt: string;
  sluitingAt: string;
  opgemaaktOp: string;
  ronde: number;
  /** What counts: the last version of each inschrijving (`versie` above 1 when it replaced earlier ones). */
  inschrijvingen: { volgnummer: number; naam: string; kvk: string; ontvangenOp: string; sha256: string; aantalProducten: number; versie?: number }[];
  /** Withdrawn before the closing instant: listed, not counted. */
  ingetrokken?: { volgnummer: number; naam: string; kvk: string; ontvangenOp: string; ingetrokkenOp: string }[];
  verklaring: string;
  /** A SAS's final offers (and later any four-eyes opening): the two people who confirmed the opening. */
  geopendDoor?: { naam: string; rol: string; at: string }[];
  /** What the list holds, when not "inschrijvingen" (e.g. "Inschrijvingen (definitieve offertes)"). */
  onderwerp?: string;
}

export interface NotaVanInlichtingenDocument {
  procedure: ProcedureRef;
  nummer: number;
  datum: string;
  /** Questions without the asker's name: every aanbieder receives the same text. */
  vragen: { nr: number; vraag: string; antwoord: string; gesteldOp: string; beantwoordOp: string }[];
}

export interface HoorbriefDocument {
  kenmerk: string;
  datum: string;
  aan: Partij;
  procedure: ProcedureRef;
  tekortkomingen: Reden[];
  termijnWerkdagen: number;
  termijnEinde: string;
  /** Says that the term is the region's own setting: the inkoopplan names none. */
  termijnToelichting: string;
  /** The sentence from the end of inkoopplan 4.4.1. */
  hoorEnWederhoorTekst: string;
  afzender: { naam: string; rol: string };
}

export interface ToelatingsbesluitDocument {
  kop: BesluitKop;
  toegelatenProducten: ProductRegel[];
  /** Products the aanbieder entered for but was not admitted to, with reasons (partial admission). */
  nietToegelatenProducten: { product: ProductRegel; redenen: Reden[] }[];
  /** Every product entered for, with its outcome; absent in documents made before it existed. */
  producten?: ProductUitkomst[];
  contract: { contractId: string; ingangsdatum: string; looptijdOmschrijving: string };
  motivering: string;
  rechtsmiddelen: string;
}

export interface AfwijzingsbesluitDocument {
  kop: BesluitKop;
  /** Every product entered for, with its outcome; absent in documents made before it existed. */
  producten?: ProductUitkomst[];
  redenen: Reden[];
  motivering: string;
  rechtsmiddelen: string;
}

export interface BesluitvoorstelDocument {
  kop: BesluitKop;
  voorstel: string;
  toegelaten: { naam: string; kvk: string; producten: number }[];
  afgewezen: { naam: string; kvk: string; redenen: string[] }[];
  /** Earlier rounds sent back by the authority, with their motivation. */
  eerderTeruggestuurd: { datum: string; motivering: string }[];
}

/** For the besluiten that are one decision with a motivation: stopzetten, heropening, ontbinding. */
export interface AlgemeenBesluitDocument {
  kop: BesluitKop;
  besluittekst: string;
  motivering: string;
  gevolgen: string[];
  rechtsmiddelen: string;
}

/** Changes to the requirements that came out of a SAS dialogue, published to every candidate at once. */
export interface NotaVanWijzigingenDocument {
  procedure: ProcedureRef;
  nummer: number;
  datum: string;
  wijzigingen: { nr: number; onderwerp: string; wijziging: string; at: string }[];
  /** Sent to the selected candidates only; says so. */
  ontvangers: string;
}

/** One candidate's place in a SAS ranking (selectie or gunning), per criterium its consensus score. */
export interface SasRangRegel {
  plaats: number;
  naam: string;
  kvk: string;
  /** Weighted total on the scale, formatted by the template (two decimals). */
  totaal: number;
  door: boolean;
  /** e.g. "gelijke stand: beslist door S1" or "gelijke stand: beslist door loting (lot 0,8123)". */
  beslistDoor?: string;
  scores: { criterium: string; score: number; motivering?: string }[];
}

export interface SasCriteriumRegel {
  code: string;
  naam: string;
  gewicht: number;
}

export interface SasPerceelUitslag {
  perceel: string;
  perceelNaam: string;
  criteria: SasCriteriumRegel[];
  schaal: { min: number; max: number };
  /** "4 kandidaten", "alle inschrijvers boven 5,5": what the cut-off was. */
  grens: string;
  rangschikking: SasRangRegel[];
  grensDoorGelijkeStand: boolean;
}

/**
 * Proposal to the programmadirecteur (selectie, voorlopige gunning, definitieve gunning): the rankings
 * per perceel with every consensus score, and who failed a knock-out.
 */
export interface SasVoorstelDocument {
  kop: BesluitKop;
  soort: "selectie" | "voorlopige-gunning" | "definitieve-gunning";
  voorstel: string;
  percelen: SasPerceelUitslag[];
  knockOuts: { naam: string; kvk: string; toelichting: string }[];
  gelijkeStandRegel: string;
}

/**
 * What one candidate receives: its selectiebeslissing, voorlopige gunningsbeslissing or gunningsbesluit.
 * Its own scores with motivation per criterium, its place, and (for the gunning) the winners' scores so
 * it can see their relative advantages; the standstill term when it runs.
 */
export interface SasBeslissingDocument {
  kop: BesluitKop;
  soort: "selectie" | "voorlopige-gunning" | "definitieve-gunning";
  /** One sentence: "U bent geselecteerd voor perceel Kernpartners." */
  uitkomst: string;
  percelen: {
    perceelNaam: string;
    uitkomst: "geselecteerd" | "niet-geselecteerd" | "gegund" | "niet-gegund";
    criteria: SasCriteriumRegel[];
    schaal: { min: number; max: number };
    eigen?: SasRangRegel;
    /** Gunning only: the winners (names and scores), for the relative advantages. */
    winnaars: SasRangRegel[];
    aantalKandidaten: number;
  }[];
  /** Set when the candidate failed a toelatingscriterium and was not scored. */
  knockOut?: string;
  /** Wonen Wmo: "U krijgt gegund als kernpartner (inkoopplan 6.7.1)". */
  perceelRegel?: string;
  gelijkeStandRegel: string;
  standstill?: { einde: string; dagen: number; toelichting: string };
  motivering: string;
  rechtsmiddelen: string;
}

export interface DocumentTypes {
  "proces-verbaal": ProcesVerbaalDocument;
  "nota-van-inlichtingen": NotaVanInlichtingenDocument;
  hoorbrief: HoorbriefDocument;
  toelatingsbesluit: ToelatingsbesluitDocument;
  afwijzingsbesluit: AfwijzingsbesluitDocument;
  besluitvoorstel: BesluitvoorstelDocument;
  "algemeen-besluit": AlgemeenBesluitDocument;
  "nota-van-wijzigingen": NotaVanWijzigingenDocument;
  "sas-voorstel": SasVoorstelDocument;
  "sas-beslissing": SasBeslissingDocument;
}
export type DocumentKind = keyof DocumentTypes;

/** What an entity lists about a stored document: the id carries the SHA-256 of the bytes. */
export interface StoredDocument {
  id: string;
  sha256: string;
  bytes: number;
  kind: DocumentKind;
  bestandsnaam: string;
  mediaType: "application/pdf";
  gemaaktOp: string;
}
