import { createHash } from "node:crypto";
import { hoorEnWederhoorTekst } from "../../domain/catalogue";
import type {
  AfwijzingsbesluitDocument,
  AlgemeenBesluitDocument,
  BesluitKop,
  BesluitvoorstelDocument,
  DocumentKind,
  DocumentTypes,
  HoorbriefDocument,
  NotaVanInlichtingenDocument,
  ProcedureRef,
  ProcesVerbaalDocument,
  Reden,
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
  })),
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
  contract: {
    contractId: "ambulant-jeugd",
    ingangsdatum: "2027-07-01",
    looptijdOmschrijving:
      "3 jaar, van 1 juli 2027 tot en met 30 juni 2030; daarna telkens stilzwijgend verlengd (2, 2, 2 en 1 jaar), tot ten hoogste 10 jaar.",
  },
  motivering:
    "Uw inschrijving voldoet voor de genoemde producten aan alle toelatingscriteria van paragraaf 4.4.1 van het inkoopplan. " +
    "Voor 45A53 Begeleiding specialistisch - Jeugd is de ervaringseis ook na hoor en wederhoor niet aangetoond.",
  rechtsmiddelen: RECHTSMIDDELEN,
};

const afwijzing: AfwijzingsbesluitDocument = {
  kop: kop("Afwijzingsbesluit", "AB-oh-ambulant-2027-87654321", "2027-03-12", { ontvanger: kompas }),
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

export const samples: { [K in DocumentKind]: DocumentTypes[K] } = {
  "proces-verbaal": procesVerbaal,
  "nota-van-inlichtingen": nota,
  hoorbrief,
  toelatingsbesluit: toelating,
  afwijzingsbesluit: afwijzing,
  besluitvoorstel: voorstel,
  "algemeen-besluit": heropening,
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
