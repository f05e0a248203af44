import { z } from "zod";

// The catalogue of Regio Midden-Holland's purchase 2025 as data. Sources: Inkoopplan jeugd en Wmo 2025
// (contracts, criteria, authorities), Concept productenboek 2025 and Oplegger productenboek (products).
// Field names are Dutch domain nouns; all text a person reads is Dutch.

/** Where a fact comes from: document + section, e.g. { document: "inkoopplan", sectie: "6.8.2" }. */
export const DocumentSchema = z.enum(["inkoopplan", "productenboek", "oplegger"]);
export type Document = z.infer<typeof DocumentSchema>;

export const BronCitaatSchema = z.object({
  document: DocumentSchema,
  /** Section number ("6.1.2") or the document part ("Was-wordt lijst Ambulant Jeugd"). */
  sectie: z.string().min(1),
  /** Short quote from the document, Dutch, verbatim apart from whitespace. */
  citaat: z.string().min(1),
});
export type BronCitaat = z.infer<typeof BronCitaatSchema>;

// ---------------------------------------------------------------------------------------------------------
// Contracts (Inkoopplan chapter 6)

export const CONTRACT_IDS = [
  "jb-jr",
  "jeugdzorgplus",
  "forensische-ggz",
  "crisisdienst",
  "hoog-specialistisch-jeugd",
  "wonen-jeugd",
  "wonen-wmo",
  "ambulant-jeugd",
  "ambulant-wmo",
  "dagbesteding-jeugd",
  "dagbesteding-logeren-wmo",
  "hulp-bij-huishouden",
] as const;
export const ContractIdSchema = z.enum(CONTRACT_IDS);
export type ContractId = z.infer<typeof ContractIdSchema>;

export const DomeinSchema = z.enum(["jeugd", "wmo"]);
export type Domein = z.infer<typeof DomeinSchema>;

export const ProcedureTypeSchema = z.enum([
  "open-house-zonder-toetreding",
  "open-house-met-toetreding",
  "sas",
  "enkelvoudig-onderhands",
  "onderhandelingsprocedure-zonder-bekendmaking",
  "nader-te-bepalen",
]);
export type ProcedureType = z.infer<typeof ProcedureTypeSchema>;

/**
 * How an extension takes effect.
 * - stilzwijgend: extended unless the region decides otherwise ("verlengd tenzij");
 * - besluit-vooraf: only extended after a prior decision ("niet verlengd tenzij");
 * - voorwaardelijk-na-evaluatie: extended when the evaluation is positive (Hoog-specialistisch, 6.5.2);
 * - niet-vermeld: the inkoopplan gives the term but not how the extension takes effect.
 */
export const VerlengingWijzeSchema = z.enum([
  "stilzwijgend",
  "besluit-vooraf",
  "voorwaardelijk-na-evaluatie",
  "niet-vermeld",
]);
export type VerlengingWijze = z.infer<typeof VerlengingWijzeSchema>;

export const VerlengingSchema = z.object({
  jaren: z.number().int().positive(),
  wijze: VerlengingWijzeSchema,
});
export type Verlenging = z.infer<typeof VerlengingSchema>;

export const LooptijdSchema = z
  .object({
    initieelJaren: z.number().int().positive(),
    verlengingen: z.array(VerlengingSchema),
    /** Initial term plus all extensions; never more than the 10 years of 5.1. */
    maxJaren: z.number().int().positive().max(10),
  })
  .refine((l) => l.initieelJaren + l.verlengingen.reduce((s, v) => s + v.jaren, 0) === l.maxJaren, {
    error: "maxJaren moet gelijk zijn aan de initiële looptijd plus alle verlengingen",
  });
export type Looptijd = z.infer<typeof LooptijdSchema>;

export const PerceelSchema = z.object({
  id: z.string().min(1),
  naam: z.string().min(1),
  omschrijving: z.string().min(1),
  /** What only this perceel gets (e.g. pilots and innovatiebudget for kernpartners). */
  voorrechten: z.array(z.string()),
});
export type Perceel = z.infer<typeof PerceelSchema>;

export const PercelenSchema = z.object({
  percelen: z.array(PerceelSchema).min(2),
  inschrijvenOpMeerderePercelen: z.boolean(),
  /** Perceel id that is awarded when an aanbieder qualifies for all percelen. */
  gunningBijKwalificatieVoorAlle: z.string().min(1),
  regel: z.string().min(1),
});
export type Percelen = z.infer<typeof PercelenSchema>;

export const GebiedenSchema = z.object({
  inschrijvenPerPlaats: z.boolean(),
  /** The places an aanbieder can subscribe to. */
  plaatsen: z.array(z.string().min(1)),
  /** Dutch: where the places come from and what the text leaves open. */
  toelichting: z.string().min(1),
});
export type Gebieden = z.infer<typeof GebiedenSchema>;

export const ContractSchema = z.object({
  id: ContractIdSchema,
  /** Inkoopplan section, e.g. "6.8". */
  sectie: z.string().regex(/^6\.\d+$/),
  naam: z.string().min(1),
  domein: DomeinSchema,
  procedureType: ProcedureTypeSchema,
  /** Dutch: the procedure in one or two sentences, from the text. */
  procedureToelichting: z.string().min(1),
  /** null when the inkoopplan says "Nader te bepalen" (Crisisdienst). */
  looptijd: LooptijdSchema.nullable(),
  percelen: PercelenSchema.nullable(),
  gebieden: GebiedenSchema.nullable(),
  tussentijdseToetreding: z.boolean(),
  /** Dutch: when entry or reopening is possible after all. */
  toetredingToelichting: z.string().min(1),
  /** The contract can be ended "indien landelijk beleid hier aanleiding toe geeft" (6.1.2, 6.2.2, 6.3.2). */
  beeindigingBijLandelijkBeleid: z.boolean(),
  /** Whether the productenboek describes this contract's products (not the gedwongen kader, not the crisisdienst). */
  inProductenboek: z.boolean(),
  /** Budgetplafonds as a kan-bepaling (5.3.4: the jeugd contracts Ambulant, Wonen and Dagbesteding). */
  budgetplafondMogelijk: z.boolean(),
  /** Dutch, from the text, e.g. "10-12 aanbieders"; null when the text gives no number. */
  aantalAanbieders: z.string().nullable(),
  /** Dutch: how the contract is paid (p*q, lump sum ...), from the x.x.3 Bekostiging paragraph. */
  bekostiging: z.string().min(1),
  /** Award criteria as listed in the text (6.5.1); empty when the text lists none. No weights are given. */
  gunningscriteria: z.array(z.string()),
  bronCitaten: z.array(BronCitaatSchema).min(1),
  /** Dutch notes: anomalies, contradictions, what the text leaves open. */
  opmerkingen: z.array(z.string()),
});
export type Contract = z.infer<typeof ContractSchema>;

// ---------------------------------------------------------------------------------------------------------
// Products (productenboek + oplegger, generated)

export const EenheidSchema = z.enum(["minuut", "uur", "dagdeel", "dag", "etmaal"]);
export type Eenheid = z.infer<typeof EenheidSchema>;

export const OpleggerStatusSchema = z.enum(["houden", "stoppen", "nieuw", "onbekend"]);
export type OpleggerStatus = z.infer<typeof OpleggerStatusSchema>;

export const ProductBronSchema = z.enum(["productenboek", "alleen-oplegger"]);
export type ProductBron = z.infer<typeof ProductBronSchema>;

export const BijzonderhedenSchema = z.object({
  groepsgrootte: z.string().nullable(),
  duurTraject: z.string().nullable(),
  /** "Toegang" appears as a sub-heading in a few Wonen Wmo products and in Hulp bij huishouden. */
  toegang: z.string().nullable(),
  aanvullendeEisen: z.string().nullable(),
  /** Text directly under "Bijzonderheden" that is under none of the sub-headings. */
  overig: z.string().nullable(),
});
export type Bijzonderheden = z.infer<typeof BijzonderhedenSchema>;

export const ProductSchema = z.object({
  /** `<contractId>/<code>`, `-2` for a second use of a code within a contract, `<contractId>/nieuw-<slug>` without a code. */
  id: z.string().regex(/^[a-z0-9-]+\/[A-Za-z0-9-]+$/),
  /** The product code; null when the document has none or says "NIEUW". */
  code: z.string().regex(/^[0-9A-Z]{5}$/).nullable(),
  /** What the document shows in the code field ("45A48", "NIEUW", "Nieuw", "NIEUW PRODUCT"); null when there is nothing. */
  codeLabel: z.string().nullable(),
  naam: z.string().min(1),
  contractId: ContractIdSchema,
  bron: ProductBronSchema,
  /** Position in the productenboek (1..58); null for oplegger-only rows. */
  volgnummer: z.number().int().positive().nullable(),
  omschrijving: z.string().nullable(),
  beoogdResultaat: z.string().nullable(),
  doelgroep: z.string().nullable(),
  bijzonderheden: BijzonderhedenSchema,
  /** Education requirement, literally ("Volgt nog", "ntb", "N.v.t." are kept). */
  opleiding: z.string().nullable(),
  /** Only where the oplegger or the text gives one; the productenboek has no unit field. */
  eenheid: EenheidSchema.nullable(),
  /** Dutch: where the unit comes from. */
  eenheidBron: z.string().nullable(),
  opleggerStatus: OpleggerStatusSchema,
  /** True when the oplegger writes "Stoppen?" (with a question mark). */
  opleggerOnzeker: z.boolean(),
  /** The name, code and remark in the oplegger's was-wordt list (null when there is no row). */
  opleggerNaam: z.string().nullable(),
  opleggerCode: z.string().nullable(),
  opleggerBijzonderheden: z.string().nullable(),
  /** Dutch notes on this product's anomalies. */
  anomalieen: z.array(z.string()),
});
export type Product = z.infer<typeof ProductSchema>;

export const AnomalieSoortSchema = z.enum([
  "productcode-in-meerdere-contracten",
  "productcode-dubbel-in-contract",
  "productcode-nieuw",
  "productenboek-en-oplegger-oneens",
  "alleen-in-oplegger",
  "niet-in-oplegger",
  "naam-wijkt-af",
  "status-onzeker",
  "veld-dubbel",
  "veld-ontbreekt",
  "eenheid-ontbreekt",
  "sectiekop-ontbreekt",
  "documenten-tegenstrijdig",
  "niet-in-documenten",
]);
export type AnomalieSoort = z.infer<typeof AnomalieSoortSchema>;

export const CatalogueAnomalySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  soort: AnomalieSoortSchema,
  /** Dutch description, with the facts. */
  beschrijving: z.string().min(1),
  /** Where in the documents, e.g. "Productenboek, contract Ambulant Jeugd", "Inkoopplan 5.1". */
  bronnen: z.array(z.string().min(1)).min(1),
  contractIds: z.array(ContractIdSchema),
  productIds: z.array(z.string()),
});
export type CatalogueAnomaly = z.infer<typeof CatalogueAnomalySchema>;

/** The committed output of `npm run catalogue:generate`. */
export const GeneratedProductsFileSchema = z.object({
  bronbestanden: z.array(z.string()),
  aantallen: z.object({
    productenboek: z.number().int(),
    alleenOplegger: z.number().int(),
    productenboekPerContract: z.record(z.string(), z.number().int()),
  }),
  products: z.array(ProductSchema),
  anomalies: z.array(CatalogueAnomalySchema),
});
export type GeneratedProductsFile = z.infer<typeof GeneratedProductsFileSchema>;

// ---------------------------------------------------------------------------------------------------------
// Toelatingscriteria (Inkoopplan 4.4.1) and micro-onderneming (5.2)

export const VrijstellingCodeSchema = z.enum(["micro-onderneming", "geen-vrijwilligers"]);
export type VrijstellingCode = z.infer<typeof VrijstellingCodeSchema>;

export const VrijstellingSchema = z.object({
  code: VrijstellingCodeSchema,
  omschrijving: z.string().min(1),
});
export type Vrijstelling = z.infer<typeof VrijstellingSchema>;

export const BewijsSchema = z.object({
  omschrijving: z.string().min(1),
  /** False when the inkoopplan names no proof and this is the catalogue's proposal. */
  uitDocument: z.boolean(),
});
export type Bewijs = z.infer<typeof BewijsSchema>;

export const CriteriumCodeSchema = z.string().regex(/^TC(0[1-9]|1[01])$/);

export const ToelatingscriteriumSchema = z.object({
  nummer: z.number().int().min(1).max(11),
  code: CriteriumCodeSchema,
  titel: z.string().min(1),
  /** The Dutch text of 4.4.1, near-verbatim. */
  tekst: z.string().min(1),
  /** "Elk van deze criteria is een harde eis (knock out)". */
  knockOut: z.literal(true),
  /** Judged per product the aanbieder subscribes to (2 ervaringseis, 7 bekwaam personeel). */
  perProduct: z.boolean(),
  vrijstellingen: z.array(VrijstellingSchema),
  bewijs: z.array(BewijsSchema),
  /** Dutch: what the text leaves to be decided (e.g. the minimum number of trajecten). */
  nogNaderTeBepalen: z.string().nullable(),
  bron: z.literal("Inkoopplan 4.4.1"),
});
export type Toelatingscriterium = z.infer<typeof ToelatingscriteriumSchema>;

export const MicroOndernemingSchema = z.object({
  definitie: z.string().min(1),
  /** Fewer than this many employees ("minder dan 10 werknemers"). */
  maxWerknemers: z.number().int().positive(),
  /** Annual turnover and/or balance sheet below this amount ("minder dan 2 miljoen euro"). */
  maxOmzetOfBalansEuro: z.number().int().positive(),
  /** Both bounds are exclusive ("minder dan"). */
  grenzenExclusief: z.literal(true),
  bron: z.string().min(1),
  /** Dutch: where else in the plan micro-ondernemingen are treated differently. */
  afwijkendeEisen: z.array(BronCitaatSchema),
});
export type MicroOnderneming = z.infer<typeof MicroOndernemingSchema>;

// ---------------------------------------------------------------------------------------------------------
// Decision authorities (Inkoopplan 7.2, 7.3, 5.3.4)

export const BesluitTypeSchema = z.enum([
  "akkoord-gunning",
  "contractondertekening",
  "programma-van-eisen",
  "wijziging-productenboek-zonder-tariefeffect",
  "aanbieder-specifiek-tarief",
  "wijziging-tarieven",
  "stopzetten-procedure",
  "wezenlijke-wijziging-procedure",
  "gunningssystematiek-hoog-specialistisch",
  "budgetplafond",
  "verlenging",
  "niet-verlenging",
  "contractwijziging",
  "toelating",
  "afwijzing",
  "clientenstop",
  "ingebrekestelling",
  "ontbinding",
  "hoor-en-wederhoor",
  "heropening",
  "selectiebeslissing",
  "voorlopige-gunning",
  "definitieve-gunning",
  "motivering-procedurekeuze",
  "beeindiging-traject",
]);
export type BesluitType = z.infer<typeof BesluitTypeSchema>;

export const AuthoritySchema = z.enum(["programmadirecteur", "bosd", "colleges", "rwo"]);
export type Authority = z.infer<typeof AuthoritySchema>;

export const BesluitAuthoritySchema = z.object({
  besluitType: BesluitTypeSchema,
  authority: AuthoritySchema,
  /** e.g. "Inkoopplan 7.2"; for a default: the section the default leans on. */
  bron: z.string().min(1),
  /** Dutch quote from the document. */
  citaat: z.string().min(1),
  /** False when 7.2/7.3 name no authority and the catalogue chose a default (explained in toelichting). */
  uitDocumenten: z.boolean(),
  toelichting: z.string().nullable(),
  /** The mandate the plan refers to, e.g. "Art 10.1 mandatenbesluit". */
  grondslag: z.string().nullable(),
  /** Who must be consulted first, e.g. "na afstemming met de bestuurlijk trekkers". */
  afstemmingVooraf: z.string().nullable(),
  /** Who must be informed, e.g. "College achteraf informeren". */
  informeren: z.array(z.string()),
  /** 7.2: an extra volmacht is needed for this decision during the procurement. */
  volmachtNodig: z.boolean(),
});
export type BesluitAuthority = z.infer<typeof BesluitAuthoritySchema>;

export const AuthorityNamen: Record<Authority, string> = {
  programmadirecteur: "Programmadirecteur RWO",
  bosd: "Portefeuillehouder(s) Bestuurlijk overleg Sociaal Domein Midden-Holland (BOSD)",
  colleges: "Colleges van burgemeester en wethouders van de vijf gemeenten",
  rwo: "Regionale werkorganisatie sociaal domein (RWO)",
};
