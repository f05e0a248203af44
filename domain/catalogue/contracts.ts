// The 12 contracts of Inkoopplan jeugd en Wmo 2025, chapter 6, hand-written from the text. Every procedure
// and term is backed by a quote (bronCitaten); notes say where the documents disagree or are silent.
import { type CatalogueAnomaly, type Contract, ContractSchema, type Verlenging } from "./schema";

const ip = (sectie: string, citaat: string) => ({ document: "inkoopplan" as const, sectie, citaat });
const opl = (sectie: string, citaat: string) => ({ document: "oplegger" as const, sectie, citaat });
const times = (n: number, v: Verlenging): Verlenging[] => Array.from({ length: n }, () => ({ ...v }));

/** 5.1: Open House contracts extend tacitly. Cited for every Open House term. */
const OPEN_HOUSE_STILZWIJGEND = ip("5.1", "Bij de Open House contracten wordt gewerkt met een stilzwijgende verlenging.");
const OPEN_HOUSE_ZONDER_TOETREDING = ip(
  "5.1",
  "Bij de Open House is sprake van een ‘Open House zonder tussentijdse toetreding’, dat wil zeggen dat nieuwe aanbieders na de inschrijvingsdatum in 2024 niet kunnen toetreden en bestaande aanbieders geen andere producten kunnen toevoegen aan hun contract (‘Nee, tenzij…’).",
);
const TOETREDING_OPEN_HOUSE =
  "Geen tussentijdse toetreding (5.1): na de inschrijvingsdatum in 2024 geen nieuwe aanbieders en geen extra producten ('Nee, tenzij…'). Uitzondering: bij een nieuw product of een niet-dekkend zorglandschap (capaciteitstekort) kan de Open House weer open, voor alle aanbieders die aan de criteria voldoen; gewijzigde voorwaarden gelden dan voor alle aanbieders. Een aanbieder van wie het contract is ontbonden, kan dan niet opnieuw toetreden (4.4.2).";
const TOETREDING_SAS =
  "Bij een aanbesteding kunnen geen aanbieders worden toegevoegd (5.1; bijlage 1: 'Er kunnen geen aanbieders toegevoegd worden.').";
const NIET_VERLENGEN_OPEN_HOUSE =
  "Bij het algemene verlengingsbesluit kan de regio individuele, niet goed (genoeg) presterende aanbieders geen verlenging aanbieden (5.1). Zorg niet in elk jaar geleverd leidt volgens 5.2 tot contractbeëindiging, volgens 5.3.4 tot geen contractverlenging.";
const MAX_10 = ip("5.1", "De totale looptijd is 10 jaar, opgebouwd uit wisselende looptijden en verlengingstermijnen.");

/**
 * The five municipalities of Regio Midden-Holland (Inkoopplan 1, "Totstandkoming Inkoopplan": "de vijf
 * gemeenten (Bodegraven-Reeuwijk, Gouda, Krimpenerwaard, Waddinxveen en Zuidplas)").
 */
export const gemeentenMiddenHolland = ["Bodegraven-Reeuwijk", "Gouda", "Krimpenerwaard", "Waddinxveen", "Zuidplas"] as const;

const rawContracts: Contract[] = [
  {
    id: "jb-jr",
    sectie: "6.1",
    naam: "Jeugdbescherming en Jeugdreclassering",
    domein: "jeugd",
    procedureType: "enkelvoudig-onderhands",
    procedureToelichting:
      "Enkelvoudig onderhandse aanbesteding: de geschikte aanbieders (gecertificeerde instellingen) worden rechtstreeks uitgenodigd; geen concurrentiestelling, elke aanbieder heeft een eigen inkooptraject.",
    looptijd: {
      initieelJaren: 3,
      verlengingen: [
        { jaren: 3, wijze: "niet-vermeld" },
        { jaren: 2, wijze: "niet-vermeld" },
        { jaren: 2, wijze: "niet-vermeld" },
      ],
      maxJaren: 10,
    },
    percelen: null,
    gebieden: null,
    tussentijdseToetreding: false,
    toetredingToelichting:
      "Geen Open House: alleen rechtstreeks uitgenodigde aanbieders, elk met een eigen inkooptraject. Toetreding van anderen regelt het inkoopplan niet.",
    beeindigingBijLandelijkBeleid: true,
    inProductenboek: false,
    budgetplafondMogelijk: false,
    aantalAanbieders: "vijf gecertificeerde instellingen nu gecontracteerd",
    bekostiging:
      "p*q; vanaf 2024 landelijke tarieven voor jeugdbescherming en jeugdreclassering, waar nodig met een bovenregionaal afgesproken ingroeipad per aanbieder (6.1.3).",
    gunningscriteria: [],
    bronCitaten: [
      ip("6.1.1", "Gezien deze kleine markt wordt hier een enkelvoudig onderhandse aanbesteding procedure gehanteerd."),
      ip(
        "6.1.1",
        "Dit houdt in dat de geschikte aanbieders rechtstreeks uitgenodigd worden om deel te nemen. Er is geen sprake van concurrentiestelling: elke aanbieder heeft zijn eigen inkooptraject.",
      ),
      ip("6.1.2", "De looptijd is initieel 3 jaar, met verlengingen van achtereenvolgens 3, 2 en 2 jaar."),
      ip("6.1.2", "In de contracten komt een bepaling dat deze opgezegd kunnen worden indien landelijk beleid hier aanleiding toe geeft."),
    ],
    opmerkingen: [
      "Gedwongen kader: de zorg wordt ingezet op basis van een rechterlijke uitspraak (6.1).",
      "6.1.2 zegt niet of de verlengingen stilzwijgend gaan of een besluit vragen; de catalogus zet de wijze op 'niet-vermeld'.",
      "De producten blijven inhoudelijk ongewijzigd (6.1.1, oplegger) en staan niet in het productenboek.",
    ],
  },
  {
    id: "jeugdzorgplus",
    sectie: "6.2",
    naam: "JeugdzorgPlus",
    domein: "jeugd",
    procedureType: "onderhandelingsprocedure-zonder-bekendmaking",
    procedureToelichting:
      "Europese onderhandelingsprocedure zonder voorafgaande bekendmaking: de twee overeenkomsten worden onderhands gegund aan de huidige aanbieders; de keuze voor deze procedure moet gedegen worden gemotiveerd.",
    looptijd: {
      initieelJaren: 2,
      verlengingen: [{ jaren: 1, wijze: "stilzwijgend" }, ...times(7, { jaren: 1, wijze: "besluit-vooraf" })],
      maxJaren: 10,
    },
    percelen: null,
    gebieden: null,
    tussentijdseToetreding: false,
    toetredingToelichting: "Onderhandse gunning aan de twee huidige aanbieders; geen toetreding van anderen.",
    beeindigingBijLandelijkBeleid: true,
    inProductenboek: false,
    budgetplafondMogelijk: false,
    aantalAanbieders: "twee (de huidige aanbieders); op termijn één (Schakenbosch)",
    bekostiging: "p*q; tarieven sluiten aan op Haaglanden (6.2.3).",
    gunningscriteria: [],
    bronCitaten: [
      ip(
        "6.2.1",
        "In plaats van een Europese aanbesteding conform het SAS-regime, wordt hier de Europese onderhandelingsprocedure zonder voorafgaande bekendmaking voorgesteld.",
      ),
      ip(
        "6.2.1",
        "Dit komt er neer dat de twee overeenkomsten onderhands worden gegund aan de huidige aanbieders, met dien verstande dat de keuze voor de procedure gedegen moet worden gemotiveerd.",
      ),
      ip(
        "6.2.2",
        "dit contract afgesloten voor twee jaar, met één jaar stilzwijgend verlengen (verlengd tenzij gemeente anders aangeeft) met beide huidige aanbieders. Daarna jaarlijkse verlengingen met voorafgaand besluit (niet verlengd tenzij gemeente anders aangeeft).",
      ),
      ip("6.2.2", "In de contracten komt een bepaling dat deze opgezegd kunnen worden indien landelijk beleid hier aanleiding toe geeft."),
      MAX_10,
    ],
    opmerkingen: [
      "6.2.2 noemt het aantal jaarlijkse verlengingen niet; de catalogus vult aan tot het maximum van 10 jaar uit 5.1 (2 + 1 stilzwijgend + 7 × 1 met voorafgaand besluit).",
      "De contractduur sluit aan op het bovenregionaal plan, dat op termijn van twee aanbieders naar één (Schakenbosch) gaat; afbouw kan tot eerdere opzegging leiden (6.2, 6.2.4).",
      "Niet in het productenboek (gedwongen kader).",
    ],
  },
  {
    id: "forensische-ggz",
    sectie: "6.3",
    naam: "Forensische GGZ",
    domein: "jeugd",
    procedureType: "onderhandelingsprocedure-zonder-bekendmaking",
    procedureToelichting:
      "Europese onderhandelingsprocedure zonder voorafgaande bekendmaking: de twee overeenkomsten worden onderhands gegund.",
    looptijd: {
      initieelJaren: 3,
      verlengingen: [
        { jaren: 3, wijze: "stilzwijgend" },
        { jaren: 2, wijze: "stilzwijgend" },
        { jaren: 2, wijze: "stilzwijgend" },
      ],
      maxJaren: 10,
    },
    percelen: null,
    gebieden: null,
    tussentijdseToetreding: false,
    toetredingToelichting: "Onderhandse gunning van twee overeenkomsten; geen toetreding van anderen.",
    beeindigingBijLandelijkBeleid: true,
    inProductenboek: false,
    budgetplafondMogelijk: false,
    aantalAanbieders: "twee",
    bekostiging: "p*q; tarieven van de gespecialiseerde GGZ, aansluitend bij regio Rijnmond (6.3.3).",
    gunningscriteria: [],
    bronCitaten: [
      ip(
        "6.3.1",
        "In plaats van een Europese aanbesteding conform het SAS-regime, wordt hier de Europese onderhandelingsprocedure zonder voorafgaande bekendmaking voorgesteld. Dit komt er neer dat de twee overeenkomsten onderhands worden gegund.",
      ),
      ip("6.3.2", "Voorgestelde looptijd is initieel 3 jaar, met stilzwijgende verlengingen van achtereenvolgens 3, 2 en 2 jaar."),
      ip("6.3.2", "In de contracten komt een bepaling dat deze opgezegd kunnen worden indien landelijk beleid hier aanleiding toe geeft."),
      opl("Contract Forensische GGZ", "Wordt nu door 2 aanbieders geleverd onder hoog-specialistische GGZ."),
    ],
    opmerkingen: [
      "Anders dan bij JeugdzorgPlus (6.2.1) staat hier niet dat de keuze voor de procedure gedegen moet worden gemotiveerd.",
      "Eén product (forensische GGZ, 6.3); het productenboek beschrijft het niet (gedwongen kader) en geeft er geen code voor.",
      "Mogelijk op termijn landelijk ingekocht (6.3, oplegger).",
    ],
  },
  {
    id: "crisisdienst",
    sectie: "6.4",
    naam: "Crisisdienst",
    domein: "jeugd",
    procedureType: "nader-te-bepalen",
    procedureToelichting: "Nader te bepalen; de verwachting is dat een aanbesteding met dialoog het meest passend is.",
    looptijd: null,
    percelen: null,
    gebieden: null,
    tussentijdseToetreding: false,
    toetredingToelichting: "Nader te bepalen: er is nog geen procedure.",
    beeindigingBijLandelijkBeleid: false,
    inProductenboek: false,
    budgetplafondMogelijk: false,
    aantalAanbieders: null,
    bekostiging: "Nader te bepalen; naar verwachting lump sum (6.4.4).",
    gunningscriteria: [],
    bronCitaten: [
      ip("6.4.2", "Nader te bepalen. De verwachting is dat een aanbesteding met dialoog het meest passend zal zijn."),
      ip(
        "6.4.3",
        "Nader te bepalen. Het is raadzaam de looptijd af te stemmen op het contract hoog-specialistisch, zodat samenvoeging op termijn mogelijk is.",
      ),
      opl("Contract Crisisdienst jeugd", "Fasering: Start contract 2026. Inkooptraject in 2025."),
    ],
    opmerkingen: [
      "5.1 telt 12 contracten, maar voor de crisisdienst zijn procedure, looptijd en bekostiging nog 'nader te bepalen'.",
      "Inkoopplan 6.4.1: in 2024 wordt een voorstel ontwikkeld 'voor de crisisdienst vanaf 2025'; de oplegger: 'Inkoop is dus pas per 2026 aan de orde' en 'Start contract 2026'.",
      "Mogelijk wordt dit contract onderdeel van Hoog-specialistisch (6.5, oplegger).",
      "Niet in het productenboek.",
    ],
  },
  {
    id: "hoog-specialistisch-jeugd",
    sectie: "6.5",
    naam: "Hoog specialistisch – Jeugd",
    domein: "jeugd",
    procedureType: "sas",
    procedureToelichting:
      "SAS-aanbesteding: eerst een selectiefase (de toelatingscriteria van de Open House plus selectiecriteria om het aantal gegadigden terug te brengen), dan een gunningsfase met dialooggesprekken over de verwijstafel en de financiering van de consultatiefunctie; gunning op kwaliteit.",
    looptijd: {
      initieelJaren: 4,
      verlengingen: [
        { jaren: 4, wijze: "voorwaardelijk-na-evaluatie" },
        { jaren: 2, wijze: "voorwaardelijk-na-evaluatie" },
      ],
      maxJaren: 10,
    },
    percelen: null,
    gebieden: null,
    tussentijdseToetreding: false,
    toetredingToelichting: TOETREDING_SAS,
    beeindigingBijLandelijkBeleid: false,
    inProductenboek: true,
    budgetplafondMogelijk: false,
    aantalAanbieders: "10-12 aanbieders (oplegger: 'circa 10')",
    bekostiging:
      "Grotendeels p*q, een aantal producten met een aanbieder-specifiek tarief; beschikbaarheidsfinanciering voor crisis-verblijfsplekken; p*q per jeugdige voor hoog-complexe casusregie; lump sum voor de verwijstafel en voor de consultatiefunctie (6.5.3).",
    gunningscriteria: [
      "Aantal plaatsen in de regio",
      "Kwaliteit van de deelnemer(s) aan de Verwijstafel",
      "Ervaring in samenwerking met andere aanbieders, voorliggend veld en andere organisaties",
      "Inzicht in wat er moet gebeuren om dit contract tot een succes te maken",
    ],
    bronCitaten: [
      ip("6.5.1", "Om terug te kunnen komen naar 10-12 aanbieders met een dekkend zorgaanbod, is het noodzakelijk om een SAS-aanbesteding te houden."),
      ip(
        "6.5.1",
        "In deze aanbesteding wordt eerst een selectiefase gedaan waarbij de potentiële aanbieders getoetst worden op dezelfde criteria als de toelatingscriteria in de Open House. Aanvullend hierop worden al selectiecriteria opgesteld om het aantal gegadigden terug te brengen.",
      ),
      ip("6.5.1", "Daarna volgt de zogeheten gunningsfase. Tijdens deze fase wordt door middel van dialooggesprekken in gezamenlijkheid de laatste hand gelegd aan de opzet van de verwijstafel"),
      ip("6.5.1", "De uiteindelijke gunning vindt plaats op basis van een vergelijking op kwaliteit."),
      ip("6.5.2", "De initiële looptijd is daarom 4 jaar."),
      ip(
        "6.5.2",
        "Wanneer zowel de gemeenten, andere verwijzers, ouders en jeugdigen, én zorgaanbieders de samenwerking goed vinden, of er voldoende ontwikkeling wordt gezien op deze punten, volgt een verlenging van nogmaals 4 jaar en als laatste een verlenging van 2 jaar.",
      ),
    ],
    opmerkingen: [
      "Het inkoopplan geeft geen wegingen voor de vier gunningscriteria en noemt de selectiecriteria niet.",
      "6.5.2 koppelt de verlenging aan de evaluatie; dat ook de laatste verlenging van 2 jaar voorwaardelijk is, staat er niet los bij: de catalogus behandelt beide als voorwaardelijk.",
      "De gunningssystematiek is een besluit van het BOSD (7.2).",
      "Het productenboek heeft voor dit contract geen sectiekop; de 12 producten vóór 'Contract Wonen Jeugd & jongvolwassenen' horen hierbij (oplegger).",
      "Op termijn mogelijk uitbreiding met Wonen jeugd (na 8 jaar) en de crisisdienst (mogelijk al per 2026) (6.5, oplegger).",
    ],
  },
  {
    id: "wonen-jeugd",
    sectie: "6.6",
    naam: "Wonen – Jeugd en jongvolwassenen",
    domein: "jeugd",
    procedureType: "open-house-met-toetreding",
    procedureToelichting:
      "Open House met tussentijdse toetreding: vanwege het structurele tekort aan gezinshuizen en pleegzorg kunnen nieuwe partijen tussentijds toetreden; de Open House gaat naar verwachting in januari 2025 meteen open voor nieuwe toetreders.",
    looptijd: {
      initieelJaren: 5,
      verlengingen: [
        { jaren: 3, wijze: "stilzwijgend" },
        { jaren: 2, wijze: "stilzwijgend" },
      ],
      maxJaren: 10,
    },
    percelen: null,
    gebieden: null,
    tussentijdseToetreding: true,
    toetredingToelichting:
      "Tussentijdse toetreding is mogelijk (6.6.1); verwacht wordt dat de Open House in januari 2025 meteen opengaat voor nieuwe toetreders. Een aanbieder van wie het contract is ontbonden, kan niet opnieuw toetreden (4.4.2).",
    beeindigingBijLandelijkBeleid: false,
    inProductenboek: true,
    budgetplafondMogelijk: true,
    aantalAanbieders: null,
    bekostiging: "Alle producten p*q (6.6.3).",
    gunningscriteria: [],
    bronCitaten: [
      ip(
        "6.6.1",
        "Omdat er een structureel tekort is aan (goede) gezinshuizen en pleegzorg, ligt een aanbesteding niet voor de hand maar is gekozen voor een Open House. Dit maak het mogelijk om tussentijds nieuwe partijen toe te laten treden.",
      ),
      ip("6.6.1", "Omdat er sprake is van een tekort, is de verwachting dat de Open House in januari 2025 wel meteen open gaat voor mogelijkheid nieuwe toetreders."),
      ip("6.6.2", "De initiële looptijd is 5 jaar, met een verlenging van 3 jaar en een verlenging van 2 jaar."),
      OPEN_HOUSE_STILZWIJGEND,
    ],
    opmerkingen: [
      "6.6.2 zegt niet hoe verlengd wordt; de catalogus volgt de algemene regel voor Open House-contracten (5.1: stilzwijgend).",
      "De twee nieuwe Kamertraining-producten voor 18+ vallen onder de Wmo (Wmo-beschikking, financiering door de 'latende' gemeente) terwijl dit een jeugdcontract is (6.6, oplegger).",
      NIET_VERLENGEN_OPEN_HOUSE,
    ],
  },
  {
    id: "wonen-wmo",
    sectie: "6.7",
    naam: "Wonen – Wmo",
    domein: "wmo",
    procedureType: "sas",
    procedureToelichting:
      "SAS-aanbesteding met twee percelen (kernpartners en niet-kernpartners); aanbieders kunnen op beide inschrijven en wie voor beide kwalificeert, krijgt gegund als kernpartner.",
    looptijd: {
      initieelJaren: 5,
      verlengingen: [
        { jaren: 3, wijze: "niet-vermeld" },
        { jaren: 2, wijze: "niet-vermeld" },
      ],
      maxJaren: 10,
    },
    percelen: {
      percelen: [
        {
          id: "kernpartners",
          naam: "Kernpartners",
          omschrijving:
            "Partijen waarmee de gemeenten de ontwikkelopgave voor de ambulantisering van het beschermd wonen willen aangaan: (groot) aanbod in de regio van de 5 gemeenten en bereid samen te werken met de gemeenten.",
          voorrechten: [
            "krijgen de ontwikkelopgave voor dit contract mee",
            "hebben als eerste de mogelijkheid een leemte in het zorglandschap te vullen",
            "komen als enige in aanmerking voor pilotprojecten",
            "krijgen toegang tot het innovatiebudget in dit contract",
          ],
        },
        {
          id: "niet-kernpartners",
          naam: "Niet-kernpartners",
          omschrijving:
            "Partijen met een klein specifiek aanbod binnen of buiten de regio van de 5 gemeenten, vaak gericht op een specifieke doelgroep, die de gemeenten rechtstreeks willen contracteren.",
          voorrechten: [],
        },
      ],
      inschrijvenOpMeerderePercelen: true,
      gunningBijKwalificatieVoorAlle: "kernpartners",
      regel: "Aanbieders kunnen inschrijven op beide percelen. Indien zij voor beide percelen kwalificeren, krijgen zij gegund als kernpartner. (6.7.1)",
    },
    gebieden: null,
    tussentijdseToetreding: false,
    toetredingToelichting: TOETREDING_SAS,
    beeindigingBijLandelijkBeleid: false,
    inProductenboek: true,
    budgetplafondMogelijk: false,
    aantalAanbieders: null,
    bekostiging: "Alle producten p*q; een aantal producten met een aanbieder-specifiek tarief (6.7.3).",
    gunningscriteria: [],
    bronCitaten: [
      ip("6.7.1", "Dit krijgt vorm als SAS-aanbesteding met twee percelen. Aanbieders kunnen inschrijven op beide percelen. Indien zij voor beide percelen kwalificeren, krijgen zij gegund als kernpartner."),
      ip("6.7.1", "Er worden twee contracten aanbesteedt:"),
      ip("6.7.2", "De initiële looptijd is 5 jaar, met een verlenging van 3 jaar en een verlenging van 2 jaar."),
      opl(
        "Contract Wonen Wmo",
        "Overweging is nog of aanbesteden (met vaste groep aanbieders alles ontwikkelen) of toch Open House (om innovatieve aanbieders de kans te bieden) de ambities het beste ondersteunt.",
      ),
    ],
    opmerkingen: [
      "6.7.1 spreekt eerst van 'twee contracten', daarna van 'twee percelen'; 5.1 telt Wonen Wmo als één van de 12 contracten. De catalogus modelleert één contract met twee percelen.",
      "De oplegger noemt de procedure nog open (aanbesteden of Open House); het inkoopplan kiest SAS. De catalogus volgt het inkoopplan.",
      "Het inkoopplan noemt voor dit contract geen selectie- of gunningscriteria en zegt niet hoe verlengd wordt (de stilzwijgende verlenging van 5.1 geldt voor Open House-contracten).",
    ],
  },
  {
    id: "ambulant-jeugd",
    sectie: "6.8",
    naam: "Ambulant – Jeugd",
    domein: "jeugd",
    procedureType: "open-house-zonder-toetreding",
    procedureToelichting:
      "Open House zonder tussentijdse toetreding: iedere aanbieder die aan de toelatingscriteria voldoet wordt toegelaten; fijnmazig zorglandschap, begeleiding en behandeling.",
    looptijd: {
      initieelJaren: 3,
      verlengingen: [
        { jaren: 2, wijze: "stilzwijgend" },
        { jaren: 2, wijze: "stilzwijgend" },
        { jaren: 2, wijze: "stilzwijgend" },
        { jaren: 1, wijze: "stilzwijgend" },
      ],
      maxJaren: 10,
    },
    percelen: null,
    gebieden: null,
    tussentijdseToetreding: false,
    toetredingToelichting: TOETREDING_OPEN_HOUSE,
    beeindigingBijLandelijkBeleid: false,
    inProductenboek: true,
    budgetplafondMogelijk: true,
    aantalAanbieders: "naar verwachting de meeste aanbieders van alle contracten",
    bekostiging:
      "Alle producten p*q; Basis- en gespecialiseerde GGZ gaan van trajecttarieven naar een minutentarief; een aantal producten met een aanbieder-specifiek tarief (6.8.3).",
    gunningscriteria: [],
    bronCitaten: [
      ip("6.8.1", "Daarom wordt een Open House-procedure toegepast."),
      OPEN_HOUSE_ZONDER_TOETREDING,
      ip("6.8.2", "De initiële looptijd is gezet op 3 jaar met verlengingen van 2+2+2+1 jaar."),
      OPEN_HOUSE_STILZWIJGEND,
    ],
    opmerkingen: [
      "6.8 noemt Ambulant Jeugd en Ambulant Wmo samen; 'qua inkoopkeuzes gelijk'. Het zijn twee contracten.",
      "6.8.2 zegt niet hoe verlengd wordt; de catalogus volgt 5.1 (stilzwijgend).",
      NIET_VERLENGEN_OPEN_HOUSE,
    ],
  },
  {
    id: "ambulant-wmo",
    sectie: "6.8",
    naam: "Ambulant – Wmo",
    domein: "wmo",
    procedureType: "open-house-zonder-toetreding",
    procedureToelichting:
      "Open House zonder tussentijdse toetreding: iedere aanbieder die aan de toelatingscriteria voldoet wordt toegelaten; voor Wmo alleen begeleiding.",
    looptijd: {
      initieelJaren: 3,
      verlengingen: [
        { jaren: 2, wijze: "stilzwijgend" },
        { jaren: 2, wijze: "stilzwijgend" },
        { jaren: 2, wijze: "stilzwijgend" },
        { jaren: 1, wijze: "stilzwijgend" },
      ],
      maxJaren: 10,
    },
    percelen: null,
    gebieden: null,
    tussentijdseToetreding: false,
    toetredingToelichting: TOETREDING_OPEN_HOUSE,
    beeindigingBijLandelijkBeleid: false,
    inProductenboek: true,
    budgetplafondMogelijk: false,
    aantalAanbieders: "naar verwachting de meeste aanbieders van alle contracten",
    bekostiging: "Alle producten p*q; een aantal producten met een aanbieder-specifiek tarief (6.8.3).",
    gunningscriteria: [],
    bronCitaten: [
      ip("6.8", "De contracten Ambulant Jeugd en ambulant Wmo zijn qua inkoopkeuzes gelijk."),
      ip("6.8.1", "Daarom wordt een Open House-procedure toegepast."),
      OPEN_HOUSE_ZONDER_TOETREDING,
      ip("6.8.2", "De initiële looptijd is gezet op 3 jaar met verlengingen van 2+2+2+1 jaar."),
      OPEN_HOUSE_STILZWIJGEND,
    ],
    opmerkingen: ["6.8.2 zegt niet hoe verlengd wordt; de catalogus volgt 5.1 (stilzwijgend).", NIET_VERLENGEN_OPEN_HOUSE],
  },
  {
    id: "dagbesteding-jeugd",
    sectie: "6.9",
    naam: "Dagbesteding – Jeugd",
    domein: "jeugd",
    procedureType: "open-house-zonder-toetreding",
    procedureToelichting:
      "Open House zonder tussentijdse toetreding, gekozen om zo min mogelijk risico te lopen omdat dagbesteding op korte termijn opnieuw wordt gecontracteerd.",
    looptijd: { initieelJaren: 2, verlengingen: times(8, { jaren: 1, wijze: "stilzwijgend" }), maxJaren: 10 },
    percelen: null,
    gebieden: null,
    tussentijdseToetreding: false,
    toetredingToelichting: TOETREDING_OPEN_HOUSE,
    beeindigingBijLandelijkBeleid: false,
    inProductenboek: true,
    budgetplafondMogelijk: true,
    aantalAanbieders: null,
    bekostiging: "Alle producten p*q; een aantal producten met een aanbieder-specifiek tarief (6.9.3).",
    gunningscriteria: [],
    bronCitaten: [
      ip("6.9.1", "is het voorstel nu om zo min mogelijk risico te lopen door de inzet van een Open House."),
      OPEN_HOUSE_ZONDER_TOETREDING,
      ip("6.9.2", "Initiële looptijd van 2 jaar met 8 verlengingen van één jaar."),
      OPEN_HOUSE_STILZWIJGEND,
    ],
    opmerkingen: [
      "In 2025 starten nieuwe inkooptrajecten voor dagbesteding jeugd en Wmo (6.9.4): het contract is bedoeld als kortlopend.",
      "6.9.2 zegt niet hoe verlengd wordt; de catalogus volgt 5.1 (stilzwijgend).",
      "Vervoer naar dagbesteding (08A03) staat ook in Ambulant Jeugd en Dagbesteding en logeren Wmo.",
      NIET_VERLENGEN_OPEN_HOUSE,
    ],
  },
  {
    id: "dagbesteding-logeren-wmo",
    sectie: "6.9",
    naam: "Dagbesteding en logeren – Wmo",
    domein: "wmo",
    procedureType: "open-house-zonder-toetreding",
    procedureToelichting:
      "Open House zonder tussentijdse toetreding, gekozen om zo min mogelijk risico te lopen omdat dagbesteding op korte termijn opnieuw wordt gecontracteerd.",
    looptijd: { initieelJaren: 2, verlengingen: times(8, { jaren: 1, wijze: "stilzwijgend" }), maxJaren: 10 },
    percelen: null,
    gebieden: null,
    tussentijdseToetreding: false,
    toetredingToelichting: TOETREDING_OPEN_HOUSE,
    beeindigingBijLandelijkBeleid: false,
    inProductenboek: true,
    budgetplafondMogelijk: false,
    aantalAanbieders: null,
    bekostiging: "Alle producten p*q; een aantal producten met een aanbieder-specifiek tarief (6.9.3).",
    gunningscriteria: [],
    bronCitaten: [
      ip("6.9.1", "is het voorstel nu om zo min mogelijk risico te lopen door de inzet van een Open House."),
      OPEN_HOUSE_ZONDER_TOETREDING,
      ip("6.9.2", "Initiële looptijd van 2 jaar met 8 verlengingen van één jaar."),
      OPEN_HOUSE_STILZWIJGEND,
    ],
    opmerkingen: [
      "In 2025 starten nieuwe inkooptrajecten voor dagbesteding jeugd en Wmo (6.9.4): het contract is bedoeld als kortlopend.",
      "6.9.2 zegt niet hoe verlengd wordt; de catalogus volgt 5.1 (stilzwijgend).",
      NIET_VERLENGEN_OPEN_HOUSE,
    ],
  },
  {
    id: "hulp-bij-huishouden",
    sectie: "6.10",
    naam: "Hulp bij huishouden – Wmo",
    domein: "wmo",
    procedureType: "open-house-zonder-toetreding",
    procedureToelichting:
      "Open House zonder tussentijdse toetreding; inschrijven kan per plaats. Waar geen dekkend zorglandschap ontstaat, wordt in Q4 2024 met de gecontracteerde aanbieders onderhandeld wie dat gebied wil en kan bedienen.",
    looptijd: { initieelJaren: 2, verlengingen: times(4, { jaren: 2, wijze: "stilzwijgend" }), maxJaren: 10 },
    percelen: null,
    gebieden: {
      inschrijvenPerPlaats: true,
      plaatsen: [...gemeentenMiddenHolland],
      toelichting:
        "6.10.1: 'Inschrijven kan per plaats'; de inleiding van 6.10: 'Aanbieders kunnen inschrijven op een gebied.' Het inkoopplan geeft geen lijst van plaatsen of gebieden. De catalogus gebruikt de vijf gemeenten uit hoofdstuk 1 (Bodegraven-Reeuwijk, Gouda, Krimpenerwaard, Waddinxveen en Zuidplas). Bodegraven-Reeuwijk, Krimpenerwaard en Zuidplas bestaan uit meerdere kernen: als 'plaats' een kern bedoelt, moet deze lijst worden verfijnd.",
    },
    tussentijdseToetreding: false,
    toetredingToelichting: `${TOETREDING_OPEN_HOUSE} 6.10.2 zegt het voor dit contract uitdrukkelijk: 'Door geen tussentijdse toetreding toe te staan'.`,
    beeindigingBijLandelijkBeleid: false,
    inProductenboek: true,
    budgetplafondMogelijk: false,
    aantalAanbieders: "één grote en meerdere kleine aanbieders",
    bekostiging: "Eén product, p*q (6.10.3).",
    gunningscriteria: [],
    bronCitaten: [
      ip("6.10.1", "De procedure wordt daarom Open House. Inschrijven kan per plaats."),
      ip(
        "6.10.1",
        "Dit heeft als risico dat er in eerste instantie in één of meerdere plaatsen geen dekkend zorglandschap komt. In Q4 2024 moet dan met de gecontracteerde aanbieders de onderhandeling opgestart worden welke aanbieder dit kan en wil bieden.",
      ),
      ip("6.10.2", "We zetten in op een korte looptijd (2 jaar met vier verlengingen van 2 jaar)"),
      ip("6.10.2", "Door geen tussentijdse toetreding toe te staan en niet- of slecht presterende aanbieders niet te verlengen"),
      OPEN_HOUSE_STILZWIJGEND,
    ],
    opmerkingen: [
      "Bedient één aanbieder een heel gebied, dan vervalt daar de keuzevrijheid van de inwoner (6.10, 6.10.1).",
      "6.10.2 zegt niet hoe verlengd wordt; de catalogus volgt 5.1 (stilzwijgend).",
      NIET_VERLENGEN_OPEN_HOUSE,
    ],
  },
];

export const contracts: readonly Contract[] = rawContracts.map((c) => ContractSchema.parse(c));

/** Anomalies in and between the documents that are not about a single product (hand-written, with sources). */
export const documentAnomalies: readonly CatalogueAnomaly[] = [
  {
    id: "aantal-contracten-12-of-11",
    soort: "documenten-tegenstrijdig",
    beschrijving:
      "5.1 noemt '12 contracten' en '12 raamovereenkomsten', 5.2 '11 losse contracten'. De catalogus volgt hoofdstuk 6 (12 contracten, waarvan de Crisisdienst nog geen procedure en looptijd heeft en Wonen Wmo in 6.7.1 'twee contracten' heet).",
    bronnen: ["Inkoopplan 5.1", "Inkoopplan 5.2", "Inkoopplan 6.4", "Inkoopplan 6.7.1"],
    contractIds: ["crisisdienst", "wonen-wmo"],
    productIds: [],
  },
  {
    id: "crisisdienst-nader-te-bepalen",
    soort: "niet-in-documenten",
    beschrijving:
      "Voor de Crisisdienst zijn procedure, looptijd en bekostiging 'nader te bepalen' (6.4.2-6.4.4). De startdatum verschilt: het inkoopplan spreekt van een voorstel 'voor de crisisdienst vanaf 2025', de oplegger van 'Start contract 2026'.",
    bronnen: ["Inkoopplan 6.4", "Oplegger, Contract Crisisdienst jeugd"],
    contractIds: ["crisisdienst"],
    productIds: [],
  },
  {
    id: "wonen-wmo-procedure-oplegger",
    soort: "documenten-tegenstrijdig",
    beschrijving:
      "De oplegger laat de keuze tussen aanbesteden en Open House voor Wonen Wmo nog open; het inkoopplan (6.7.1) kiest een SAS-aanbesteding met twee percelen. De catalogus volgt het inkoopplan.",
    bronnen: ["Inkoopplan 6.7.1", "Oplegger, Contract Wonen Wmo"],
    contractIds: ["wonen-wmo"],
    productIds: [],
  },
  {
    id: "forensische-ggz-geen-motivering",
    soort: "documenten-tegenstrijdig",
    beschrijving:
      "JeugdzorgPlus en Forensische GGZ krijgen dezelfde procedure (onderhandelingsprocedure zonder voorafgaande bekendmaking), maar alleen bij JeugdzorgPlus staat dat de keuze 'gedegen moet worden gemotiveerd' (6.2.1 tegenover 6.3.1).",
    bronnen: ["Inkoopplan 6.2.1", "Inkoopplan 6.3.1"],
    contractIds: ["jeugdzorgplus", "forensische-ggz"],
    productIds: [],
  },
  {
    id: "verlengingswijze-niet-vermeld",
    soort: "niet-in-documenten",
    beschrijving:
      "Alleen 6.2.2 (JeugdzorgPlus), 6.3.2 (Forensische GGZ) en 6.5.2 (Hoog-specialistisch) zeggen hoe verlengd wordt. Voor de Open House-contracten volgt de catalogus 5.1 (stilzwijgend); voor JB/JR en Wonen Wmo staat de wijze op 'niet-vermeld'. Het aantal jaarlijkse verlengingen van JeugdzorgPlus is aangevuld tot de 10 jaar van 5.1.",
    bronnen: ["Inkoopplan 5.1", "Inkoopplan 6.1.2", "Inkoopplan 6.2.2", "Inkoopplan 6.7.2"],
    contractIds: ["jb-jr", "wonen-wmo", "jeugdzorgplus"],
    productIds: [],
  },
  {
    id: "geen-zorg-beeindiging-of-niet-verlengen",
    soort: "documenten-tegenstrijdig",
    beschrijving:
      "Een aanbieder die in een jaar geen zorg in de regio levert: volgens 5.2 'leidt tot contractbeëindiging', volgens 5.3.4 krijgen 'aanbieders zonder omzet geen contractverlenging'.",
    bronnen: ["Inkoopplan 5.2", "Inkoopplan 5.3.4"],
    contractIds: [],
    productIds: [],
  },
  {
    id: "hulp-bij-huishouden-plaatsen",
    soort: "niet-in-documenten",
    beschrijving:
      "Hulp bij huishouden: 'Inschrijven kan per plaats' (6.10.1), maar het inkoopplan noemt de plaatsen niet. De catalogus gebruikt de vijf gemeenten uit hoofdstuk 1.",
    bronnen: ["Inkoopplan 1", "Inkoopplan 6.10", "Inkoopplan 6.10.1"],
    contractIds: ["hulp-bij-huishouden"],
    productIds: [],
  },
  {
    id: "hoog-specialistisch-geen-wegingen",
    soort: "niet-in-documenten",
    beschrijving:
      "Hoog-specialistisch: vier gunningscriteria op kwaliteit (6.5.1), zonder wegingen en zonder de selectiecriteria die 'opgesteld worden'. Voor Wonen Wmo (ook SAS) noemt het inkoopplan geen criteria.",
    bronnen: ["Inkoopplan 6.5.1", "Inkoopplan 6.7.1"],
    contractIds: ["hoog-specialistisch-jeugd", "wonen-wmo"],
    productIds: [],
  },
  {
    id: "generalistische-basis-ggz-minuut-of-uur",
    soort: "documenten-tegenstrijdig",
    beschrijving:
      "De nieuwe Generalistische Basis-GGZ heeft volgens de oplegger een 'Tarief per minuut'; bij de vervallen producten 51A00-51A05, 53A01 en 53A02 zegt dezelfde oplegger 'als basis-GGZ naar een uurtarief gaat'. Inkoopplan 5.3/6.8.3 spreekt van een minutentarief. De catalogus neemt 'minuut' (de rij van het product zelf).",
    bronnen: ["Oplegger, was-wordt-lijst Ambulant Jeugd", "Inkoopplan 6.8.3"],
    contractIds: ["ambulant-jeugd"],
    productIds: ["ambulant-jeugd/nieuw-generalistische-basis-ggz"],
  },
  {
    id: "wmo-producten-in-jeugdcontract",
    soort: "documenten-tegenstrijdig",
    beschrijving:
      "De twee nieuwe Kamertraining-producten voor 18+ staan in het jeugdcontract Wonen Jeugd & jongvolwassenen, maar vragen een Wmo-beschikking en vallen niet onder de Jeugdwet (6.6, oplegger).",
    bronnen: ["Inkoopplan 6.6", "Oplegger, Contract Wonen Jeugd & jongvolwassenen", "Productenboek"],
    contractIds: ["wonen-jeugd"],
    productIds: ["wonen-jeugd/nieuw-kamertraining-ktc-instroom-18", "wonen-jeugd/nieuw-kamertraining-ktc-doorstroomproduct-jeugd-naar-wmo"],
  },
  {
    id: "hoor-en-wederhoor-zonder-termijn",
    soort: "niet-in-documenten",
    beschrijving:
      "Hoor en wederhoor (einde 4.4.1) is één zin: geen termijn en geen beslisser. Termijn en beslissende rol zijn instellingen van de applicatie, niet van het inkoopplan.",
    bronnen: ["Inkoopplan 4.4.1"],
    contractIds: [],
    productIds: [],
  },
  {
    id: "bevoegdheden-niet-geregeld",
    soort: "niet-in-documenten",
    beschrijving:
      "7.2 noemt geen beslisser voor toelating, afwijzing, hoor en wederhoor, cliëntenstop, ingebrekestelling, ontbinding en heropening van een Open House; 7.3 legt contractwijzigingen en (niet-)verlengen bij RWO. De catalogus kiest daar een standaard (zie besluitAuthorities, uitDocumenten = false).",
    bronnen: ["Inkoopplan 7.2", "Inkoopplan 7.3", "Inkoopplan 4.4.2"],
    contractIds: [],
    productIds: [],
  },
];
