import { formatInstantNl } from "../domain/calendar";

/** Dutch e-mail texts. The attached PDF is the formal document; the mail says what it is and what to do. */
export interface MailText {
  subject: string;
  text: string;
}

const groet = "\n\nMet vriendelijke groet,\n\nTeam Inkoop Jeugd en Wmo\nRegio Midden-Holland";

export function besluitVoorgelegdMail(p: { titel: string; besluitId: string; procedureTitel: string; authorityNaam: string; samenvatting: string }): MailText {
  return {
    subject: `Ter besluitvorming: ${p.titel} (${p.besluitId})`,
    text:
      `Geachte ${p.authorityNaam},\n\nBijgaand ontvangt u ter besluitvorming: ${p.titel}, procedure "${p.procedureTitel}".\n\n${p.samenvatting}\n\n` +
      `U kunt akkoord geven of het voorstel met een motivering terugsturen via inkoop (Besluiten > Te nemen besluiten), besluitnummer ${p.besluitId}.` +
      groet,
  };
}

export function besluitAanOntvangerMail(p: { titel: string; besluitId: string; procedureTitel: string; naam: string; samenvatting: string }): MailText {
  return {
    subject: `${p.titel}: ${p.procedureTitel} (${p.besluitId})`,
    text:
      `Geachte ${p.naam},\n\nBijgaand ontvangt u het ${p.titel.toLowerCase()} in de procedure "${p.procedureTitel}".\n\n${p.samenvatting}\n\n` +
      "Het besluit in de bijlage is leidend; daarin staat ook hoe u bezwaar kunt maken. U vindt het ook onder Mijn besluiten in inkoop." +
      groet,
  };
}

export function besluitTeruggestuurdMail(p: { titel: string; besluitId: string; procedureTitel: string; door: string; motivering: string }): MailText {
  return {
    subject: `Teruggestuurd: ${p.titel} (${p.besluitId})`,
    text: `Het voorstel "${p.titel}" in procedure "${p.procedureTitel}" is teruggestuurd door ${p.door}.\n\nMotivering:\n${p.motivering}\n\nPas het voorstel aan en leg het opnieuw voor.` + groet,
  };
}

export function hoorbriefMail(p: { naam: string; procedureTitel: string; termijnEinde: string; aantal: number }): MailText {
  return {
    subject: `Hoor en wederhoor: ${p.procedureTitel}`,
    text:
      `Geachte ${p.naam},\n\nUw inschrijving voldoet op ${p.aantal} onderdeel/onderdelen niet aan de toelatingscriteria. In de bijgaande brief leest u welke en waarom.\n\n` +
      `U kunt tot ${formatInstantNl(new Date(p.termijnEinde))} aantonen dat de tekortkoming is opgelost of dat u aantoonbare en afdoende verbetermaatregelen heeft genomen. ` +
      "Reageert u niet binnen deze termijn, dan blijft het oordeel staan." +
      groet,
  };
}

export function herstelMail(p: { naam: string; procedureTitel: string; termijnEinde: string; ontbrekend: string[] }): MailText {
  return {
    subject: `Herstel van uw inschrijving: ${p.procedureTitel}`,
    text:
      `Geachte ${p.naam},\n\nUw inschrijving is niet volledig. Alleen volledige inschrijvingen worden beoordeeld. Het volgende ontbreekt:\n\n` +
      p.ontbrekend.map((o) => `- ${o}`).join("\n") +
      `\n\nVul dit aan vóór ${formatInstantNl(new Date(p.termijnEinde))}. Is de inschrijving dan nog onvolledig, dan wordt zij niet beoordeeld en uitgesloten.` +
      groet,
  };
}

export function notaMail(p: { procedureTitel: string; nummer: number }): MailText {
  return {
    subject: `Nota van inlichtingen ${p.nummer}: ${p.procedureTitel}`,
    text:
      `Geachte aanbieder,\n\nBijgaand ontvangt u nota van inlichtingen ${p.nummer} in de procedure "${p.procedureTitel}". ` +
      "De vragen staan erin zonder de naam van wie ze stelde. De nota maakt deel uit van de procedurestukken." +
      groet,
  };
}

export function heropeningMail(p: { procedureTitel: string; sluitingAt: string; producten: string[]; plaatsen?: string[] }): MailText {
  const plaatsen = p.plaatsen && p.plaatsen.length > 0 ? `Alleen in: ${p.plaatsen.join(", ")}. Inschrijven voor een andere plaats is in deze ronde niet mogelijk.\n\n` : "";
  return {
    subject: `Open House heropend: ${p.procedureTitel}`,
    text:
      `Geachte aanbieder,\n\nHet Open House "${p.procedureTitel}" is heropend voor:\n\n${p.producten.map((x) => `- ${x}`).join("\n")}\n\n${plaatsen}` +
      `Elke aanbieder die aan de toelatingscriteria voldoet, kan inschrijven tot ${formatInstantNl(new Date(p.sluitingAt))}. Het besluit van het BOSD is bijgevoegd.` +
      groet,
  };
}

export function stopzettingMail(p: { procedureTitel: string }): MailText {
  return {
    subject: `Procedure stopgezet: ${p.procedureTitel}`,
    text: `Geachte aanbieder,\n\nDe procedure "${p.procedureTitel}" is stopgezet. Het besluit met de motivering is bijgevoegd.` + groet,
  };
}

export function emailBevestigingMail(p: { naam: string; kvk: string; huidigEmail: string; code: string }): MailText {
  return {
    subject: "Bevestig uw nieuwe e-mailadres voor inkoop",
    text:
      `Geachte ${p.naam},\n\nIn inkoop is gevraagd om dit adres te gebruiken als e-mailadres van ${p.naam} (KvK ${p.kvk}). ` +
      `Bevestig dat met deze code:\n\n${p.code}\n\n` +
      `Tot u de wijziging bevestigt, blijven besluiten en brieven naar ${p.huidigEmail} gaan. ` +
      "Heeft u deze wijziging niet aangevraagd, dan kunt u dit bericht negeren; er verandert dan niets." +
      groet,
  };
}

export function sasUitnodigingInschrijvingMail(p: { procedureTitel: string; naam: string; sluitingAt: string }): MailText {
  return {
    subject: `Uitnodiging tot inschrijving: ${p.procedureTitel}`,
    text:
      `Geachte ${p.naam},\n\nU bent geselecteerd in de procedure "${p.procedureTitel}". Wij nodigen u uit uw definitieve inschrijving (offerte) in te dienen.\n\n` +
      `Dien uw inschrijving in via inkoop, uiterlijk ${formatInstantNl(new Date(p.sluitingAt))}. Een inschrijving die na dat tijdstip binnenkomt, wordt niet aanvaard. ` +
      "Ga uit van de aanbestedingsstukken zoals gewijzigd door de nota's van wijzigingen na de dialoog. " +
      "De inschrijvingen worden pas na de sluiting geopend, door twee personen samen." +
      groet,
  };
}

export function notaVanWijzigingenMail(p: { procedureTitel: string; nummer: number }): MailText {
  return {
    subject: `Nota van wijzigingen ${p.nummer}: ${p.procedureTitel}`,
    text:
      `Geachte kandidaat,\n\nBijgaand ontvangt u nota van wijzigingen ${p.nummer} in de procedure "${p.procedureTitel}". ` +
      "Daarin staan de wijzigingen in de eisen die uit de dialoog zijn voortgekomen. Alle geselecteerde kandidaten ontvangen dezelfde nota tegelijk. " +
      "De nota maakt deel uit van de procedurestukken; houd er bij uw inschrijving rekening mee." +
      groet,
  };
}

export function bezwaarOntvangenMail(p: { procedureTitel: string; naam: string; nr: number }): MailText {
  return {
    subject: `Bezwaar ${p.nr} ontvangen: ${p.procedureTitel}`,
    text:
      `Geachte ${p.naam},\n\nWij hebben uw bezwaar in de procedure "${p.procedureTitel}" ontvangen. Het heeft nummer ${p.nr}; vermeld dat nummer als u ons erover schrijft.\n\n` +
      "De procedure is opgeschort tot uw bezwaar is afgehandeld: zolang wordt er niet definitief gegund. " +
      "U ontvangt bericht van de uitkomst, met de motivering." +
      groet,
  };
}

const BEZWAAR_GEVOLG: Record<"ongegrond" | "ingetrokken" | "gegrond", { uitkomst: string; gevolg: string }> = {
  ongegrond: {
    uitkomst: "ongegrond verklaard",
    gevolg: "De voorlopige gunningsbeslissing blijft staan. De opschorting van de procedure is opgeheven; de procedure gaat verder zodra er geen bezwaren meer openstaan.",
  },
  ingetrokken: {
    uitkomst: "als ingetrokken afgehandeld",
    gevolg: "De voorlopige gunningsbeslissing blijft staan. De opschorting van de procedure is opgeheven; de procedure gaat verder zodra er geen bezwaren meer openstaan.",
  },
  gegrond: {
    uitkomst: "gegrond verklaard",
    gevolg: "De voorlopige gunningsbeslissing vervalt. De inschrijvingen worden opnieuw beoordeeld; u ontvangt daarna een nieuwe beslissing.",
  },
};

export function bezwaarAfgehandeldMail(p: {
  procedureTitel: string;
  naam: string;
  nr: number;
  uitkomst: "ongegrond" | "ingetrokken" | "gegrond";
  motivering: string;
}): MailText {
  const { uitkomst, gevolg } = BEZWAAR_GEVOLG[p.uitkomst];
  return {
    subject: `Bezwaar ${p.nr} afgehandeld (${p.uitkomst}): ${p.procedureTitel}`,
    text:
      `Geachte ${p.naam},\n\nUw bezwaar ${p.nr} in de procedure "${p.procedureTitel}" is ${uitkomst}.\n\nMotivering:\n${p.motivering}\n\n${gevolg}` +
      groet,
  };
}

export function onderhandseUitnodigingMail(p: { procedureTitel: string; naam: string; deadline: string; landelijkTarief: boolean }): MailText {
  return {
    subject: `Uitnodiging tot het doen van een offerte: ${p.procedureTitel}`,
    text:
      `Geachte ${p.naam},\n\nU wordt rechtstreeks uitgenodigd een offerte te doen in de procedure "${p.procedureTitel}". Dit is een onderhandse procedure: u heeft een eigen inkooptraject, zonder concurrentiestelling met andere aanbieders.\n\n` +
      `Doe uw offerte uiterlijk ${formatInstantNl(new Date(p.deadline))} via inkoop: de diensten met hun tarief en eenheid${p.landelijkTarief ? ", en of u de landelijke tarieven aanvaardt of welk ingroeipad u voorstelt (inkoopplan 6.1.3)" : ""}. ` +
      "Daarna volgen gesprekken; na elk gesprek kunt u een herziene offerte doen. Een offerte na de termijn wordt niet aanvaard." +
      groet,
  };
}

export function trajectVerlopenMail(p: { procedureTitel: string; naam: string; deadline: string }): MailText {
  return {
    subject: `Termijn verstreken: ${p.procedureTitel}`,
    text: `Geachte ${p.naam},\n\nDe termijn voor uw offerte in "${p.procedureTitel}" is verstreken op ${formatInstantNl(new Date(p.deadline))} zonder dat wij een offerte ontvingen. Uw inkooptraject is daarmee beëindigd; er volgt geen gunning aan u in deze procedure.` + groet,
  };
}
