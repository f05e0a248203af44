// Who decides what (Inkoopplan 7.2 "Besluitvorming tijdens inkooptrajecten", figuur 7; 7.3; 5.3.3; 5.3.4).
// Where the plan names nobody, the catalogue chooses a default and says so (uitDocumenten = false).
import { type BesluitAuthority, BesluitAuthoritySchema, type BesluitType } from "./schema";

const MANDATEN = "Mandatenbesluit Regionaal sociaal domein, ingegaan m.i.v. 1 december 2023";

type Row = Omit<BesluitAuthority, "grondslag" | "afstemmingVooraf" | "informeren" | "volmachtNodig" | "toelichting"> &
  Partial<Pick<BesluitAuthority, "grondslag" | "afstemmingVooraf" | "informeren" | "volmachtNodig" | "toelichting">>;

const rows: Row[] = [
  // ---- Inkoopplan 7.2, figuur 7
  {
    besluitType: "wijziging-productenboek-zonder-tariefeffect",
    authority: "programmadirecteur",
    bron: "Inkoopplan 7.2",
    citaat:
      "Aanpassing in productenboek. Wijzigingen zonder gevolgen voor tarief. Ook splitsen/ samenvoegen van producten kan hier onder vallen — Programma-directeur",
    uitDocumenten: true,
    grondslag: `Artikel 10 ${MANDATEN} (valt onder huidige bevoegdheid)`,
  },
  {
    besluitType: "wijziging-tarieven",
    authority: "bosd",
    bron: "Inkoopplan 7.2",
    citaat: "Wijzigingen tarieven — BOSD — College achteraf informeren",
    uitDocumenten: true,
    grondslag: `Artikel 6 lid 2 ${MANDATEN}: alleen voor de diensten onder Jeugdzorgplus en Jeugdbescherming en Jeugdreclassering`,
    informeren: ["College achteraf informeren"],
    volmachtNodig: true,
    toelichting:
      "Voor JZ-plus en JB/JR ligt deze bevoegdheid al bij de portefeuillehouders (BOSD). Voor de verbreding naar alle producten gedurende het inkoopproces is een volmacht nodig (apart besluit in het collegevoorstel).",
  },
  {
    besluitType: "programma-van-eisen",
    authority: "programmadirecteur",
    bron: "Inkoopplan 7.2",
    citaat: "Opstellen programma van eisen — Programma-directeur",
    uitDocumenten: true,
    grondslag: `Artikel 10 ${MANDATEN}`,
  },
  {
    besluitType: "stopzetten-procedure",
    authority: "bosd",
    bron: "Inkoopplan 7.2",
    citaat: "Stopzetten / wezenlijke wijziging aanbestedingsprocedure — BOSD",
    uitDocumenten: true,
    grondslag: `Artikel 6.1 ${MANDATEN}`,
  },
  {
    besluitType: "wezenlijke-wijziging-procedure",
    authority: "bosd",
    bron: "Inkoopplan 7.2",
    citaat: "Stopzetten / wezenlijke wijziging aanbestedingsprocedure — BOSD",
    uitDocumenten: true,
    grondslag: `Artikel 6.1 ${MANDATEN}`,
  },
  {
    besluitType: "aanbieder-specifiek-tarief",
    authority: "programmadirecteur",
    bron: "Inkoopplan 7.2; 5.3.3",
    citaat:
      "Goedkeuren aanbieder-specifieke tarieven — Programma-directeur; na afstemming met de bestuurlijk trekkers. (5.3.3: advies van een multidisciplinair team aan de programmadirecteur RWO 'die het tarief accordeert danwel afwijst, na afstemming met de bestuurlijk trekker')",
    uitDocumenten: true,
    grondslag: `Artikel 10 ${MANDATEN} (vergelijkbaar met URC, valt onder de huidige volmacht RWO)`,
    afstemmingVooraf:
      "na afstemming met de bestuurlijk trekker(s); advies van een multidisciplinair team (beleid, contractmanagement/inkoop, financiën)",
    toelichting: "7.2 spreekt van 'de bestuurlijk trekkers' (meervoud), 5.3.3 van 'de bestuurlijk trekker' (enkelvoud).",
  },
  {
    besluitType: "gunningssystematiek-hoog-specialistisch",
    authority: "bosd",
    bron: "Inkoopplan 7.2",
    citaat: "Gunningssystematiek Hoog Specialistisch — BOSD",
    uitDocumenten: true,
    grondslag: `Artikel 6.1 ${MANDATEN}`,
  },
  {
    besluitType: "akkoord-gunning",
    authority: "programmadirecteur",
    bron: "Inkoopplan 7.2",
    citaat: "Akkoord gunning — Programma-directeur",
    uitDocumenten: true,
    grondslag: `Artikel 10.1 ${MANDATEN}`,
  },
  {
    besluitType: "contractondertekening",
    authority: "programmadirecteur",
    bron: "Inkoopplan 7.2",
    citaat: "Contractondertekening — Programma-directeur",
    uitDocumenten: true,
    grondslag: `Artikel 10.1 ${MANDATEN}`,
  },
  // ---- Inkoopplan 5.3.4
  {
    besluitType: "budgetplafond",
    authority: "colleges",
    bron: "Inkoopplan 5.3.4",
    citaat: "Over daadwerkelijke toepassing wordt jaarlijks door de colleges besloten.",
    uitDocumenten: true,
    toelichting:
      "Voor 2025 moest dit besluit uiterlijk 1 juli 2024 genomen zijn; de hoogte per aanbieder is uiterlijk 30 september 2024 bekend (5.3.4). Alleen als kan-bepaling in de jeugdcontracten Ambulant, Wonen en Dagbesteding.",
  },
  // ---- Inkoopplan 7.3
  {
    besluitType: "verlenging",
    authority: "rwo",
    bron: "Inkoopplan 7.3",
    citaat: "[RWO] … is verantwoordelijk voor contractwijzigingen en (niet-)verlengen.",
    uitDocumenten: true,
    toelichting:
      "7.3 legt de verantwoordelijkheid bij RWO; welke functionaris binnen RWO tekent, zegt het plan niet. Open House-contracten worden stilzwijgend verlengd bij het algemene verlengingsbesluit (5.1).",
  },
  {
    besluitType: "niet-verlenging",
    authority: "rwo",
    bron: "Inkoopplan 7.3",
    citaat: "[RWO] … is verantwoordelijk voor contractwijzigingen en (niet-)verlengen.",
    uitDocumenten: true,
    toelichting:
      "7.2 noemt geen beslisser voor niet-verlengen; 7.3 legt '(niet-)verlengen' bij RWO. Niet goed presterende aanbieders krijgen bij het algemene verlengingsbesluit geen verlenging aangeboden (5.1).",
  },
  {
    besluitType: "contractwijziging",
    authority: "rwo",
    bron: "Inkoopplan 7.3",
    citaat: "[RWO] … is verantwoordelijk voor contractwijzigingen en (niet-)verlengen.",
    uitDocumenten: true,
    toelichting: "Een wezenlijke wijziging van de aanbestedingsprocedure is een BOSD-besluit (7.2).",
  },
  // ---- Not in the documents: defaults chosen by the catalogue
  {
    besluitType: "selectiebeslissing",
    authority: "programmadirecteur",
    bron: "Inkoopplan 7.2 (standaard)",
    citaat: "Akkoord gunning — Programma-directeur",
    uitDocumenten: false,
    toelichting:
      "Het inkoopplan noemt geen beslisser voor de selectiebeslissing in een SAS. Standaard: de programmadirecteur, omdat de selectie de eerste stap van de gunning is en 'Akkoord gunning' bij hem ligt (7.2); het BOSD gaat over de gunningssystematiek en over stopzetten of een wezenlijke wijziging. Instelbaar.",
  },
  {
    besluitType: "motivering-procedurekeuze",
    authority: "bosd",
    bron: "Inkoopplan 7.2 (standaard)",
    citaat: "Stopzetten / wezenlijke wijziging aanbestedingsprocedure — BOSD",
    uitDocumenten: false,
    toelichting:
      "Het inkoopplan vraagt een gedegen motivering van de onderhandelingsprocedure zonder voorafgaande bekendmaking (6.2.1) maar noemt niet wie haar vaststelt. Standaard: het BOSD, dat volgens 7.2 over de aanbestedingsprocedure zelf gaat (stopzetten, wezenlijke wijziging); afwijken van het SAS-regime is zo'n keuze. Instelbaar.",
  },
  {
    besluitType: "beeindiging-traject",
    authority: "programmadirecteur",
    bron: "Inkoopplan 7.2 (standaard)",
    citaat: "Akkoord gunning — Programma-directeur",
    uitDocumenten: false,
    toelichting:
      "Het inkoopplan noemt geen beslisser voor het beëindigen van een onderhands inkooptraject zonder gunning. Standaard: de programmadirecteur, die ook over de gunning in dat traject beslist (7.2). Instelbaar.",
  },
  {
    besluitType: "voorlopige-gunning",
    authority: "programmadirecteur",
    bron: "Inkoopplan 7.2",
    citaat: "Akkoord gunning — Programma-directeur",
    uitDocumenten: true,
    grondslag: `Artikel 10.1 ${MANDATEN}`,
    toelichting: "De voorlopige gunningsbeslissing van een SAS is het akkoord gunning van 7.2; de definitieve gunning volgt na de opschortende termijn.",
  },
  {
    besluitType: "definitieve-gunning",
    authority: "programmadirecteur",
    bron: "Inkoopplan 7.2",
    citaat: "Akkoord gunning — Programma-directeur",
    uitDocumenten: true,
    grondslag: `Artikel 10.1 ${MANDATEN}`,
    toelichting: "Na de opschortende termijn (en de afhandeling van bezwaren) wordt de gunning definitief; daarop volgen de contracten.",
  },
  {
    besluitType: "toelating",
    authority: "programmadirecteur",
    bron: "Inkoopplan 7.2 (standaard)",
    citaat: "Akkoord gunning — Programma-directeur",
    uitDocumenten: false,
    toelichting:
      "Het inkoopplan noemt geen beslisser voor het toelaten van een aanbieder tot een Open House. Standaard: de programmadirecteur, omdat toelating in een Open House de gunning is ('Akkoord gunning', 7.2). Instelbaar.",
  },
  {
    besluitType: "afwijzing",
    authority: "programmadirecteur",
    bron: "Inkoopplan 7.2 (standaard)",
    citaat: "Akkoord gunning — Programma-directeur",
    uitDocumenten: false,
    toelichting:
      "Het inkoopplan noemt geen beslisser voor het afwijzen van een aanbieder. Standaard: de programmadirecteur, als keerzijde van 'Akkoord gunning' (7.2). Instelbaar.",
  },
  {
    besluitType: "hoor-en-wederhoor",
    authority: "programmadirecteur",
    bron: "Inkoopplan 4.4.1 (standaard)",
    citaat:
      "Indien een aanbieder aan één of meerdere eisen niet voldoet, wordt in hoor- en wederhoor de mogelijkheid geboden aan te tonen dat de tekortkoming reeds is opgelost of dat er aantoonbare en afdoende verbetermaatregelen zijn genomen.",
    uitDocumenten: false,
    toelichting:
      "4.4.1 noemt geen termijn en geen beslisser voor hoor en wederhoor. Standaard: de programmadirecteur, die ook over toelating en afwijzing beslist. Termijn en rol zijn instellingen.",
  },
  {
    besluitType: "clientenstop",
    authority: "rwo",
    bron: "Inkoopplan 4.4.2; 7.3 (standaard)",
    citaat: "Om het belang van de inwoners te behartigen is er de mogelijkheid voor een cliëntenstop voor nieuwe beschikkingen waarbij de lopende trajecten nog wel doorlopen.",
    uitDocumenten: false,
    toelichting:
      "Het inkoopplan noemt geen beslisser voor een cliëntenstop. Standaard: RWO, dat volgens 7.3 verantwoordelijk is voor 'contractbeheer, -management en toezicht op zorgaanbieders'. Instelbaar.",
  },
  {
    besluitType: "ingebrekestelling",
    authority: "rwo",
    bron: "Inkoopplan 4.4.2; 7.3 (standaard)",
    citaat: "Contractueel kan dan een ingebrekestelling volgen waar de aanbieder een bepaalde tijd krijgt om verbeteringen door te voeren.",
    uitDocumenten: false,
    toelichting:
      "Het inkoopplan noemt geen beslisser en geen termijn voor een ingebrekestelling. Standaard: RWO (contractmanagement, 7.3). Instelbaar.",
  },
  {
    besluitType: "ontbinding",
    authority: "programmadirecteur",
    bron: "Inkoopplan 4.4.2; 7.2 (standaard)",
    citaat:
      "Indien er geen zicht is op verbetering of de deadlines uit de ingebrekestelling niet gehaald zijn, kan overgegaan worden tot ontbinding van het contract en het overdragen van lopende indicaties naar gecontracteerde aanbieders.",
    uitDocumenten: false,
    toelichting:
      "Het inkoopplan noemt geen beslisser voor ontbinding. Standaard: de programmadirecteur, die volgens 7.2 de contracten ondertekent. Instelbaar.",
  },
  {
    besluitType: "heropening",
    authority: "bosd",
    bron: "Inkoopplan 5.1; 7.2 (standaard)",
    citaat:
      "In een Open House kan bij een niet-dekkend zorglandschap de Open House weer opengezet worden zodat een aanbieder alsnog kan toetreden. Eventueel kunnen de voorwaarden van de Open House gewijzigd worden maar dit geldt dan voor alle aanbieders!",
    uitDocumenten: false,
    toelichting:
      "Het inkoopplan zegt niet wie een Open House weer openzet. Standaard: het BOSD, omdat heropening een wezenlijke wijziging van de aanbestedingsprocedure is ('Stopzetten / wezenlijke wijziging aanbestedingsprocedure — BOSD', 7.2). Instelbaar.",
  },
];

export const besluitAuthorities: readonly BesluitAuthority[] = rows.map((r) =>
  BesluitAuthoritySchema.parse({
    grondslag: null,
    afstemmingVooraf: null,
    informeren: [],
    volmachtNodig: false,
    toelichting: null,
    ...r,
  }),
);

/** The deciding authority for a besluit type (every type of BesluitTypeSchema has exactly one entry). */
export function authorityFor(besluitType: BesluitType): BesluitAuthority {
  const found = besluitAuthorities.find((a) => a.besluitType === besluitType);
  if (found === undefined) throw new Error(`Geen bevoegdheid vastgelegd voor besluittype ${besluitType}`);
  return found;
}
