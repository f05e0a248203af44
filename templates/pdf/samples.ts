import { createHash } from "node:crypto";
import { hoorEnWederhoorTekst } from "../../domain/catalogue";
import { GELIJKE_STAND_REGEL } from "../../domain/sas/scoring";
import type {
  AfwijzingsbesluitDocument,
  AlgemeenBesluitDocument,
  BesluitKop,
  BesluitvoorstelDocument,
  DocumentKind,
  DocumentTypes,
  HoorbriefDocument,
  NotaVanInlichtingenDocument,
  NotaVanWijzigingenDocument,
  ProcedureRef,
  ProcesVerbaalDocument,
  Reden,
  SasBeslissingDocument,
  SasCriteriumRegel,
  SasRangRegel,
  SasVoorstelDocument,
  ToelatingsbesluitDocument,
} from "../types";

/*
 * Realistic sample data for every document, shared by the template specs and
 * scripts/render-samples.ts. Names come from the catalogue (contract Ambulant – Jeugd, inkoopplan 6.8,
 * product 45A48 Begeleiding Jeugd, criterion TC07); the aanbieders are invented.
 */

export const RECHTSMIDDELEN =
  "Bent u het niet eens met dit besluit? Dan kunt u binnen 20 kalenderdagen na de datum van dit besluit schriftelijk een klacht indienen bij het inkoopteam van de RWO, met vermelding van het besluitnummer en uw motivering. " +
  "Wij reageren binnen 10 werkdagen. Daarnaast kunt u binnen dezelfde termijn een kort geding aanhangig maken bij de voorzieningenrechter van de rechtbank Den Haag.";

export const procedure: ProcedureRef = {
  id: "oh-ambulant-2027",
  titel: "Open House Ambulant Jeugd 2027",
  contractNaam: "Ambulant – Jeugd",
  sectie: "6.8",
};

const programmadirecteur: BesluitKop["bevoegdGezag"] = {
  naam: "Programmadirecteur RWO",
  bron: "Inkoopplan 2025, 7.2",
  toelichting:
    "Het inkoopplan noemt geen beslisser voor het toelaten of afwijzen van een aanbieder tot een Open House. Standaard: de programmadirecteur, omdat toelating in een Open House de gunning is ('Akkoord gunning', 7.2).",
};

const auteur = { naam: "M. de Vries", rol: "Inkoopadviseur RWO" };

export const deBrug = { naam: "Jeugdhulp De Brug B.V.", kvk: "12345678", email: "info@debrug.example" };
export const kompas = { naam: "Stichting Het Kompas Gouda", kvk: "87654321", email: "inkoop@kompas.example" };

const tc07Begeleiding: Reden = {
  criteriumCode: "TC07",
  criteriumTitel: "Bekwaam personeel (per product)",
  product: { code: "45A48", naam: "Begeleiding Jeugd" },
  motivering:
    "Voor 45A48 Begeleiding Jeugd vraagt het productenboek minimaal een afgeronde hbo-opleiding in het sociale domein en SKJ-registratie. " +
    "Uit de aangeleverde personeelslijst blijkt dat twee van de vier begeleiders geen SKJ-registratie hebben; voor hen is ook geen registratie aangevraagd.",
  naHoorEnWederhoor: true,
};

const tc02Specialistisch: Reden = {
  criteriumCode: "TC02",
  criteriumTitel: "Ervaringseis (per product)",
  product: { code: "45A53", naam: "Begeleiding specialistisch - Jeugd" },
  motivering:
    "De verklaring van de opdrachtgevende gemeente beschrijft trajecten begeleiding, maar geen specialistische begeleiding. " +
    "Daarmee is niet aangetoond dat u dit product in de afgelopen 2 jaar zelfstandig en naar tevredenheid heeft uitgevoerd.",
  naHoorEnWederhoor: true,
};

const tc04Financieel: Reden = {
  criteriumCode: "TC04",
  criteriumTitel: "Financieel gezond",
  motivering:
    "De jaarrekeningen over 2023 en 2024 tonen een negatief eigen vermogen en een current ratio van 0,6. " +
    "Uit de stukken blijkt niet hoe de continuïteit van de zorg voor de komende contractperiode is geborgd.",
  naHoorEnWederhoor: false,
};

const procesVerbaal: ProcesVerbaalDocument = {
  procedure,
  publicatieAt: "2026-12-01T09:00:00+01:00",
  sluitingAt: "2027-01-15T12:00:00+01:00",
  opgemaaktOp: "2027-01-15T12:05:31+01:00",
  ronde: 1,
  inschrijvingen: [
    { naam: deBrug.naam, kvk: deBrug.kvk, aantalProducten: 4 },
    { naam: kompas.naam, kvk: kompas.kvk, aantalProducten: 7 },
    { naam: "Zorg & Zo Midden-Holland", kvk: "11223344", aantalProducten: 2 },
    { naam: "Praktijk voor Kinder- en Jeugdpsychologie Bodegraven-Reeuwijk en Omstreken", kvk: "55667788", aantalProducten: 12 },
  ].map((i, n) => ({
    ...i,
    volgnummer: n + 1,
    ontvangenOp: `2027-01-${String(10 + n).padStart(2, "0")}T1${n}:4${n}:0${n}+01:00`,
    sha256: createHash("sha256").update(`inschrijving ${i.kvk}`).digest("hex"),
    ...(n === 1 ? { versie: 2 } : {}),
  })),
  ingetrokken: [{ volgnummer: 5, naam: "Jeugdhulp Waddinxveen", kvk: "99887766", ontvangenOp: "2027-01-12T10:15:00+01:00", ingetrokkenOp: "2027-01-14T16:40:00+01:00" }],
  verklaring:
    "Ondergetekende verklaart dat de hierboven genoemde inschrijvingen vóór het sluitingstijdstip langs elektronische weg zijn ontvangen, " +
    "dat hun inhoud tot dat tijdstip voor niemand aan de kant van de regio, de inkoper inbegrepen, toegankelijk was, en dat na het sluitingstijdstip geen inschrijvingen zijn aanvaard.",
};

const nota: NotaVanInlichtingenDocument = {
  procedure,
  nummer: 2,
  datum: "2026-12-18",
  vragen: [
    {
      nr: 1,
      vraag: "Moet de verklaring van de opdrachtgevende gemeente voor TC02 per product apart worden aangeleverd, of mag één verklaring meerdere producten noemen?",
      antwoord:
        "Eén verklaring mag meerdere producten noemen, mits per product blijkt dat u het product in de afgelopen 2 jaar zelfstandig en naar tevredenheid heeft uitgevoerd.",
      gesteldOp: "2026-12-08T10:14:00+01:00",
      beantwoordOp: "2026-12-17T16:30:00+01:00",
    },
    {
      nr: 2,
      vraag: "Geldt de eis van SKJ-registratie bij 45A48 Begeleiding Jeugd ook voor medewerkers die nog in opleiding zijn?",
      antwoord:
        "Nee. Medewerkers in opleiding tellen niet mee voor het aantonen van bekwaam personeel (TC07). Zij mogen wel onder verantwoordelijkheid van een geregistreerde professional werken.",
      gesteldOp: "2026-12-09T08:02:00+01:00",
      beantwoordOp: "2026-12-17T16:30:00+01:00",
    },
  ],
};

const hoorbrief: HoorbriefDocument = {
  kenmerk: "HW-oh-ambulant-2027-12345678-1",
  datum: "2027-02-03",
  aan: deBrug,
  procedure,
  tekortkomingen: [{ ...tc07Begeleiding, naHoorEnWederhoor: false }, { ...tc04Financieel }],
  termijnWerkdagen: 10,
  termijnEinde: "2027-02-17T23:59:59.999+01:00",
  termijnToelichting:
    "De termijn voor hoor en wederhoor is een instelling van de regio voor deze procedure: het inkoopplan (4.4.1) noemt geen termijn en geen beslisser.",
  hoorEnWederhoorTekst,
  afzender: auteur,
};

function kop(titel: string, besluitId: string, datum: string, extra: Partial<BesluitKop> = {}): BesluitKop {
  return { besluitId, titel, datum, auteur, bevoegdGezag: programmadirecteur, procedure, ontvanger: deBrug, ...extra };
}

const toelating: ToelatingsbesluitDocument = {
  kop: kop("Toelatingsbesluit", "TB-oh-ambulant-2027-12345678", "2027-03-12"),
  toegelatenProducten: [
    { code: "45A48", codeLabel: "45A48", naam: "Begeleiding Jeugd" },
    { code: "45X48", codeLabel: "45X48", naam: "Begeleiding intensief" },
    { code: "45A06", codeLabel: "45A06", naam: "Jeugdhulp diagnostiek" },
  ],
  nietToegelatenProducten: [
    { product: { code: "45A53", codeLabel: "45A53", naam: "Begeleiding specialistisch - Jeugd" }, redenen: [tc02Specialistisch] },
  ],
  producten: [
    { product: { code: "45A48", codeLabel: "45A48", naam: "Begeleiding Jeugd" }, uitkomst: "toegelaten", redenen: [] },
    { product: { code: "45X48", codeLabel: "45X48", naam: "Begeleiding intensief" }, uitkomst: "toegelaten", redenen: [] },
    { product: { code: "45A06", codeLabel: "45A06", naam: "Jeugdhulp diagnostiek" }, uitkomst: "toegelaten", redenen: [] },
    { product: { code: "45A53", codeLabel: "45A53", naam: "Begeleiding specialistisch - Jeugd" }, uitkomst: "afgewezen", redenen: ["TC02 Ervaringseis (per product)"] },
  ],
  contract: {
    contractId: "ambulant-jeugd",
    ingangsdatum: "2027-07-01",
    looptijdOmschrijving:
      "De overeenkomst loopt eerst 3 jaar (1 juli 2027 tot en met 30 juni 2030) en kan daarna worden verlengd met 2, 2, 2 en 1 jaar (stilzwijgend, tenzij de regio een verlenging weigert); de laatst mogelijke einddatum is 30 juni 2037 (ten hoogste 10 jaar, inkoopplan 6.8).",
  },
  motivering:
    "Uw inschrijving voldoet voor de genoemde producten aan alle toelatingscriteria van paragraaf 4.4.1 van het inkoopplan. " +
    "Voor 45A53 Begeleiding specialistisch - Jeugd is de ervaringseis ook na hoor en wederhoor niet aangetoond.",
  rechtsmiddelen: RECHTSMIDDELEN,
};

const afwijzing: AfwijzingsbesluitDocument = {
  kop: kop("Afwijzingsbesluit", "AB-oh-ambulant-2027-87654321", "2027-03-12", { ontvanger: kompas }),
  producten: [
    {
      product: { code: "45A48", codeLabel: "45A48", naam: "Begeleiding Jeugd" },
      uitkomst: "afgewezen",
      redenen: ["TC07 Bekwaam personeel (per product)", "TC04 Financieel gezond (geldt voor de hele organisatie)"],
    },
    { product: { code: "45A06", codeLabel: "45A06", naam: "Jeugdhulp diagnostiek" }, uitkomst: "afgewezen", redenen: ["TC04 Financieel gezond (geldt voor de hele organisatie)"] },
  ],
  redenen: [tc07Begeleiding, tc04Financieel],
  motivering:
    "Elk toelatingscriterium is een harde eis (knock-out, inkoopplan 4.4.1). Omdat uw inschrijving op de genoemde criteria niet voldoet, " +
    "ook niet na de gelegenheid tot hoor en wederhoor voor zover die is geboden, kunt u niet worden toegelaten.",
  rechtsmiddelen: RECHTSMIDDELEN,
};

const voorstel: BesluitvoorstelDocument = {
  kop: kop("Voorstel: akkoord gunning", "BV-oh-ambulant-2027-1", "2027-03-05", { ontvanger: undefined }),
  voorstel:
    "Voorgesteld wordt akkoord te geven op de gunning van het contract Ambulant – Jeugd aan de hieronder genoemde aanbieders, " +
    "voor de producten waarvoor zij aan alle toelatingscriteria voldoen, en de overige inschrijvingen af te wijzen om de genoemde redenen.",
  toegelaten: [
    { naam: deBrug.naam, kvk: deBrug.kvk, producten: 3 },
    { naam: "Praktijk voor Kinder- en Jeugdpsychologie Bodegraven-Reeuwijk en Omstreken", kvk: "55667788", producten: 12 },
  ],
  afgewezen: [
    {
      naam: kompas.naam,
      kvk: kompas.kvk,
      redenen: ["TC07 Bekwaam personeel — 45A48 Begeleiding Jeugd: onvoldoende SKJ-geregistreerd personeel", "TC04 Financieel gezond: negatief eigen vermogen"],
    },
    { naam: "Zorg & Zo Midden-Holland", kvk: "11223344", redenen: ["TC06 VOG voor organisatie en bestuurder: geen VOG rechtspersonen aangeleverd"] },
  ],
  eerderTeruggestuurd: [
    {
      datum: "2027-02-26",
      motivering: "De motivering bij de afwijzing van Stichting Het Kompas Gouda op TC04 is te summier; graag de financiële kengetallen opnemen.",
    },
  ],
};

const heropening: AlgemeenBesluitDocument = {
  kop: kop("Besluit heropening Open House", "HB-oh-ambulant-2027-2", "2027-09-01", {
    ontvanger: undefined,
    bevoegdGezag: {
      naam: "Bestuurlijk Overleg Sociaal Domein (BOSD)",
      bron: "Inkoopplan 2025, 5.1 en 7.2",
      toelichting: "Heropening is een wezenlijke wijziging van de aanbestedingsprocedure ('Stopzetten / wezenlijke wijziging aanbestedingsprocedure — BOSD', 7.2).",
    },
  }),
  besluittekst:
    "Het BOSD besluit de Open House Ambulant Jeugd 2027 te heropenen voor het product 45X48 Begeleiding intensief, van 1 oktober 2027 tot en met 1 november 2027 12:00 uur.",
  motivering:
    "Uit de monitoring van het zorglandschap blijkt een aantoonbaar capaciteitstekort voor intensieve begeleiding: de wachttijd is opgelopen tot gemiddeld 14 weken. " +
    "Het inkoopplan (5.1) maakt het mogelijk de Open House bij een niet-dekkend zorglandschap weer open te zetten.",
  gevolgen: [
    "Iedere aanbieder die aan de toelatingscriteria voldoet, kan in deze periode inschrijven voor 45X48 Begeleiding intensief.",
    "De voorwaarden van de Open House blijven ongewijzigd en gelden voor alle aanbieders gelijk.",
    "Al toegelaten aanbieders hoeven voor hun bestaande producten niet opnieuw in te schrijven.",
  ],
  rechtsmiddelen: RECHTSMIDDELEN,
};

/*
 * SAS samples (inkoopplan 6.5 Hoog-specialistisch Jeugd and 6.7.1 Wonen Wmo): selectie on S1/S2, a
 * dialogue that changed the requirements, the final offers opened by two people, and the gunning on
 * the four gunningscriteria of 6.5.1. Candidates and scores are invented.
 */

export const sasProcedure: ProcedureRef = {
  id: "sas-hoog-specialistisch-2027",
  titel: "SAS Hoog-specialistisch Jeugd 2027",
  contractNaam: "Hoog specialistisch – Jeugd",
  sectie: "6.5",
};

export const wonenWmoProcedure: ProcedureRef = {
  id: "sas-wonen-wmo-2027",
  titel: "SAS Wonen Wmo 2027",
  contractNaam: "Wonen – Wmo",
  sectie: "6.7",
};

const programmadirecteurSas: BesluitKop["bevoegdGezag"] = {
  naam: "Programmadirecteur RWO",
  bron: "Inkoopplan 2025, 7.2",
  toelichting:
    "Selectie en gunning in een SAS-aanbesteding vallen onder 'Akkoord gunning' (inkoopplan 7.2); het inkoopplan noemt voor de selectiebeslissing geen aparte beslisser, daarom beslist ook hier de programmadirecteur.",
};

export const selectieCriteria: SasCriteriumRegel[] = [
  { code: "S1", naam: "Omvang en spreiding van het hoog-specialistische aanbod in de regio", gewicht: 60 },
  { code: "S2", naam: "Aantoonbare ervaring met complexe casuïstiek (referenties)", gewicht: 40 },
];

export const gunningsCriteria: SasCriteriumRegel[] = [
  { code: "G1", naam: "Aantal plaatsen in de regio", gewicht: 30 },
  { code: "G2", naam: "Kwaliteit van de deelnemer(s) aan de Verwijstafel", gewicht: 30 },
  { code: "G3", naam: "Ervaring in samenwerking met andere aanbieders, voorliggend veld en andere organisaties", gewicht: 20 },
  { code: "G4", naam: "Inzicht in wat er moet gebeuren om dit contract tot een succes te maken", gewicht: 20 },
];

const schaal = { min: 1, max: 10 };

export const groeneHart = { naam: "Jeugdzorg Specialistisch Groene Hart B.V.", kvk: "30111111", email: "inkoop@groenehart.example" };
export const psychiatrie = { naam: "Stichting Kinder- en Jeugdpsychiatrie Midden-Holland", kvk: "30222222" };
export const horizon = { naam: "Horizon Jeugdhulp Gouda B.V.", kvk: "30333333" };
export const rijnstreek = { naam: "Zorgcollectief Rijnstreek", kvk: "30555555" };
const zorgEnZo = { naam: "Zorg & Zo Midden-Holland", kvk: "11223344" };

/** One line of a ranking; the weighted total is computed as the domain does (Σ score·gewicht / Σ gewicht). */
function rang(
  criteria: SasCriteriumRegel[],
  plaats: number,
  partij: { naam: string; kvk: string },
  scores: [number, string][],
  door: boolean,
  beslistDoor?: string,
): SasRangRegel {
  const regels = criteria.map((c, i) => ({ criterium: c.code, score: scores[i]?.[0] ?? 0, motivering: scores[i]?.[1] ?? "" }));
  const gewicht = criteria.reduce((sum, c) => sum + c.gewicht, 0);
  const totaal = regels.reduce((sum, r, i) => sum + r.score * (criteria[i]?.gewicht ?? 0), 0) / gewicht;
  return { plaats, naam: partij.naam, kvk: partij.kvk, totaal, door, scores: regels, ...(beslistDoor === undefined ? {} : { beslistDoor }) };
}

const selectieRangschikking: SasRangRegel[] = [
  rang(selectieCriteria, 1, groeneHart, [
    [8, "Zes locaties in vier van de vijf gemeenten, met klinische en ambulante hoog-specialistische zorg."],
    [7, "Drie referenties met complexe meervoudige problematiek; één referentie beschrijft de afschaling onvoldoende."],
  ], true),
  rang(selectieCriteria, 2, psychiatrie, [
    [7, "Groot aanbod, maar geconcentreerd in Gouda; Krimpenerwaard alleen via een dependance."],
    [8, "Sterke referenties, waaronder gezamenlijke casusregie met de jeugdbescherming."],
  ], true),
  rang(selectieCriteria, 3, horizon, [
    [7, "Aanbod in drie gemeenten, met een wachttijd die onder de treeknorm blijft."],
    [7, "Referenties tonen ervaring met complexe casuïstiek, minder met intensieve gezinsbehandeling."],
  ], true),
  rang(selectieCriteria, 4, kompas, [
    [7, "Aanbod in alle vijf gemeenten, maar met beperkte klinische capaciteit."],
    [6, "Twee van de drie referenties betreffen geen hoog-specialistische zorg."],
  ], true, "gelijke stand: beslist door S1"),
  rang(selectieCriteria, 5, rijnstreek, [
    [6, "Aanbod vooral buiten de regio; in de regio alleen ambulant."],
    [7.5, "Overtuigende referenties met gezamenlijke behandeling van eetstoornissen."],
  ], false, "gelijke stand: beslist door S1"),
  rang(selectieCriteria, 6, { naam: "Praktijk voor Kinder- en Jeugdpsychologie Bodegraven-Reeuwijk en Omstreken", kvk: "55667788" }, [
    [5, "Eén locatie in de regio, met een klein team."],
    [6, "Referenties beschrijven vooral enkelvoudige problematiek."],
  ], false),
];

export const selectieVoorstel: SasVoorstelDocument = {
  kop: {
    besluitId: "SV-sas-hoog-specialistisch-2027-1",
    titel: "Voorstel selectiebeslissing",
    datum: "2027-03-22",
    auteur,
    bevoegdGezag: programmadirecteurSas,
    procedure: sasProcedure,
  },
  soort: "selectie",
  voorstel:
    "Voorgesteld wordt de vier hoogst gerangschikte gegadigden te selecteren voor de dialoog- en gunningsfase van de SAS Hoog-specialistisch Jeugd 2027, " +
    "de overige gegadigden niet te selecteren, en Zorg & Zo Midden-Holland af te wijzen omdat zij niet aan de toelatingscriteria voldoet.",
  percelen: [
    {
      perceel: "hoog-specialistisch-jeugd",
      perceelNaam: "Hoog-specialistisch Jeugd",
      criteria: selectieCriteria,
      schaal,
      grens: "4 kandidaten",
      rangschikking: selectieRangschikking,
      grensDoorGelijkeStand: true,
    },
  ],
  knockOuts: [
    {
      naam: zorgEnZo.naam,
      kvk: zorgEnZo.kvk,
      toelichting: "TC06 VOG voor organisatie en bestuurder: geen VOG rechtspersonen aangeleverd, ook niet na hoor en wederhoor.",
    },
  ],
  gelijkeStandRegel: GELIJKE_STAND_REGEL,
};

const gunningRangschikking: SasRangRegel[] = [
  rang(gunningsCriteria, 1, psychiatrie, [
    [8, "48 plaatsen in de regio, waarvan 12 crisisplaatsen."],
    [8, "Twee GZ-psychologen en een kinder- en jeugdpsychiater met mandaat aan de verwijstafel."],
    [7, "Structurele samenwerking met het voorliggend veld in drie gemeenten."],
    [8, "Concreet plan met mijlpalen voor de eerste twee jaar, inclusief afschaling."],
  ], true),
  rang(gunningsCriteria, 2, groeneHart, [
    [7.5, "40 plaatsen in de regio, verdeeld over zes locaties."],
    [7, "Een orthopedagoog-generalist met mandaat; vervanging bij afwezigheid is geregeld."],
    [7, "Samenwerking met twee andere aanbieders en het onderwijs, met voorbeelden."],
    [7.5, "Heldere analyse van de knelpunten in de huidige zorg; plan voor de consultatiefunctie."],
  ], true),
  rang(gunningsCriteria, 3, horizon, [
    [7, "32 plaatsen in de regio."],
    [7, "Een GZ-psycholoog met mandaat aan de verwijstafel."],
    [6, "Samenwerking met het voorliggend veld beperkt tot Gouda."],
    [7, "Plan benoemt de juiste thema's, maar zonder planning."],
  ], true),
  rang(gunningsCriteria, 4, kompas, [
    [6, "20 plaatsen in de regio, waarvan geen crisisplaatsen."],
    [7, "Een GZ-psycholoog aan de verwijstafel, mandaat nog niet geregeld."],
    [6, "Samenwerking wordt beschreven als voornemen; voorbeelden ontbreken."],
    [6, "Het plan is algemeen en niet toegespitst op de regio."],
  ], false),
];

export const voorlopigeGunningVoorstel: SasVoorstelDocument = {
  ...selectieVoorstel,
  kop: { ...selectieVoorstel.kop, besluitId: "GV-sas-hoog-specialistisch-2027-1", titel: "Voorstel voorlopige gunning", datum: "2027-06-07" },
  soort: "voorlopige-gunning",
  voorstel:
    "Voorgesteld wordt het contract Hoog specialistisch – Jeugd voorlopig te gunnen aan de drie hoogst gerangschikte inschrijvers op basis van de vergelijking op kwaliteit (inkoopplan 6.5.1), " +
    "en de inschrijvers daarna de voorlopige gunningsbeslissing te sturen met een opschortende termijn van 20 kalenderdagen.",
  percelen: [
    {
      perceel: "hoog-specialistisch-jeugd",
      perceelNaam: "Hoog-specialistisch Jeugd",
      criteria: gunningsCriteria,
      schaal,
      grens: "3 aanbieders",
      rangschikking: gunningRangschikking,
      grensDoorGelijkeStand: false,
    },
  ],
  knockOuts: [],
};

export const SAS_RECHTSMIDDELEN =
  "Bent u het niet eens met deze beslissing? Dan kunt u binnen de opschortende termijn bezwaar maken via inkoop, met vermelding van het besluitnummer en uw motivering; de procedure wordt opgeschort tot uw bezwaar is afgehandeld. " +
  "Daarnaast kunt u binnen dezelfde termijn een kort geding aanhangig maken bij de voorzieningenrechter van de rechtbank Den Haag. Na afloop van de termijn kunt u niet meer tegen deze beslissing opkomen.";

/** A losing candidate's voorlopige gunningsbeslissing: its own scores, the winners' scores, the standstill. */
export const voorlopigeGunningKompas: SasBeslissingDocument = {
  kop: {
    besluitId: "VG-sas-hoog-specialistisch-2027-87654321",
    titel: "Voorlopige gunningsbeslissing",
    datum: "2027-06-14",
    auteur,
    bevoegdGezag: programmadirecteurSas,
    procedure: sasProcedure,
    ontvanger: kompas,
  },
  soort: "voorlopige-gunning",
  uitkomst: "U krijgt het contract Hoog specialistisch – Jeugd voorlopig niet gegund: u bent als vierde van vier inschrijvers geëindigd, en gegund wordt aan de drie hoogst gerangschikte.",
  percelen: [
    {
      perceelNaam: "Hoog-specialistisch Jeugd",
      uitkomst: "niet-gegund",
      criteria: gunningsCriteria,
      schaal,
      eigen: gunningRangschikking[3],
      winnaars: gunningRangschikking.filter((r) => r.door),
      aantalKandidaten: 4,
    },
  ],
  gelijkeStandRegel: GELIJKE_STAND_REGEL,
  standstill: {
    einde: "2027-07-04T23:59:59+02:00",
    dagen: 20,
    toelichting: "De termijn is 20 kalenderdagen vanaf de dag na verzending van deze beslissing; dat is de instelling van deze procedure.",
  },
  motivering:
    "De gunning berust op een vergelijking op kwaliteit (inkoopplan 6.5.1). Elke inschrijving is eerst door drie beoordelaars afzonderlijk gescoord; daarna is per criterium in consensus één score met motivering vastgesteld. " +
    "Uw inschrijving scoort vooral lager op het aantal plaatsen in de regio (G1) en op samenwerking (G3) dan die van de winnende inschrijvers.",
  rechtsmiddelen: SAS_RECHTSMIDDELEN,
};

/** Selected after a tie on the cut-off: the place was decided by S1. */
export const selectieKompas: SasBeslissingDocument = {
  kop: { ...voorlopigeGunningKompas.kop, besluitId: "SB-sas-hoog-specialistisch-2027-87654321", titel: "Selectiebeslissing", datum: "2027-03-29" },
  soort: "selectie",
  uitkomst: "U bent geselecteerd voor de dialoog- en gunningsfase van de SAS Hoog-specialistisch Jeugd 2027.",
  percelen: [
    { perceelNaam: "Hoog-specialistisch Jeugd", uitkomst: "geselecteerd", criteria: selectieCriteria, schaal, eigen: selectieRangschikking[3], winnaars: [], aantalKandidaten: 6 },
  ],
  gelijkeStandRegel: GELIJKE_STAND_REGEL,
  motivering:
    "De vier hoogst gerangschikte gegadigden worden geselecteerd. U staat op een gelijke stand met de nummer vijf; omdat u hoger scoort op S1, het zwaarst wegende criterium, gaat u voor.",
  rechtsmiddelen: RECHTSMIDDELEN,
};

/** A candidate that failed a knock-out: no scores, only the reason. */
export const selectieKnockOut: SasBeslissingDocument = {
  ...selectieKompas,
  kop: { ...selectieKompas.kop, besluitId: "SB-sas-hoog-specialistisch-2027-11223344", ontvanger: zorgEnZo },
  uitkomst: "U bent niet geselecteerd voor de gunningsfase van de SAS Hoog-specialistisch Jeugd 2027.",
  percelen: [{ perceelNaam: "Hoog-specialistisch Jeugd", uitkomst: "niet-geselecteerd", criteria: selectieCriteria, schaal, winnaars: [], aantalKandidaten: 6 }],
  knockOut: "TC06 VOG voor organisatie en bestuurder: u heeft geen VOG rechtspersonen aangeleverd, ook niet binnen de termijn van hoor en wederhoor.",
  motivering:
    "Elk toelatingscriterium is een harde eis (knock-out, inkoopplan 4.4.1 en 6.5.1). Een gegadigde die daar niet aan voldoet, wordt niet op de selectiecriteria beoordeeld.",
};

const wonenKernCriteria: SasCriteriumRegel[] = [
  { code: "W1", naam: "Aanbod beschermd wonen en begeleid wonen in de vijf gemeenten", gewicht: 50 },
  { code: "W2", naam: "Visie op de ambulantisering van het beschermd wonen en de samenwerking met de gemeenten", gewicht: 50 },
];
const wonenNietKernCriteria: SasCriteriumRegel[] = [
  { code: "N1", naam: "Specifiek aanbod voor de doelgroep", gewicht: 60 },
  { code: "N2", naam: "Aansluiting op de lokale toegang", gewicht: 40 },
];
export const beschermdWonen = { naam: "Stichting Beschermd Wonen Hollandse IJssel", kvk: "40111111" };
const kernRang = [
  rang(wonenKernCriteria, 1, beschermdWonen, [
    [8, "Ruim 120 plekken verdeeld over alle vijf gemeenten, met een doorstroomvoorziening in Gouda."],
    [7.5, "Concreet plan voor de afbouw van intramurale plekken, afgestemd met twee gemeenten."],
  ], true),
  rang(wonenKernCriteria, 2, { naam: "Kwadrant Wonen en Welzijn", kvk: "40222222" }, [
    [7, "Aanbod in vier gemeenten."],
    [7, "Visie sluit aan bij de regionale koers; samenwerking nog weinig uitgewerkt."],
  ], true),
];
const nietKernRang = [
  rang(wonenNietKernCriteria, 1, beschermdWonen, [
    [7, "Specifiek aanbod voor jongvolwassenen met autisme."],
    [7.5, "Vaste contactpersonen voor de toegang van alle vijf gemeenten."],
  ], true),
];

/** Wonen Wmo: qualified for both percelen, so gegund as kernpartner (6.7.1). */
export const wonenWmoGunning: SasBeslissingDocument = {
  kop: {
    besluitId: "GB-sas-wonen-wmo-2027-40111111",
    titel: "Gunningsbesluit",
    datum: "2027-09-20",
    auteur,
    bevoegdGezag: programmadirecteurSas,
    procedure: wonenWmoProcedure,
    ontvanger: beschermdWonen,
  },
  soort: "definitieve-gunning",
  uitkomst: "U krijgt het contract Wonen – Wmo definitief gegund als kernpartner.",
  percelen: [
    { perceelNaam: "Kernpartners", uitkomst: "gegund", criteria: wonenKernCriteria, schaal, eigen: kernRang[0], winnaars: kernRang, aantalKandidaten: 5 },
    { perceelNaam: "Niet-kernpartners", uitkomst: "niet-gegund", criteria: wonenNietKernCriteria, schaal, eigen: nietKernRang[0], winnaars: nietKernRang, aantalKandidaten: 7 },
  ],
  perceelRegel:
    "U kwalificeert voor beide percelen en krijgt daarom gegund als kernpartner: 'Indien zij voor beide percelen kwalificeren, krijgen zij gegund als kernpartner' (inkoopplan 6.7.1).",
  gelijkeStandRegel: GELIJKE_STAND_REGEL,
  motivering:
    "De opschortende termijn na de voorlopige gunningsbeslissing is verstreken zonder bezwaar dat gegrond is verklaard. De voorlopige gunning wordt daarmee definitief.",
  rechtsmiddelen: RECHTSMIDDELEN,
};

const notaVanWijzigingen: NotaVanWijzigingenDocument = {
  procedure: sasProcedure,
  nummer: 1,
  datum: "2027-05-10",
  ontvangers:
    "Alleen de vier geselecteerde kandidaten in de SAS Hoog-specialistisch Jeugd 2027; zij ontvangen deze nota tegelijk. Gegadigden die niet zijn geselecteerd, ontvangen haar niet.",
  wijzigingen: [
    {
      nr: 1,
      onderwerp: "Samenstelling van de verwijstafel",
      wijziging:
        "Elke aanbieder vaardigt ten minste één gedragswetenschapper (GZ-psycholoog of orthopedagoog-generalist) met mandaat af naar de verwijstafel, in plaats van twee. " +
        "De verwijstafel komt wekelijks bijeen in plaats van twee keer per week.",
      at: "2027-05-06T15:30:00+02:00",
    },
    {
      nr: 2,
      onderwerp: "Financiering van de consultatiefunctie",
      wijziging:
        "De consultatiefunctie wordt bekostigd met een lump sum (inkoopplan 6.5.3) van € 180.000 per jaar voor alle gecontracteerde aanbieders samen, verdeeld naar het aantal consultaties per kwartaal.",
      at: "2027-05-08T11:00:00+02:00",
    },
    {
      nr: 3,
      onderwerp: "G1 Aantal plaatsen in de regio",
      wijziging: "Bij G1 tellen alleen plaatsen in de vijf gemeenten van de regio mee; plaatsen die ook door andere regio's worden ingekocht, tellen naar rato.",
      at: "2027-05-08T11:00:00+02:00",
    },
  ],
};

export const sasProcesVerbaal: ProcesVerbaalDocument = {
  procedure: sasProcedure,
  publicatieAt: "2027-05-10T09:00:00+02:00",
  sluitingAt: "2027-05-31T12:00:00+02:00",
  opgemaaktOp: "2027-05-31T14:12:09+02:00",
  ronde: 1,
  onderwerp: "Inschrijvingen (definitieve offertes)",
  inschrijvingen: [groeneHart, psychiatrie, horizon, kompas].map((p, n) => ({
    volgnummer: n + 1,
    naam: p.naam,
    kvk: p.kvk,
    ontvangenOp: `2027-05-${String(27 + n).padStart(2, "0")}T10:1${n}:00+02:00`,
    sha256: createHash("sha256").update(`offerte ${p.kvk}`).digest("hex"),
    aantalProducten: 12,
  })),
  geopendDoor: [
    { naam: "M. de Vries", rol: "Inkoopadviseur RWO", at: "2027-05-31T14:02:41+02:00" },
    { naam: "J. Bakker", rol: "Contractmanager RWO", at: "2027-05-31T14:10:55+02:00" },
  ],
  verklaring:
    "Ondergetekenden verklaren dat de hierboven genoemde definitieve offertes vóór het sluitingstijdstip langs elektronische weg zijn ontvangen, " +
    "dat hun inhoud tot de opening door twee personen voor niemand toegankelijk was, en dat na het sluitingstijdstip geen offertes zijn aanvaard.",
};

type Variant = { [K in DocumentKind]: { naam: string; kind: K; data: DocumentTypes[K] } }[DocumentKind];

/** Further variants to render and test: the other soorten, a knock-out, the kernpartner rule, a four-eyes opening. */
export const variantSamples: Variant[] = [
  { naam: "sas-voorstel-voorlopige-gunning", kind: "sas-voorstel", data: voorlopigeGunningVoorstel },
  { naam: "sas-beslissing-selectie", kind: "sas-beslissing", data: selectieKompas },
  { naam: "sas-beslissing-knock-out", kind: "sas-beslissing", data: selectieKnockOut },
  { naam: "sas-beslissing-wonen-wmo-kernpartner", kind: "sas-beslissing", data: wonenWmoGunning },
  { naam: "proces-verbaal-sas-opening", kind: "proces-verbaal", data: sasProcesVerbaal },
];

export const samples: { [K in DocumentKind]: DocumentTypes[K] } = {
  "proces-verbaal": procesVerbaal,
  "nota-van-inlichtingen": nota,
  hoorbrief,
  toelatingsbesluit: toelating,
  afwijzingsbesluit: afwijzing,
  besluitvoorstel: voorstel,
  "algemeen-besluit": heropening,
  "nota-van-wijzigingen": notaVanWijzigingen,
  "sas-voorstel": selectieVoorstel,
  "sas-beslissing": voorlopigeGunningKompas,
};

export const documentKinds = Object.keys(samples) as DocumentKind[];

/** Larger data that forces page breaks: tables continuing with their header, many reasons. */
export const stressSamples: { [K in DocumentKind]?: DocumentTypes[K] } = {
  "proces-verbaal": {
    ...procesVerbaal,
    inschrijvingen: Array.from({ length: 48 }, (_, n) => ({
      volgnummer: n + 1,
      naam: n % 5 === 0 ? `Stichting Jeugd- en Gezinsbegeleiding Krimpenerwaard en Omstreken ${n}` : `Aanbieder ${n + 1} B.V.`,
      kvk: String(10000000 + n * 7919),
      ontvangenOp: new Date(Date.UTC(2027, 0, 2, 8, 0, 0) + n * 3_600_000 * 7 + n * 1337_000).toISOString(),
      sha256: createHash("sha256").update(`stress ${n}`).digest("hex"),
      aantalProducten: 1 + (n % 13),
    })),
  },
  afwijzingsbesluit: {
    ...afwijzing,
    redenen: Array.from({ length: 9 }, (_, n) => ({ ...(n % 2 === 0 ? tc07Begeleiding : tc04Financieel), criteriumCode: `TC0${n + 1}` })),
  },
};
