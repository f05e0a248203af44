// The 11 toelatingscriteria of Inkoopplan 4.4.1 ("Elk van deze criteria is een harde eis (knock out)"),
// the hoor-en-wederhoor sentence that closes 4.4.1, and the micro-onderneming of 5.2.
import {
  type MicroOnderneming,
  MicroOndernemingSchema,
  type Toelatingscriterium,
  ToelatingscriteriumSchema,
} from "./schema";

const BRON = "Inkoopplan 4.4.1" as const;

const raw: Omit<Toelatingscriterium, "bron" | "knockOut">[] = [
  {
    nummer: 1,
    code: "TC01",
    titel: "Geen negatieve ervaringen met de aanbieder",
    tekst:
      "Negatieve ervaringen met aanbieder. Afgelopen 3 jaar is geen contract geheel of gedeeltelijk ontbonden, opgezegd of geweigerd. Indien dit wel het geval is, leidt dit tot uitsluiting. Tenzij aangetoond kan worden dat er verbeteringen zijn doorgevoerd voor de reden van de ontbinding, opzegging of weigering. Partijen van wie het contract opgezegd of ontbonden is, zijn in beginsel geen partijen waar we nu zaken mee willen doen.",
    perProduct: false,
    vrijstellingen: [],
    bewijs: [
      { omschrijving: "Verklaring van de aanbieder over ontbonden, opgezegde of geweigerde contracten in de afgelopen 3 jaar", uitDocument: false },
      {
        omschrijving: "Als er zo'n contract is: aantonen dat verbeteringen zijn doorgevoerd voor de reden van de ontbinding, opzegging of weigering",
        uitDocument: true,
      },
    ],
    nogNaderTeBepalen: null,
  },
  {
    nummer: 2,
    code: "TC02",
    titel: "Ervaringseis (per product)",
    tekst:
      "Ervaringseis. Aanbieder heeft voor elk product waarop zij inschrijft in de afgelopen 2 jaar een nader te bepalen minimaal aantal trajecten zelfstandig en naar tevredenheid uitgevoerd (verklaring opdrachtgevende gemeente/regio/werkgever). Aanbieders dienen ervaring te hebben met de dienst die ze aanbieden. Aanbieders zonder werkervaring kunnen dus niet inschrijven. Aanbieders voor wie zorg een ‘bijbaan’ is kunnen hier deels ook mee geweerd worden.",
    perProduct: true,
    vrijstellingen: [],
    bewijs: [{ omschrijving: "Verklaring opdrachtgevende gemeente/regio/werkgever, per product", uitDocument: true }],
    nogNaderTeBepalen: "Het minimale aantal trajecten in de afgelopen 2 jaar is 'nader te bepalen'.",
  },
  {
    nummer: 3,
    code: "TC03",
    titel: "Geen bestuursrechtelijke maatregel",
    tekst:
      "Geen bestuursrechtelijke maatregel. Aanbieder heeft in de afgelopen 3 jaar geen bestuursrechtelijke maatregel(en) opgelegd gekregen van de toezichthouder voor locatie(s) waar zij inwoners uit de regio Midden-Holland in zorg heeft. We willen geen partijen waarbij de overheid heeft moeten ingrijpen om orde op zaken te stellen. Deze maatregel benoemt bewust geen correctieve maatregelen, waarbij partijen wel door toezicht een verbetertraject in moesten, maar dat zelf en naar behoren hebben uitgevoerd.",
    perProduct: false,
    vrijstellingen: [],
    bewijs: [
      {
        omschrijving: "Verklaring van de aanbieder over bestuursrechtelijke maatregelen van de toezichthouder in de afgelopen 3 jaar, voor locaties met inwoners uit Midden-Holland",
        uitDocument: false,
      },
    ],
    nogNaderTeBepalen: null,
  },
  {
    nummer: 4,
    code: "TC04",
    titel: "Financieel gezond",
    tekst:
      "Financieel gezond. Aanbieder heeft een gezonde financiële situatie de afgelopen 3 jaar en de financiële situatie moet de opdrachtgever vertrouwen geven voor continuïteit in de bedrijfsvoering. Een gezonde financiële bedrijfsvoering is belangrijk voor de continuïteit van zorg. In ieder geval geldt dat er een boven- en ondergrens moet zijn. De term ‘vertrouwen’ is niet nader omschreven, zodat het ons ruimte geeft in de beoordeling.",
    perProduct: false,
    vrijstellingen: [],
    bewijs: [{ omschrijving: "Financiële gegevens (bijvoorbeeld jaarrekeningen) over de afgelopen 3 jaar", uitDocument: false }],
    nogNaderTeBepalen:
      "De boven- en ondergrens zijn niet genoemd en 'vertrouwen' is bewust niet omschreven; het criterium wordt 'met enige voorzichtigheid gehanteerd'.",
  },
  {
    nummer: 5,
    code: "TC05",
    titel: "Lid van een branche- of beroepsvereniging",
    tekst: "Aanbieder is lid van een relevante branche of beroepsvereniging.",
    perProduct: false,
    vrijstellingen: [],
    bewijs: [{ omschrijving: "Bewijs van lidmaatschap van een relevante branche- of beroepsvereniging", uitDocument: false }],
    nogNaderTeBepalen: "Welke verenigingen 'relevant' zijn, staat er niet.",
  },
  {
    nummer: 6,
    code: "TC06",
    titel: "VOG voor organisatie en bestuurder",
    tekst:
      "Aanbieder is in bezit van een VOG voor rechtspersonen en de bestuurder/ eigenaar in bezit van een VOG Natuurlijke personen.",
    perProduct: false,
    vrijstellingen: [],
    bewijs: [
      { omschrijving: "VOG voor rechtspersonen", uitDocument: true },
      { omschrijving: "VOG natuurlijke personen van de bestuurder/eigenaar", uitDocument: true },
    ],
    nogNaderTeBepalen: null,
  },
  {
    nummer: 7,
    code: "TC07",
    titel: "Bekwaam personeel (per product)",
    tekst:
      "Bekwaam personeel. Aanbieder heeft voldoende bekwaam personeel in dienst om de producten te leveren waarvoor ze inschrijven. In het productenboek is per product opgenomen aan welke minimale opleidingseisen het personeel moet voldoen.",
    perProduct: true,
    vrijstellingen: [],
    bewijs: [
      {
        omschrijving: "Aantonen dat het personeel voldoet aan de minimale opleidingseisen van het productenboek (veld Opleiding), per product",
        uitDocument: true,
      },
    ],
    nogNaderTeBepalen: "Bij een aantal producten staat in het productenboek bij Opleiding nog 'Volgt nog', 'Tekst volgt' of 'ntb'.",
  },
  {
    nummer: 8,
    code: "TC08",
    titel: "Gedragsverklaring aanbesteden (GVA)",
    tekst: "Aanbieder is in bezit van een gedragsverklaring aanbesteden (GVA).",
    perProduct: false,
    vrijstellingen: [],
    bewijs: [{ omschrijving: "Gedragsverklaring aanbesteden (GVA)", uitDocument: true }],
    nogNaderTeBepalen: null,
  },
  {
    nummer: 9,
    code: "TC09",
    titel: "Vrijwilligersbeleid",
    tekst: "Aanbieder heeft een vrijwilligersbeleid (m.u.v. micro-ondernemingen en aanbieders die aangeven geen vrijwilligers in te zetten).",
    perProduct: false,
    vrijstellingen: [
      {
        code: "micro-onderneming",
        omschrijving:
          "Micro-ondernemingen hoeven geen vrijwilligersbeleid te hebben (minder dan 10 werknemers en een jaaromzet en/of jaarbalans van minder dan 2 miljoen euro, 5.2).",
      },
      {
        code: "geen-vrijwilligers",
        omschrijving: "Aanbieders die aangeven geen vrijwilligers in te zetten, hoeven geen vrijwilligersbeleid te hebben.",
      },
    ],
    bewijs: [
      { omschrijving: "Vrijwilligersbeleid", uitDocument: true },
      { omschrijving: "Of: de verklaring dat de aanbieder geen vrijwilligers inzet", uitDocument: true },
    ],
    nogNaderTeBepalen: null,
  },
  {
    nummer: 10,
    code: "TC10",
    titel: "Adequaat verzekerd",
    tekst: "Partijen moeten adequaat verzekerd zijn zoals in het contract is vastgesteld en dit aantonen bij aanmelding.",
    perProduct: false,
    vrijstellingen: [],
    bewijs: [{ omschrijving: "Bewijs van verzekering zoals in het contract vastgesteld, bij aanmelding", uitDocument: true }],
    nogNaderTeBepalen: "Welke verzekeringen 'adequaat' zijn, staat in het contract, niet in het inkoopplan.",
  },
  {
    nummer: 11,
    code: "TC11",
    titel: "ISO 9001 of gelijkwaardig",
    tekst: "Het hebben van een ISO9001-certificering of gelijkwaardig.",
    perProduct: false,
    vrijstellingen: [],
    bewijs: [{ omschrijving: "ISO9001-certificaat of een gelijkwaardig kwaliteitscertificaat", uitDocument: true }],
    nogNaderTeBepalen: "Wat 'gelijkwaardig' is, staat er niet.",
  },
];

export const toelatingscriteria: readonly Toelatingscriterium[] = raw.map((c) =>
  ToelatingscriteriumSchema.parse({ ...c, knockOut: true, bron: BRON }),
);

/** 4.4.1: "Elk van deze criteria is een harde eis (knock out)." */
export const knockOutTekst = "Elk van deze criteria is een harde eis (knock out).";

/**
 * The only text on hoor en wederhoor (end of Inkoopplan 4.4.1). It gives no term and no decider: those are
 * settings of the application, not facts of the plan.
 */
export const hoorEnWederhoorTekst =
  "Indien een aanbieder aan één of meerdere eisen niet voldoet, wordt in hoor- en wederhoor de mogelijkheid geboden aan te tonen dat de tekortkoming reeds is opgelost of dat er aantoonbare en afdoende verbetermaatregelen zijn genomen.";

export const microOnderneming: MicroOnderneming = MicroOndernemingSchema.parse({
  definitie:
    "Micro-ondernemingen: ondernemingen met minder dan 10 werknemers en een jaaromzet en/of jaarbalans van minder dan 2 miljoen euro (definitie conform www.rco.nl).",
  maxWerknemers: 10,
  maxOmzetOfBalansEuro: 2_000_000,
  grenzenExclusief: true,
  bron: "Inkoopplan 5.2",
  afwijkendeEisen: [
    {
      document: "inkoopplan",
      sectie: "4.4.1",
      citaat: "Aanbieder heeft een vrijwilligersbeleid (m.u.v. micro-ondernemingen en aanbieders die aangeven geen vrijwilligers in te zetten).",
    },
    {
      document: "inkoopplan",
      sectie: "4.4.3",
      citaat: "Voor micro-ondernemingen vindt het periodiek onderzoek minimaal eens per twee jaar plaats.",
    },
    {
      document: "inkoopplan",
      sectie: "4.4.4",
      citaat:
        "Voor de aanbieders wordt – met uitzondering van de micro-ondernemingen - een verplichting aan het contract toegevoegd dat zij gebruik moeten maken van ervaringsdeskundigen.",
    },
    { document: "inkoopplan", sectie: "5.3.3", citaat: "Korting op tarief voor micro-ondernemingen" },
  ],
});

/**
 * Whether an organisation is a micro-onderneming in the sense of 5.2: fewer than 10 employees and an annual
 * turnover and/or balance sheet total below 2 million euro ("en/of": one of the two below the bound suffices).
 */
export function isMicroOnderneming(o: { werknemers: number; jaaromzetEuro: number; jaarbalansEuro: number }): boolean {
  return (
    o.werknemers < microOnderneming.maxWerknemers &&
    (o.jaaromzetEuro < microOnderneming.maxOmzetOfBalansEuro || o.jaarbalansEuro < microOnderneming.maxOmzetOfBalansEuro)
  );
}
